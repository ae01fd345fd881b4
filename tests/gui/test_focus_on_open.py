"""Right after a map opens, the keyboard is on the map: Tab walks its cards, a stray Space adds
nothing (it used to land on the palette's first tile). A palette tile pressed with Space adds in
sight, hands the focus to the map and says what it did."""
from __future__ import annotations

from pathlib import Path

import pytest
from canvas_fixtures import sample_map
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.canvas.mime import NEW_DEPARTMENT
from model.storage.store import save


def typed(w, qtbot, key: Qt.Key) -> None:
    """A key pressed as a person presses it: to the window, which hands it to its focus widget."""
    qtbot.keyClick(w.windowHandle(), key)


def on_the_map(w, qtbot) -> None:
    """The window is active and its keyboard focus is the canvas."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.view)


def look_away(w, qtbot) -> None:
    """The user was typing in the roster's search when the next map came."""
    w.palette_panel.search.setFocus()
    qtbot.waitUntil(w.palette_panel.search.hasFocus)


def test_a_new_window_starts_on_the_map_and_a_stray_space_adds_nothing(window, qtbot):
    w = window
    on_the_map(w, qtbot)
    departments, people = len(w.document.departments), len(w.document.people)
    typed(w, qtbot, Qt.Key.Key_Space)
    assert (len(w.document.departments), len(w.document.people)) == (departments, people)
    assert not w.undo_stack.canUndo()
    typed(w, qtbot, Qt.Key.Key_Tab)  # Tab walks the cards from the first in reading order
    assert w.scene.selected_person_ids() == ["ana"]
    assert QApplication.focusWidget() is w.view


def test_open_recent_and_file_open_land_on_the_map(window, qtbot, tmp_path: Path, monkeypatch):
    w = window
    target = tmp_path / "other.cwalk"
    save(sample_map(), target)
    on_the_map(w, qtbot)
    look_away(w, qtbot)
    assert w.file.open_recent(str(target))
    on_the_map(w, qtbot)
    look_away(w, qtbot)
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    assert w.file.open_map()
    on_the_map(w, qtbot)
    typed(w, qtbot, Qt.Key.Key_End)
    assert w.scene.selected_person_ids() == ["cara"]  # the last card in reading order


def test_file_new_lands_on_the_map(window, qtbot, monkeypatch):
    from gui.files.template_dialog import TemplateDialog

    w = window
    look_away(w, qtbot)
    monkeypatch.setattr(TemplateDialog, "choose_with_people", staticmethod(lambda parent: ("services", True)))
    assert w.file.new_map()
    on_the_map(w, qtbot)


def test_a_map_chosen_in_a_dialog_gets_the_keyboard_back_when_the_dialog_is_gone(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from gui.files.template_dialog import TemplateDialog

    w = window
    on_the_map(w, qtbot)

    def chooser(parent):  # File > New's dialog, shown, answered, gone: nothing is active then
        dialog = QDialog(parent)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog.close()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is None)
        return "services", True

    monkeypatch.setattr(TemplateDialog, "choose_with_people", staticmethod(chooser))
    assert w.file.new_map()
    qtbot.waitUntil(w.isActiveWindow)
    typed(w, qtbot, Qt.Key.Key_Home)  # at once, with no click to wake the window
    assert len(w.scene.selected_person_ids()) == 1


@pytest.mark.parametrize("choice", ["example", "template"])
def test_the_start_page_hands_the_keyboard_to_the_map_it_opened(window, qtbot, choice):
    w = window
    page = w.coaching.show_start_page()
    qtbot.waitExposed(page)
    if choice == "example":
        page.exampleRequested.emit()
    else:
        page.newFromTemplate.emit("order-to-cash")
    qtbot.waitUntil(lambda: w.coaching.start_page is None)
    assert w.document.people  # the map the page opened
    on_the_map(w, qtbot)
    typed(w, qtbot, Qt.Key.Key_Home)
    assert len(w.scene.selected_person_ids()) == 1


def test_enter_on_a_start_page_button_opens_its_map_on_the_map(window, qtbot):
    w = window
    page = w.coaching.show_start_page()
    qtbot.waitExposed(page)
    page.activateWindow()
    blank = page.template_buttons["blank"]
    blank.setFocus()
    qtbot.waitUntil(blank.hasFocus)
    qtbot.keyClick(page.windowHandle(), Qt.Key.Key_Return)  # the page is not a QDialog: Enter did nothing
    qtbot.waitUntil(lambda: w.coaching.start_page is None)
    assert not w.document.people and w.path is None  # the blank template
    on_the_map(w, qtbot)


def test_space_on_a_palette_tile_adds_in_sight_and_hands_the_focus_to_the_map(window, qtbot):
    w = window
    on_the_map(w, qtbot)
    tile = w.palette_panel.tiles[NEW_DEPARTMENT]
    tile.setFocus()
    qtbot.waitUntil(tile.hasFocus)
    before = len(w.document.departments)
    typed(w, qtbot, Qt.Key.Key_Space)
    assert len(w.document.departments) == before + 1
    assert len(w.scene.selected_department_ids()) == 1  # selected, in the inspector
    assert "Ctrl+Z" in w.statusBar().currentMessage()  # said, with the way back
    focus = QApplication.focusWidget()
    assert focus is w.view or w.view.isAncestorOf(focus)  # on the map: the new lane's name is open
    typed(w, qtbot, Qt.Key.Key_Space)  # a second Space goes to the map: nothing more is added
    assert len(w.document.departments) == before + 1

