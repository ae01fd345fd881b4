"""A keyboard user is never trapped in a big canvas: Ctrl+Tab / Ctrl+Shift+Tab move between the
main panes (palette, canvas, inspector, insights) in one press however many cards the map has
(Tab walks the cards, as issue 14 asks; past the last it leaves too); the arrow keys and
Home / End move between cards."""
from __future__ import annotations

import pytest
from canvas_fixtures import open_window
from PySide6.QtCore import Qt

from model.document import Document
from model.entities import Department, Person
from model.stages import STAGE_IDS

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def big_map(n: int = 300) -> Document:
    doc = Document.with_standard_statements()
    doc.add("department", Department("Operations", "#4E79A7", id="ops"))
    for i in range(n):
        stage = STAGE_IDS[i % len(STAGE_IDS)]
        doc.add("person", Person(f"Person {i:03d}", "Clerk", "ops", stage=stage, id=f"p{i:03d}"))
    return doc


@pytest.fixture
def big_window(qtbot, tmp_path, monkeypatch, boxes):
    w = open_window(qtbot, tmp_path, monkeypatch, big_map())
    yield w
    w.undo_stack.setClean()
    w.close()


def focus_canvas(w, qtbot) -> None:
    w.activateWindow()
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)


def in_dock(dock, qtbot) -> None:
    qtbot.waitUntil(lambda: dock.isAncestorOf(dock.window().focusWidget()))


def test_one_ctrl_tab_leaves_a_300_card_canvas_for_the_inspector(big_window, qtbot):
    w = big_window
    focus_canvas(w, qtbot)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)  # the arrows reach the cards
    chosen = w.scene.selected_person_ids()
    assert len(chosen) == 1
    qtbot.keyClick(w.view, Qt.Key.Key_Tab)  # Tab walks on to the next card in reading order
    assert w.view.hasFocus() and len(w.scene.selected_person_ids()) == 1
    chosen = w.scene.selected_person_ids()
    qtbot.keyClick(w.view, Qt.Key.Key_Tab, CTRL)
    in_dock(w.inspector_dock, qtbot)  # one press: on to the next pane
    assert not w.view.hasFocus()
    assert w.scene.selected_person_ids() == chosen  # the card stays selected: the inspector shows it
    # Shift+Tab from the inspector's first field comes back to the canvas
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Backtab, SHIFT)
    qtbot.waitUntil(w.view.hasFocus)


def test_ctrl_shift_tab_goes_to_the_palette_and_tab_from_there_to_the_canvas(big_window, qtbot):
    w = big_window
    focus_canvas(w, qtbot)
    qtbot.keyClick(w.view, Qt.Key.Key_Backtab, CTRL | SHIFT)
    in_dock(w.palette_dock, qtbot)
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(w.view.hasFocus)


def test_tab_past_the_last_card_leaves_and_the_arrows_start_at_a_card(big_window, qtbot):
    w = big_window
    focus_canvas(w, qtbot)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    last = w.scene.selected_person_ids()
    qtbot.keyClick(w.view, Qt.Key.Key_Tab)
    in_dock(w.inspector_dock, qtbot)
    assert w.scene.selected_person_ids() == last
    focus_canvas(w, qtbot)
    w.scene.select_ids([], centre=False)
    qtbot.keyClick(w.view, Qt.Key.Key_Down)
    assert len(w.scene.selected_person_ids()) == 1


def test_home_and_end_go_to_the_first_and_last_card_of_the_walk(big_window, qtbot):
    w = big_window
    focus_canvas(w, qtbot)
    order = w.keys.order()
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    assert w.scene.selected_person_ids() == [order[-1]]
    qtbot.keyClick(w.view, Qt.Key.Key_Home)
    assert w.scene.selected_person_ids() == [order[0]]
    assert w.document.people[order[0]].stage == STAGE_IDS[0]
    assert w.document.people[order[-1]].stage == STAGE_IDS[-1]
