"""Keeping the view's tiles (tiles.py) true to the scene, and ready before they are needed.

What changed: the view listens to QGraphicsScene.changed, which lists the scene rectangle of
every item that was updated, moved, added, removed, shown or hidden (hover, selection, an
edit, a relayout, arrows routed late, labels placed by the idle pass, the cards a big map's
open makes in idle slices, the what-if marks, a find). With a listener Qt sends the view its
updates through the same list, so the view repaints exactly what the tiles mark dirty. A
pinned header's own move (every scroll step) is left out: the tiles do not hold the headers.
A palette change (colours are read at paint time) drops every tile.

Ready in time: after each frame, in idle slices of about SLICE_S, the tiles of the view and
a ring of one viewport around it are rendered whole, nearest first; so a pan step meets ready
tiles, and a zoom's scaled stand-in is replaced by crisp tiles."""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRectF, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QGraphicsItem

from gui.canvas.layers import tiles

if TYPE_CHECKING:
    from gui.canvas.view import MapView

SLICE_S = 0.008  # an idle slice renders tiles until this is spent (one tile: 3-20 ms at 10,000 people)
IDLE_MS = 40  # after a frame or a change, this long before idle rendering starts
TOO_MANY = 3000  # changed rectangles in one go: every tile is dropped instead


class TileWatch(QObject):
    """The view's tile store, kept true (scene changes, palette) and filled in idle slices."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.view = view
        self.store = tiles.TileStore(view.map_scene)
        self.keep = True  # off: every frame rendered afresh (the same pixels; tests compare)
        self.pinned_rects: set[tuple[float, float, float, float]] = set()
        self._palette = QGuiApplication.palette().cacheKey()
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._slice)
        view.map_scene.changed.connect(self._changed)

    # ----- what changed -----------------------------------------------------
    def note_pinned(self) -> None:
        """Remember where the pinned headers are (called before and after they move)."""
        scene = self.view.map_scene
        items: list[QGraphicsItem] = [*scene.lane_headers.values(), scene.stage_header, scene.corner]
        for item in items:
            r = item.sceneBoundingRect()
            self.pinned_rects.add((r.x(), r.y(), r.width(), r.height()))

    def _changed(self, rects: list[QRectF]) -> None:
        if not shiboken6.isValid(self.view):
            return
        self.note_pinned()
        pinned, self.pinned_rects = self.pinned_rects, set()
        if len(rects) > TOO_MANY:
            self.store.clear()
        else:
            for rect in rects:
                if (rect.x(), rect.y(), rect.width(), rect.height()) not in pinned:
                    self.store.invalidate(rect)
        self.soon()

    def check_palette(self) -> None:
        """Colours are read at paint time: a new palette drops every tile, and the cards'
        cached pictures are made again."""
        key = QGuiApplication.palette().cacheKey()
        if key != self._palette:
            self._palette = key
            self.store.clear()
            for card in self.view.map_scene.cards.values():
                card.update()

    # ----- a frame -----------------------------------------------------------
    def usable(self) -> bool:
        """The tiles work for a scale and whole-pixel shift on a 1x screen."""
        t = self.view.viewportTransform()
        return (t.isAffine() and t.m12() == 0 and t.m21() == 0 and t.m11() == t.m22() and t.m11() > 0
                and t.dx() == int(t.dx()) and t.dy() == int(t.dy())
                and self.view.viewport().devicePixelRatioF() == 1.0)

    def offset(self) -> QPoint:
        t = self.view.viewportTransform()
        return QPoint(-int(t.dx()), -int(t.dy()))

    def prepare(self) -> None:
        """Before a frame: the zoom and palette the tiles are for."""
        self.check_palette()
        zoom = self.view.viewportTransform().m11()
        if zoom != self.store.zoom:
            self.store.set_zoom(zoom)
        self.store.hints = self.view.renderHints()

    def busy(self) -> bool:
        """A gesture under way (a drag, a rubber band): no idle rendering meanwhile."""
        scene = self.view.map_scene
        return bool(QApplication.mouseButtons()) or scene.interaction is not None

    def soon(self) -> None:
        """Render ahead once the app has been idle for IDLE_MS."""
        if self.keep:
            self._idle.start(IDLE_MS)

    # ----- idle slices -----------------------------------------------------
    def wanted(self) -> list[tiles.Key]:
        """The tiles of the view, then a ring of one viewport around it, nearest first."""
        port = self.view.viewport().rect()
        seen = port.translated(self.offset())
        ring = seen.adjusted(-port.width(), -port.height(), port.width(), port.height())
        middle = seen.center()

        def far(key: tiles.Key) -> float:
            c = tiles.tile_rect(key).center()
            inside = 0 if tiles.tile_rect(key).intersects(seen) else 1
            return inside * 1e12 + (c.x() - middle.x()) ** 2 + (c.y() - middle.y()) ** 2

        return sorted(tiles.keys_over(ring), key=far)[:tiles.MAX_TILES * 3 // 4]  # room for a stand-in

    def settle(self) -> None:
        """Finish the idle work now (tests, and a bench that waits for it): every tile of the
        view and its ring rendered whole, the screen repainted from them."""
        while shiboken6.isValid(self.view) and self.keep and self.usable() and not self.busy():
            self.prepare()
            if all(key in self.store.tiles and self.store.tiles[key].settled() for key in self.wanted()):
                break
            if not self._slice():
                break
        self._idle.stop()

    def _slice(self) -> bool:
        """One idle slice; False if it could not work now."""
        if not shiboken6.isValid(self.view) or not self.keep or not self.view.isVisible():
            return False
        if self.busy() or not self.usable():
            self._idle.start(IDLE_MS)
            return False
        self.prepare()
        store, start = self.store, time.perf_counter()
        seen = self.view.viewport().rect().translated(self.offset())
        more = False
        for key in self.wanted():
            tile = store.tiles.get(key)
            if tile is not None and tile.settled():
                continue
            if time.perf_counter() - start > SLICE_S:
                more = True
                break
            store.settle(key)
            area = tiles.tile_rect(key).intersected(seen)
            if not area.isEmpty():  # a stand-in, or pieces, were on screen there
                self.view.viewport().update(area.translated(-self.offset()))
        if not more:
            store.stand_in = None  # the view's tiles are crisp: the old zoom is not needed again
        store.trim(seen.center())
        if more:
            self._idle.start(0)
        return True
