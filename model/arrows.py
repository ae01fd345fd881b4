"""Where a hand-off arrow runs, and where its step badge and "what is handed over" label go.

One set of rules for the canvas (gui/canvas/items/handoff.py) and the printed map
(export/drawing/mapdraw.py), so screen and paper never disagree on which side of a card an arrow
leaves or enters. Map coordinates, y down (as model/layout.py places cards); the print
flips them itself. Text is measured by the caller (Qt fonts on screen, reportlab's on paper)
through a `Fit` function. Pure Python, no Qt.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from model import boxes
from model.layout import HEADER_H, LABEL_W

Side = Literal["left", "right", "top", "bottom"]
Point = tuple[float, float]
T = TypeVar("T")
Box = boxes.Box  # x0, y0, x1, y1 with x0 <= x1 and y0 <= y1
Obstacles = boxes.Obstacles  # what badges and labels keep off (model/boxes.py)

GAP = 4.0  # cards closer than this side to side are treated as stacked
SIDE_BEND = 30.0  # the least a side-to-side curve runs straight out of a card
STACK_BEND = 18.0  # the same for top-to-bottom curves
LOOP = 40.0  # how far a hand-off between overlapping cards loops out to the right


@dataclass(frozen=True)
class Rect:
    """A card's rectangle in map coordinates (x, y = top-left, y down)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def box(self) -> Box:
        return self.x, self.y, self.right, self.bottom


@dataclass(frozen=True)
class Route:
    """A cubic Bézier curve from one card to another, and the sides it leaves and enters by."""

    points: tuple[Point, Point, Point, Point]
    leaves: Side
    enters: Side

    def at(self, t: float) -> Point:
        """The point at parameter t (0 at the giver, 1 at the receiver)."""
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self.points
        u = 1.0 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        return a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3

    def length(self) -> float:
        """Its length, closely enough to size a label by (eight chords)."""
        pts = [self.at(i / 8) for i in range(9)]
        return sum(math.hypot(q[0] - p[0], q[1] - p[1]) for p, q in zip(pts, pts[1:], strict=False))


def route(src: Rect, dst: Rect) -> Route:
    """The hand-off's curve: side to side when the cards stand apart left and right, bottom to
    top when one sits above the other, and a loop out of the right sides when they overlap."""
    if dst.x >= src.right + GAP or dst.right <= src.x - GAP:
        sign = 1.0 if dst.x >= src.right + GAP else -1.0
        a = (src.right if sign > 0 else src.x, src.cy)
        b = (dst.x if sign > 0 else dst.right, dst.cy)
        d = max(SIDE_BEND, abs(b[0] - a[0]) / 2) * sign
        out: Side = "right" if sign > 0 else "left"
        into: Side = "left" if sign > 0 else "right"
        return Route((a, (a[0] + d, a[1]), (b[0] - d, b[1]), b), out, into)
    if dst.y >= src.bottom + GAP or dst.bottom <= src.y - GAP:
        sign = 1.0 if dst.y >= src.bottom + GAP else -1.0
        a = (src.cx, src.bottom if sign > 0 else src.y)
        b = (dst.cx, dst.y if sign > 0 else dst.bottom)
        d = max(STACK_BEND, abs(b[1] - a[1]) / 2) * sign
        out = "bottom" if sign > 0 else "top"
        into = "top" if sign > 0 else "bottom"
        return Route((a, (a[0], a[1] + d), (b[0], b[1] - d), b), out, into)
    a, b = (src.right, src.cy), (dst.right, dst.cy)
    reach = max(a[0], b[0]) + LOOP
    return Route((a, (reach, a[1]), (reach, b[1]), b), "right", "right")


