"""The map pages: the vector map (export.mapdraw) fitted to landscape pages.

A map small enough to read on one page gets one page. A bigger one gets an
overview page, then one page per department lane; a lane still too big to read
on a page is cut into tiles (left to right, top to bottom) at a readable scale,
each tile a clipped view of the same vector drawing.
"""
from __future__ import annotations

import logging
import math

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, PageBreak

from export import pdf_styles as S
from export.pdf_context import Ctx
from export.pdf_sections import heading, lead
from model.layout import lanes

log = logging.getLogger(__name__)

# Drawing units are the canvas's scene units: a card's name is set at ~11 units. At this
# scale it prints at about 6 pt, the smallest we still call legible on paper.
LEGIBLE_SCALE = 0.55
CAPTION_ROOM = 44.0  # heading and caption above a map drawing on the page


class MapView(Flowable):
    """A (part of a) reportlab Drawing, scaled, clipped to its box, centred in the frame width."""

    def __init__(self, drawing: Drawing, scale: float, window: tuple[float, float, float, float] | None = None,
                 frame_width: float = 0.0) -> None:
        super().__init__()
        self.drawing = drawing
        self.scale = scale
        # window: (x, y, width, height) in drawing units, y measured from the drawing's bottom
        self.window = window or (0.0, 0.0, float(drawing.width), float(drawing.height))
        self.frame_width = frame_width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.window[3] * self.scale
        return availWidth, self.height

    def draw(self) -> None:
        canv = self.canv
        x0, y0, w, h = self.window
        shown_w = w * self.scale
        left = max(0.0, (self.width - shown_w) / 2)
        canv.saveState()
        clip = canv.beginPath()
        clip.rect(left, 0, shown_w, h * self.scale)
        canv.clipPath(clip, stroke=0, fill=0)
        canv.translate(left - x0 * self.scale, -y0 * self.scale)
        canv.scale(self.scale, self.scale)
        renderPDF.draw(self.drawing, canv, 0, 0, showBoundary=False)
        canv.restoreState()
        canv.saveState()
        canv.setStrokeColor(S.RULE)
        canv.setLineWidth(0.6)
        canv.rect(left, 0, shown_w, h * self.scale, stroke=1, fill=0)
        canv.restoreState()


def _fit_scale(drawing: Drawing, width: float, height: float) -> float:
    dw, dh = float(drawing.width or 1), float(drawing.height or 1)
    return min(width / dw, height / dh)


def _tiles(drawing: Drawing, width: float, height: float, scale: float) -> list[tuple[float, float, float, float]]:
    """Windows (drawing units) covering the drawing at `scale`, reading order, top row first."""
    dw, dh = float(drawing.width), float(drawing.height)
    tw, th = width / scale, height / scale
    cols, rows = max(1, math.ceil(dw / tw - 0.02)), max(1, math.ceil(dh / th - 0.02))
    tw, th = dw / cols, dh / rows  # even tiles, no sliver at the end
    out = []
    for r in range(rows):
        for c in range(cols):
            out.append((c * tw, dh - (r + 1) * th, tw, th))
    return out


def _findings_people(ctx: Ctx) -> set[str]:
    return {pid for f in ctx.report.findings if f.severity == "high" for pid in f.people}


def map_pages(ctx: Ctx) -> list[Flowable]:
    from export.mapdraw import map_drawing

    ctx.where = "the map"
    st = ctx.styles
    out: list[Flowable] = [heading(ctx, "The map", "The map")]
    placed = [p for p in ctx.doc.people.values() if p.placed]
    if not placed:
        out.append(ctx.nothing_yet("Nothing yet: the map is empty. Drag colleagues onto the canvas, put them "
                                   "in department lanes and draw who hands the contract on to whom."))
        return ctx.tag(out)
    width, height = ctx.wide_w, ctx.wide_h - CAPTION_ROOM
    flagged = _findings_people(ctx)
    whole = map_drawing(ctx.doc, redact=ctx.redact, findings_people=flagged)
    scale = _fit_scale(whole, width, height)
    if scale >= LEGIBLE_SCALE:
        out.append(lead(ctx, "Departments are lanes, the order-to-cash stages are columns; arrows are "
                             "hand-offs, numbered in walk order."))
        out.append(MapView(whole, min(scale, 1.0)))
        return ctx.tag(out)
    out.append(lead(ctx, "The whole map at a glance: departments are lanes, the order-to-cash stages are "
                         "columns. The pages after this show each department lane large enough to read."))
    out.append(MapView(whole, scale))
    keys = [lane for lane in lanes(ctx.doc) if any(_in_lane(p, lane.key) for p in placed)]
    for lane in keys:
        ctx.check()
        ctx.where = f"the map lane {lane.name}"
        drawing = map_drawing(ctx.doc, redact=ctx.redact, lane_keys=[lane.key], findings_people=flagged)
        fit = _fit_scale(drawing, width, height)
        title = S.clean(lane.name).strip() or "(unnamed lane)"
        if fit >= LEGIBLE_SCALE:
            out += [PageBreak(), heading(ctx, f"Lane: {title}", level=1, listed=False), MapView(drawing, min(fit, 1.0))]
            continue
        windows = _tiles(drawing, width, height, LEGIBLE_SCALE)
        for i, window in enumerate(windows, start=1):
            out.append(PageBreak())
            label = f"Lane: {title} (part {i} of {len(windows)})"
            out.append(heading(ctx, label, level=1, listed=False) if i == 1 else ctx.p(S.markup(label), st.h2, label))
            scale_i = min(width / window[2], height / window[3])
            out.append(MapView(drawing, scale_i, window))
    return ctx.tag(out)


def _in_lane(person: object, key: str) -> bool:
    from model.layout import lane_key

    return lane_key(person) == key  # type: ignore[arg-type]
