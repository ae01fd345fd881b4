"""A lean PDF renderer for the map's reportlab.graphics drawings (export.drawing.mapdraw).

Why: reportlab's renderPDF wraps every node in a saved graphics state and works out each
node's state through a generic tracker: for the 52,000 nodes of a 2,000-person map's
pages that machinery cost more than the drawing. Here each shape sets only what differs
from the shape drawn before it (colours, line width, dash, font), groups save the state
only when they move their contents (a transform), and shapes are drawn with the same
canvas calls renderPDF makes, so the page looks the same.

A drawing with a node this renderer does not know (an image, a wedge, a user node, a clip
path) is handed to renderPDF whole. Derived values (reportlab's charts) are not supported.
"""
from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import (
    STATE_DEFAULTS,
    Circle,
    Drawing,
    Ellipse,
    Group,
    Line,
    Path,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.pdfbase.pdfmetrics import stringWidth

from export.pdf.reportlab_private import render_path

_KNOWN = (Group, Rect, Line, Path, Polygon, PolyLine, Circle, Ellipse, String)
_IDENTITY = (1, 0, 0, 1, 0, 0)
_UNSET = object()
_LINE_STATE = (
    ("strokeWidth", "setLineWidth"),
    ("strokeLineCap", "setLineCap"),
    ("strokeLineJoin", "setLineJoin"),
    ("strokeMiterLimit", "setMiterLimit"),
)


def _plain(node: Any) -> bool:
    """Only node types drawn here, no clip paths, no overprint. (Derived values, which
    reportlab's charts use, are not looked for: export.drawing.mapdraw sets none.)"""
    if type(node) not in _KNOWN and not isinstance(node, _KNOWN):
        return False
    d = node.__dict__
    if d.get("fillOverprint") or d.get("strokeOverprint") or d.get("overprintMask"):
        return False
    if isinstance(node, Path) and d.get("isClipPath"):
        return False
    if isinstance(node, Group):
        return all(_plain(child) for child in node.contents)
    return True


class _Lean:
    """Draws nodes on a canvas, remembering the graphics state it has set."""

    def __init__(self, canv: Any) -> None:
        self.c = canv
        self.state: dict[str, Any] = {}

    # ----- state ---------------------------------------------------------------
    def _get(self, node: Any, key: str) -> Any:
        d = node.__dict__
        return d[key] if key in d else STATE_DEFAULTS[key]

    def _fill(self, node: Any) -> bool:
        color = self._get(node, "fillColor")
        if color is None:
            return False
        key = (color.red, color.green, color.blue, getattr(color, "alpha", None))
        if self.state.get("fill") != key:
            self.c.setFillColor(color)
            self.state["fill"] = key
        opacity = self._get(node, "fillOpacity")
        if opacity is not None:
            self.c.setFillAlpha(opacity)
            self.state["fill"] = None  # the colour's own alpha must be set again next time
        return True

    def _stroke(self, node: Any) -> bool:
        color = self._get(node, "strokeColor")
        if color is None:
            return False
        c, s = self.c, self.state
        key = (color.red, color.green, color.blue, getattr(color, "alpha", None))
        if s.get("stroke") != key:
            c.setStrokeColor(color)
            s["stroke"] = key
        opacity = self._get(node, "strokeOpacity")
        if opacity is not None:
            c.setStrokeAlpha(opacity)
            s["stroke"] = None
        for attr, setter in _LINE_STATE:
            value = self._get(node, attr)
            if s.get(attr, _UNSET) != value:
                getattr(c, setter)(value)
                s[attr] = value
        dash = self._get(node, "strokeDashArray")
        dash_key = tuple(dash) if isinstance(dash, list) else dash
        if s.get("dash", _UNSET) != dash_key:
            if dash:
                if isinstance(dash, (list, tuple)) and len(dash) == 2 and isinstance(dash[1], (tuple, list)):
                    c.setDash(dash[1], dash[0])
                else:
                    c.setDash(dash)
            else:
                c.setDash()
            s["dash"] = dash_key
        return True

    # ----- nodes ---------------------------------------------------------------
    def node(self, node: Any) -> None:
        if isinstance(node, Group):
            self.group(node)
        elif isinstance(node, String):
            self.string(node)
        else:
            self.shape(node)

    def group(self, group: Group) -> None:
        transform = tuple(group.__dict__.get("transform", _IDENTITY))
        if transform == _IDENTITY:
            if "_cw_line" in group.__dict__ and group.contents and self._fill(group.contents[0]):
                self._typed_line(*group.__dict__["_cw_line"])
                return
            for child in group.contents:
                self.node(child)
            return
        saved = dict(self.state)
        self.c.saveState()
        self.c.transform(*transform)
        for child in group.contents:
            self.node(child)
        self.c.restoreState()
        self.state = saved

    def _typed_line(self, x: float, y: float, text: str, size: float, bold: bool) -> None:
        """A line of a map label with right-to-left text in it (export.textline.draw_text):
        drawn as the playbook's lines are, so search and copy give it as typed."""
        from export.pdf.bidi import draw_line

        draw_line(self.c, x, y, text, size, bold)
        self.state["font"] = None  # its text object set fonts of its own

    def string(self, node: String) -> None:
        mode = node.__dict__.get("textRenderMode", 0)
        need_fill, need_stroke = mode in (0, 2, 4, 6), mode in (1, 2, 5, 6)
        fill = need_fill and self._fill(node)
        stroke = need_stroke and self._stroke(node)
        if not (fill or stroke):
            return
        font, size = self._get(node, "fontName"), self._get(node, "fontSize")
        if self.state.get("font") != (font, size):
            self.c.setFont(font, size)
            self.state["font"] = (font, size)
        x, text = node.x, node.text
        anchor = self._get(node, "textAnchor")
        if anchor not in ("start", "inherited"):
            width = stringWidth(text, font, size, node.encoding)
            if anchor == "end":
                x -= width
            elif anchor == "middle":
                x -= width * 0.5
            else:  # 'numeric' and the like: reportlab's own
                x = _numeric_x(node, anchor, text, width, font, size)
        self.c.drawString(x, node.y, text, mode=mode or None)

    def shape(self, node: Any) -> None:
        c = self.c
        stroke = self._stroke(node)
        fill = self._fill(node)
        if isinstance(node, Rect):
            if node.rx == node.ry == 0:
                c.rect(node.x, node.y, node.width, node.height, stroke=stroke, fill=fill)
            else:
                c.roundRect(node.x, node.y, node.width, node.height, node.rx, stroke=stroke, fill=fill)
        elif isinstance(node, Line):
            if stroke:
                c.line(node.x1, node.y1, node.x2, node.y2)
        elif isinstance(node, Circle):
            c.circle(node.cx, node.cy, node.r, stroke=stroke, fill=fill)
        elif isinstance(node, Ellipse):
            c.ellipse(node.cx - node.rx, node.cy - node.ry, node.cx + node.rx, node.cy + node.ry,
                      stroke=stroke, fill=fill)
        elif isinstance(node, Path):
            self.path(node, stroke, fill)
        elif isinstance(node, (Polygon, PolyLine)):
            closed = isinstance(node, Polygon)
            if not closed and not stroke:
                return
            points = node.points
            p = c.beginPath()
            p.moveTo(points[0], points[1])
            for i in range(2, len(points), 2):
                p.lineTo(points[i], points[i + 1])
            if closed:
                p.close()
                c.drawPath(p, stroke=stroke, fill=fill)
            else:
                c.drawPath(p)

    def path(self, node: Path, stroke: bool, fill: bool) -> None:
        c = self.c
        p = c.beginPath()
        autoclose = getattr(node, "autoclose", "")
        ops = (p.moveTo, p.lineTo, p.curveTo, p.close)
        closed = render_path(node, ops, forceClose=fill and autoclose == "pdf")
        mode = getattr(node, "fillMode", None)
        if autoclose == "svg" and fill and stroke and not closed:
            c.drawPath(p, fill=fill, stroke=0)
            c.drawPath(p, stroke=stroke, fill=0, fillMode=mode)
            return
        if autoclose not in ("svg", "pdf") and not closed:
            fill = False
        c.drawPath(p, fill=fill, stroke=stroke, fillMode=mode)


def _numeric_x(node: String, anchor: str, text: str, width: float, font: str, size: float) -> float:
    from reportlab.graphics.renderbase import numericXShift

    return float(node.x - numericXShift(anchor, text, width, font, size, node.encoding))


def draw_drawing(drawing: Drawing, canv: Any) -> None:
    """Draw `drawing` at the canvas's origin, as renderPDF.draw(drawing, canv, 0, 0) would."""
    scale = getattr(drawing, "renderScale", 1.0)
    if scale != 1.0 or not _plain(drawing):
        renderPDF.draw(drawing, canv, 0, 0, showBoundary=False)
        return
    canv.saveState()
    _Lean(canv).group(drawing)
    canv.restoreState()
