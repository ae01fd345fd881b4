"""How a hand-off arrow (gui/canvas/items/handoff.py) is drawn: its line, heads, badge and
label, skipping what an update does not reach; far out, the line and heads alone; and the small
boxes (`build_cover`) that tell which parts an update reaches."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QRegion

from gui import theme
from gui.canvas.items import readable
from gui.canvas.items.handoff_ink import ink_for
from gui.canvas.items.handoff_shape import BADGE_R

if TYPE_CHECKING:
    from gui.canvas.items.handoff import HandoffItem

FAR_OUT = 0.5  # zoom: below it no badge or label reads (items.readable) and lines are hairlines
# zoom: below it lines (hairlines there) and heads are drawn without antialiasing: a zoomed-out
# view of a big map crosses thousands of long lines, and an antialiased hairline costs ~1.6x a
# plain one. Below the example map's Fit zoom in a 1366x768 window (0.225), which stays smooth.
ROUGH_BELOW = 0.2
HAIRLINE_PX = 1.5  # a line no wider than this on screen is drawn as a one-pixel hairline
# the arrow layer draws every step badge and label after all the lines (off: as each arrow
# paints itself, its badge over the lines before it only; the tests comparing the two set it off)
MARKS_ABOVE = True
COVER_PIECES = 12  # the curve's cover (see build_cover): this many boxes along it


def tooltip(item: HandoffItem) -> str:
    arrow = "⇄" if item.two_way else "→"
    head = f"<b>Step {item.step}</b><br>" if item.step is not None else ""
    what = escape(item.what) if item.what else "<i>what is handed over is not written yet</i>"
    return f"{head}{escape(item.source.face.name)} {arrow} {escape(item.target.face.name)}<br>{what}"


def paint(item: HandoffItem, painter: QPainter, exposed: QRectF, later: Marks | None = None) -> None:
    """The arrow as HandoffItem.paint (or the arrow layer, handoff_layer.py) draws it, routed:
    its line, heads, badge, label and, selected, the grips of its ends; only what the update
    reaches (`exposed`: the update's rectangle within the arrow's bounds). With `later`, its
    badge and label are added there instead, for `paint_marks` once every line is drawn."""
    bare = item._cover is None and item._bare
    if bare:
        # its first frame since it moved (thousands move in an undo): the line and heads drawn
        # whole, the painter clipping them to the update; the boxes that skip parts of them
        # wait for a partial update
        item._bare = False
        whole = True
    else:
        if item._cover is None:
            build_cover(item)  # the boxes of each part, used below
        whole = exposed.contains(item._bounds)
        if not whole and not item._reach.intersects(exposed.toAlignedRect()) and not item.isSelected():
            return  # nothing of it near the update (most arrows a scroll step reaches): one C++ test
    if painter.worldTransform().m11() < FAR_OUT and not item.isSelected():
        _far(item, painter, exposed, whole)
        return
    if bare:
        curve = heads = True
        spot = item._badge
        badge = exposed.intersects(QRectF(spot.x() - BADGE_R - 3, spot.y() - BADGE_R - 3,
                                          2 * BADGE_R + 6, 2 * BADGE_R + 6))
        label = bool(item._label_text) and exposed.intersects(item._label_rect.adjusted(-2, -2, 2, 2))
    elif whole:
        curve = heads = badge = label = True
    else:  # the painter is clipped to the update: skip what it misses
        curve = item._curve_region.intersects(exposed.toAlignedRect())
        heads = any(box.intersects(exposed) for box in item._head_boxes)
        badge = item._badge_box.intersects(exposed)
        label = bool(item._label_text) and item._label_box.intersects(exposed)
        if not (curve or heads or badge or label or item.isSelected()):
            return  # the update is inside the bounding rectangle but nowhere near the line
    ink = ink_for(theme.current())
    selected = item.isSelected()
    state = 2 if selected else (1 if item._hover else 0)
    # far out rough as `_far` draws it (the same pixels whichever path an arrow takes); a
    # selected arrow keeps its smooth bold line
    painter.setRenderHint(QPainter.RenderHint.Antialiasing,
                          smooth(item, painter) or (selected and not item.fast))
    if curve:
        if not selected and 1.7 * painter.worldTransform().m11() <= HAIRLINE_PX:
            # zoomed out, the line is about one pixel wide either way, and a one-pixel
            # cosmetic pen strokes a long curve ~7x faster than a scaled wide pen (a
            # selected arrow keeps its bold line)
            painter.setPen(ink.hairlines[state])
        else:
            painter.setPen(ink.lines[state])
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(item._path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink.fills[state])
    if heads:
        for i, head in enumerate(item._heads):
            if whole or item._head_boxes[i].intersects(exposed):
                painter.drawPolygon(head)
    if (badge or label) and not readable(painter, 10):
        badge = label = False  # zoomed far out: the number and the label would be specks
    if later is not None and (badge or label):
        later.append((item, badge, label))  # drawn above every arrow's line (`paint_marks`)
    elif badge or label:
        _paint_marks(item, painter, badge, label)
    if selected:  # grips for reconnecting the ends
        painter.setPen(ink.ring)
        painter.setBrush(ink.fills[2])
        for i, end in enumerate(item.ends()):
            if whole or item._grip_boxes[i].intersects(exposed):
                painter.drawEllipse(end, 4.5, 4.5)


Marks = list[tuple["HandoffItem", bool, bool]]  # arrows whose badge and label wait: (arrow, badge, label)


def paint_marks(painter: QPainter, later: Marks) -> None:
    """The step badges and labels `paint` left for after the lines, in the arrows' order: a
    badge sits above every line (a thick line drawn after it used to cut through its number)."""
    for item, badge, label in later:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not item.fast)
        _paint_marks(item, painter, badge, label)


def _paint_marks(item: HandoffItem, painter: QPainter, badge: bool, label: bool) -> None:
    """The arrow's step badge and its label (what of them an update reaches)."""
    ink = ink_for(theme.current())
    selected = item.isSelected()
    if badge:  # step badge
        painter.setPen(ink.ring)
        painter.setBrush(ink.fills[2 if selected else (1 if item._hover else 0)])
        painter.drawEllipse(item._badge, BADGE_R, BADGE_R)
        painter.setPen(ink.badge_text)
        painter.setFont(ink.badge_font)
        box = QRectF(item._badge.x() - BADGE_R, item._badge.y() - BADGE_R, 2 * BADGE_R, 2 * BADGE_R)
        number = str(item.step) if item.step is not None else "·"
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, number)
    if label:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink.label_back)
        painter.drawRoundedRect(item._label_rect, 4, 4)
        painter.setPen(ink.label_ink[selected])
        painter.setFont(ink.label_font)
        painter.drawText(item._label_rect, Qt.AlignmentFlag.AlignCenter, item._label_text)


