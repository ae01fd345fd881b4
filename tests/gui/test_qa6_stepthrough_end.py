"""Leaving Step Through gives the canvas back as the coach left it: the walk's last step is no
longer selected (a Delete pressed next would have removed two people and their hand-off)."""
from __future__ import annotations

from PySide6.QtCore import Qt


def test_leaving_the_walk_restores_the_selection_from_before(window, qtbot):
    w = window
    w.activateWindow()
    w.view.setFocus()
    w.scene.select_ids([], [])  # nothing selected, as after a click on empty canvas
    qtbot.keyClick(w.view, Qt.Key.Key_F5)
    st = w.coaching.stepthrough
    assert st is not None and w.scene.selected_person_ids()  # the step is shown on the canvas
    qtbot.keyClick(st, Qt.Key.Key_End)
    qtbot.keyClick(st, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w.coaching.stepthrough is None)
    assert w.scene.selected_person_ids() == [] and w.scene.selected_handoff_ids() == []
    people = len(w.document.people)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert len(w.document.people) == people

    w.scene.select_ids(["luc"], [])  # a card chosen before the walk is chosen again after it
    qtbot.keyClick(w.view, Qt.Key.Key_F5)
    st = w.coaching.stepthrough
    assert st is not None
    qtbot.keyClick(st, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w.coaching.stepthrough is None)
    assert w.scene.selected_person_ids() == ["luc"]
