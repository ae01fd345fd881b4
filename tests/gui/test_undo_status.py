"""After Undo or Redo the status bar says what was undone or redone; the edit's own note
("…: Ctrl+Z takes it back") stayed up after the undo that took it back."""
from __future__ import annotations

import pytest
from canvas_fixtures import open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_keyboard_adds import CTRL_SHIFT, one_lane


@pytest.fixture
def blank(qtbot, tmp_path, monkeypatch, boxes):
    w = open_window(qtbot, tmp_path, monkeypatch, one_lane())
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.view)
    yield w
    w.undo_stack.setClean()


def test_the_status_bar_says_what_undo_and_redo_did(blank, qtbot):
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
