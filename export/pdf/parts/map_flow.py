"""Lane pages that fill the page: lane groups flow down the pages one after another.

A lane group's drawing is cut across into strips that fit the page's width (at stage-column
edges, export.pdf.parts.map_tiles), and each strip is cut down, between card rows, into pieces
as tall as the room left on the page: a short lane follows the one before it on the same page
instead of starting a half-empty one, and a long lane fills every page it runs over. A strip
that fits a fresh page whole is not cut in two (it moves to the next page, so a small lane
is read in one piece) unless that would leave the page it follows less than a quarter full.
Every piece has its own heading ("Lane: X (part n of N)"), the stage-column band above it
and the lane band naming its lanes at its left (map_tiles.MapTile), all at one scale, the
smallest at which the map's text prints at 6 pt.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from export.pdf import styles
from export.pdf.context import HEADING_LIMIT, Ctx, shortened
from export.pdf.doc import LANDSCAPE, PORTRAIT
from export.pdf.parts.map_tiles import SIDE_W, MapTile, Window, across_cuts, free_cuts, overlaps
from export.pdf.parts.sections import heading
from model.layout import PAD

NEARLY_EMPTY = 0.25  # a page less full than this is not left behind to keep a small lane whole
SLACK = 2.0  # points kept free at a page's foot: rounding in the frame's own arithmetic


@dataclass
class Strip:
    """One across slice of a lane group, to be cut down into pieces."""

    drawing: Drawing
    title: str
    x: float  # across range, drawing units
    w: float
    top: float  # drawing y of the lanes' top, below the stage-column band
    free: list[float]  # distances below `top` where a cut may fall, ascending, the last the end
    cards: list[tuple[float, float, float, float]]

    def window(self, start: float, end: float) -> Window:
        return (self.x, self.top - end, self.w, end - start)

    def holds_cards(self, start: float, end: float) -> bool:
        return any(overlaps(self.window(start, end), c) for c in self.cards)


def strips(drawing: Drawing, window: Window, title: str, width: float, scale: float,
           band: float) -> list[Strip]:
    """The strips of one lane group's drawing (left to right) that fit `width` points at `scale`."""
    left, across = across_cuts(drawing, window, width, scale)
    top, free = free_cuts(drawing, band)
    cards: list[tuple[float, float, float, float]] = list(getattr(drawing, "_cw_cards", []))
    out: list[Strip] = []
    x_prev = left
    for x in across:
        # the strip ends a lane's padding below its lowest card: the empty foot of a lane
        # costs a page's room and says nothing
        lows = [top - c[1] for c in cards if c[0] < x and c[2] > x_prev]
        end = min(top, max(lows) + PAD) if lows else top
        strip = Strip(drawing, title, x_prev, x - x_prev, top, [d for d in free if d < end] + [end], cards)
        if strip.holds_cards(0.0, end):
            out.append(strip)
        x_prev = x
    if not out:  # no card in the lanes' columns (cards far outside them): the first strip
        first = across[0] if across else left + 1.0
        whole = [d for d in free if d < top] + [top]
        out.append(Strip(drawing, title, left, first - left, top, whole, cards))
    return out


@dataclass
class Placed:
    strip: Strip
    start: float
    end: float


@dataclass
class Sheet:
    """A page being filled: landscape or portrait, its frame's size in points, its pieces."""

    wide: bool
    width: float
    height: float
    room: float
    pieces: list[Placed] = field(default_factory=list)