def side_of(point: Point, card: Rect, slack: float = 1.5) -> Side | None:
    """Which side of `card` a point lies on (within `slack`), for tests and tools that read
    a drawn arrow back; None when it is on no side."""
    x, y = point
    inside_y = card.y - slack <= y <= card.bottom + slack
    inside_x = card.x - slack <= x <= card.right + slack
    if inside_y and abs(x - card.x) <= slack:
        return "left"
    if inside_y and abs(x - card.right) <= slack:
        return "right"
    if inside_x and abs(y - card.y) <= slack:
        return "top"
    if inside_x and abs(y - card.bottom) <= slack:
        return "bottom"
    return None


# where along its curve a badge may go: the middle first, then either side of it, then near
# the ends (an arrow past other cards has its free spots in the gaps near where it leaves
# or arrives)
BADGE_TS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)
BADGE_TS_NEAR_ENDS = tuple(t / 100 for t in (*range(15, 0, -2), *range(85, 100, 2)))

Fit = Callable[[str, float], tuple[str, float]]  # (text, room) -> (shown text or "", its width)


@dataclass(frozen=True)
class Sizes:
    """How big the marks are in the medium being drawn (scene pixels or points)."""

    badge_w: Callable[[int | None], float]  # a step badge's width for its number
    badge_h: float
    label_h: float
    label_pad: float  # added to the text's width: the label's margins
    label_max: float  # the widest a label may be
    gap: float = 2.0  # between a badge and its label


@dataclass
class Marks:
    """Where one arrow's badge and label went (label None: nowhere free, tooltip only)."""

    badge: Point
    label: Box | None = None
    text: str = ""


@dataclass(frozen=True)
class Arrow:
    """One arrow to place: its id, step number, route and what is handed over."""

    hid: str
    step: int | None
    route: Route
    what: str = ""


def badge_box(x: float, y: float, w: float, h: float) -> Box:
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


# last, finely along the whole curve, nearest the middle first: an arrow past a column of
# stacked cards has room for its badge only in the narrow gaps between them
BADGE_TS_FINE = tuple(sorted((i / 96 for i in range(4, 93)), key=lambda t: abs(t - 0.5)))


def badge_spot(arrow: Arrow, w: float, h: float, taken: Obstacles, badges: Obstacles) -> Point:
    """The middle of the curve, unless that hides a card or another badge; then the nearest
    free spot (never on another badge if that can be avoided)."""
    for ts in (BADGE_TS + BADGE_TS_NEAR_ENDS, BADGE_TS_FINE):
        for t in ts:
            x, y = arrow.route.at(t)
            if not taken.hits(badge_box(x, y, w, h), ignore=arrow.hid):
                return x, y
    # every free spot on the line is taken (a column of stacked cards, each gap holding another
    # arrow's badge): beside the line, in such a gap, rather than on a card
    for t in BADGE_TS_FINE[::2]:
        x, y = arrow.route.at(t)
        for dx, dy in ((-w - 2, 0.0), (w + 2, 0.0), (-2 * w - 4, 0.0), (0.0, -h - 2), (0.0, h + 2)):
            if not taken.hits(badge_box(x + dx, y + dy, w, h), ignore=arrow.hid):
                return x + dx, y + dy
    for t in BADGE_TS:
        x, y = arrow.route.at(t)
        if not badges.hits(badge_box(x, y, w, h), ignore=arrow.hid):
            return x, y
    return arrow.route.at(0.5)


def _label_offsets(w: float, h: float, bw: float, bh: float, gap: float) -> list[Point]:
    """Centres of candidate label boxes around a badge, nearest first: right under or over it,
    beside it, then a little further (under the cards beside a short arrow)."""
    beside = (w + bw) / 2 + gap
    clear = (h + bh) / 2 + gap
    offsets: list[Point] = [(0.0, clear), (0.0, -clear), (beside, 0.0), (-beside, 0.0)]
    for k in range(1, 9):
        dy = clear + 5.0 * k
        for dx in (0.0, w / 3, -w / 3):
            offsets += [(dx, dy), (dx, -dy)]
    for k in range(1, 4):
        offsets += [(beside + 8.0 * k, 0.0), (-beside - 8.0 * k, 0.0)]
    return offsets


