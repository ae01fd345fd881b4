"""Paste is offered only when there is something to paste: people copied from a map. A plain
text on the clipboard (copied from a mail, say) leaves it greyed out, and it lights up as soon
as a card is copied, here or in another window."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication


def test_paste_follows_what_the_clipboard_holds(window, qtbot):
    w = window
    board = QGuiApplication.clipboard()
    board.setText("just some words from a mail")
    paste = w.edit.paste
    qtbot.waitUntil(lambda: not paste.isEnabled())
    before = len(w.document.people)
    qtbot.keyClick(w.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(w.document.people) == before  # nothing to paste, nothing pasted

    w.activateWindow()
    w.view.setFocus()
    w.scene.select_ids(["ana"])
    qtbot.keyClick(w.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(paste.isEnabled)
    qtbot.keyClick(w.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(w.document.people) == before + 1

    board.setText("another line of text")  # the user copies something else
    qtbot.waitUntil(lambda: not paste.isEnabled())
    board.clear()
    qtbot.waitUntil(lambda: not paste.isEnabled())
