"""Frames under the pinned headers. The lane names (left) and the stage names (top) are
opaque scene items moved to the view's edges on every scroll step, so each step repaints
the whole left column and top row as well as the strip that scrolled in. Qt paints every
item whose bounds reach a repainted area, even under an opaque header: on a 10,000-person
map that is hundreds of long arrows per step, for pixels the header then covers.

Here the view splits each repaint: what lies inside a header's opaque fill is painted from
the headers alone (they are the topmost items there), the rest by the scene as before. The
pixels are the same (tests/gui/test_panzoom_pinned.py compares them); the split is left off
whenever something could be drawn over a header (a rubber band, the what-if drill's marks)."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QPainter, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from gui.canvas.items import Z_LANE_HEADER

if TYPE_CHECKING:
    from gui.canvas.view import MapView


def inner_rect(rect: QRectF) -> QRect:
    """The whole device pixels inside `rect` (its antialiased edge pixels are left to the scene)."""
    left, top = math.ceil(rect.left()), math.ceil(rect.top())
    right, bottom = math.floor(rect.right()), math.floor(rect.bottom())
    return QRect(left, top, max(0, right - left), max(0, bottom - top))


def headers(view: MapView) -> list[QGraphicsItem]:
    """The pinned headers in sight, bottom first (as the scene stacks them)."""
    scene = view.map_scene
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    items: list[QGraphicsItem] = [h for h in scene.lane_headers.values()
                                  if h.isVisible() and h.sceneBoundingRect().intersects(seen)]
    items += [scene.stage_header, scene.corner]
    return [item for item in items if item.isVisible() and item.zValue() >= Z_LANE_HEADER
            and item.opacity() == 1.0 and item.graphicsEffect() is None]


def blocked(view: MapView) -> bool:
    """Something may be drawn over a header: the scene paints everything, as Qt would."""
    return not view.rubberBandRect().isNull() or marks_up(view)


def cover(view: MapView, items: list[QGraphicsItem]) -> QRegion:
    """The viewport pixels the headers' opaque fill covers whole."""
    transform = view.viewportTransform()
    region = QRegion()
    for item in items:
        region = region.united(QRegion(inner_rect(transform.mapRect(item.sceneBoundingRect()))))
    return region


def paint_headers(view: MapView, items: list[QGraphicsItem], clip: QRegion) -> None:
    """Paint `items` (bottom first) into the viewport, clipped to `clip`, as the scene would."""
    painter = QPainter(view.viewport())
    painter.setRenderHints(view.renderHints())
    painter.setClipRegion(clip)
    paint_items(painter, items, view.viewportTransform(), view.viewport())
    painter.end()


def paint_items(painter: QPainter, items: list[QGraphicsItem], transform: QTransform,
                widget: QWidget | None = None) -> None:
    """Paint `items` (bottom first) with the scene-to-device `transform`, as the scene would."""
    option = QStyleOptionGraphicsItem()
    for item in items:
        painter.save()
        painter.setWorldTransform(item.sceneTransform() * transform)
        option.exposedRect = item.boundingRect()
        item.paint(painter, option, widget)
        painter.restore()


def reach(view: MapView, items: list[QGraphicsItem]) -> QRegion:
    """The viewport pixels the headers may touch: their antialiased edges too, and the 2 px
    that Qt's own repaints add around an item for what its pen draws just outside its bounds."""
    transform = view.viewportTransform()
    region = QRegion()
    for item in items:
        rect = transform.mapRect(item.sceneBoundingRect()).toAlignedRect().adjusted(-2, -2, 2, 2)
        region = region.united(QRegion(rect))
    return region


def marks_up(view: MapView) -> bool:
    """The what-if drill's marks share the lane names' height in the stack: the scene paints
    the headers in their place among the other items."""
    marks = getattr(view.map_scene.selection, "_ghost_marks", None)  # the what-if drill's, at z 50
    return marks is not None and bool(marks.active)
