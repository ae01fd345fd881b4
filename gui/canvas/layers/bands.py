"""The map's cards held in horizontal bands of the scene, so a frame skips the bands it does not
reach (issue 19, session 9).

The scene has no index (its items move: PITFALLS), so every frame Qt walks every top-level item,
and for each of the ~10,000 cards of a big map it asked the card's bounding rectangle through the
PySide wrapper (a lookup for a Python override per card), however small the repaint: ~4 ms of a
typed key's name-line frame. Now each card is a child of one `CardBand`: a plain rectangle item,
painted by Qt's C++ (no pen, no brush: nothing drawn), as tall as a band of BAND_H scene pixels
and wide as any map, grown by a card's own bounds so every card whose top-left lies in the band
lies inside it. With `ItemContainsChildrenInShape` Qt passes over a band whose rectangle misses
the repaint without looking at its cards, in a frame and in a hit test (`items()`, hover, a
click) alike. (A band with `ItemHasNoContents` would not do: Qt looks at no bounding rectangle of
an item without contents, so it would walk its cards all the same.)

Every band sits at the scene's origin, untransformed: a card's position is the same in its band
as in the scene, so moving it to another band changes nothing anyone reads. A card that moves
(card_moves.py) is put in the band of its new place when that differs; a card being dragged is
lifted out to the top level (above the selected arrows, as before) until it is let go.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from gui.canvas.items import Z_CARD

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsScene

BAND_H = 2048.0  # ~30 cards of a big map's lanes a band; a lane shifted by an undo rarely crosses one
REACH_X = 4.0e6  # wider than any map (the scene's rectangle is set: this does not grow it)
_SET_PARENT = QGraphicsItem.setParentItem  # the C++ call (a card's Python methods are not needed)
_Y = QGraphicsItem.y


def _reparent(card: Any, parent: QGraphicsItem | None) -> None:
    """Move `card` under `parent` (None: the top level) and have its old and new places repainted.
    Qt finds what to repaint by walking down from the top-level items to those marked as holding
    a changed child; a card moved (or renamed) in one band and put in another before the frame
    is marked in the old band only. `prepareGeometryChange` marks its new parents too and asks
    for where it was last painted as well as where it is. (A guard: the tests' screens were
    right without it too; it costs one call per change of band.)"""
    _SET_PARENT(card, parent)  # type: ignore[arg-type]  # (None: the top level, as Qt allows)
    card.prepareGeometryChange()


class CardBand(QGraphicsRectItem):
    """One band of the map: the parent of the cards whose top-left lies in it. Painted by Qt's
    C++ (no Python paint or bounds), drawing nothing; no mouse, no hover, not selectable."""

    def __init__(self, index: int, reach: QRectF) -> None:
        top = index * BAND_H
        super().__init__(QRectF(-REACH_X + reach.left(), top + reach.top(),
                                2 * REACH_X + reach.width(), BAND_H + reach.height()))
        self.index = index
        self.setPen(Qt.PenStyle.NoPen)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(Z_CARD)


def band_of(y: float) -> int:
    """The band a card whose top-left is at scene height `y` belongs in."""
    return int(y // BAND_H)


class CardBands:
    """One per scene: its bands, made when a card first needs one, and the cards' moves between them.
    A card keeps its band's number in `_band` (None: in none, being dragged or not on the map)."""

    def __init__(self, scene: QGraphicsScene, reach: QRectF) -> None:
        self.scene = scene
        self.reach = QRectF(reach)  # a card's bounding rectangle (every card has the same)
        self.bands: dict[int, CardBand] = {}

    def band(self, index: int) -> CardBand:
        band = self.bands.get(index)
        if band is None:
            band = self.bands[index] = CardBand(index, self.reach)
            self.scene.addItem(band)
        return band

    def home(self, card: Any) -> None:
        """Put `card` (in the scene, or to be added to it) in the band of where it stands."""
        index = int(_Y(card) // BAND_H)
        if index != card._band:
            card._band = index
            _reparent(card, self.band(index))

    def follow(self, card: Any) -> None:
        """The card moved: into the band of its new place, unless lifted out (dragged) or off the map."""
        band = card._band
        if band is not None and int(_Y(card) // BAND_H) != band:
            self.home(card)

    def lift(self, card: Any) -> None:
        """A card being dragged: out of its band, to the top level (its place is kept)."""
        if card._band is not None:
            card._band = None
            _reparent(card, None)

    def clear(self) -> None:
        """Every band off the scene (the cards were taken off before)."""
        for band in self.bands.values():
            self.scene.removeItem(band)
        self.bands.clear()
