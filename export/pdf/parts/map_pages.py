"""The map pages: the vector map (export.drawing.mapdraw) on landscape pages, no text under 6 pt.

A walk that fits one page at that size prints as one picture: the stage columns its
cards reach, its lanes named at the left (a tile of export.pdf.parts.map_tiles). A bigger
one gets the departments x stages summary (map_summary), then the lane groups flowing
down the pages (export.pdf.parts.map_flow): each cut across into strips that fit the page
and down between card rows into pieces that fill the room left on a page, at the legible
scale, with the stage-column labels repeated above each (a long one-column lane goes on
portrait pages, where more of its rows fit).
"""
from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable

from export.drawing.mapdraw import STUB_ROOM
from export.drawing.mapshapes import BADGE_SIZE, WHAT_SIZE
from export.pdf import styles
from export.pdf.context import Ctx
from export.pdf.parts.map_flow import Strip, lane_pages, strips
from export.pdf.parts.map_parts import part_columns
from export.pdf.parts.sections import heading, lead
from model.document import Document
from model.entities import Person
from model.layout import CARD_W, COL_W, HEADER_H, LABEL_W, Lane, lane_key, lanes, map_size

# Drawing units are the canvas's scene units. The smallest text on the map (a card's badges
# and a hand-off's label) is 6.5 units: at this scale it prints at 6 pt, the smallest we
# call legible on paper. A map that does not fit a page at this scale gets lane pages.
MIN_PT = 6.0
LEGIBLE_SCALE = MIN_PT / min(BADGE_SIZE, WHAT_SIZE) + 0.001
MAX_SCALE = 1.0  # a small map: large enough to read, not poster-sized
CAPTION_ROOM = 76.0  # heading and caption above a map drawing on the page
MAP_MARGIN = 8.0  # export.drawing.mapdraw.MARGIN: the drawing's border around the scene


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
    from export.drawing.mapdraw import handoff_numbers, map_drawing
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
    if ctx.focus is None:
        one = _one_picture(ctx, doc, placed, flagged, width, height)
        if one is not None:
            out.append(lead(ctx, "Departments are lanes, the order-to-cash stages the walk reaches are "
                                 "columns; arrows are hand-offs, numbered in walk order."))
            out.append(one)
            return ctx.tag(out)
    # the lead says what the lane pages are: a closing line after the tables was left alone on a
    # page of its own whenever the tables filled the page
    reached = len({p.stage for p in placed if p.stage})
    across = f" across {reached} stages" if reached > 1 else ""
    out.append(lead(ctx, f"{len(placed)} people in {len(lanes(doc))} lanes{across}: too many to print "
                         "whole at a readable size. Here is the walk in numbers: how many people each "
                         "department has at each order-to-cash stage, and which departments hand on to "
                         "which; the lane pages after it show every department large enough to read."))
    out += summary(ctx, doc)
    numbers = handoff_numbers(doc, ctx.report)  # once for every lane page
    members: dict[str, list[float]] = {}
    cards: dict[str, list[tuple[float, str]]] = {}
    for p in placed:
        if ctx.in_focus(p.id):  # a team's playbook: its own lanes; neighbours show as stubs
            members.setdefault(lane_key(p), []).append(p.pos[0])
            cards.setdefault(lane_key(p), []).append((p.pos[0], p.id))
    band = HEADER_H + MAP_MARGIN  # the stage-column labels and the border above them
    groups: list[list[Strip]] = []
    for group in _groups(ctx, members, width, height):
        ctx.check()
        names = [styles.clean(lane.name).strip() or "(unnamed lane)" for lane in group]
        title = ("Lane: " if len(group) == 1 else "Lanes: ") + ", ".join(names)
        ctx.where = f"the map ({title})"
        keys = [lane.key for lane in group]
        drawing = map_drawing(doc, redact=ctx.redact, lane_keys=keys,
                              findings_people=flagged, report=ctx.report, legend=False, numbers=numbers)
        left, span = _window([x for lane in group for x in members[lane.key]], float(drawing.width))
        found = strips(drawing, (left, 0.0, span, float(drawing.height)), title, width, LEGIBLE_SCALE, band)
        if len(found) > 1:  # too wide for a page: each part drawn on its own, with stubs at its edges
            part = _Part(ctx, doc, keys, title, flagged, numbers)
            found = part.strips([c for key in keys for c in cards[key]], width, band, drawing)
        groups.append(found)
    ctx.where = "the map (lane pages)"
    out += lane_pages(ctx, groups, width, LEGIBLE_SCALE, band)
    return ctx.tag(out)