def label_spot(
    arrow: Arrow, badge: Point, text_w: float, sizes: Sizes, tiers: Sequence[Obstacles]
) -> Box | None:
    """A free box for a label `text_w` wide near the badge: free of everything in the first
    tier if possible, else of everything in the next; None when no candidate is free."""
    w, h = text_w + sizes.label_pad, sizes.label_h
    bw = sizes.badge_w(arrow.step)
    offsets = _label_offsets(w, h, bw, sizes.badge_h, sizes.gap)
    for avoid in tiers:
        for dx, dy in offsets:
            cx, cy = badge[0] + dx, badge[1] + dy
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if not avoid.hits(box, ignore=arrow.hid):
                return box
    return None


LABEL_TRIES = (1.0, 0.66, 0.45, 0.3)  # of the widest label: full text first, then shorter (elided) forms


@dataclass
class Layout:
    """Every arrow's marks, and the obstacles they were placed among (for callers that add
    more marks afterwards, e.g. the print's stubs)."""

    marks: dict[str, Marks] = field(default_factory=dict)
    taken: Obstacles = field(default_factory=Obstacles)


LINES_UP_TO = 1000  # arrows: on a bigger map labels keep off cards, badges and labels only


def frame_boxes(right: float, bottom: float) -> list[Box]:
    """The map's frame, where no badge or label goes: the lane names down the left edge and
    the stage names along the top (pinned there on screen, printed there on paper)."""
    return [(-LABEL_W, -HEADER_H, LABEL_W, bottom), (-LABEL_W, -HEADER_H, right, HEADER_H)]


def _bounds(route: Route) -> Box:
    """A box holding the whole curve (its control points')."""
    xs, ys = [p[0] for p in route.points], [p[1] for p in route.points]
    return min(xs), min(ys), max(xs), max(ys)


def _reach(arrows: Sequence[Arrow], margin: float) -> Obstacles:
    """Where the marks of these arrows can end up: around each curve, by `margin`."""
    out = Obstacles()
    for arrow in arrows:
        x0, y0, x1, y1 = _bounds(arrow.route)
        out.add((x0 - margin, y0 - margin, x1 + margin, y1 + margin))
    return out


def _add_line(lines_at: Obstacles, arrow: Arrow) -> None:
    """The arrow's line, as small boxes, so labels keep off other arrows where they can."""
    pieces = max(6, min(30, int(arrow.route.length() / 40)))
    x0, y0 = arrow.route.points[0]
    for t in range(1, pieces + 1):
        x1, y1 = arrow.route.at(t / pieces)
        lines_at.add((min(x0, x1) - 1, min(y0, y1) - 1, max(x0, x1) + 1, max(y0, y1) + 1), arrow.hid)
        x0, y0 = x1, y1


def place_marks(cards: Iterable[Rect], arrows: Sequence[Arrow], sizes: Sizes, fit: Fit,
                reserved: Iterable[Box] = (), lines: bool = True,
                kept: Sequence[tuple[Arrow, Marks]] = ()) -> Layout:
    """Badges, then labels, for arrows in step order: no badge on a card or another badge
    where a free spot exists; no label on a card, a badge or another label (nor, where it can
    be helped and the map is not huge, on another arrow's line). `reserved`: boxes already
    drawn (stub labels); `kept`: arrows whose marks stay where they are (only some arrows
    moved), placed around."""
    return run_out(placing_marks(cards, arrows, sizes, fit, reserved, lines, kept))


