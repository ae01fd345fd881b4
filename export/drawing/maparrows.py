"""The printed map's hand-offs: arrows, numbered badges, "what is handed over" labels, stubs.

Where an arrow runs and where its badge and label go are decided by model/arrows.py, the
rules the canvas follows too; this module measures text with reportlab's fonts and turns the
result into reportlab.graphics shapes. Routes are worked out in map coordinates (y down) and
flipped into the drawing's (y up) by a `Flip`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Group, Path, Rect
from reportlab.lib.colors import Color

from export import textline
from export.drawing import mapshapes
from export.drawing.mapshapes import ARROW, HEAD_LEN, INK, MUTED, STEP_SIZE, WHAT_SIZE, WHITE
from export.drawing.mapstubs import card_stubs
from model import arrows
from model.document import Document
from model.layout import CARD_H, CARD_W
from model.naming import department_name

Pt = tuple[float, float]
LABEL_MAX = 150.0  # the widest a printed label gets (points)
BADGE_H = 14.0
LABEL_H = 9.0


@dataclass(frozen=True)
class Flip:
    """Map coordinates (y down) -> drawing coordinates (y up): x + dx, top - y."""

    dx: float
    top: float

    def point(self, p: Pt) -> Pt:
        return p[0] + self.dx, self.top - p[1]

    def box(self, b: arrows.Box) -> arrows.Box:
        return b[0] + self.dx, self.top - b[3], b[2] + self.dx, self.top - b[1]

    def back(self, b: arrows.Box) -> arrows.Box:
        """A drawing box back in map coordinates."""
        return b[0] - self.dx, self.top - b[3], b[2] - self.dx, self.top - b[1]


def badge_w(number: int | None) -> float:
    return max(14.0, textline.text_width(str(number or 0), STEP_SIZE, bold=True) + 7)


def _fit(text: str, room: float) -> tuple[str, float]:
    shown = textline.fit_text(text, WHAT_SIZE, room)
    return shown, textline.text_width(shown, WHAT_SIZE)


SIZES = arrows.Sizes(badge_w=badge_w, badge_h=BADGE_H, label_h=LABEL_H, label_pad=4.0, label_max=LABEL_MAX)


def _pull(p: Pt, toward: Pt, by: float) -> Pt:
    dx, dy = toward[0] - p[0], toward[1] - p[1]
    dist = math.hypot(dx, dy) or 1.0
    return p[0] + dx / dist * by, p[1] + dy / dist * by


def arrow(points: tuple[Pt, Pt, Pt, Pt], two_way: bool, color: Color = ARROW) -> Group:
    """A hand-off curve (drawing coordinates) with a head at the target, and at the source
    when two-way."""
    p0, p1, p2, p3 = points
    g = Group()
    # the line stops at the base of each head so it does not poke through the tip
    a = _pull(p0, p1, HEAD_LEN * 0.8) if two_way else p0
    b = _pull(p3, p2, HEAD_LEN * 0.8)
    line = Path(strokeColor=color, strokeWidth=1.1, fillColor=None, strokeLineCap=1)
    line.moveTo(*a)
    line.curveTo(p1[0], p1[1], p2[0], p2[1], b[0], b[1])
    g.add(line)
    g.add(mapshapes.head(p3, p2 if p2 != p3 else p0, color))
    if two_way:
        g.add(mapshapes.head(p0, p1 if p1 != p0 else p3, color))
    return g


def step_badge(x: float, y: float, number: int, what: str = "",
               label: arrows.Box | None = None) -> Group:
    """The numbered pill on a hand-off, with what is handed over (already fitted) in its box."""
    g = Group()
    w = badge_w(number)
    g.add(Rect(x - w / 2, y - 7, w, 14, rx=7, ry=7, fillColor=INK, strokeColor=WHITE, strokeWidth=1))
    textline.draw_text(g, x, y - 2.5, str(number), STEP_SIZE, bold=True, color=WHITE, anchor="middle")
    if what and label is not None:
        x0, y0, x1, y1 = label
        g.add(Rect(x0, y0, x1 - x0, y1 - y0, rx=2, ry=2, fillColor=Color(1, 1, 1, 0.9), strokeColor=None))
        textline.draw_text(g, (x0 + x1) / 2, y0 + 2.3, what, WHAT_SIZE, color=MUTED, anchor="middle")
    return g


@dataclass
class Drawn:
    """The hand-offs' shapes: arrows go under the cards, badges (and stubs) on top; `by_id`
    keeps each drawn hand-off's arrow and badge for readers of the drawing (tests)."""

    arrows: list[Group]
    badges: list[Group]
    by_id: dict[str, tuple[Group, Group]]


def draw_handoffs(doc: Document, cards: dict[str, Pt], flip: Flip, numbers: dict[str, int],
                  label: dict[str, str], partial: bool, extent: Pt) -> Drawn:
    """Every hand-off between two drawn cards (`cards`: person id -> top-left in map
    coordinates); on a lane page (`partial`) those to a lane printed elsewhere end in a stub.
    `extent`: the map's right and bottom edges (its frame is kept clear)."""
    right, bottom = extent
    rects = {pid: arrows.Rect(x, y, CARD_W, CARD_H) for pid, (x, y) in cards.items()}
    to_place: list[arrows.Arrow] = []
    stubs_at: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for h in doc.handoffs.values():
        src, dst = rects.get(h.source), rects.get(h.target)
        number = numbers.get(h.id, 0)
        if src is not None and dst is not None:
            to_place.append(arrows.Arrow(h.id, number, arrows.route(src, dst), h.what))
        elif partial and (src is not None or dst is not None):
            other = doc.people.get(h.target if src is not None else h.source)
            if other is None or not other.placed:
                continue
            far = label.get(other.id, other.name)
            dept = department_name(doc, other)
            text = f"{number}: {'to' if src is not None else 'from'} {far}" + (
                f" ({dept})" if dept and dept not in far else ""
            )
            side = 1 if src is not None else -1
            stubs_at.setdefault((h.source if src is not None else h.target, side), []).append((number, text))
    out = Drawn([], [], {})
    # stubs first, their labels clear of the cards and each other (drawing coordinates)
    stub_taken = arrows.Obstacles(flip.box(rect.box()) for rect in rects.values())
    for (pid, side), stubs in sorted(stubs_at.items()):
        stubs.sort()
        out.badges += card_stubs(_card_box(rects[pid], flip), side, stubs, stub_taken)
    reserved = [flip.back(b) for b in stub_taken.boxes()][len(rects):]
    reserved += arrows.frame_boxes(right, bottom)
    layout = arrows.place_marks(rects.values(), to_place, SIZES, _fit, reserved)
    two_way = {h.id: h.two_way for h in doc.handoffs.values()}
    for a in to_place:
        p0, p1, p2, p3 = (flip.point(p) for p in a.route.points)
        shape = arrow((p0, p1, p2, p3), two_way[a.hid])
        marks = layout.marks[a.hid]
        bx, by = flip.point(marks.badge)
        spot = flip.box(marks.label) if marks.label is not None else None
        badge = step_badge(bx, by, a.step or 0, marks.text, spot)
        out.arrows.append(shape)
        out.badges.append(badge)
        out.by_id[a.hid] = (shape, badge)
    return out


def _card_box(rect: arrows.Rect, flip: Flip) -> mapshapes.Box:
    x0, y0, _x1, _y1 = flip.box(rect.box())
    return mapshapes.Box(x0, y0)

