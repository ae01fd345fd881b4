"""What the pan and zoom tests share: a window on a generated map with long arrows, and the
regions the scene is asked to paint."""
from __future__ import annotations

import canvas_fixtures
from PySide6.QtGui import QColor, QPalette, QRegion
from PySide6.QtWidgets import QGraphicsView

from bench.mapgen import make_big_map


def open_window(qtbot, tmp_path, monkeypatch):
    """The main window on a 300-person generated map (long arrows across many lanes), its arrows
    routed."""
    w = canvas_fixtures.open_window(qtbot, tmp_path, monkeypatch, make_big_map(300, seed=1), (1300, 850))
    w.scene.lazy_arrows.settle_all()
    return w


def record_scene_paints(monkeypatch) -> list[QRegion]:
    """From now until `monkeypatch.undo()`, every region QGraphicsView paints from the scene."""
    asked: list[QRegion] = []
    original = QGraphicsView.paintEvent

    def recording(self, event):
        asked.append(event.region())
        original(self, event)

    monkeypatch.setattr(QGraphicsView, "paintEvent", recording)
    return asked


def dark_palette(palette: QPalette) -> QPalette:
    """`palette` with a dark window, base and text (as a desktop's dark theme sets them)."""
    dark = QPalette(palette)
    for role, colour in ((QPalette.ColorRole.Window, "#202326"), (QPalette.ColorRole.Base, "#141618"),
                         (QPalette.ColorRole.Text, "#fcfcfc"), (QPalette.ColorRole.WindowText, "#fcfcfc")):
        dark.setColor(role, QColor(colour))
    return dark
