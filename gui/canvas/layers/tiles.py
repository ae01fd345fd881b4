"""The view's picture cache: square tiles of the rendered scene at the current zoom.

On a 10,000-person map a pan step made Qt call the Python paint() of hundreds of arrows whose
bounding rectangles reach the strip that scrolled in, and stroke long curves whole; a zoom step
did that for the whole view. Here the scene is rendered once into tiles of TILE x TILE device
pixels on a grid fixed to the scene at the current zoom ("canvas" pixels: scene x zoom), and a
frame copies the tiles' pixels: a pan step over ready tiles is a blit.

Pixels: a tile is rendered by `QGraphicsScene.render` with the view's own transform (a scale
and a whole-pixel shift), so it is device-pixel aligned. Qt's stroker clips long curves to the
paint device, which moves their edge pixels by a few levels with the device's size and place,
so two plain repaints of one spot at two scroll positions can already differ; here every
picture of the scene (kept or not) is rendered into a tile-sized device at its grid place, so a
spot always gets the same pixels, and part of a tile rendered again under a rectangular clip
equals the whole tile rendered at once (tests/gui/test_tilecache_*.py compare them exactly).

The pinned headers are left out (they move on every scroll step; the view paints them over the
tiles: gui/canvas/layers/pinned.py). What changed is marked dirty in the tiles it touches
(gui/canvas/layers/tile_watch.py), and a dirty part is rendered again before it is shown.

Cards keep a device-coordinate cache in Qt, one per paint device, but the note that a card
changed is shared by them all: the first device to repaint the card clears it and the others
keep the old picture. So while the tile cache is on, the scene is only ever painted through
`QGraphicsScene.render` (one device key for the tiles, the direct frames and the overview map),
never by QGraphicsView's own paintEvent."""
from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsScene

from gui.canvas.items import painting_tiles

# Off: correct (tests/gui/test_tilecache_*.py switch it on), but at 10,000 people a tile costs
# 20-60 ms to render (every long arrow reaching it is painted again per tile), so rendering
# ahead stalls the app for longer than a frame saves (bench/RESULTS.md, "tile cache").
ENABLED = False  # map views made from now on paint from tiles (False: QGraphicsView's own paint)
TILE = 256  # device pixels a side
BUDGET_MB = 48  # kept tiles (the current zoom's and a zoom stand-in) at 256 KB each
MAX_TILES = BUDGET_MB * 1024 * 1024 // (TILE * TILE * 4)
FORMAT = QImage.Format.Format_RGB32  # opaque, as the window's backing store: a copy is a copy

Key = tuple[int, int]
Over = tuple[QRegion, Callable[[QPainter, QTransform, QRectF], None]]  # canvas pixels; what paints them


def tile_rect(key: Key) -> QRect:
    """A tile's canvas pixels."""
    return QRect(key[0] * TILE, key[1] * TILE, TILE, TILE)


def keys_over(rect: QRect) -> Iterator[Key]:
    """The tiles a canvas rectangle reaches."""
    if rect.isEmpty():
        return
    i0, j0 = math.floor(rect.left() / TILE), math.floor(rect.top() / TILE)
    i1, j1 = math.floor(rect.right() / TILE), math.floor(rect.bottom() / TILE)
    for j in range(j0, j1 + 1):
        for i in range(i0, i1 + 1):
            yield (i, j)


def rects(region: QRegion) -> list[QRect]:
    """The rectangles a region is made of."""
    return list(region)  # type: ignore[call-overload]  # iterable in PySide6, not in its stubs


def scaled(rect: QRectF, factor: float) -> QRectF:
    """`rect` with every coordinate times `factor` (scene to canvas pixels, or zoom to zoom)."""
    return QRectF(rect.x() * factor, rect.y() * factor, rect.width() * factor, rect.height() * factor)


