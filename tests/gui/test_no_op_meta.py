"""A change to the map's details that changes nothing is nothing: no event, no undo step, and the
map is not marked modified (typing a title and back, "Mark as you" on who already is)."""
from __future__ import annotations

from canvas_fixtures import sample_map
from PySide6.QtCore import Qt

from gui.commands import MetaCommand
from model.events import Event


def test_a_no_op_update_meta_announces_nothing_and_a_partial_one_only_what_changed() -> None:
    doc = sample_map()
    heard: list[Event] = []
    doc.subscribe(heard.append)
    old = doc.update_meta(title=doc.meta.title, stale_days=doc.meta.stale_days)
    assert heard == [] and old == {"title": "Test walk", "stale_days": 90}
    doc.update_meta(title="Test walk", stale_days=30)
    assert [e.fields for e in heard] == [("stale_days",)]
    assert doc.meta.stale_days == 30


def test_typing_the_title_and_back_leaves_no_undo_step_and_no_modified_mark(window, qtbot) -> None:
    w = window
    w.scene.clearSelection()
    form = w.inspector.map_form
    assert w.inspector.pages.currentWidget() is form and form.title.text() == "Test walk"
    form.title.setFocus()
    form.title.end(False)
    qtbot.keyClicks(form.title, " 2")
    assert w.document.meta.title == "Test walk 2" and w.undo_stack.count() == 1 and w.is_modified()
    qtbot.keyClick(form.title, Qt.Key.Key_Backspace)
    qtbot.keyClick(form.title, Qt.Key.Key_Backspace)
    assert w.document.meta.title == "Test walk"
    assert w.undo_stack.count() == 0 and not w.is_modified() and not w.isWindowModified()
    assert "*" not in w.windowTitle().replace("[*]", "")


def test_marking_who_already_is_you_is_not_an_undo_step(window) -> None:
    w = window
    assert w.scene.push(MetaCommand(w.document, {"you_id": "ana"}, "Mark as you"))
    assert w.undo_stack.count() == 1 and w.is_modified()
    w.undo_stack.setClean()
    heard: list[Event] = []
    w.document.subscribe(heard.append)
    assert w.scene.push(MetaCommand(w.document, {"you_id": "ana"}, "Mark as you"))
    assert heard == [] and w.undo_stack.count() == 1 and not w.is_modified()
    w.undo_stack.undo()  # the one real step still undoes
    assert w.document.meta.you_id is None
