"""A hand-off arrow between two cards, with its step number and what is handed over.

Where the arrow runs and where its badge and label go follow model/arrows.py, the rules
the printed map follows too. Geometry lives in `adjust()` (called when an end card moves)
and `set_marks()`, which call `prepareGeometryChange()` first; `shape()` includes the
arrowheads, the step badge and the label so they are clickable.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, ClassVar

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPolygonF,
    QRegion,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gui import theme
from gui.canvas.items import (
    Z_HANDOFF,
    FixedBounds,
    HoverHighlight,
    handoff_labels,
    handoff_layer,
    handoff_lazy,
    handoff_paint,
)
from gui.canvas.items.card import PersonCard
from gui.canvas.items.card_text import clean_text
from gui.canvas.items.handoff_grip import ArrowGrips
from gui.canvas.items.handoff_shape import BADGE_R, arrow_head, box_of
from model import arrows

# paint() is told the exposed rectangle, to skip an update its line does not cross (made once:
# combining flags costs Python enum calls, and 15,735 arrows are made at an open)
_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
          | QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
_LAYERED = _FLAGS | handoff_layer.NO_CONTENTS  # painted by its map's arrow layer from the start


def card_rect(rect: QRectF) -> arrows.Rect:
    return arrows.Rect(rect.x(), rect.y(), rect.width(), rect.height())


def route(src: QRectF, dst: QRectF) -> tuple[QPointF, QPointF, QPointF, QPointF]:
    """Start, two control points and end of the curve between two card rectangles, by the
    rules the printed map follows too (model/arrows.py)."""
    a, c1, c2, b = arrows.route(card_rect(src), card_rect(dst)).points
    return QPointF(*a), QPointF(*c1), QPointF(*c2), QPointF(*b)


def _badge_w(_step: int | None) -> float:
    return 2 * BADGE_R


# the canvas's sizes for the shared placement rules (model/arrows.py): scene pixels
SIZES = arrows.Sizes(badge_w=_badge_w, badge_h=2 * BADGE_R, label_h=16.0, label_pad=10.0, label_max=180.0)
# how far beyond its two cards' boxes anything a routed arrow draws can reach (a parked arrow's
# bounds, handoff_lazy.py): a loop (arrows.LOOP), a badge beside the line (two badges), a label
# beside its badge (its widest, three 8 px steps further) and the bounds' margin; up and down,
# a badge beside the line and a label eight 5 px steps under it
REACH_X = arrows.LOOP + 2 * (2 * BADGE_R + 2) + SIZES.label_max + 2 * BADGE_R + 40.0 + 6.0
REACH_Y = 2 * BADGE_R + 2 + (SIZES.label_h + 2 * BADGE_R) / 2 + 2 + 40.0 + SIZES.label_h + 6.0


@lru_cache(maxsize=8192)
def fitted_label(text: str, width: float) -> tuple[str, float]:
    """`text` elided to `width` in the label font, and its width. Cached: an undo re-routes
    thousands of arrows, and most keep their width (their cards moved up or down)."""
    fm = QFontMetricsF(theme.font(11))
    shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
    return shown, fm.horizontalAdvance(shown)


class HandoffItem(ArrowGrips, HoverHighlight, FixedBounds):
    """The arrow. Its path is in scene coordinates (the item stays at 0,0). It has no
    itemChange: each of the eight changes an item goes through as it is made would call into
    Python (15,735 arrows at an open); the scene raises selected arrows (MapScene.raise_selected)."""

    fast = False  # while cards are dragged on a big map: paths drawn without antialiasing
    # the arrows painted while `fast` (their pixels rough): smoothed the frame after the drop's
    rough: ClassVar[set[HandoffItem]] = set()
    # Every attribute in a slot: without them each arrow carried its own attribute dict
    # (~400 B parked, ~800 B routed; 15,735 arrows at 10,000 people; issue 19)
    __slots__ = ("hid", "source", "target", "what", "two_way", "step", "_hover", "_bounds",
                 "_shape", "_cover", "_bare", "parked", "stale", "_shift", "_path", "_heads",
                 "_route", "_badge", "_label_rect", "_label_text", "_curve_boxes",
                 "_curve_region", "_head_boxes", "_grip_boxes", "_badge_box", "_label_box", "_reach",
                 "in_layer", "shown", "sketch")
    # made by the first routing (its curve and ends are read from `_route`'s numbers: no
    # QPointF copies kept per arrow)
    _path: QPainterPath
    _heads: list[QPolygonF]
    _route: arrows.Route
    _badge: QPointF
    _label_rect: QRectF
    _label_text: str
    _curve_boxes: list[QRectF]
    _curve_region: QRegion
    _reach: QRegion  # all it may draw (handoff_paint.build_cover)
    _head_boxes: list[QRectF]
    _grip_boxes: list[QRectF]
    _badge_box: QRectF
    _label_box: QRectF

    def __init__(self, hid: str, source: PersonCard, target: PersonCard, what: str = "",
                 two_way: bool = False) -> None:
        super().__init__()
        self.hid = hid
        self.source = source
        self.target = target
        self.what = clean_text(what, 80)
        self.two_way = two_way
        self.step: int | None = None
        self._hover = False
        # the geometry is made by the first routing (`_route_now`, `set_marks`, `cover`), not
        # here: a parked arrow of a big map may never need it (15,735 arrows at 10,000 people)
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None
        self._cover: list[QRectF] | None = None  # and its parts (built with it)
        self._bare = True  # not painted since it moved: the next frame draws it whole, uncovered
        self.parked = False  # waiting to be routed (gui/canvas/items/handoff_lazy.py)
        self.stale = False  # parked, its bounds not yet moved with its cards (handoff_stale.py)
        self._shift: tuple[float, float] | None = None  # parked: only to be moved by this much
        self.sketch = False  # drawn from its old curve moved with its cards (handoff_lazy.sketch)
        # painted by its map's arrow layer (handoff_layer.py), not itself: set here, not by a
        # call per arrow (15,735 arrows are made as a big map opens)
        self.in_layer = handoff_layer.keeper_of(self) is not None
        self.shown: QRectF | None = None  # ... where it was last drawn there (None: nothing)
        self.setFlags(_LAYERED if self.in_layer else _FLAGS)
        self.setAcceptHoverEvents(True)
        self.setZValue(Z_HANDOFF)
        source.handoffs.add(self)
        target.handoffs.add(self)
        self.adjust()

    def detach(self) -> None:
        self.source.handoffs.discard(self)
        self.target.handoffs.discard(self)
        if self.in_layer:
            keeper = handoff_layer.keeper_of(self)
            if keeper is not None:
                keeper.leave(self)  # (its area repainted without it)
        handoff_labels.request(self)  # its badge and label leave room for the others

    def set_ends(self, source: PersonCard, target: PersonCard) -> None:
        if source is not self.source or target is not self.target:
            self.detach()
            self.source, self.target = source, target
            source.handoffs.add(self)
            target.handoffs.add(self)
        self.adjust()

    def set_content(self, what: str, two_way: bool) -> None:
        what = clean_text(what, 80)
        if what != self.what or two_way != self.two_way:
            self.what, self.two_way = what, two_way
            self.adjust()

    def set_step(self, step: int | None) -> None:
        if step != self.step:
            self.step = step
            if self._hover:
                self.setToolTip(handoff_paint.tooltip(self))
            self.update()
            handoff_labels.request(self)  # who goes first in the placement follows the walk

    # ----- geometry ------------------------------------------------------
    def adjust(self) -> None:
        """Follow the two cards: routed now, or, while a big map is laid out again, parked
        until it is in sight or asked about (handoff_lazy.py)."""
        if handoff_lazy.parks(self):
            # parked in bounds that surely hold whatever it will draw once routed: its two cards'
            # boxes grown by how far a curve, a badge and a label reach from them. The cards'
            # bounding rectangles (a little wider than their boxes) are asked of Qt: a third of the
            # cost of reading their boxes in Python (15,735 arrows are parked as a big map opens)
            both = self.source.sceneBoundingRect().united(self.target.sceneBoundingRect())
            self.park_in(both.adjusted(-REACH_X, -REACH_Y, REACH_X, REACH_Y))  # (routed afresh later)
            return
        self.parked = False
        self._route_now()
        handoff_labels.request(self)

    def park_in(self, bounds: QRectF) -> None:
        """Parked within `bounds` (its safe box, worked out by the caller: a relayout parks
        thousands at once, handoff_lazy.py `park_moved`); routed afresh when settled."""
        self._shift = None
        self.stale = False
        self._cover = self._shape = None
        self._bare = True
        if bounds == self._bounds:
            self.update()  # setRect repaints only when the bounds change
        self._bounds = bounds
        self.set_bounds(bounds)  # announces the geometry change and repaints; paints itself parked

    def settle(self, quiet: bool = False) -> None:
        """Route a parked arrow now (it came into view, or someone asks where it is). `quiet`:
        its label joins the next placement pass without starting one (routed in idle time).
        A sketched arrow (handoff_lazy.sketch, a relayout's first frame) is routed exactly."""
        if not self.parked:
            if self.sketch:
                self._route_now()
                handoff_labels.request(self, start=not quiet)
            return
        self.parked, stale, self.stale = False, self.stale, False
        if self._shift is not None and (stale or self.sketch):  # its cards moved apart since, or
            self._shift = None  # it was moved along as a sketch: routed afresh
        if self._shift is not None:  # only moved along with its cards: move it as translate() would
            dx, dy = self._shift
            self._shift = None
            self._bounds.translate(-dx, -dy)  # (moved already, for the scene)
            self._translate_now(dx, dy)
            return
        self._route_now()
        handoff_labels.request(self, start=not quiet)

    def _route_now(self) -> None:
        """Recompute the curve and heads from the two cards' places; the badge and label go
        where they would between these two cards alone until the scene-wide placement
        (gui/canvas/items/handoff_labels.py, run once the moves settle) puts them clear of
        every card, badge and label."""
        self.sketch = False  # (before `plan()` below, which would route it again)
        self.prepareGeometryChange()
        src, dst = box_of(self.source), box_of(self.target)
        self._route = arrows.route(src, dst)
        a, c1, c2, b = (QPointF(*p) for p in self._route.points)
        path = QPainterPath(a)
        path.cubicTo(c1, c2, b)
        self._path = path
        if self._route.leaves == self._route.enters:  # the loop between overlapping cards
            near_end, near_start = path.pointAtPercent(0.97), path.pointAtPercent(0.03)
        else:
            # a route between facing sides is symmetric about the middle of its chord: its
            # point at 3% of its length mirrors the one at 97% (one length-based look-up
            # instead of two; thousands of arrows move in an undo)
            near_end = path.pointAtPercent(0.97)
            near_start = QPointF(a.x() + b.x() - near_end.x(), a.y() + b.y() - near_end.y())
        self._heads = [arrow_head(b, near_end)]
        if self.two_way:
            self._heads.append(arrow_head(a, near_start))
        self.set_marks(arrows.place_alone(src, dst, self.plan(), SIZES, fitted_label), announce=False)

    def translate(self, dx: float, dy: float) -> None:
        """Both cards moved by (dx, dy) (a lane above grew): the curve, heads, badge and label
        move along unchanged, far cheaper than routing again (thousands of arrows move in an
        undo). Their marks keep their place among the cards that moved with them, so no
        placement pass is asked for."""
        if not (dx or dy) or self.stale:  # stale: parked afresh or routed from its cards later
            return
        routed = not self.parked
        if handoff_lazy.parks(self):  # moved along later, when settled; its bounds move now
            if routed:
                self._shift = (dx, dy)
            elif self._shift is not None:
                self._shift = (self._shift[0] + dx, self._shift[1] + dy)
            self._bounds.translate(dx, dy)
            self.set_bounds(self._bounds)
            return
        self._translate_now(dx, dy)

    def _translate_now(self, dx: float, dy: float) -> None:
        self.prepareGeometryChange()
        self._path.translate(dx, dy)
        for head in self._heads:
            head.translate(dx, dy)
        p0, p1, p2, p3 = ((x + dx, y + dy) for x, y in self._route.points)
        self._route = arrows.Route((p0, p1, p2, p3), self._route.leaves, self._route.enters)
        self._badge = QPointF(self._badge.x() + dx, self._badge.y() + dy)
        if not self._label_rect.isNull():
            self._label_rect.translate(dx, dy)
        self._cover = self._shape = None
        self._bare = True
        self._bounds.translate(dx, dy)
        self.set_bounds(self._bounds)
        self.update()

    @property
    def safe(self) -> tuple[float, float, float, float]:
        """While parked: a box (left, top, right, bottom) holding all it will draw (its bounds)."""
        r = self._bounds
        return r.left(), r.top(), r.right(), r.bottom()

    def bounds(self) -> QRectF:
        """Its bounding rectangle in the scene, as kept (not a copy: cheap to ask by the thousand)."""
        return self._bounds

    def plan(self) -> arrows.Arrow:
        """This arrow as the shared placement rules see it."""
        self.settle()
        return arrows.Arrow(self.hid, self.step, self._route, self.what)

    def marks(self) -> arrows.Marks:
        """Where the badge and label are now."""
        self.settle()
        r = self._label_rect
        label = (r.left(), r.top(), r.right(), r.bottom()) if self._label_text else None
        return arrows.Marks((self._badge.x(), self._badge.y()), label, self._label_text)

    def set_marks(self, marks: arrows.Marks, announce: bool = True) -> None:
        """Put the step badge and the label where the placement rules say, and size the
        item's bounds to hold them."""
        if announce:
            self.prepareGeometryChange()
        self._badge = QPointF(*marks.badge)
        if marks.label is not None and marks.text:
            x0, y0, x1, y1 = marks.label
            self._label_rect, self._label_text = QRectF(x0, y0, x1 - x0, y1 - y0), marks.text
        else:
            self._label_rect, self._label_text = QRectF(), ""
        self._cover = None
        self._bare = True
        if self._hover:  # otherwise the tooltip is written when the pointer arrives (hoverEnterEvent)
            self.setToolTip(handoff_paint.tooltip(self))
        # bounds are cheap (control points); the exact clickable shape is built on demand
        bounds = self._path.controlPointRect()
        for head in self._heads:
            bounds = bounds.united(head.boundingRect())
        bounds = bounds.united(QRectF(self._badge.x() - BADGE_R - 2, self._badge.y() - BADGE_R - 2,
                                      2 * BADGE_R + 4, 2 * BADGE_R + 4))
        if not self._label_rect.isNull():
            bounds = bounds.united(self._label_rect)
        self._bounds = bounds.adjusted(-6, -6, 6, 6)
        self.set_bounds(self._bounds)
        self._shape = None
        if not self.in_layer:  # (the layer repaints where it was drawn and where it is: set_bounds)
            self.update()

    def cover(self) -> list[QRectF]:
        """Small rectangles that together contain everything paint() draws (handoff_paint.py)."""
        self.settle()
        if self._cover is None:
            handoff_paint.build_cover(self)
        assert self._cover is not None
        return self._cover

    def shape(self) -> QPainterPath:
        self.settle()  # a hit test or rubber band reached its safe box: where is it really?
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            shape = stroker.createStroke(self._path)
            for head in self._heads:
                shape.addPolygon(head)
            shape.addEllipse(self._badge, BADGE_R + 2, BADGE_R + 2)
            if not self._label_rect.isNull():
                shape.addRect(self._label_rect)
            self._shape = shape
        return self._shape

    def path(self) -> QPainterPath:
        self.settle()
        return QPainterPath(self._path)

    def ends(self) -> tuple[QPointF, QPointF]:
        self.settle()
        points = self._route.points
        return QPointF(*points[0]), QPointF(*points[3])

    def heads(self) -> list[QPolygonF]:
        self.settle()
        return self._heads

    def set_bounds(self, rect: QRectF) -> None:
        """Its bounds (kept in C++). Unless selected it is painted by its scene's arrow layer,
        which repaints where it was drawn and where it is now (handoff_layer.py)."""
        self.setRect(rect)
        if self.parked and self.in_layer and self.shown is None:
            return  # (thousands are parked in a relayout: they draw nothing, before or after)
        keeper = handoff_layer.keeper_of(self)
        if keeper is not None:
            keeper.follow(self)

    def update(self, *rect: Any) -> None:
        """Repaint it: painted by the layer, where it was drawn (a parked one draws nothing)."""
        if not self.in_layer:
            super().update(*rect)
        elif self.shown is not None:
            scene = self.scene()
            if scene is not None:
                scene.update(self.shown)

    # ----- painting ------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        if self.parked:  # not routed before it came into sight (it should have been): soon
            lazy = getattr(self.scene(), "lazy_arrows", None)
            if lazy is not None:
                lazy.soon()
            return
        if self.fast:
            HandoffItem.rough.add(self)
        handoff_paint.paint(self, painter, option.exposedRect)
