"""Step-through mode driven with the keyboard, notes going into today's session."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from gui.coaching.stepthrough import WALK_SESSION_TITLE, StepThrough
from model import coaching
from model.entities import Handoff, Story
from model.stages import STAGES
from tests.coaching_sample import coaching_doc


def make(qtbot):  # type: ignore[no-untyped-def]
    doc, ids = coaching_doc()
    stack = QUndoStack()
    w = StepThrough(doc, stack)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    w.setFocus()
    return w, doc, ids, stack


def test_keyboard_walks_every_step_in_walk_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    w, _doc, ids, _ = make(qtbot)
    seen: list[tuple[list, list]] = []
    w.stepChanged.connect(lambda people, handoffs: seen.append((people, handoffs)))
    assert [h.id for h in w.steps] == [ids["h1"], ids["h2"], ids["h3"]]
    assert w.current().id == ids["h1"]
    assert w.source_card.name.text() == "Ann Lee" and w.target_card.name.text() == "Bob 鲍勃"
    assert w.arrow.what == "signed order"
    assert "Step 1 of 3" in w.position.text()
    assert STAGES[1].question in w.prompts.text()
    assert "terms first" in w.why.text()
    assert "the signed deal" in w.source_story.text()
    qtbot.keyClick(w, Qt.Key.Key_Right)
    assert w.current().id == ids["h2"]
    assert seen[-1] == ([ids["bob"], ids["cyd"]], [ids["h2"]])
    qtbot.keyClick(w, Qt.Key.Key_Space)
    assert w.current().id == ids["h3"]
    assert "Outsourced: InstallCo" in w.source_card.badges.text()
    qtbot.keyClick(w, Qt.Key.Key_Down)  # past the end: stays on the last step
    assert w.index == 2
    qtbot.keyClick(w, Qt.Key.Key_Left)
    assert w.current().id == ids["h2"]
    qtbot.keyClick(w, Qt.Key.Key_Home)
    assert w.index == 0
    qtbot.keyClick(w, Qt.Key.Key_Backspace)
    assert w.index == 0
    qtbot.keyClick(w, Qt.Key.Key_End)
    assert w.index == 2 and "Step 3 of 3" in w.position.text()
    qtbot.keyClick(w, Qt.Key.Key_Up)
    assert w.index == 1
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert not w.isVisible()


def test_notes_go_into_todays_session_and_undo(qtbot) -> None:  # type: ignore[no-untyped-def]
    w, doc, _ids, stack = make(qtbot)
    before = len(doc.sessions)
    qtbot.keyClick(w, Qt.Key.Key_Right)
    qtbot.keyClick(w, Qt.Key.Key_N)
    assert QApplication.focusWidget() is w.note_edit
    qtbot.keyClicks(w.note_edit, "Bob never met Cyd <b>&")
    qtbot.keyClick(w.note_edit, Qt.Key.Key_Left)  # arrows edit the note, they do not step
    assert w.index == 1
    qtbot.keyClick(w.note_edit, Qt.Key.Key_Return)
    assert len(doc.sessions) == before + 1
    session = coaching.session_on(doc, dt.date.today())
    assert session.title == WALK_SESSION_TITLE
    assert session.notes.startswith("Step 2 (Implement), Bob 鲍勃 → Cyd: ")
    assert session.notes.endswith("Bob never met Cyd <b>&")
    assert w.note_list.item(0).text() == "Bob never met Cyd <b>&"
    # focus is back on the walk: the arrow keys step again
    assert QApplication.focusWidget() is w
    qtbot.keyClick(w, Qt.Key.Key_Right)
    assert w.index == 2
    qtbot.keyClick(w, Qt.Key.Key_N)
    qtbot.keyClicks(w.note_edit, "second note")
    qtbot.keyClick(w.note_edit, Qt.Key.Key_Enter)
    assert len(doc.sessions) == before + 1  # the same session
    assert session.notes.count("\n") == 1 and session.notes.endswith(
        "Step 3 (Implement), Cyd → Dana (customer): second note"
    )
    stack.undo()
    assert "second note" not in session.notes
    stack.undo()
    assert coaching.session_on(doc, dt.date.today()) is None and len(doc.sessions) == before
    # Esc in the note field leaves the field, not the walk; an empty note adds nothing
    qtbot.keyClick(w, Qt.Key.Key_N)
    qtbot.keyClicks(w.note_edit, "draft")
    qtbot.keyClick(w.note_edit, Qt.Key.Key_Escape)
    assert w.isVisible() and w.note_edit.text() == "" and stack.count() == 2
    assert QApplication.focusWidget() is w
    qtbot.keyClick(w, Qt.Key.Key_N)
    qtbot.keyClick(w.note_edit, Qt.Key.Key_Return)
    assert stack.index() == 0


def test_walk_follows_edits_and_empty_map_says_what_to_do(qtbot) -> None:  # type: ignore[no-untyped-def]
    w, doc, ids, _stack = make(qtbot)
    qtbot.keyClick(w, Qt.Key.Key_End)
    doc.remove("handoff", ids["h1"])
    w.watcher.flush()
    assert [h.id for h in w.steps] == [ids["h2"], ids["h3"]]
    assert w.current().id == ids["h3"]  # stayed on the same hand-off
    extra = doc.add("handoff", Handoff(ids["cus"], ids["ann"], what="x" * 30000, stage="renew"))
    doc.update("person", ids["cus"], story=Story(moment="😀 " + "long " * 6000))
    w.watcher.flush()
    w.go_to(w.steps.index(extra))
    QApplication.processEvents()
    assert w.arrow.what.endswith("…") and len(w.arrow.what) <= 160
    for hid in list(doc.handoffs):
        doc.remove("handoff", hid)
    w.watcher.flush()
    assert w.current() is None and w.empty.isVisibleTo(w) and not w.content.isVisibleTo(w)
    qtbot.keyClick(w, Qt.Key.Key_Right)  # nothing to step to, nothing breaks
    assert w.index == 0


def test_clicking_the_walk_strip_jumps(qtbot) -> None:  # type: ignore[no-untyped-def]
    w, _doc, _ids, _ = make(qtbot)
    w.resize(1200, 800)
    QApplication.processEvents()
    w.strip.repaint()
    rect, _index = next((r, i) for r, i in w.strip._hits if i == 2)
    qtbot.mouseClick(w.strip, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert w.index == 2
