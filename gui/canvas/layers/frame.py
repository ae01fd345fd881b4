"""One frame of the map view with the tile cache on (tiles.py, tile_watch.py): the part of
the update outside the pinned headers comes from the tiles, then the headers are painted over
them (their antialiased edges too), then the rubber band, as QGraphicsView would draw it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QRegion, QTransform
from PySide6.QtWidgets import QRubberBand, QStyle, QStyleOptionRubberBand

from gui.canvas.items import painting_tiles
from gui.canvas.layers import pinned

if TYPE_CHECKING:
    from gui.canvas.view import MapView


def paint(view: MapView, region: QRegion) -> None:
    """Paint `region` (viewport pixels) of the view."""
    watch = view.tile_cache
    assert watch is not None
    if not watch.usable():
        direct(view, region)
        return
    watch.prepare()
    headers = [] if not view.split_headers or pinned.marks_up(view) else pinned.headers(view)
    covered = pinned.cover(view, headers).intersected(region) if headers else QRegion()
    rest = region.subtracted(covered)
    offset = watch.offset()
    top = pinned.reach(view, headers).intersected(region)

    def over(painter: QPainter, transform: QTransform, within: QRectF) -> None:
        """The headers a tile's own render would paint (those reaching its scene rectangle)."""
        reaching = [h for h in headers if h.sceneBoundingRect().intersects(within)]
        pinned.paint_items(painter, reaching, transform)

    painter = QPainter(view.viewport())
    shown = watch.store.paint(painter, rest.translated(offset), offset, watch.keep, pinned=not headers,
                              over=(top.translated(offset), over) if headers else None)
    painter.end()
    if headers and not shown.isEmpty():  # a zoom's stand-in: the headers over it, as before
        pinned.paint_headers(view, headers, top.intersected(shown.translated(-offset)))
    rubber_band(view)
    watch.soon()


def direct(view: MapView, region: QRegion) -> None:
    """A screen the tiles do not fit (a fractional device pixel ratio): the scene rendered
    straight into the viewport, still through QGraphicsScene.render (see tiles.py on why)."""
    painter = QPainter(view.viewport())
    painter.setRenderHints(view.renderHints())
    painter.setClipRegion(region)
    transform = view.viewportTransform()
    painter.setWorldTransform(transform)
    source = transform.inverted()[0].mapRect(QRectF(region.boundingRect()))
    painting_tiles(False)
    view.map_scene.render(painter, source, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    rubber_band(view)


def rubber_band(view: MapView) -> None:
    """The rubber band of a selection drag, drawn by the style over everything."""
    rect = view.rubberBandRect()
    if rect.isNull() or rect.isEmpty():
        return
    painter = QPainter(view.viewport())
    option = QStyleOptionRubberBand()
    option.initFrom(view.viewport())
    option.rect = rect
    option.shape = QRubberBand.Shape.Rectangle
    view.viewport().style().drawControl(QStyle.ControlElement.CE_RubberBand, option, painter, view.viewport())
    painter.end()