def run_out(steps: Generator[None, None, T]) -> T:
    """Every step of a stepping computation at once; its result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


KEPT_STEP = 200  # cards or kept arrows taken in between two steps of `placing_marks`


def placing_marks(cards: Iterable[Rect], arrows: Sequence[Arrow], sizes: Sizes, fit: Fit,
                  reserved: Iterable[Box] = (), lines: bool = True,
                  kept: Sequence[tuple[Arrow, Marks]] = ()) -> Generator[None, None, Layout]:
    """`place_marks` in small steps (one arrow's badge or label, or KEPT_STEP cards or kept arrows,
    between two yields), so the canvas can spread a big pass over idle moments (issue 19)
    and still end where one pass would; its return value is the layout."""
    arrows = sorted(arrows, key=lambda a: (a.step is None, a.step or 0, a.hid))
    taken = Obstacles()
    for n, card in enumerate(cards, 1):
        taken.add(card.box())
        if not n % KEPT_STEP:
            yield
    for box in reserved:
        taken.add(box)
    badges = Obstacles()
    lines_at = Obstacles()
    lines = lines and len(arrows) + len(kept) <= LINES_UP_TO
    near = _reach(arrows, sizes.label_max) if lines and kept else Obstacles()
    for n, (arrow, marks) in enumerate(kept, 1):
        if not n % KEPT_STEP:
            yield
        box = badge_box(marks.badge[0], marks.badge[1], sizes.badge_w(arrow.step), sizes.badge_h)
        taken.add(box)
        badges.add(box)
        if marks.label is not None:
            taken.add(marks.label)
        if lines and near.hits(_bounds(arrow.route)):  # a line far from every arrow placed here
            _add_line(lines_at, arrow)
    layout = Layout(taken=taken)
    for arrow in arrows:
        w, h = sizes.badge_w(arrow.step), sizes.badge_h
        spot = badge_spot(arrow, w, h, taken, badges)
        box = badge_box(spot[0], spot[1], w, h)
        taken.add(box)
        badges.add(box)
        layout.marks[arrow.hid] = Marks(spot)
        if lines:
            _add_line(lines_at, arrow)
        yield
    for arrow in arrows:
        what = arrow.what.strip()
        if not what:
            continue
        marks = layout.marks[arrow.hid]
        yield
        for share in LABEL_TRIES:
            width = sizes.label_max * share
            shown, text_w = fit(what, width - sizes.label_pad)
            if not shown or shown == "…":
                continue
            both = _Both(taken, lines_at)
            found = label_spot(arrow, marks.badge, text_w, sizes, (both, taken))
            if found is not None:
                marks.label, marks.text = found, shown
                taken.add(found)
                break
    return layout


def place_alone(src: Rect, dst: Rect, arrow: Arrow, sizes: Sizes, fit: Fit) -> Marks:
    """The marks of one arrow as if its two cards were all there is: the badge in the middle,
    the label in the first spot clear of both cards. Cheap, for an arrow whose card is being
    dragged; `place_marks` over the whole map replaces it once the moves settle."""
    x, y = arrow.route.at(0.5)
    marks = Marks((x, y))
    what = arrow.what.strip()
    if not what:
        return marks
    w, h = sizes.badge_w(arrow.step), sizes.badge_h
    blocks = (src.box(), dst.box(), badge_box(x, y, w, h))
    for share in LABEL_TRIES:
        shown, text_w = fit(what, sizes.label_max * share - sizes.label_pad)
        if not shown or shown == "…":
            continue
        lw, lh = text_w + sizes.label_pad, sizes.label_h
        for dx, dy in _label_offsets(lw, lh, w, h, sizes.gap):
            x0, y0 = x + dx - lw / 2, y + dy - lh / 2
            x1, y1 = x0 + lw, y0 + lh
            if not any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in blocks):
                marks.label, marks.text = (x0, y0, x1, y1), shown
                return marks
    return marks


class _Both(Obstacles):
    """Two sets of obstacles asked as one."""

    def __init__(self, first: Obstacles, second: Obstacles) -> None:
        super().__init__()
        self._first, self._second = first, second

    def hits(self, box: Box, ignore: str = "") -> bool:
        return self._first.hits(box, ignore) or self._second.hits(box, ignore)
