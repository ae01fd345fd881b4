"""The map pages: the vector map (export.mapdraw) fitted to landscape pages.

A map small enough to read on one page gets one page. A bigger one gets an
overview page, then one page per department lane; a lane still too big to read
on a page is cut into tiles (left to right, top to bottom) at a readable scale,
each tile a clipped view of the same vector drawing, with the stage-column labels
repeated above it; tiles of a tall, narrow lane share a page side by side.
"""
from __future__ import annotations

import itertools
import math

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from export.mapdraw import STUB_ROOM
from export.mapshapes import BADGE_SIZE, WHAT_SIZE
from export.pdf import styles
from export.pdf.context import Ctx
from export.pdf.parts.map_tiles import clipped
from export.pdf.parts.sections import heading, lead
from export.pdf.render import draw_drawing
from model.document import Document
from model.layout import CARD_W, COL_W, HEADER_H, LABEL_W, Lane, lane_key, lanes, map_size

# Drawing units are the canvas's scene units. The smallest text on the map (a card's badges
# and a hand-off's label) is 6.5 units: at this scale it prints at 6 pt, the smallest we
# call legible on paper. A map that does not fit a page at this scale gets lane pages.
MIN_PT = 6.0
LEGIBLE_SCALE = MIN_PT / min(BADGE_SIZE, WHAT_SIZE) + 0.001
MAX_SCALE = 1.0  # a small map: large enough to read, not poster-sized
MAX_TILES = 100  # pages per lane group at most (smaller tiles beyond that)
LEGEND_ROOM = 34.0  # export.mapdraw.LEGEND_H
CAPTION_ROOM = 76.0  # heading and caption above a map drawing on the page
MAP_MARGIN = 8.0  # export.mapdraw.MARGIN: the drawing's border around the scene


_FORM_NAMES = itertools.count(1)


class MapView(Flowable):  # type: ignore[misc]
    """Parts of a reportlab Drawing, scaled, each clipped to its box, side by side and
    centred in the frame width.

    The drawing goes into the PDF once, as a form XObject; every view (a lane's tiles,
    say) refers to it, so tiling a big lane costs neither time nor file size per tile.
    `header` (y, height in drawing units) is the stage-column band: a part that does not
    reach up to it gets it repeated above, so every tile says which stage is which."""

    GAP = 18.0  # between parts set side by side

    def __init__(self, drawing: Drawing, scale: float,
                 window: tuple[float, float, float, float] | None = None,
                 frame_width: float = 0.0, header: tuple[float, float] | None = None,
                 more: list[tuple[float, float, float, float]] | None = None) -> None:
        super().__init__()
        self.drawing = drawing
        if not hasattr(drawing, "_cw_form"):
            drawing._cw_form = f"cwmap{next(_FORM_NAMES)}"
        self.scale = scale
        # window: (x, y, width, height) in drawing units, y measured from the drawing's bottom
        self.window = window or (0.0, 0.0, float(drawing.width), float(drawing.height))
        self.windows = [self.window, *(more or [])]
        self.header = header
        self.frame_width = frame_width

    def _band(self, window: tuple[float, float, float, float]) -> float:
        """The height (drawing units) of the header band shown above this part, if any."""
        if self.header is None:
            return 0.0
        band_y, band_h = self.header
        return band_h if window[1] + window[3] < band_y + band_h - 0.5 else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = max(w[3] + self._band(w) for w in self.windows) * self.scale
        return availWidth, self.height

    def draw(self) -> None:
        canv = self.canv
        total = sum(w[2] for w in self.windows) * self.scale + self.GAP * (len(self.windows) - 1)
        left = max(0.0, (self.width - total) / 2)
        for window in self.windows:
            x0, _y0, w, h = window
            band = self._band(window)
            shown_w = w * self.scale
            top = self.height  # parts hang from the top of the view
            bottom = top - (h + band) * self.scale
            if band and self.header is not None:
                self._part(left, top - band * self.scale, (x0, self.header[0], w, band))
            self._part(left, bottom, window)
            canv.saveState()
            canv.setStrokeColor(styles.RULE)
            canv.setLineWidth(0.6)
            canv.rect(left, bottom, shown_w, top - bottom, stroke=1, fill=0)
            canv.restoreState()
            left += shown_w + self.GAP

    def _part(self, x: float, y: float, window: tuple[float, float, float, float]) -> None:
        """One window of the drawing with its bottom-left corner at (x, y)."""
        canv = self.canv
        clipped(canv, x, y, window, self.scale, lambda: canv.doForm(self._form(canv)))

    def _form(self, canv: object) -> str:
        """The drawing's form, drawn into the PDF the first time any view needs it."""
        name: str = self.drawing._cw_form
        done: set[str] = canv.__dict__.setdefault("_cw_forms", set())
        if name not in done:
            d = self.drawing
            canv.beginForm(name, 0, 0, float(d.width), float(d.height))  # type: ignore[attr-defined]
            draw_drawing(d, canv)
            canv.endForm()  # type: ignore[attr-defined]
            done.add(name)
        return name


