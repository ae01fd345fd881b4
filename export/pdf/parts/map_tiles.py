"""Lane pages: a lane group's drawing cut into page-sized tiles at a legible scale.

Cuts fall between cards, never through one: across, at stage-column edges; down, in
the gaps between card rows. The tiles are balanced (a lane that needs three pages gets
three pages of about a third each, not two full pages and a sliver), and a tile with
no card on it is left out. Every tile is printed with the stage-column band above it
and a lane band at its left that names the lanes it shows, with their colour bars, at
a fixed size in points (the drawing's own label column is not repeated: it would
cost a fifth of the page width and still name a tall lane only at its top).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.platypus import Flowable

from export import textline
from export.drawing import mapshapes
from export.pdf import styles
from export.pdf.render import draw_drawing

SIDE_W = 92.0  # the lane band at the left of every tile, in points
NAME_PT = 8.0
COUNT_PT = 6.5

Window = tuple[float, float, float, float]  # x, y (bottom), width, height in drawing units


def balanced_cuts(start: float, end: float, candidates: list[float], limit: float) -> list[float]:
    """Cut positions from `start` to `end` (exclusive of start, ending at end), each piece at most
    `limit` long where the candidates allow, and as even as the candidates allow."""
    points = sorted({c for c in candidates if start < c < end} | {end})

    def greedy(most: float) -> list[float]:
        cuts: list[float] = []
        at = start
        while at < end - 1e-6:
            fits = [c for c in points if at < c <= at + most + 1e-6]
            # no cut fits: cut through the empty space at the page's length (a piece taller than a
            # page cannot print); tiles with no card in them are left out later
            at = fits[-1] if fits else min(at + most, next(c for c in points if c > at))
            cuts.append(at)
        return cuts

    best = greedy(limit)
    n = len(best)
    if n <= 1 or len(best) != len(set(best)):
        return best
    cuts: list[float] = []
    at = start
    for left in range(n, 1, -1):  # each cut nearest an even share of what is left, where it may fall
        target = at + (end - at) / left
        fits = [c for c in points if at < c <= at + limit + 1e-6 and end - c <= (left - 1) * limit + 1e-6]
        if not fits:
            return best
        at = min(fits, key=lambda c: abs(c - target))
        cuts.append(at)
    if end - at > limit + 1e-6:
        return best
    return [*cuts, end]


def across_cuts(drawing: Drawing, window: Window, width: float, scale: float) -> tuple[float, list[float]]:
    """Where `window` is cut across (drawing units): its left edge right of the label column,
    and the right edges of pieces that each fit `width` points (with the lane band) at
    `scale`, cut at stage-column edges and as even as they allow."""
    x0, _y0, ww, _wh = window
    label_right = float(getattr(drawing, "_cw_label_right", 0.0))
    left = max(x0, label_right)
    from model.layout import COL_W

    edges = [label_right + i * COL_W for i in range(64)]
    return left, balanced_cuts(left, x0 + ww, edges, (width - SIDE_W) / scale)


def free_cuts(drawing: Drawing, band: float) -> tuple[float, list[float]]:
    """The top of the lanes (drawing y below the stage-column band) and the distances below it
    where a cut falls between cards: just below a card that no other card spans."""
    cards: list[tuple[float, float, float, float]] = list(getattr(drawing, "_cw_cards", []))
    top = float(drawing.height) - band
    below = [top - y0 + 3 for (_x0, y0, _x1, _y1) in cards]
    spans = [(top - y1, top - y0) for (_x0, y0, _x1, y1) in cards]
    return top, sorted({d for d in below if not any(a < d < b for a, b in spans)})


def tiles(drawing: Drawing, window: Window, width: float, height: float, scale: float,
          band: float) -> list[Window]:
    """Tiles (drawing units) of `window` that each fit width x height points at `scale` with
    the header band above and the lane band at the left; top row first, empty ones left out."""
    cards: list[tuple[float, float, float, float]] = list(getattr(drawing, "_cw_cards", []))
    left, across = across_cuts(drawing, window, width, scale)
    right = window[0] + window[2]
    top, free = free_cuts(drawing, band)
    down = balanced_cuts(0.0, top, free, (height - band * scale) / scale)
    out: list[Window] = []
    d_prev = 0.0
    for d in down:
        x_prev = left
        for x in across:
            tile = (x_prev, top - d, x - x_prev, d - d_prev)
            if any(overlaps(tile, c) for c in cards):
                out.append(tile)
            x_prev = x
        d_prev = d
    # no card in any tile (cards far outside the lane): its first page-sized tile, never a tile
    # taller or wider than a page
    first_down = down[0] if down else top
    first_across = across[0] if across else right
    return out or [(left, top - first_down, first_across - left, first_down)]


def overlaps(tile: Window, card: tuple[float, float, float, float]) -> bool:
    tx, ty, tw, th = tile
    return card[0] < tx + tw and card[2] > tx and card[1] < ty + th and card[3] > ty


def clipped(canv: Any, x: float, y: float, window: Window, scale: float, paint: Callable[[], None]) -> None:
    """Paint a window of a drawing (drawing units) at `scale`, its bottom-left corner at (x, y),
    clipped to the window."""
    x0, y0, w, h = window
    canv.saveState()
    clip = canv.beginPath()
    clip.rect(x, y, w * scale, h * scale)
    canv.clipPath(clip, stroke=0, fill=0)
    canv.translate(x - x0 * scale, y - y0 * scale)
    canv.scale(scale, scale)
    paint()
    canv.restoreState()


def visible_part(drawing: Drawing, window: Window) -> Drawing:
    """The shapes of `drawing` that show in `window`, with every line of text that does not
    fit inside it left out: clipping alone would leave the hidden text in the PDF's text
    layer, where a search finds names that are not on the page and copy-paste gets them.
    The top-level shapes' bounds are measured once per drawing (a lane has many tiles)."""
    x0, y0, w, h = window
    box = (x0 - 0.5, y0 - 0.5, x0 + w + 0.5, y0 + h + 0.5)
    measured = drawing.__dict__.get("_cw_bounds")
    if measured is None:
        measured = drawing.__dict__["_cw_bounds"] = [(node, _bounds(node)) for node in drawing.contents]
    part = Drawing(float(drawing.width), float(drawing.height))
    for node, bounds in measured:
        kept = _visible(node, box, bounds)
        if kept is not None:
            part.add(kept)
    return part


