"""The pieces of the printed map: cards, hand-off arrows, badges, lane labels.

Pure reportlab.graphics shapes in drawing coordinates (y up); `mapdraw`
places them. Sizes follow the canvas (model/layout.py) so print and screen
look alike; every text goes through `export.fonts` (any script, truncated
with an ellipsis, never clipped).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Group, Line, Path, Polygon, Rect
from reportlab.lib import colors
from reportlab.lib.colors import Color

from export import fonts, textline
from model.layout import CARD_H, CARD_W

INK = colors.HexColor("#263238")
MUTED = colors.HexColor("#5F6B73")
CARD_LINE = colors.HexColor("#B0BEC5")
ARROW = colors.HexColor("#546E7A")
YOU = colors.HexColor("#C2185B")
FINDING = colors.HexColor("#D32F2F")
OUTSOURCED = colors.HexColor("#E65100")
STORY = colors.HexColor("#2E7D32")
SWEET = colors.HexColor("#B8860B")
WHITE = colors.white

NAME_SIZE = 9.5
TITLE_SIZE = 8.0
BADGE_SIZE = 6.5  # the smallest text on a card: export.pdf.parts.map_pages prints it at 6 pt at least
STEP_SIZE = 7.0
WHAT_SIZE = 6.5
STRIP_W = 6.0
RADIUS = 6.0
HEAD_LEN = 8.0
HEAD_W = 6.5


def hex_color(value: str, fallback: str = "#9AA0A6") -> Color:
    """A colour from '#RRGGBB'; a damaged value falls back instead of failing the export."""
    try:
        return colors.HexColor(value)
    except (ValueError, TypeError, AttributeError):
        return colors.HexColor(fallback)


def tint(color: Color, amount: float) -> Color:
    """The colour mixed with white (amount 0 = white, 1 = the colour): a faint lane fill."""
    return Color(
        1 - (1 - color.red) * amount,
        1 - (1 - color.green) * amount,
        1 - (1 - color.blue) * amount,
    )


@dataclass(frozen=True)
class Box:
    """A card's rectangle in drawing coordinates (x, y = bottom-left)."""

    x: float
    y: float
    w: float = CARD_W
    h: float = CARD_H

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w


@dataclass(frozen=True)
class CardInfo:
    """What a card shows, already decided (names redacted or not)."""

    name: str
    subtitle: str
    color: Color
    customer: bool = False
    outsourced: bool = False
    story: bool = False
    sweet_spot: bool = False
    you: bool = False
    finding: bool = False


def wrap_lines(text: str, size: float, width: float, max_lines: int, bold: bool = False) -> list[str]:
    """Greedy word wrap into at most `max_lines`; the last line ends with an ellipsis if cut."""
    words = fonts.clean_text(text).split()
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if textline.text_width(trial, size, bold) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            rest = " ".join([current] + words[i + 1 :])
            lines.append(textline.fit_text(rest, size, width, bold))
            return lines
    if current:
        lines.append(textline.fit_text(current, size, width, bold))
    return lines[:max_lines]


def _pill(
    group: Group, x: float, y: float, text: str, color: Color, filled: bool = False, icon: str = ""
) -> float:
    """A small rounded label; returns its width. icon: 'star' or 'check' drawn as vectors."""
    pad = 3.0
    icon_w = 7.0 if icon else 0.0
    w = textline.text_width(text, BADGE_SIZE, bold=True) + 2 * pad + icon_w
    h = 9.5
    group.add(
        Rect(
            x,
            y,
            w,
            h,
            rx=4.5,
            ry=4.5,
            fillColor=color if filled else WHITE,
            strokeColor=color,
            strokeWidth=0.7,
        )
    )
    ink = WHITE if filled else color
    if icon == "star":
        _star(group, x + pad + 3, y + h / 2, 3.2, ink)
    elif icon == "check":
        check = Path(strokeColor=ink, strokeWidth=1.1, fillColor=None, strokeLineCap=1, strokeLineJoin=1)
        check.moveTo(x + pad, y + h / 2)
        check.lineTo(x + pad + 2, y + h / 2 - 2)
        check.lineTo(x + pad + 5.5, y + h / 2 + 2.5)
        group.add(check)
    textline.draw_text(group, x + pad + icon_w, y + 2.6, text, BADGE_SIZE, bold=True, color=ink)
    return w


