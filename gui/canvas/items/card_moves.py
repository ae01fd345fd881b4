"""How a moved card takes its arrows along, without Qt calling back into Python (issue 19).

A card used to learn of its own moves from Qt (`ItemSendsGeometryChanges` and a Python
`itemChange`): two calls into Python per move, each converting the position to and from Python.
An undo at 10,000 people moves ~4,700 cards of lanes that moved down, so ~9,400 such calls, about
a third of the undo. The card now hears of its moves where they are made instead:

- from Python (`setPos`, `moveBy`, `setX`, `setY` on a card, as tests, the relayout of a few
  cards and the progressive build do): the card's own methods move it, then `moved()`;
- from Qt's drag (QGraphicsItem::mouseMoveEvent moves the selected cards in C++): the scene asks
  each dragged card after every mouse move (`follow_drag`, mirror/gestures.py);
- from a relayout of many cards (`shift_cards`, `place_card`): the C++ move alone, and the arrows
  of the moved cards gathered in one set the relayout adjusts once each.

Each way, a card whose move takes it out of its band of the scene goes into the band of its new
place (gui/canvas/layers/bands.py: the frames walk only the bands they reach).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QGraphicsItem

from model import arrows

if TYPE_CHECKING:
    from gui.canvas.items.handoff import HandoffItem
    from gui.canvas.layers.bands import CardBands

_SET_POS = QGraphicsItem.setPos  # the C++ moves, called without the card's own Python ones
_MOVE_BY = QGraphicsItem.moveBy


class FollowedMoves:
    """Mixin of PersonCard (before its Qt base): every move made from Python brings the card's
    arrows along and lets go of its kept box (`box()`, the routing's rectangle)."""

    handoffs: set[HandoffItem]
    _box: arrows.Rect | None
    _band: int | None

    def setPos(self, *args: Any) -> None:  # type: ignore[override]
        _SET_POS(self, *args)  # type: ignore[call-overload]
        self.moved()

    def moveBy(self, dx: float, dy: float) -> None:  # type: ignore[override]
        _MOVE_BY(self, dx, dy)  # type: ignore[arg-type]
        self.moved()

    def setX(self, x: float) -> None:  # type: ignore[override]
        QGraphicsItem.setX(self, x)  # type: ignore[arg-type]
        self.moved()

    def setY(self, y: float) -> None:  # type: ignore[override]
        QGraphicsItem.setY(self, y)  # type: ignore[arg-type]
        self.moved()

    def moved(self) -> None:
        """The card stands somewhere else now: its arrows follow (or, while the scene moves
        many cards, are handed to it to adjust once each)."""
        self._box = None
        scene = self.scene()  # type: ignore[attr-defined]
        if self._band is not None:  # (a card not in a band is being dragged, or not on the map)
            scene.bands.follow(self)
        if not self.handoffs:  # nothing follows this card
            return
        pending = getattr(scene, "pending_handoffs", None)
        if pending is not None:
            pending.update(self.handoffs)
        else:
            for item in self.handoffs:
                item.adjust()

    def follow_drag(self, before: tuple[float, float]) -> tuple[float, float]:
        """Qt's drag moved the card in C++ (or not): if it left `before`, as `moved()`. Returns
        where it stands now."""
        p = self.pos()  # type: ignore[attr-defined]
        now = (p.x(), p.y())
        if now != before:
            self.moved()
        return now


def place_card(card: Any, x: float, y: float, moved: set[HandoffItem], bands: CardBands) -> None:
    """A relayout puts `card` at (x, y), in the band of that place: its arrows join `moved`,
    adjusted once each after."""
    _SET_POS(card, x, y)
    card._box = None
    bands.home(card)
    moved.update(card.handoffs)


def shift_cards(cards: Iterable[Any], dy: float, moved: set[HandoffItem], bands: CardBands) -> None:
    """A relayout moves these cards (a lane's, the lane having moved) down by `dy`: one C++ call
    each (and a change of band for the few that cross into another), and their arrows join
    `moved`, adjusted once each after."""
    move, add, follow = _MOVE_BY, moved.update, bands.follow
    for card in cards:
        move(card, 0.0, dy)
        card._box = None
        follow(card)
        if card.handoffs:
            add(card.handoffs)
