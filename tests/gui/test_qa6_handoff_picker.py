"""Ctrl+Shift+H, "hands off to…": the dialog is wide enough for its lines, so the note
"(already receives a hand-off)" at their end is read, not hidden behind a sideways scroll bar."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from gui.canvas.handoff_picker import HandoffPicker
from model.storage.store import load

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "example.cwalk"


def test_the_picker_shows_its_longest_line_whole(qtbot, tmp_path, monkeypatch, boxes):
    from gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    w = MainWindow(load(EXAMPLE), None)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    maya = next(pid for pid, p in w.document.people.items() if p.name == "Maya Lindqvist")
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    w.scene.select_ids([maya])
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_H, ctrl_shift)
    picker = w.findChild(HandoffPicker)
    assert picker is not None and picker.isVisible()
    already = [picker.list.item(i).text() for i in range(picker.list.count())
               if picker.list.item(i).text().endswith("(already receives a hand-off)")]
    assert already  # Maya hands off to Tom Becker already
    assert not picker.list.horizontalScrollBar().isVisible()
    widest = max(picker.list.visualItemRect(picker.list.item(i)).width() for i in range(picker.list.count()))
    assert picker.list.viewport().width() >= picker.list.fontMetrics().horizontalAdvance(already[0])
    assert widest <= picker.list.viewport().width()
    picker.reject()
