"""Keyboard-only use of the menus: every item has an Alt+letter of its own within its menu,
the right-click (Shift+F10) menus of a card, a hand-off and a lane included. Two items on one
letter (File's two roster imports on I, Edit's Undo and Duplicate on U, View's Zoom Out and
Overview Map on O, Coaching's Compare and Start Page on P; on a card, Log a Contact and What
If They Leave on L, Cut and Tidy Up on T; on a lane, Move Lane Down and Delete on D) made the
letter only move between them, and the View menu's dock items had no letter at all."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from gui.canvas.context_menu import build_menu


def _letter(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def _faults(menu: QMenu, path: str) -> list[str]:
    menu.aboutToShow.emit()  # menus filled when they open (Open Recent) fill now
    faults, seen = [], {}
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        letter = _letter(action.text())
        if letter is None and action.isEnabled():  # a greyed-out note ("No recent maps") needs none
            faults.append(f"{path} > {action.text()!r} has no Alt+letter")
        elif letter is None:
            continue
        elif letter in seen:
            faults.append(f"{path}: {seen[letter]!r} and {action.text()!r} share Alt+{letter}")
        else:
            seen[letter] = action.text()
        if action.menu() is not None:
            faults += _faults(action.menu(), f"{path} > {action.text()}")
    return faults


def test_every_menu_item_has_a_letter_of_its_own(window):
    faults = []
    tops: dict[str | None, str] = {}
    for action in window.menuBar().actions():
        letter = _letter(action.text())
        assert letter is not None and letter not in tops, action.text()
        tops[letter] = action.text()
        faults += _faults(action.menu(), action.text())
    assert faults == []


def test_every_right_click_menu_item_has_a_letter_of_its_own(window):
    w = window
    scene = w.scene
    arrow = scene.handoff_items["h1"]
    places = {
        "card": scene.cards["ana"].sceneBoundingRect().center(),
        "hand-off": arrow.mapToScene(arrow.path().pointAtPercent(0.5)),
        "lane": scene.lane_headers["sales"].sceneBoundingRect().center(),
    }
    faults = []
    for name, point in places.items():
        menu = build_menu(w, w.view.mapFromScene(point))
        assert len(menu.actions()) > 4, name
        faults += _faults(menu, name)
    assert faults == []


def test_the_letter_of_duplicate_duplicates_the_card(window, qtbot):
    """Alt+E, then E: Duplicate (the letter U used to stop on Undo first)."""
    w = window
    w.activateWindow()
    w.view.setFocus()
    w.scene.select_ids(["ana"])
    people = len(w.document.people)
    w.edit_menu.popup(w.mapToGlobal(w.rect().topLeft()))
    qtbot.waitUntil(w.edit_menu.isVisible)
    qtbot.keyClick(w.edit_menu, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: len(w.document.people) == people + 1)
    assert not w.edit_menu.isVisible()
    QApplication.processEvents()