def flow(all_strips: list[Strip], frames: dict[bool, tuple[float, float]], scale: float, band: float,
         head_h: dict[int, tuple[float, float]]) -> list[Sheet]:
    """Pieces of the strips, page by page: each page filled down to its foot where the cuts
    between card rows allow. `frames`: the frame's width and height on a landscape (True)
    and a portrait (False) page; a strip narrow enough for a portrait page that needs more
    than a landscape page starts a portrait one (more card rows per page, no empty half).
    `head_h`: each strip's heading (by id): its height in points with the space after it,
    and the space above it (left out at a page's top, as the frame does)."""
    sheets: list[Sheet] = []
    sheet: Sheet | None = None
    for strip in all_strips:
        at = 0.0
        own, above = head_h[id(strip)]
        shown_w = SIDE_W + strip.w * scale
        end = strip.free[-1]
        while at < end - 1e-6:
            if not strip.holds_cards(at, end):
                break  # only the lanes' empty foot is left
            if sheet is None or (not sheet.pieces and shown_w > sheet.width + 0.5):
                tall = (end - at + band) * scale + own > frames[True][1] - SLACK
                wide = not (tall and shown_w <= frames[False][0])
                width, height = frames[wide]
                sheet = Sheet(wide, width, height, height - SLACK)
            head = own + (above if sheet.pieces else 0.0)
            most = (sheet.room - head) / scale - band
            fits = [c for c in strip.free if at < c <= at + most + 1e-6]
            rest_fits = bool(fits) and fits[-1] >= end - 1e-6
            # a strip that fits a fresh page whole starts one, unless this page is nearly empty
            whole_fits = (end + band) * scale + own <= sheet.height - SLACK
            keep_whole = (at == 0.0 and whole_fits and not rest_fits
                          and sheet.room < sheet.height * (1 - NEARLY_EMPTY))
            if sheet.pieces and (not fits or keep_whole or shown_w > sheet.width + 0.5):
                sheets.append(sheet)
                sheet = None
                continue
            # not one card row fits an empty page: cut through it at the page's length (or at
            # the next gap between rows when not even the band fits)
            gap = min(c for c in strip.free if c > at)
            cut = fits[-1] if fits else (min(at + most, gap) if most > 1.0 else gap)
            if strip.holds_cards(at, cut):
                sheet.pieces.append(Placed(strip, at, cut))
                sheet.room -= head + (cut - at + band) * scale
            at = cut
    if sheet is not None and sheet.pieces:
        sheets.append(sheet)
    return sheets


def _label(strip: Strip, n: int, total: int) -> str:
    """A piece's heading: its lanes (cut short when very long), then which part it is."""
    return shortened(strip.title, HEADING_LIMIT - 20) + (f" (part {n} of {total})" if total > 1 else "")


def lane_pages(ctx: Ctx, groups: list[list[Strip]], width: float, scale: float,
               band: float) -> list[Flowable]:
    """The lane pages of these lane groups (each a list of strips), starting on a new page."""
    head_h: dict[int, tuple[float, float]] = {}
    for group in groups:
        for strip in group:
            longest = _label(strip, 99, 99)
            probe = ctx.p(styles.markup(longest), ctx.styles.h2, longest)
            h = probe.wrap(min(width, ctx.frame_w), ctx.wide_h)[1]  # the narrower page's wrapping
            head_h[id(strip)] = (h + probe.getSpaceAfter(), probe.getSpaceBefore())
    frames = {True: (width, ctx.wide_h), False: (ctx.frame_w, ctx.frame_h)}
    pages = flow([s for group in groups for s in group], frames, scale, band, head_h)
    # pieces of each lane group (a wide lane's strips may each be a drawing of their own)
    group_of = {id(strip): k for k, group in enumerate(groups) for strip in group}
    totals: dict[int, int] = {}
    for page in pages:
        for placed in page.pieces:
            key = group_of[id(placed.strip)]
            totals[key] = totals.get(key, 0) + 1
    out: list[Flowable] = []
    counts: dict[int, int] = {}
    for page in pages:
        out += [NextPageTemplate(LANDSCAPE if page.wide else PORTRAIT), PageBreak()]
        for placed in page.pieces:
            key = group_of[id(placed.strip)]
            counts[key] = counts.get(key, 0) + 1
            label = _label(placed.strip, counts[key], totals[key])
            if counts[key] == 1:
                out.append(heading(ctx, label, level=1, listed=False))
            else:
                out.append(ctx.p(styles.markup(label), ctx.styles.h2, label))
            view = MapTile(placed.strip.drawing, scale, placed.strip.window(placed.start, placed.end), band)
            out.append(view)
    return out
