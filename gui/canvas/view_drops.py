"""What the canvas view does with drags: palette tiles dropped on the map (TileDrop places
them), .cwalk and .csv files dropped to open or import, and the map scrolling by itself
while a tile is dragged near an edge (so every stage is reachable in one drag)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from gui.canvas.interactions import TileDrop, tile_payload

if TYPE_CHECKING:
    from gui.canvas.scene import MapScene

EDGE, EDGE_SPEED = 32, 24  # a drag this near an edge (px) scrolls the map this far per tick
EDGE_DWELL_MS = 300  # ... once it has stayed near that edge this long (a drag passing in does not)
FILE_SUFFIXES = (".cwalk", ".csv")


def dropped_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """Local .cwalk and .csv files carried by a drag."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    out = []
    for url in data.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in FILE_SUFFIXES:
                out.append(path)
    return out


class DropView(QGraphicsView):
    """The drop half of the map view (MapView adds zoom, pan and editing)."""

    filesDropped = Signal(list)  # list[Path]
    personTileDropped = Signal()  # a new colleague, customer or lane added (and selected) by a drop

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setAcceptDrops(True)
        self.tile_drop = TileDrop(scene)
        self._scroll_step = (0, 0)
        self._scroll_at: QPoint | None = None
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setInterval(30)
        self._scroll_timer.timeout.connect(self._edge_tick)
        self._dwell = QTimer(self)  # the wait near an edge before the map scrolls
        self._dwell.setSingleShot(True)
        self._dwell.setInterval(EDGE_DWELL_MS)
        self._dwell.timeout.connect(self._scroll_timer.start)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if tile_payload(event.mimeData())[0] or dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def _edge_scroll(self, pos: QPoint | None) -> None:
        """While a tile is held near an edge of the canvas, the map scrolls that way (every
        stage is reachable in one drag); away from the edges, or dropped, it stops. It starts
        after a short wait: a tile dragged in from the palette crosses an edge on its way, and
        the map scrolled under the pointer there (on a small screen the palette is at the right)."""
        step = (0, 0)
        if pos is not None:
            r = self.viewport().rect()
            dx = -EDGE_SPEED if pos.x() < EDGE else EDGE_SPEED if pos.x() > r.width() - EDGE else 0
            dy = -EDGE_SPEED if pos.y() < EDGE else EDGE_SPEED if pos.y() > r.height() - EDGE else 0
            step = (dx, dy)
        self._scroll_step = step
        self._scroll_at = pos
        if step == (0, 0):
            self._scroll_timer.stop()
            self._dwell.stop()
        elif not self._scroll_timer.isActive() and not self._dwell.isActive():
            self._dwell.start()

    def _edge_tick(self) -> None:
        dx, dy = self._scroll_step
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + dx)
        v.setValue(v.value() + dy)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        kind, what = tile_payload(event.mimeData())
        self._edge_scroll(event.position().toPoint() if kind else None)
        if kind:
            if self.tile_drop.hover(kind, what, self.mapToScene(event.position().toPoint())):
                event.acceptProposedAction()
            else:
                event.ignore()
            return
        if dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._edge_scroll(None)
        self.tile_drop.leave()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._edge_scroll(None)
        kind, what = tile_payload(event.mimeData())
        if kind:
            if self.tile_drop.drop(kind, what, self.mapToScene(event.position().toPoint())):
                event.acceptProposedAction()
                if kind == "new":  # after this drop has settled: the new card or lane is named
                    QTimer.singleShot(0, self.personTileDropped.emit)
            else:
                event.ignore()
            self.setFocus()
            return
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.filesDropped.emit(files)
            return
        event.ignore()
