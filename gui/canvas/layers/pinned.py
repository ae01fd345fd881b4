"""Frames under the pinned headers. The lane names (left) and the stage names (top) are
opaque scene items moved to the view's edges on every scroll step, so each step repaints
the whole left column and top row as well as the strip that scrolled in. Qt paints every
item whose bounds reach a repainted area, even under an opaque header: on a 10,000-person
map that is hundreds of long arrows per step, for pixels the header then covers.

Here the view splits each repaint: what lies inside a header's opaque fill is painted from
the headers alone (they are the topmost items there), the rest by the scene as before. The
pixels are the same (tests/gui/test_panzoom_pinned.py compares them); the split is left off
whenever something could be drawn over a header (a rubber band, the what-if drill's marks).

Qt repaints an item that moves where it was and where it is, each 2 device px wider than its
bounds (QGraphicsView's antialiasing margin): 2-px slivers of map beside every header on every
step, which cross every long arrow in sight. So a pinned header's bounds stop 2 px short of its
opaque fill on the sides that can face the map (`set_insets`); the margin Qt adds is then exactly
the fill, and a scroll step asks the scene for the strip that scrolled in and nothing else.
Qt still paints the header wherever a repaint meets that margin: it paints an item whenever
the repaint meets its bounds grown by the same 2 px."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QPainter, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from gui.canvas.items import Z_LANE_HEADER
from model.layout import LABEL_W

if TYPE_CHECKING:
    from gui.canvas.view import MapView

MARGIN_PX = 2.0  # QGraphicsView's margin around an item's repaint (its rectAdjust, antialiasing on)
SLACK_PX = 1e-6  # so a fill edge on a whole pixel is not rounded one pixel out by float error


def set_insets(view: MapView) -> None:
    """Each pinned header's bounds stop the view's margin short of its fill on its right and
    bottom sides (those that can face the map), at the view's zoom; never by more than half
    the header."""
    scene = view.map_scene
    inset = (MARGIN_PX + SLACK_PX) / max(view.zoom(), 1e-9)
    for header in scene.lane_headers.values():
        _set_inset(header, min(inset, LABEL_W / 2), min(inset, header.lane.height / 2))
    stage, corner = scene.stage_header, scene.corner
    _set_inset(stage, min(inset, stage.width / 2), min(inset, stage.height / 2))
    _set_inset(corner, min(inset, corner.width / 2), min(inset, corner.height / 2))


def _set_inset(item: Any, right: float, bottom: float) -> None:
    if (right, bottom) != (item.pin_inset, item.pin_inset_bottom):
        item.prepareGeometryChange()
        item.pin_inset, item.pin_inset_bottom = right, bottom
        refit = getattr(item, "fit_bounds", None)  # a lane's name keeps its bounds in C++
        if refit is not None:
            refit()


def painted_rect(item: QGraphicsItem) -> QRectF:
    """A pinned header's opaque fill in the scene: its bounds and the inset (`set_insets`)."""
    right, bottom = getattr(item, "pin_inset", 0.0), getattr(item, "pin_inset_bottom", 0.0)
    return item.sceneBoundingRect().adjusted(0.0, 0.0, right, bottom)


def inner_rect(rect: QRectF) -> QRect:
    """The whole device pixels inside `rect` (its antialiased edge pixels are left to the scene;
    an edge within float error of a whole pixel is on it)."""
    left, top = math.ceil(rect.left() - SLACK_PX), math.ceil(rect.top() - SLACK_PX)
    right, bottom = math.floor(rect.right() + SLACK_PX), math.floor(rect.bottom() + SLACK_PX)
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
        region = region.united(QRegion(inner_rect(transform.mapRect(painted_rect(item)))))
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
        m = int(MARGIN_PX)  # (Qt's margin, as `spots` takes it)
        rect = transform.mapRect(painted_rect(item)).toAlignedRect().adjusted(-m, -m, m, m)
        region = region.united(QRegion(rect))
    return region


def spots(view: MapView) -> dict[QGraphicsItem, QRect]:
    """Where each pinned header stands on the viewport now, as Qt records an item it paints:
    its bounds in whole device pixels, grown by Qt's margin (only those in sight)."""
    scene, transform, port = view.map_scene, view.viewportTransform(), view.viewport().rect()
    seen = view.mapToScene(port).boundingRect()
    top, bottom = seen.top() - LABEL_W, seen.bottom() + LABEL_W  # (a lane's own margin is far less)
    margin = int(MARGIN_PX)
    out: dict[QGraphicsItem, QRect] = {}
    lanes = [h for h in scene.lane_headers.values()  # (the lanes out of sight not asked of Qt)
             if h.lane.top < bottom and h.lane.top + h.lane.height > top]
    for item in [*lanes, scene.stage_header, scene.corner]:
        rect = transform.mapRect(item.sceneBoundingRect()).toAlignedRect()
        rect.adjust(-margin, -margin, margin, margin)
        if item.isVisible() and rect.intersects(port):
            out[item] = rect
    return out


def left_behind(before: dict[QGraphicsItem, QRect], after: dict[QGraphicsItem, QRect]) -> QRegion:
    """The places (`spots` before a scroll step pinned them again) of the headers that moved:
    the scroll moved their old pixels there, and only a repaint clears them."""
    region = QRegion()
    for item, rect in before.items():
        if after.get(item) != rect:
            region = region.united(QRegion(rect))
    return region


def marks_up(view: MapView) -> bool:
    """The what-if drill's marks share the lane names' height in the stack: the scene paints
    the headers in their place among the other items."""
    marks = getattr(view.map_scene.selection, "_ghost_marks", None)  # the what-if drill's, at z 50
    return marks is not None and bool(marks.active)
