"""Which arrows a repaint of the view reaches, told by their lines, not their bounding boxes
(issue 19, session 8).

A long arrow's bounding rectangle is huge (generated lanes are single columns hundreds of
thousands of pixels tall), so every repaint of the view, even the 40 px strip a scroll step
brings in, met the boxes of ~900 arrows at 10,000 people: the arrow layer asked the scene for
them (~3.5 ms) and called each one's Python paint (~10 ms), though most of them draw nothing
there. And the view's paint of a scroll step is the strip plus the antialiased edges of the
pinned headers: one exposed rectangle as large as the view.

Two things here. `Near` keeps the arrows whose bounds meet a window around the view, in the
order Qt stacks them, for as long as no arrow comes, goes or moves into it: a pan or zoom
gesture asks the scene once, not every frame. And `reached` gives the repaint's own pieces
(the view says which, `painting`), in scene coordinates grown by the antialiasing reach, so the
layer keeps only arrows whose small boxes (`handoff_paint.build_cover`: `_reach`) meet one:
an arrow left out draws nothing within the pieces, so the screen is the same to the last bit.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QRegion

if TYPE_CHECKING:
    from gui.canvas.items.handoff import HandoffItem
    from gui.canvas.scene import MapScene

_SEEN = Qt.ItemSelectionMode.IntersectsItemBoundingRect
_UP = Qt.SortOrder.AscendingOrder  # bottom first: the order Qt paints items in
# On (session 9). Session 8 shipped it off: a screen test showed badges and labels missing about
# one run in three under load with it on. The test grabbed the screen after at most 10,000
# event-loop turns, before a loaded machine's label pass had placed them (faster frames left it
# less time); it now waits for the idle work by the clock, and passes 50 runs in a row under
# load with this on (bench/RESULTS.md, "Issue 19, pan and zoom (session 9, branch panband)").
ENABLED = True
AA_PX = 2.0  # device pixels beyond an item that its antialiased edges may touch (Qt adds 2 too)
MAX_PIECES = 8  # a repaint split into more pieces than this is taken as its bounding rectangle
_NOW: dict[str, Any] = {"widget": None, "region": None}


def painting(widget: Any, region: QRegion | None) -> None:
    """The view says which part of its viewport `widget` the scene is painting now (None: done)."""
    _NOW["widget"], _NOW["region"] = (widget, region) if region is not None else (None, None)


def reached(painter: QPainter, widget: Any, exposed: QRectF) -> QRegion:
    """The part of the scene (the layer's coordinates: it sits at the origin) the current
    repaint may change, grown by the antialiasing reach: the view's pieces when it said them,
    otherwise the exposed rectangle."""
    inverse, ok = painter.worldTransform().inverted()
    region = _NOW["region"] if widget is not None and widget is _NOW["widget"] else None
    if region is None or not ok or region.rectCount() > MAX_PIECES or not ENABLED:
        scale = painter.worldTransform().m11() or 1.0
        grow = AA_PX / abs(scale)
        return QRegion(exposed.adjusted(-grow, -grow, grow, grow).toAlignedRect())
    out = QRegion()
    for rect in region:
        device = QRectF(rect).adjusted(-AA_PX, -AA_PX, AA_PX, AA_PX)
        out = out.united(QRegion(inverse.mapRect(device).toAlignedRect()))
    return out


def seen_rect(painter: QPainter, widget: Any, exposed: QRectF) -> QRectF:
    """The part of the scene the paint device shows (the exposed rectangle off the view)."""
    if widget is None or widget is not _NOW["widget"]:
        return exposed
    inverse, ok = painter.worldTransform().inverted()
    return inverse.mapRect(QRectF(widget.rect())) if ok else exposed


def _of_kind(items: list[Any], kind: type) -> list[HandoffItem]:
    """The arrows among the scene's answer (in its order)."""
    return [cast("HandoffItem", item) for item in items if type(item) is kind]


def _routing(lazy: Any) -> bool:
    """Whether the lazy routing (gui/canvas/items/handoff_lazy.py) still has idle slices to run:
    its timer runs from the end of a relayout until nothing is parked or stale."""
    timer = getattr(lazy, "_timer", None)
    return timer is not None and bool(timer.isActive())


class Near:
    """The arrows whose bounds meet a window around the view (the view grown by half its size
    each way), bottom first; asked of the scene again when a repaint leaves the window, when
    an arrow comes into it, leaves the map or the lazy routing is at work (`drop`)."""

    __slots__ = ("items", "members", "window", "count")

    def __init__(self) -> None:
        self.items: list[HandoffItem] = []
        self.members: set[HandoffItem] = set()
        self.window: QRectF | None = None
        self.count = -1  # the scene's arrows when the list was made (one more or less: made again)

    def drop(self) -> None:
        self.items, self.members, self.window = [], set(), None

    def arrows(self, scene: MapScene, seen: QRectF, exposed: QRectF, kind: type) -> list[HandoffItem]:
        """The arrows (of type `kind`) whose bounds may meet `exposed`, bottom first."""
        count = len(scene.handoff_items)
        lazy = getattr(scene, "lazy_arrows", None)
        if not ENABLED or (lazy is not None and _routing(lazy)):
            self.drop()  # arrows are parked and routed meanwhile, their bounds changing unseen
            return _of_kind(scene.items(exposed, _SEEN, _UP), kind)
        window = self.window
        if window is None or count != self.count or not window.contains(exposed):
            half_w, half_h = seen.width() / 2, seen.height() / 2
            window = seen.united(exposed).adjusted(-half_w, -half_h, half_w, half_h)
            self.items = _of_kind(scene.items(window, _SEEN, _UP), kind)
            self.members, self.window, self.count = set(self.items), window, count
        return self.items

    def moved(self, item: HandoffItem) -> None:
        """An arrow's bounds changed: one that comes into the window is asked for again."""
        if self.window is not None and item not in self.members and item._bounds.intersects(self.window):
            self.drop()
