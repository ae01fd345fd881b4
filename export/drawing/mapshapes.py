"""The pieces of the printed map: cards, hand-off arrows, badges, lane labels.

Pure reportlab.graphics shapes in drawing coordinates (y up); `mapdraw`
places them. Sizes follow the canvas (model/layout.py) so print and screen
look alike; every text goes through `export.fonts` (any script, truncated
with an ellipsis, never clipped).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Group, Line, Path, Polygon, Rect
from reportlab.lib import colors
from reportlab.lib.colors import Color

from export import fonts, textline
from export.drawing import wordwrap
from model import arrows
from model.appearance import YOU_COLOR
from model.layout import CARD_H, CARD_W

INK = colors.HexColor("#263238")
MUTED = colors.HexColor("#5F6B73")
CARD_LINE = colors.HexColor("#B0BEC5")
ARROW = colors.HexColor("#546E7A")
YOU = colors.HexColor(YOU_COLOR)  # as on the canvas (model/appearance.py); dark text on it
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
STUB_LEN = 22.0  # a stub's arrow beside its card
STUB_TEXT_MAX = 110.0  # and the widest its label gets


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
class Box(arrows.Rect):
    """A card's rectangle in drawing coordinates (x, y = bottom-left: its `bottom` is its top)."""

    w: float = CARD_W
    h: float = CARD_H

    @property
    def top(self) -> float:
        return self.y + self.h


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
    """Greedy word wrap into at most `max_lines` (export.drawing.wordwrap: a word wider than
    the line is broken); the last line ends with an ellipsis if cut."""
    flat, lines = wordwrap.wrapped(text, size, width, bold)
    if len(lines) <= max_lines:
        return [line for line, _end in lines]
    head = lines[: max_lines - 1]
    rest = flat[head[-1][1]:] if head else flat
    return [line for line, _end in head] + [textline.fit_text(rest, size, width, bold)]


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
            g, corner - w / 2, box.top - 2.3, "YOU", BADGE_SIZE + 0.5, bold=True, color=INK, anchor="middle"
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


# ---------------------------------------------------------------- arrow heads and stubs


def head(tip: tuple[float, float], toward: tuple[float, float], color: Color) -> Polygon:
    """An arrowhead at `tip`, pointing away from `toward`."""
    ang = math.atan2(tip[1] - toward[1], tip[0] - toward[0])
    bx, by = tip[0] - HEAD_LEN * math.cos(ang), tip[1] - HEAD_LEN * math.sin(ang)
    nx, ny = -math.sin(ang) * HEAD_W / 2, math.cos(ang) * HEAD_W / 2
    return Polygon([tip[0], tip[1], bx + nx, by + ny, bx - nx, by - ny], fillColor=color, strokeColor=None)


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


def stub(x: float, y: float, direction: int, text: str, length: float = STUB_LEN,
         above: bool = False) -> Group:
    """A short arrow leaving the page's lanes, labelled with the person at its far end
    (after its head, or `above` its line when a card stands close beside it)."""
    g = Group()
    end = x + direction * length
    g.add(Line(x, y, end, y, strokeColor=ARROW, strokeWidth=1, strokeDashArray=(2, 2)))
    g.add(head((end, y), (x, y), ARROW) if direction > 0 else head((x, y), (end, y), ARROW))
    if above:
        textline.draw_text(g, (x + end) / 2, y + 2.5, text, WHAT_SIZE, color=MUTED, anchor="middle")
        return g
    anchor = "start" if direction > 0 else "end"
    textline.draw_text(
        g, end + direction * 3, y - 2.5, text, WHAT_SIZE, color=MUTED, anchor=anchor, max_width=STUB_TEXT_MAX
    )
    return g
