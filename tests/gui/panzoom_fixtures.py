"""What the pan and zoom tests share: the regions the scene is asked to paint."""
from __future__ import annotations

from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QGraphicsView


def record_scene_paints(monkeypatch) -> list[QRegion]:
    """From now until `monkeypatch.undo()`, every region QGraphicsView paints from the scene."""
    asked: list[QRegion] = []
    original = QGraphicsView.paintEvent

    def recording(self, event):
        asked.append(event.region())
        original(self, event)

    monkeypatch.setattr(QGraphicsView, "paintEvent", recording)
    return asked