def _one_picture(ctx: Ctx, doc: Document, placed: list[Person], flagged: set[str],
                 width: float, height: float) -> Flowable | None:
    """The whole walk as one picture, when it fits the page with no text under 6 pt: the
    stage columns the walk reaches (not all ten: a small map's cards sit in a few), every
    lane named at the left as on the lane pages. None when it does not fit (then the
    summary table and lane pages print)."""
    from export.drawing.mapdraw import map_drawing
    from export.pdf.parts.map_tiles import SIDE_W, MapTile, tiles

    band = HEADER_H + MAP_MARGIN
    _map_w, map_h = map_size(doc)
    xs = [p.pos[0] for p in placed]
    least = max(xs) - min(xs) + CARD_W  # the cards alone: if even they do not fit, nothing to draw
    if min((width - SIDE_W) / least, height / (map_h + band)) < LEGIBLE_SCALE:
        return None
    drawing = map_drawing(doc, redact=ctx.redact, findings_people=flagged, report=ctx.report, legend=False)
    left, shown = _window(xs, float(drawing.width))
    start = max(left, float(getattr(drawing, "_cw_label_right", 0.0)))  # the tile's lane band names lanes
    scale = min((width - SIDE_W) / (left + shown - start), height / float(drawing.height), MAX_SCALE)
    if scale < LEGIBLE_SCALE:
        return None
    parts = tiles(drawing, (left, 0.0, shown, float(drawing.height)), width, height, scale, band)
    return MapTile(drawing, scale, parts[0], band) if len(parts) == 1 else None


class _Part:
    """A lane group too wide for one page, printed in parts that each fit: the cards of a run of
    neighbouring columns, drawn on their own, so a hand-off to a card in another part ends in a
    labelled stub ("4: to Vic Vendor (Ops)") instead of an arrow and its numbered badge cut in
    two by the page's edge."""

    def __init__(self, ctx: Ctx, doc: Document, keys: list[str], title: str, flagged: set[str],
                 numbers: dict[str, int]) -> None:
        self.ctx, self.doc, self.keys, self.title = ctx, doc, keys, title
        self.flagged, self.numbers = flagged, numbers

    @staticmethod
    def runs(cards: list[tuple[float, str]], room: float) -> list[list[tuple[float, str]]]:
        """The cards left to right in runs whose cards and stubs span at most `room` (cards in
        one column stay together)."""
        out: list[list[tuple[float, str]]] = []
        for x, pid in sorted(cards):
            run = out[-1] if out else None
            if run is None or (x != run[-1][0] and x + CARD_W + STUB_ROOM - (run[0][0] - STUB_ROOM) > room):
                out.append([(x, pid)])
            else:
                run.append((x, pid))
        return out

    def strips(self, cards: list[tuple[float, str]], width: float, band: float,
               whole: Drawing) -> list[Strip]:
        """The strips of every part, left to right (one part, `whole`, the group's drawing: the
        cards fit when the columns at the edges show only the stubs' room, not whole)."""
        from export.drawing.mapdraw import map_drawing
        from export.pdf.parts.map_tiles import SIDE_W

        room = (width - SIDE_W) / LEGIBLE_SCALE - 1.0
        runs = self.runs(cards, room + 1.0)
        if len(runs) == 1:
            xs = [x for x, _pid in runs[0]]
            left, span = _window(xs, float(whole.width))
            if span > room:  # whole columns do not fit: the stubs' room, and what is left of the page
                shift = MAP_MARGIN - min([0.0, *xs])
                lo, hi = min(xs) - STUB_ROOM + shift, max(xs) + CARD_W + STUB_ROOM + shift
                spare = max(0.0, (room - (hi - lo)) / 2)
                lo, hi = max(left, lo - spare), min(left + span, hi + spare)
                left, span = lo, hi - lo
            return strips(whole, (left, 0.0, span, float(whole.height)), self.title, width, LEGIBLE_SCALE,
                          band)
        out: list[Strip] = []
        for run, (lo, hi, unnamed) in zip(runs, part_columns(self.doc, runs, room), strict=True):
            xs = [x for x, _pid in run]
            drawing = map_drawing(
                self.doc, redact=self.ctx.redact, lane_keys=self.keys, findings_people=self.flagged,
                report=self.ctx.report, legend=False, numbers=self.numbers, people={pid for _x, pid in run},
                unnamed=unnamed)
            shift = MAP_MARGIN - min([0.0, *xs])  # mapdraw: drawing x = scene x + shift
            right = min(float(drawing.width), hi + shift)
            out += strips(drawing, (lo + shift, 0.0, right - lo - shift, float(drawing.height)), self.title,
                          width, LEGIBLE_SCALE, band)
        return out
