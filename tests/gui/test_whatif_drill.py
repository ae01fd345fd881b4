"""The what-if drill in the app: select someone, "What If They Leave?", see what breaks; the map
stays as it was until "Make This a Plan", which is one undo step."""
from __future__ import annotations

import datetime as dt

import pytest
from canvas_fixtures import open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsPathItem

from gui.canvas.context_menu import build_menu
from model import coaching
from model.example import build_example
from model.storage.serialize import to_data


@pytest.fixture
def example_window(qtbot, tmp_path, monkeypatch, boxes):  # type: ignore[no-untyped-def]
    return open_window(qtbot, tmp_path, monkeypatch, build_example())


def pid(w, name: str) -> str:  # type: ignore[no-untyped-def]
    return w.document.find_people(name)[0].id


def marks(w) -> list:  # type: ignore[no-untyped-def]
    return [i for i in w.scene.items() if isinstance(i, QGraphicsPathItem) and i.zValue() == 50.0]


def test_the_drill_shows_what_breaks_without_changing_the_map(example_window, qtbot):  # type: ignore[no-untyped-def]
    w = example_window
    lars = pid(w, "Lars Nilsson")
    before, steps = to_data(w.document), w.undo_stack.count()
    card = w.scene.cards[lars]
    menu = build_menu(w, w.view.mapFromScene(card.sceneBoundingRect().center()))
    action = next(a for a in menu.actions() if a.text().replace("&", "") == "What If They Leave?…")
    action.trigger()
    drill = w.whatif_drill
    assert drill.dock.isVisible()
    assert "What if Lars Nilsson left?" in drill.panel.heading.text()
    assert "Elena Costa" in drill.panel.text.toPlainText()  # the cover suggestion
    assert card.graphicsEffect() is not None and card.opacity() < 1.0
    assert len(marks(w)) >= 3  # the broken hand-offs and the steps cut off
    assert to_data(w.document) == before and w.undo_stack.count() == steps and w.undo_stack.isClean()

    qtbot.mouseClick(drill.panel.end_button, Qt.MouseButton.LeftButton)
    assert not drill.dock.isVisible()
    assert card.graphicsEffect() is None and card.opacity() == 1.0 and not marks(w)
    assert to_data(w.document) == before


def test_make_this_a_plan_is_one_undo_step(example_window, qtbot):  # type: ignore[no-untyped-def]
    w = example_window
    lars = pid(w, "Lars Nilsson")
    before, steps = to_data(w.document), w.undo_stack.count()
    assert coaching.session_on(w.document, dt.date.today()) is None
    w.scene.select_ids([lars])
    w.view.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_X, ctrl_shift)
    drill = w.whatif_drill
    assert drill.active and drill.dock.isVisible()
    qtbot.mouseClick(drill.panel.plan_button, Qt.MouseButton.LeftButton)
    assert w.undo_stack.count() == steps + 1
    session = coaching.session_on(w.document, dt.date.today())
    assert session is not None and len(session.action_items) == 1
    item = session.action_items[0]
    assert item.owner == "Elena Costa" and "Lars Nilsson" in item.text
    assert not drill.active and not marks(w)  # the plan ends the drill and restores the canvas
    w.undo_stack.undo()
    assert to_data(w.document) == before
    w.undo_stack.redo()
    assert coaching.session_on(w.document, dt.date.today()).action_items[0].owner == "Elena Costa"


def test_a_plan_joins_todays_session_and_the_drill_follows_edits(example_window, qtbot):  # type: ignore[no-untyped-def]
    from gui.commands import AddCommand, RemoveCommand
    from model.entities import Session

    w = example_window
    today = Session(dt.date.today().isoformat(), "Today")
    w.undo_stack.push(AddCommand(w.document, "session", today))
    tom, priya = pid(w, "Tom Becker"), pid(w, "Priya Raman")
    w.scene.select_ids([tom, priya])
    w.edit.what_if.trigger()
    drill = w.whatif_drill
    assert set(drill.leavers) == {tom, priya}
    # the person deleted while drilling: the drill carries on with who is left
    w.undo_stack.push(RemoveCommand(w.document, "person", priya))
    qtbot.waitUntil(lambda: drill.leavers == [tom])
    steps = w.undo_stack.count()
    qtbot.mouseClick(drill.panel.plan_button, Qt.MouseButton.LeftButton)
    assert w.undo_stack.count() == steps + 1
    assert len(w.document.sessions) == 1 + len(build_example().sessions)
    assert [a.text for a in w.document.sessions[today.id].action_items][0].startswith("Cover for Tom Becker")
    w.undo_stack.undo()
    assert w.document.sessions[today.id].action_items == []