def _bounds(node: object) -> tuple[float, float, float, float] | None:
    try:
        x1, y1, x2, y2 = node.getBounds()  # type: ignore[attr-defined]
    except (AttributeError, TypeError, ValueError):  # no bounds: kept, the clip hides the rest
        return None
    return float(x1), float(y1), float(x2), float(y2)


def _visible(node: object, box: tuple[float, float, float, float],
             bounds: tuple[float, float, float, float] | None = None) -> object | None:
    found = bounds if bounds is not None else _bounds(node)
    if found is None:
        return node
    x1, y1, x2, y2 = found
    if x2 < box[0] or x1 > box[2] or y2 < box[1] or y1 > box[3]:
        return None
    inside = x1 >= box[0] and x2 <= box[2] and y1 >= box[1] and y2 <= box[3]
    if inside:
        return node
    if isinstance(node, String):
        return None
    if isinstance(node, Group) and tuple(node.transform) == (1, 0, 0, 1, 0, 0):
        if node.contents and all(isinstance(c, String) for c in node.contents):
            return None  # one line of text, cut by the edge: left out whole
        kept = Group()
        for child in node.contents:
            k = _visible(child, box)
            if k is not None:
                kept.add(k)
        result: object = kept
        return result
    return node


class MapTile(Flowable):  # type: ignore[misc]
    """One tile of a lane group's drawing with the stage band above and the lane band left."""

    def __init__(self, drawing: Drawing, scale: float, window: Window, band: float) -> None:
        super().__init__()
        self.drawing, self.scale, self.window, self.band = drawing, scale, window, band

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = (self.window[3] + self.band) * self.scale
        return availWidth, self.height

    def _shown_width(self) -> float:
        return SIDE_W + self.window[2] * self.scale

    def draw(self) -> None:
        canv = self.canv
        x0, y0, w, h = self.window
        s = self.scale
        left = max(0.0, (self.width - self._shown_width()) / 2)
        tile_left = left + SIDE_W
        body_h = h * s
        top_band = self.band * s
        self._part(tile_left, body_h, (x0, float(self.drawing.height) - self.band, w, self.band))
        self._part(tile_left, 0.0, self.window)
        from export.drawing.mapdraw import unchecked_shapes

        canv.saveState()
        with unchecked_shapes():
            side = self._side(y0, h)
        canv.translate(left, 0)
        draw_drawing(side, canv)
        canv.restoreState()
        canv.saveState()
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.6)
        canv.rect(left, 0, self._shown_width(), body_h + top_band, stroke=1, fill=0)
        canv.restoreState()

    def _part(self, x: float, y: float, window: Window) -> None:
        from export.drawing.mapdraw import unchecked_shapes

        with unchecked_shapes():  # our own shapes: reportlab's attribute checks cost more than drawing
            part = visible_part(self.drawing, window)
        clipped(self.canv, x, y, window, self.scale, lambda: draw_drawing(part, self.canv))

    def _side(self, y0: float, h: float) -> Drawing:
        """The lane band for this tile's height: each lane it shows, its colour bar, its name
        at the top of its visible part (wrapped), and its head count."""
        s = self.scale
        side = Drawing(SIDE_W, h * s)
        lanes = getattr(self.drawing, "_cw_lanes", [])
        for _key, name, color, top, bottom, count in lanes:
            vis_top, vis_bottom = min(top, y0 + h), max(bottom, y0)
            if vis_top - vis_bottom < 1:
                continue
            t, b = (vis_top - y0) * s, (vis_bottom - y0) * s
            c = styles.hex_color(color)
            side.add(Rect(0, b, SIDE_W, t - b, fillColor=styles.tint(c, 0.10), strokeColor=None))
            side.add(Rect(0, b, 4, t - b, fillColor=c, strokeColor=None))
            room_lines = max(1, min(3, int((t - b - 6) // (NAME_PT + 2))))
            lines = mapshapes.wrap_lines(name or "(unnamed lane)", NAME_PT, SIDE_W - 12, room_lines,
                                         bold=True)
            y = t - NAME_PT - 3
            for line in lines:
                textline.draw_text(side, 8, y, line, NAME_PT, bold=True, color=mapshapes.INK)
                y -= NAME_PT + 2
            people = f"{count} {'person' if count == 1 else 'people'}" + (
                "" if top <= y0 + h + 0.5 else " (cont.)")
            if y - COUNT_PT > b:
                textline.draw_text(side, 8, y - 0.5, people, COUNT_PT, color=mapshapes.MUTED,
                                   max_width=SIDE_W - 12)
        return side

