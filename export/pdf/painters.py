"""How the playbook's panels look: each painter draws a panel's background (the canvas's
card, a tinted callout, the walk's numbered timeline, a checklist box, a colour key) under
its content, on every part of a panel split across pages (`first`/`last` say which part).

Why apart from export.pdf.flowables: the panel splits and lays out, these only paint.
"""
from __future__ import annotations

from collections.abc import Callable

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from export.pdf import styles

# painter(canvas, width, height, first_part, last_part)
Painter = Callable[[Canvas, float, float, bool, bool], None]

def card_painter(color: colors.Color, customer: bool = False, fill: colors.Color | None = None) -> Painter:
    """The canvas's card: rounded rectangle, a department-colour strip on the left."""

    def paint(canv: Canvas, w: float, h: float, first: bool, last: bool) -> None:
        canv.setFillColor(fill or colors.white)
        canv.roundRect(0, 0, w, h, 6, stroke=0, fill=1)
        canv.saveState()
        clip = canv.beginPath()
        clip.roundRect(0, 0, w, h, 6)
        canv.clipPath(clip, stroke=0, fill=0)
        canv.setFillColor(color)
        canv.rect(0, 0, 6, h, stroke=0, fill=1)
        canv.restoreState()
        canv.setStrokeColor(color if customer else styles.RULE)
        canv.setLineWidth(1.2 if customer else 0.8)
        if customer:
            canv.setDash(4, 2)
        canv.roundRect(0, 0, w, h, 6, stroke=1, fill=0)

    return paint


def callout_painter(tint: colors.Color, strip: colors.Color) -> Painter:
    def paint(canv: Canvas, w: float, h: float, first: bool, last: bool) -> None:
        canv.setFillColor(tint)
        canv.rect(0, 0, w, h, stroke=0, fill=1)
        canv.setFillColor(strip)
        canv.rect(0, 0, 3.5, h, stroke=0, fill=1)

    return paint


def timeline_painter(number: int, color: colors.Color, more_below: bool) -> Painter:
    """A numbered circle in the department's colour, and the timeline's spine."""

    def paint(canv: Canvas, w: float, h: float, first: bool, last: bool) -> None:
        cx, r = 14.0, 11.0
        cy = h - r - 2
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(2)
        spine_top = cy if first else h
        spine_bottom = 0 if (more_below or not last) else cy
        if spine_top > spine_bottom:
            canv.line(cx, spine_bottom, cx, spine_top)
        if first:
            canv.setFillColor(color)
            canv.setStrokeColor(colors.white)
            canv.setLineWidth(1.5)
            canv.circle(cx, cy, r, stroke=1, fill=1)
            canv.setFillColor(styles.text_on(color))
            label = str(number)
            size = 10 if len(label) < 3 else 8 if len(label) < 4 else 6.5
            canv.setFont(styles.BOLD, size)
            canv.drawCentredString(cx, cy - size * 0.36, label)

    return paint


def checkbox_painter(done: bool, overdue: bool) -> Painter:
    def paint(canv: Canvas, w: float, h: float, first: bool, last: bool) -> None:
        if not first:
            return
        size, x, y = 9.0, 1.0, h - 12.0
        canv.setLineWidth(0.9)
        canv.setStrokeColor(OVERDUE_RED if overdue else styles.MUTED)
        canv.setFillColor(styles.DONE if done else colors.white)
        canv.roundRect(x, y, size, size, 1.5, stroke=0 if done else 1, fill=1)
        if done:
            canv.setStrokeColor(colors.white)
            canv.setLineWidth(1.4)
            p = canv.beginPath()
            p.moveTo(x + 2, y + 4.6)
            p.lineTo(x + 3.9, y + 2.4)
            p.lineTo(x + 7.2, y + 7)
            canv.drawPath(p, stroke=1, fill=0)

    return paint


OVERDUE_RED = styles.OVERDUE


def swatch_painter(color: colors.Color, line_style: bool = False, dash: tuple[float, ...] | None = None,
                   marker: str = "") -> Painter:
    """A colour key at the first line (a dot, or a line with a dot for chart legends; `dash`
    and `marker`, a reportlab marker name, draw the chart line's own)."""

    def paint(canv: Canvas, w: float, h: float, first: bool, last: bool) -> None:
        if not first:
            return
        y = h - 7.5
        canv.setFillColor(color)
        canv.setStrokeColor(color)
        if line_style:
            canv.saveState()
            canv.setLineWidth(1.8)
            if dash:
                canv.setDash(list(dash))
            canv.line(0, y, 18, y)
            canv.restoreState()
            if marker:
                from reportlab.graphics.renderPDF import draw
                from reportlab.graphics.shapes import Drawing
                from reportlab.graphics.widgets.markers import makeMarker

                key = Drawing(10, 10)
                key.add(makeMarker(marker, size=5.5, fillColor=color, strokeColor=color, x=5, y=5))
                draw(key, canv, 4, y - 5)
            else:
                canv.circle(8, y, 2.6, stroke=0, fill=1)
        else:
            canv.roundRect(1, y - 4, 8, 8, 2, stroke=0, fill=1)

    return paint