class LineRun:
    """Arrows of which a repaint meets the line alone (not a head, badge or label): the same
    stroke paint() makes, with the pen set once for a run of them (a scroll step's strip
    crosses hundreds of long arrows; each paint() call cost ~15 us of Python)."""

    __slots__ = ("painter", "state", "pens", "hairline", "smooth", "marks")

    def __init__(self, painter: QPainter) -> None:
        self.painter = painter
        self.state = -1  # the pen set for the run (-1: none yet, or paint() set its own since)
        scale = painter.worldTransform().m11()
        self.hairline = scale < FAR_OUT or 1.7 * scale <= HAIRLINE_PX  # as paint() and _far choose
        self.smooth = scale >= ROUGH_BELOW  # (and `smooth`)
        self.marks = scale >= FAR_OUT  # whether paint() draws badges and labels (else `_far`)
        ink = ink_for(theme.current())
        self.pens = ink.hairlines if self.hairline else ink.lines

    def reset(self) -> None:
        self.state = -1

    def stroke(self, item: HandoffItem) -> None:
        """Its line as paint() strokes it (an arrow in the layer is never selected)."""
        state = 1 if item._hover else 0
        painter = self.painter
        if state != self.state:
            if self.state == -1:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.smooth and not item.fast)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(self.pens[state])
            self.state = state
        painter.drawPath(item._path)