def _fit_scale(drawing: Drawing, width: float, height: float) -> float:
    dw, dh = float(drawing.width or 1), float(drawing.height or 1)
    return min(width / dw, height / dh)


def _tiles(window: tuple[float, float, float, float], width: float, height: float,
           scale: float) -> list[tuple[float, float, float, float]]:
    """Windows (drawing units) covering `window` at `scale`, in reading order, top row first."""
    x0, y0, ww, wh = window
    tw, th = width / scale, height / scale
    cols, rows = max(1, math.ceil(ww / tw - 0.02)), max(1, math.ceil(wh / th - 0.02))
    if cols * rows > MAX_TILES:  # a card dragged miles away: fewer, smaller tiles, not a million pages
        shrink = math.sqrt(cols * rows / MAX_TILES)
        cols, rows = max(1, int(cols / shrink)), max(1, int(rows / shrink))
    tw, th = ww / cols, wh / rows  # even tiles, no sliver at the end
    return [(x0 + c * tw, y0 + wh - (r + 1) * th, tw, th) for r in range(rows) for c in range(cols)]


def _window(xs: list[float], drawing_width: float) -> tuple[float, float]:
    """The x range (drawing units) that a group of lanes' cards and stubs use, snapped
    to stage-column edges so no column label is cut in half."""
    shift = MAP_MARGIN - min([0.0, *xs])  # mapdraw: drawing x = scene x + shift
    lo, hi = min(xs) - STUB_ROOM, max(xs) + CARD_W + STUB_ROOM
    left_col = math.floor((lo - LABEL_W) / COL_W)
    right_col = math.ceil((hi - LABEL_W) / COL_W)
    left = 0.0 if left_col < 0 else LABEL_W + left_col * COL_W + shift
    right = min(drawing_width, LABEL_W + right_col * COL_W + shift + MAP_MARGIN)
    return left, max(right - left, 1.0)


def _groups(ctx: Ctx, members: dict[str, list[float]], width: float, height: float) -> list[list[Lane]]:
    """Neighbouring lanes put together on one page while they stay legible there."""
    groups: list[list[Lane]] = []
    current: list[Lane] = []
    for lane in lanes(ctx.map_doc):
        if lane.key not in members:
            continue
        trial = [*current, lane]
        xs = [x for ln in trial for x in members[ln.key]]
        span = max(xs) - min(xs) + CARD_W + 2 * STUB_ROOM + 2 * COL_W
        tall = HEADER_H + sum(ln.height for ln in trial) + 2 * MAP_MARGIN
        if current and min(width / span, height / tall) < LEGIBLE_SCALE:
            groups.append(current)
            trial = [lane]
        current = trial
    if current:
        groups.append(current)
    return groups


def _findings_people(ctx: Ctx) -> set[str]:
    return {pid for f in ctx.report.findings if f.severity == "high" for pid in f.people}


