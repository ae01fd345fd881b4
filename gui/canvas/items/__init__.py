"""The canvas's graphics items: person cards, lanes and their headers, hand-off arrows."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

if TYPE_CHECKING:
    from gui.canvas.scene import MapScene


def map_scene(item: QGraphicsItem) -> MapScene | None:
    """The item's scene, which for every canvas item is the map's own scene."""
    return cast("MapScene | None", item.scene())

# z order: lanes under hand-offs under cards; pinned headers above everything that scrolls
Z_LANE = 0.0
Z_LANE_HANDLE = 1.0
Z_HANDOFF = 5.0
Z_CARD = 10.0
Z_HANDOFF_SELECTED = 15.0
Z_CARD_DRAGGED = 20.0
Z_OVERLAY = 40.0
Z_LANE_HEADER = 50.0
Z_STAGE_HEADER = 60.0
Z_CORNER = 70.0

_OVERVIEW = {"painting": False}


def painting_overview(on: bool) -> None:
    """Say that the scene is being painted for the overview map (gui.canvas.overview)."""
    _OVERVIEW["painting"] = on


def in_overview(widget: Any) -> bool:
    """Painting for the overview map: the headers pinned to the main view's edges stay out of it."""
    return _OVERVIEW["painting"]


MIN_TEXT_PX = 5.0  # text smaller than this on screen is not drawn (zoomed far out): it cannot be read


def readable(painter: QPainter, pixel_size: float) -> bool:
    """Whether text of `pixel_size` scene pixels shows at least MIN_TEXT_PX tall on screen.
    Zoomed far out, cards and arrows leave out what cannot be read (level of detail)."""
    lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
    return pixel_size * lod >= MIN_TEXT_PX


class HoverHighlight:
    """Mixin for a QGraphicsItem that looks different while the mouse is over it: keeps
    `_hover` for paint(), repaints on the way in and out, and gives the cursor back on leaving.
    `hover_started()` is the hook for what else an item does when the mouse arrives."""

    _hover = False

    def hover_started(self) -> None:
        """Anything more to do when the mouse comes over the item (a tooltip, a cursor)."""

    def hoverEnterEvent(self, event: Any) -> None:
        self._hover = True
        self.hover_started()
        self.update()  # type: ignore[attr-defined]
        super().hoverEnterEvent(event)  # type: ignore[misc]

    def hoverLeaveEvent(self, event: Any) -> None:
        self._hover = False
        self.unsetCursor()  # type: ignore[attr-defined]
        self.update()  # type: ignore[attr-defined]
        super().hoverLeaveEvent(event)  # type: ignore[misc]


class FixedBounds(QGraphicsRectItem):
    """Base for the many items of a map (cards, arrows): the bounding rectangle is kept in
    C++ (`set_bounds`) instead of a Python `boundingRect()`. The scene has no index (its items
    move), so every frame and every hover lookup (also replayed on each scroll step) asks every
    item for its bounds: ~5,000 calls into Python cost 3-8 ms each time at 2,000 people. The
    rectangle itself is never drawn (no pen, no brush); subclasses paint themselves."""

    def __init__(self) -> None:
        super().__init__()
        self.setPen(Qt.PenStyle.NoPen)

    def set_bounds(self, rect: QRectF) -> None:
        """The item's bounding rectangle (announces the geometry change itself)."""
        self.setRect(rect)