def _star(group: Group, cx: float, cy: float, r: float, color: Color) -> None:
    points: list[float] = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        points += [cx + radius * math.cos(angle), cy + radius * math.sin(angle)]
    group.add(Polygon(points, fillColor=color, strokeColor=None))


def card(box: Box, info: CardInfo) -> Group:
    """A person's card: rounded rectangle, department strip, name, subtitle, badges.
    Customers get a pill shape with a double outline instead of the strip."""
    g = Group()
    stroke = YOU if info.you else (info.color if info.customer else CARD_LINE)
    width = 2.2 if info.you else (1.6 if info.customer else 0.8)
    if info.customer:
        r = box.h / 2
        g.add(
            Rect(
                box.x, box.y, box.w, box.h, rx=r, ry=r, fillColor=WHITE, strokeColor=stroke, strokeWidth=width
            )
        )
        g.add(
            Rect(
                box.x + 3,
                box.y + 3,
                box.w - 6,
                box.h - 6,
                rx=r - 3,
                ry=r - 3,
                fillColor=None,
                strokeColor=info.color,
                strokeWidth=0.6,
            )
        )
        left, right = box.x + 16, box.right - 14
    else:
        g.add(
            Rect(
                box.x,
                box.y,
                box.w,
                box.h,
                rx=RADIUS,
                ry=RADIUS,
                fillColor=WHITE,
                strokeColor=stroke,
                strokeWidth=width,
            )
        )
        strip = Path(fillColor=info.color, strokeColor=None)
        strip.moveTo(box.x + RADIUS, box.y)
        strip.lineTo(box.x + STRIP_W, box.y)
        strip.lineTo(box.x + STRIP_W, box.top)
        strip.lineTo(box.x + RADIUS, box.top)
        strip.curveTo(box.x + 2, box.top, box.x, box.top - 2, box.x, box.top - RADIUS)
        strip.lineTo(box.x, box.y + RADIUS)
        strip.curveTo(box.x, box.y + 2, box.x + 2, box.y, box.x + RADIUS, box.y)
        strip.closePath()
        g.add(strip)
        left, right = box.x + STRIP_W + 6, box.right - 8
    room = right - left
    if info.subtitle:
        _card_line(g, left, right, box.top - 17, info.name, NAME_SIZE, True, INK)
        _card_line(g, left, right, box.top - 29.5, info.subtitle, TITLE_SIZE, False, MUTED)
    else:  # no subtitle (a redacted 'Role, Department' label): the name may take two lines
        for i, line in enumerate(wrap_lines(info.name, NAME_SIZE, room, 2, bold=True)):
            _card_line(g, left, right, box.top - 17 - i * 12, line, NAME_SIZE, True, INK)
    x = left
    y = box.y + (8 if info.customer else 6)
    for text, color, filled, icon in _badges(info):
        x += _pill(g, x, y, text, color, filled, icon) + 3
    corner = box.right - 4
    if info.you:
        w = textline.text_width("YOU", BADGE_SIZE + 0.5, bold=True) + 8
        g.add(
            Rect(
                corner - w, box.top - 5, w, 10, rx=5, ry=5, fillColor=YOU, strokeColor=WHITE, strokeWidth=0.8
            )
        )
        textline.draw_text(
            g, corner - w / 2, box.top - 2.3, "YOU", BADGE_SIZE + 0.5, bold=True, color=WHITE, anchor="middle"
        )
        corner -= w + 3
    if info.finding:
        g.add(Circle(corner - 5, box.top, 5, fillColor=FINDING, strokeColor=WHITE, strokeWidth=0.8))
        textline.draw_text(g, corner - 5, box.top - 2.6, "!", 7.5, bold=True, color=WHITE, anchor="middle")
    return g