def _drawable(ctx: Ctx) -> Document:
    """The document to draw: the team's part of the map when the playbook is for some departments
    (when redacting, ctx.doc is already the redacted copy: model/redaction)."""
    return ctx.map_doc


def map_pages(ctx: Ctx) -> list[Flowable]:
    from export.mapdraw import handoff_numbers, map_drawing
    from export.pdf.parts.map_summary import overview as summary

    ctx.where = "the map"
    doc = _drawable(ctx)
    out: list[Flowable] = [heading(ctx, "The map", "The map")]
    placed = [p for p in doc.people.values() if p.placed]
    if not placed:
        out.append(ctx.nothing_yet("Nothing yet: the map is empty. Drag colleagues onto the canvas, put them "
                                   "in department lanes and draw who hands the contract on to whom."))
        return ctx.tag(out)
    width, height = ctx.wide_w, ctx.wide_h - CAPTION_ROOM
    flagged = _findings_people(ctx)
    map_w, map_h = map_size(doc)
    overview = min(width / (map_w + 2 * MAP_MARGIN), height / (map_h + 2 * MAP_MARGIN + LEGEND_ROOM))
    if overview >= LEGIBLE_SCALE and ctx.focus is None:
        whole = map_drawing(doc, redact=ctx.redact, findings_people=flagged, report=ctx.report)
        out.append(lead(ctx, "Departments are lanes, the order-to-cash stages are columns; arrows are "
                             "hand-offs, numbered in walk order."))
        out.append(MapView(whole, min(_fit_scale(whole, width, height), MAX_SCALE)))
        return ctx.tag(out)
    out.append(lead(ctx, f"{len(placed)} people in {len(lanes(doc))} lanes: too many to print whole at a "
                         "readable size. Here is the walk in numbers: how many people each department has at "
                         "each order-to-cash stage, and which departments hand on to which."))
    out += summary(ctx, doc)
    numbers = handoff_numbers(doc, ctx.report)  # once for every lane page
    members: dict[str, list[float]] = {}
    for p in placed:
        if ctx.in_focus(p.id):  # a team's playbook: its own lanes; neighbours show as stubs
            members.setdefault(lane_key(p), []).append(p.pos[0])
    first = True
    for group in _groups(ctx, members, width, height):
        ctx.check()
        names = [styles.clean(lane.name).strip() or "(unnamed lane)" for lane in group]
        title = ("Lane: " if len(group) == 1 else "Lanes: ") + ", ".join(names)
        ctx.where = f"the map ({title})"
        drawing = map_drawing(doc, redact=ctx.redact, lane_keys=[lane.key for lane in group],
                              findings_people=flagged, report=ctx.report, legend=False, numbers=numbers)
        left, span = _window([x for lane in group for x in members[lane.key]], float(drawing.width))
        window = (left, 0.0, span, float(drawing.height))
        out += _lane_views(ctx, drawing, window, title, width, height, first)
        first = False
    return ctx.tag(out)


def _lane_views(ctx: Ctx, drawing: Drawing, window: tuple[float, float, float, float], title: str,
                width: float, height: float, first: bool) -> list[Flowable]:
    """A lane group's page(s): tiles at a legible scale cut between cards (export.pdf.parts.map_tiles),
    each with the stage columns above and the lanes named at its left."""
    from export.pdf.parts.map_tiles import MapTile, tiles

    band = HEADER_H + MAP_MARGIN  # the stage-column labels and the border above them
    scale = LEGIBLE_SCALE
    parts = tiles(drawing, window, width, height, scale, band)
    out: list[Flowable] = []
    for n, part in enumerate(parts, start=1):
        view = MapTile(drawing, scale, part, band)
        need = view.wrap(width, height)[1] + 50
        out.append(PageBreak() if first or n > 1 else CondPageBreak(need))
        label = title + (f" (part {n} of {len(parts)})" if len(parts) > 1 else "")
        if n == 1:
            out.append(heading(ctx, label, level=1, listed=False))
        else:
            out.append(ctx.p(styles.markup(label), ctx.styles.h2, label))
        out.append(view)
        first = False
    return out