def ends_reach(item: HandoffItem, reach: QRegion, marks: bool = True) -> bool:
    """Whether anything of the arrow besides its line (heads, badge, label) meets `reach`;
    without `marks` (zoomed out, where no badge or label is drawn: `LineRun.marks`), its heads."""
    if any(reach.intersects(box.toAlignedRect()) for box in item._head_boxes):
        return True
    if not marks:
        return False
    if reach.intersects(item._badge_box.toAlignedRect()):
        return True
    return bool(item._label_text) and reach.intersects(item._label_box.toAlignedRect())


def _far(item: HandoffItem, painter: QPainter, exposed: QRectF, whole: bool) -> None:
    """Zoomed out, where badges and labels are not drawn and every line is a hairline:
    the line and its heads, with the fewest calls (thousands of arrows are in sight, each
    painted from Python; what paint() draws there, pixel for pixel)."""
    if not (whole or item._curve_region.intersects(exposed.toAlignedRect())
            or any(box.intersects(exposed) for box in item._head_boxes)):
        return
    ink = ink_for(theme.current())
    state = 1 if item._hover else 0
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth(item, painter))
    painter.setPen(ink.hairlines[state])
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(item._path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink.fills[state])
    for head in item._heads:
        painter.drawPolygon(head)


def smooth(item: HandoffItem, painter: QPainter) -> bool:
    """Whether the arrow's line and heads are antialiased: not while cards are dragged on a big
    map (`fast`), nor far out (ROUGH_BELOW), where thousands of hairlines are in sight."""
    return not item.fast and painter.worldTransform().m11() >= ROUGH_BELOW


def build_cover(item: HandoffItem) -> None:
    """Small rectangles that together contain everything paint() draws. A long arrow's
    bounding rectangle is huge, so most updates on a big map reach arrows whose line is
    nowhere near; paint() skips those. Each box holds one piece of the curve: the curve
    strays from the chord of a piece of parameter length h by at most h^2/8 * max|B''| per
    coordinate, and that is added to the pen's reach."""
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = item._route.points
    n = COVER_PIECES
    bend_x = 6 * max(abs(ax - 2 * bx + cx), abs(bx - 2 * cx + dx))
    bend_y = 6 * max(abs(ay - 2 * by + cy), abs(by - 2 * cy + dy))
    pad_x, pad_y = 4.0 + bend_x / (8 * n * n), 4.0 + bend_y / (8 * n * n)
    points = []
    for i in range(n + 1):
        t = i / n
        u = 1.0 - t
        w0, w1, w2, w3 = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        points.append((w0 * ax + w1 * bx + w2 * cx + w3 * dx, w0 * ay + w1 * by + w2 * cy + w3 * dy))
    item._curve_boxes = [QRectF(min(x0, x1) - pad_x, min(y0, y1) - pad_y,
                                abs(x1 - x0) + 2 * pad_x, abs(y1 - y0) + 2 * pad_y)
                         for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False)]
    item._head_boxes = [head.boundingRect().adjusted(-3, -3, 3, 3) for head in item._heads]
    item._grip_boxes = [QRectF(p.x() - 7, p.y() - 7, 14, 14) for p in item.ends()]
    item._badge_box = QRectF(item._badge.x() - BADGE_R - 3, item._badge.y() - BADGE_R - 3,
                             2 * BADGE_R + 6, 2 * BADGE_R + 6)
    item._label_box = item._label_rect.adjusted(-2, -2, 2, 2)
    region = QRegion()
    for box in item._curve_boxes:
        region = region.united(box.toAlignedRect())
    item._curve_region = region  # paint() asks it once, in C++, instead of each box
    for box in (*item._head_boxes, *item._grip_boxes, item._badge_box, item._label_box):
        if not box.isEmpty():
            region = region.united(box.toAlignedRect())
    item._reach = region  # everything paint() may draw, to turn an update away in one test
    item._cover = [*item._curve_boxes, *item._head_boxes, *item._grip_boxes, item._badge_box]
    if not item._label_rect.isNull():
        item._cover.append(item._label_box)