def render(scene: QGraphicsScene, image: QImage, key: Key, zoom: float, hints: QPainter.RenderHint,
           clip: QRect, pinned: bool = False) -> None:
    """Render the scene into the `clip` part (tile pixels) of `image`, tile `key` at `zoom`;
    without the pinned headers unless `pinned`."""
    painter = QPainter(image)
    painter.setRenderHints(hints)
    painter.setClipRect(clip)  # device pixels: set before the transform
    transform = QTransform(zoom, 0.0, 0.0, zoom, -key[0] * TILE, -key[1] * TILE)
    painter.setWorldTransform(transform)
    source = transform.inverted()[0].mapRect(QRectF(clip))
    painting_tiles(not pinned)
    try:  # target == source: Qt's own mapping between them is the identity, exactly
        scene.render(painter, source, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    finally:
        painting_tiles(False)
        painter.end()


class Tile:
    """A tile's picture, the part of it that no longer shows the scene (tile pixels), and
    whether it was last made in pieces: a cosmetic line cut by a piece's clip ends a level or
    a few apart from the same line drawn through, so idle slices render such a tile whole
    again (every settled tile is one whole render: the same pixels however it was reached)."""

    __slots__ = ("dirty", "image", "pieced")

    def __init__(self) -> None:
        self.image = QImage(TILE, TILE, FORMAT)
        self.dirty = QRegion(0, 0, TILE, TILE)
        self.pieced = False

    def settled(self) -> bool:
        return self.dirty.isEmpty() and not self.pieced


class TileStore:
    """The tiles at one zoom, a bounded number of them, and a stand-in from the zoom before."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.zoom = 0.0
        self.hints = QPainter.RenderHint.Antialiasing
        self.tiles: dict[Key, Tile] = {}
        self.stand_in: tuple[float, dict[Key, QImage]] | None = None
        self.rendered = 0  # tile pixels rendered (a figure for the bench and tests)

    # ----- what is kept ---------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        """A new zoom: the clean tiles so far become a stand-in (scaled, for a frame or two)."""
        if zoom == self.zoom:
            return
        clean = {key: tile.image for key, tile in self.tiles.items() if tile.dirty.isEmpty()}
        if clean:
            self.stand_in = (self.zoom, clean)
        elif self.stand_in is not None and not 1 / 3 <= zoom / self.stand_in[0] <= 3:
            self.stand_in = None
        self.zoom = zoom
        self.tiles = {}

    def clear(self) -> None:
        """Forget every picture (a change of palette, or too many changes to follow)."""
        self.tiles = {}
        self.stand_in = None

    def invalidate(self, scene_rect: QRectF, margin: int = 2) -> None:
        """Something in `scene_rect` changed: the tiles it touches render that part again
        (with the margin QGraphicsView adds to an update for antialiased edges)."""
        rect = scaled(scene_rect, self.zoom).toAlignedRect().adjusted(-margin, -margin, margin, margin)
        for key in keys_over(rect):
            tile = self.tiles.get(key)
            if tile is not None:
                origin = tile_rect(key).topLeft()
                tile.dirty = tile.dirty.united(rect.translated(-origin).intersected(QRect(0, 0, TILE, TILE)))
        if self.stand_in is not None:
            old, pictures = self.stand_in
            stale = scaled(scene_rect, old).toAlignedRect().adjusted(-margin, -margin, margin, margin)
            for key in keys_over(stale):
                pictures.pop(key, None)

    def tile(self, key: Key) -> Tile:
        """The tile at `key`, made (all dirty) if there was none."""
        tile = self.tiles.get(key)
        if tile is None:
            tile = self.tiles[key] = Tile()
        return tile

    def clean(self, key: Key, part: QRect) -> None:
        """Render what is dirty of tile `key` within `part` (tile pixels), for a frame that
        needs it now: the least, under a clip (a tile made so is settled later)."""
        tile = self.tile(key)
        todo = tile.dirty.intersected(part)
        if todo.isEmpty():
            return
        if todo.boundingRect() == QRect(0, 0, TILE, TILE):
            self.settle(key)
            return
        pieces = rects(todo) if todo.rectCount() <= 4 else [todo.boundingRect()]
        for rect in pieces:
            render(self.scene, tile.image, key, self.zoom, self.hints, rect)
            self.rendered += rect.width() * rect.height()
        tile.dirty = tile.dirty.subtracted(todo if len(pieces) > 1 else QRegion(pieces[0]))
        tile.pieced = True

    def settle(self, key: Key) -> None:
        """Render tile `key` whole."""
        tile = self.tile(key)
        render(self.scene, tile.image, key, self.zoom, self.hints, QRect(0, 0, TILE, TILE))
        self.rendered += TILE * TILE
        tile.dirty, tile.pieced = QRegion(), False

    def trim(self, centre: QPoint) -> None:
        """Keep at most MAX_TILES pictures: the stand-in goes first, then the farthest tiles."""
        if self.stand_in is not None and len(self.tiles) + len(self.stand_in[1]) > MAX_TILES:
            self.stand_in = None
        if len(self.tiles) <= MAX_TILES:
            return

        def far(key: Key) -> float:
            middle = tile_rect(key).center()
            return (middle.x() - centre.x()) ** 2 + (middle.y() - centre.y()) ** 2

        for key in sorted(self.tiles, key=far)[MAX_TILES:]:
            del self.tiles[key]

    # ----- painting a frame -----------------------------------------------
    def paint(self, painter: QPainter, region: QRegion, offset: QPoint, keep: bool,
              pinned: bool = False, over: Over | None = None) -> QRegion:
        """Paint `region` (canvas pixels) into a device whose top-left is canvas `offset`:
        kept tiles blitted, their dirty parts rendered first, a missing one at a new zoom
        scaled from the stand-in if it covers it; with `keep` off, rendered afresh in
        tile-sized devices (same pixels), with the pinned headers if `pinned`. `over` paints
        the pinned headers over the tiles in its region, in the tiles' own device (so the
        pixels are those the scene gives them in place). Returns the canvas pixels shown
        from the stand-in (the headers are not painted over those)."""
        keep = keep and not pinned
        shown_stand_in = QRegion()
        scratch: QImage | None = None
        bounds = region.boundingRect().united(over[0].boundingRect()) if over else region.boundingRect()
        for key in keys_over(bounds):
            area = tile_rect(key)
            part = region.intersected(area)
            top = over[0].intersected(area) if over is not None else QRegion()
            if part.isEmpty() and top.isEmpty():
                continue
            local = part.translated(-area.topLeft())
            if keep:
                if key not in self.tiles and self._draw_stand_in(painter, part, offset):
                    shown_stand_in = shown_stand_in.united(part)
                    continue
                self.clean(key, local.boundingRect())
                image = self.tile(key).image
            else:  # a settled tile's pixels, not kept
                if scratch is None:
                    scratch = QImage(TILE, TILE, FORMAT)
                render(self.scene, scratch, key, self.zoom, self.hints, QRect(0, 0, TILE, TILE), pinned)
                image = scratch
            if not top.isEmpty() and over is not None:
                image = image.copy()
                top_local = top.translated(-area.topLeft())
                cover = QPainter(image)
                cover.setRenderHints(self.hints)
                transform = QTransform(self.zoom, 0.0, 0.0, self.zoom, -area.x(), -area.y())
                whole = transform.inverted()[0].mapRect(QRectF(0, 0, TILE, TILE))  # as render() picks items
                for rect in rects(top_local):  # a rectangle at a time: a clip region's spans
                    cover.setClipRect(rect)     # blend antialiased edges a level apart
                    over[1](cover, transform, whole)
                cover.end()
                local = local.united(top_local)
            for rect in rects(local):
                painter.drawImage(rect.topLeft() + area.topLeft() - offset, image, rect)
        return shown_stand_in

    def _draw_stand_in(self, painter: QPainter, part: QRegion, offset: QPoint) -> bool:
        """The old zoom's tiles, scaled, over `part` if they cover it whole."""
        if self.stand_in is None:
            return False
        old, pictures = self.stand_in
        scale = self.zoom / old
        keys = list(keys_over(scaled(QRectF(part.boundingRect()), 1 / scale).toAlignedRect()))
        if not keys or any(key not in pictures for key in keys):
            return False
        painter.save()
        painter.setClipRegion(part.translated(-offset))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for key in keys:
            source = tile_rect(key)
            target = QRectF(source.x() * scale - offset.x(), source.y() * scale - offset.y(),
                            TILE * scale, TILE * scale)
            painter.drawImage(target, pictures[key], QRectF(0, 0, TILE, TILE))
        painter.restore()
        return True
