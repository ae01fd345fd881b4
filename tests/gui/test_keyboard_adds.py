"""Building a map without the mouse: Map > Add Colleague / Department / Customer Contact
(Ctrl+Shift+N / D / C), like the palette's tiles pressed with Space, put the new thing beside
the selection or in sight, never refused because the view's middle is the customers' lane; a
new card's name opens for typing."""
from __future__ import annotations

import pytest
from canvas_fixtures import open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from gui.canvas.mime import NEW_COLLEAGUE
from model.document import Document
from model.entities import Department
from model.stages import STAGE_IDS

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def one_lane() -> Document:
    """A new map with one department and the customers' lane, nobody in it yet."""
    doc = Document.with_standard_statements()
    doc.add("department", Department("Sales <&> 销售", "#4E79A7", id="sales"))
    return doc


@pytest.fixture
def blank(qtbot, tmp_path, monkeypatch, boxes):
    w = open_window(qtbot, tmp_path, monkeypatch, one_lane())
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.view)
    yield w
    w.undo_stack.setClean()


def press(w, qtbot, key: Qt.Key) -> None:
    qtbot.keyClick(w.windowHandle(), key, CTRL_SHIFT)


def name_typed(w, qtbot, name: str) -> None:
    """The new card's name editor is open and takes what is typed, Enter keeps it."""
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    assert w.view.viewport().isAncestorOf(editor), "the name is typed on the card"
    editor.selectAll()
    editor.insert(name)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def newest(w) -> str:
    return list(w.document.people)[-1]


def test_colleagues_added_by_keys_go_in_the_lane_then_beside_the_last(blank, qtbot):
    w = blank
    press(w, qtbot, Qt.Key.Key_N)
    first = newest(w)
    assert w.document.people[first].department_id == "sales", "not refused: the lane nearest the middle"
    name_typed(w, qtbot, "Ana <&> 😀")
    assert w.document.people[first].name == "Ana <&> 😀"
    assert w.scene.selected_person_ids() == [first]
    press(w, qtbot, Qt.Key.Key_N)  # with Ana selected: beside her, the next stage
    second = newest(w)
    assert second != first and w.document.people[second].department_id == "sales"
    stage = STAGE_IDS.index(w.document.people[first].stage)
    assert w.document.people[second].stage == STAGE_IDS[min(stage + 1, len(STAGE_IDS) - 1)]
    name_typed(w, qtbot, "Bo")
    assert [p.name for p in w.document.people.values()] == ["Ana <&> 😀", "Bo"]
    w.undo_stack.undo()
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert list(w.document.people) == [first]  # each add and each name: one undo step


def test_a_tile_pressed_with_the_middle_on_the_customers_lane_still_adds_a_colleague(blank, qtbot):
    w = blank
    customers = w.scene.lane("__customers__")
    assert customers is not None
    w.view.centerOn(w.view.mapToScene(w.view.viewport().rect().center()).x(),
                    customers.top + customers.height / 2)
    tile = w.palette_panel.tiles[NEW_COLLEAGUE]
    tile.setFocus()
    qtbot.waitUntil(tile.hasFocus)
    qtbot.keyClick(w.windowHandle(), Qt.Key.Key_Space)
    assert len(w.document.people) == 1
    assert w.document.people[newest(w)].department_id == "sales"


def test_a_department_added_by_keys_goes_after_the_selected_lane(blank, qtbot):
    w = blank
    w.document.add("department", Department("Legal", "#F28E2B", id="legal"))
    w.scene.select_ids([], centre=False, department_ids=["sales"])
    press(w, qtbot, Qt.Key.Key_D)
    assert list(w.document.departments)[0] == "sales" and len(w.document.departments) == 3
    added = [d for d in w.document.departments if d not in ("sales", "legal")]
    assert list(w.document.departments) == ["sales", added[0], "legal"]
    assert w.scene.selected_department_ids() == added
    assert "Ctrl+Z" in w.statusBar().currentMessage()


