"""What the pan and zoom tests share: the regions the scene is asked to paint."""
from __future__ import annotations

from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QGraphicsView


def record_scene_paints(monkeypatch, view=None, frames=False) -> list[QRegion]:
    """From now until `monkeypatch.undo()`, every region QGraphicsView paints from the scene;
    with `view`'s tile cache on (gui/canvas/layers/tiles.py), every region a frame renders into
    its tiles (viewport pixels), or with `frames` every region a frame paints."""
    asked: list[QRegion] = []
    original = QGraphicsView.paintEvent

    def recording(self, event):
        asked.append(event.region())
        original(self, event)

    monkeypatch.setattr(QGraphicsView, "paintEvent", recording)
    if view is not None and view.tile_cache is not None and frames:
        from gui.canvas.layers import frame

        paint = frame.paint

        def framing(target, region):
            asked.append(QRegion(region))
            paint(target, region)

        monkeypatch.setattr(frame, "paint", framing)
    elif view is not None and view.tile_cache is not None:
        from gui.canvas.layers import tiles

        clean = tiles.TileStore.clean

        def rendering(store, key, part):
            before = QRegion(store.tile(key).dirty)
            clean(store, key, part)
            done = before.subtracted(store.tile(key).dirty)
            origin = tiles.tile_rect(key).topLeft() - view.tile_cache.offset()
            asked.append(done.translated(origin))

        monkeypatch.setattr(tiles.TileStore, "clean", rendering)
    return asked