def _card_line(
    g: Group, left: float, right: float, y: float, text: str, size: float, bold: bool, color: Color
) -> None:
    """One line of a card, fitted to it; text that starts right-to-left sits at the right edge."""
    if fonts.base_is_rtl(fonts.clean_text(text)):
        textline.draw_text(
            g, right, y, text, size, bold=bold, color=color, anchor="end", max_width=right - left
        )
    else:
        textline.draw_text(g, left, y, text, size, bold=bold, color=color, max_width=right - left)


def _badges(info: CardInfo) -> list[tuple[str, Color, bool, str]]:
    out: list[tuple[str, Color, bool, str]] = []
    if info.outsourced:
        out.append(("outsourced", OUTSOURCED, False, ""))
    if info.story:
        out.append(("story", STORY, False, "check"))
    if info.sweet_spot:
        out.append(("sweet spot", SWEET, True, "star"))
    return out


# ---------------------------------------------------------------- arrows


Points = tuple[tuple[float, float], ...]  # the four points of a cubic Bézier curve


def _bezier(points: Points, t: float) -> tuple[float, float]:
    p0, p1, p2, p3 = points
    u = 1 - t
    return (
        u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
        u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
    )


def route(src: Box, dst: Box) -> tuple[tuple[float, float], ...]:
    """The four Bézier points of a hand-off from one card to another: side to side when
    the cards are in different columns, top to bottom when one sits above the other."""
    dx = dst.cx - src.cx
    if abs(dx) >= src.w * 0.75 or abs(dst.cy - src.cy) < src.h:
        sign = 1.0 if dx >= 0 else -1.0
        start = (src.right if sign > 0 else src.x, src.cy)
        end = (dst.x if sign > 0 else dst.right, dst.cy)
        if abs(dx) < src.w * 0.75:  # side by side and overlapping: loop out to the right
            start, end = (src.right, src.cy), (dst.right, dst.cy)
            k = 40.0
            return start, (start[0] + k, start[1]), (end[0] + k, end[1]), end
        k = max(24.0, abs(end[0] - start[0]) / 3)
        return start, (start[0] + sign * k, start[1]), (end[0] - sign * k, end[1]), end
    down = dst.cy < src.cy
    start = (src.cx, src.y if down else src.top)
    end = (dst.cx, dst.top if down else dst.y)
    k = max(16.0, abs(end[1] - start[1]) / 3) * (-1 if down else 1)
    return start, (start[0], start[1] + k), (end[0], end[1] - k), end


def _head(tip: tuple[float, float], toward: tuple[float, float], color: Color) -> Polygon:
    """An arrowhead at `tip`, pointing away from `toward`."""
    ang = math.atan2(tip[1] - toward[1], tip[0] - toward[0])
    bx, by = tip[0] - HEAD_LEN * math.cos(ang), tip[1] - HEAD_LEN * math.sin(ang)
    nx, ny = -math.sin(ang) * HEAD_W / 2, math.cos(ang) * HEAD_W / 2
    return Polygon([tip[0], tip[1], bx + nx, by + ny, bx - nx, by - ny], fillColor=color, strokeColor=None)


def _pull(p: tuple[float, float], toward: tuple[float, float], by: float) -> tuple[float, float]:
    dx, dy = toward[0] - p[0], toward[1] - p[1]
    dist = math.hypot(dx, dy) or 1.0
    return p[0] + dx / dist * by, p[1] + dy / dist * by


def arrow(points: tuple[tuple[float, float], ...], two_way: bool, color: Color = ARROW) -> Group:
    """A hand-off curve with a head at the target (and at the source when two-way)."""
    p0, p1, p2, p3 = points
    g = Group()
    # the line stops at the base of each head so it does not poke through the tip
    a = _pull(p0, p1, HEAD_LEN * 0.8) if two_way else p0
    b = _pull(p3, p2, HEAD_LEN * 0.8)
    line = Path(strokeColor=color, strokeWidth=1.1, fillColor=None, strokeLineCap=1)
    line.moveTo(*a)
    line.curveTo(p1[0], p1[1], p2[0], p2[1], b[0], b[1])
    g.add(line)
    g.add(_head(p3, p2 if p2 != p3 else p0, color))
    if two_way:
        g.add(_head(p0, p1 if p1 != p0 else p3, color))
    return g