def test_a_customer_added_by_keys_goes_in_the_customers_lane(blank, qtbot):
    w = blank
    press(w, qtbot, Qt.Key.Key_C)
    pid = newest(w)
    assert w.document.people[pid].is_customer and w.document.people[pid].placed
    name_typed(w, qtbot, "Globex buyer")
    assert w.document.people[pid].name == "Globex buyer"


def test_after_the_hand_off_picker_the_keys_go_on_with_the_map(blank, qtbot):
    from gui.canvas.handoff_picker import HandoffPicker

    w = blank
    press(w, qtbot, Qt.Key.Key_N)
    name_typed(w, qtbot, "Ana")
    press(w, qtbot, Qt.Key.Key_N)
    name_typed(w, qtbot, "Bo")
    qtbot.keyClick(w.windowHandle(), Qt.Key.Key_Home)  # Ana, the first in reading order
    press(w, qtbot, Qt.Key.Key_H)
    picker = w.findChild(HandoffPicker)
    assert picker is not None
    qtbot.waitUntil(picker.filter.hasFocus)
    picker.filter.insert("Bo")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert [(w.document.people[h.source].name, w.document.people[h.target].name)
            for h in w.document.handoffs.values()] == [("Ana", "Bo")]
    qtbot.waitUntil(w.isActiveWindow)  # given back the activation the picker had
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.view)
    qtbot.keyClick(w.windowHandle(), Qt.Key.Key_End)  # typed at once, as a person goes on
    assert [w.document.people[p].name for p in w.scene.selected_person_ids()] == ["Bo"]


def test_a_refused_add_says_why_and_does_not_claim_it_was_made(qtbot, tmp_path, monkeypatch, boxes):
    from model.document import DocumentError

    w = open_window(qtbot, tmp_path, monkeypatch, one_lane())
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    from gui.commands import MetaCommand

    w.undo_stack.push(MetaCommand(w.document, {"title": "Acme <&> walk"}, "Rename the map"))
    add = w.document.add

    def refuse(entity, item, index=None):  # (a blank map's first colleague is no longer refused:
        if entity == "person":             # it goes to the "No department" lane, test_mouse10_window)
            raise DocumentError("this map takes nobody new today")
        return add(entity, item, index)

    monkeypatch.setattr(w.document, "add", refuse)
    shown: list[str] = []  # (the rename's autosave may say so later, on a loaded machine)
    w.statusBar().messageChanged.connect(shown.append)
    press(w, qtbot, Qt.Key.Key_N)  # refused, after another edit that can be undone
    assert not w.document.people
    said = [text for text in shown if not text.startswith("Autosaved")]
    assert said and "nobody new" in said[-1], shown  # why, not "Add …: Ctrl+Z takes it back"
    assert any("nobody new" in text for text in boxes["warning"])
    assert w.undo_stack.undoText() == "Rename the map"
    w.undo_stack.setClean()


def test_the_map_menu_and_the_tiles_name_the_keys(blank):
    w = blank
    texts = [a.text() for a in w.map_menu.actions()]
    assert texts[:3] == ["Add &Colleague", "Add &Department", "Add Customer Con&tact"]
    assert "Ctrl+Shift+N" in w.palette_panel.tiles[NEW_COLLEAGUE].toolTip()


def test_the_status_bar_says_what_undo_and_redo_did(blank, qtbot):
    """The edit's own note ("…: Ctrl+Z takes it back") stayed up after the undo that took it back."""
    w = blank
    qtbot.keyClick(w.windowHandle(), Qt.Key.Key_D, CTRL_SHIFT)  # Map > Add Department
    QApplication.focusWidget().clearFocus()  # leave the new lane's name as it is
    what = w.undo_stack.undoText()
    assert what and len(w.document.departments) == 2
    assert "takes it back" in w.statusBar().currentMessage()
    w.edit.undo.trigger()
    assert len(w.document.departments) == 1
    assert w.statusBar().currentMessage() == f"Undone: {what}"
    w.edit.redo.trigger()
    assert len(w.document.departments) == 2
    assert w.statusBar().currentMessage() == f"Redone: {what}"