def point_at(points: tuple[tuple[float, float], ...], t: float = 0.5) -> tuple[float, float]:
    """A point along a hand-off's curve (t = 0 at the source, 1 at the target)."""
    return _bezier(points, t)


def length(points: tuple[tuple[float, float], ...]) -> float:
    pts = [_bezier(points, t / 8) for t in range(9)]
    return sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(pts))


def what_label(what: str, room: float) -> str:
    """What a hand-off carries, fitted to the room beside its badge ('' when too tight)."""
    return textline.fit_text(what, WHAT_SIZE, room) if what.strip() and room >= 40 else ""


def badge_rect(x: float, y: float, number: int) -> tuple[float, float, float, float]:
    half = _badge_w(number) / 2
    return x - half, y - 7, x + half, y + 7


def _badge_w(number: int) -> float:
    return max(14.0, textline.text_width(str(number), STEP_SIZE, bold=True) + 7)


PLACES = ("below", "above", "right", "left")


def what_rect(x: float, y: float, number: int, text: str, place: str) -> tuple[float, float, float, float]:
    """The box of a badge's label at (x, y) placed below, above, right or left: x0, y0, x1, y1."""
    tw = textline.text_width(text, WHAT_SIZE) + 4
    half = _badge_w(number) / 2 + 2
    if place == "below":
        cx, cy = x, y - 13
    elif place == "above":
        cx, cy = x, y + 13
    elif place == "right":
        cx, cy = x + half + tw / 2, y
    else:
        cx, cy = x - half - tw / 2, y
    return cx - tw / 2, cy - 4.5, cx + tw / 2, cy + 4.5


def step_badge(x: float, y: float, number: int, what: str = "", place: str = "below") -> Group:
    """The numbered circle on a hand-off, with what is handed over (already fitted) beside it."""
    g = Group()
    w = _badge_w(number)
    g.add(Rect(x - w / 2, y - 7, w, 14, rx=7, ry=7, fillColor=INK, strokeColor=WHITE, strokeWidth=1))
    textline.draw_text(g, x, y - 2.5, str(number), STEP_SIZE, bold=True, color=WHITE, anchor="middle")
    if what:
        x0, y0, x1, y1 = what_rect(x, y, number, what, place)
        g.add(Rect(x0, y0, x1 - x0, y1 - y0, rx=2, ry=2, fillColor=Color(1, 1, 1, 0.9), strokeColor=None))
        textline.draw_text(g, (x0 + x1) / 2, y0 + 2.3, what, WHAT_SIZE, color=MUTED, anchor="middle")
    return g


def lane_label(
    x: float, top: float, height: float, width: float, name: str, count: str, color: Color
) -> Group:
    """A lane's name pinned at its left edge, wrapped to the lane's height, with a colour bar."""
    g = Group()
    g.add(Rect(x, top - height, 5, height, fillColor=color, strokeColor=None))
    room = width - 18
    max_lines = max(1, min(4, int((height - 18) // 12)))
    lines = wrap_lines(name, 9, room, max_lines, bold=True)
    y = top - 16
    for line in lines:
        textline.draw_text(g, x + 12, y, line, 9, bold=True, color=INK)
        y -= 12
    if count and y > top - height + 4:
        textline.draw_text(g, x + 12, y, count, 7, color=MUTED, max_width=room)
    return g


def stub(x: float, y: float, direction: int, text: str) -> Group:
    """A short arrow leaving the page's lanes, labelled with the person at its far end."""
    g = Group()
    end = x + direction * 22
    g.add(Line(x, y, end, y, strokeColor=ARROW, strokeWidth=1, strokeDashArray=(2, 2)))
    g.add(_head((end, y), (x, y), ARROW) if direction > 0 else _head((x, y), (end, y), ARROW))
    anchor = "start" if direction > 0 else "end"
    textline.draw_text(
        g, end + direction * 3, y - 2.5, text, WHAT_SIZE, color=MUTED, anchor=anchor, max_width=110
    )
    return g
