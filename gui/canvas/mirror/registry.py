"""The scene's id -> item maps: one card per placed person, one arrow per hand-off whose two
ends are on the map, and per lane its band, pinned name and (department lanes) resize grip."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.items.card import BOUNDS, CardFace, PersonCard
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.items.lane import LaneHeaderItem, LaneItem, LaneResizeGrip, is_department
from gui.canvas.layers.bands import CardBands
from model import layout as map_layout

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsScene

    from model.document import Document


class ItemRegistry:
    """Adds and removes the scene's items and keeps the maps that find them by id."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.cards: dict[str, PersonCard] = {}
        self.handoff_items: dict[str, HandoffItem] = {}
        self.lane_items: dict[str, LaneItem] = {}
        self.lane_headers: dict[str, LaneHeaderItem] = {}
        self.lane_grips: dict[str, LaneResizeGrip] = {}
        self.bands = CardBands(scene, BOUNDS)  # the cards' parents, one per band of the map

    def clear(self) -> None:
        """Take every card, arrow and lane off the scene (the maps stay the same objects)."""
        for item in list(self.handoff_items.values()):
            item.detach()
            self.scene.removeItem(item)
        self.handoff_items.clear()
        for group in (self.cards, self.lane_items, self.lane_headers, self.lane_grips):
            for other in list(group.values()):
                self.scene.removeItem(other)
            group.clear()
        self.bands.clear()

    # ----- cards and arrows --------------------------------------------------
    def add_card(self, doc: Document, pid: str, x: float, y: float) -> PersonCard:
        """The person's card, on the scene at (x, y), in the band of that place."""
        card = PersonCard(pid, CardFace.of(doc, doc.people[pid]))
        self.cards[pid] = card
        QGraphicsItem.setPos(card, x, y)  # (the C++ move: the new card has no arrows to take along)
        self.bands.home(card)  # (its band is on the scene: so is the card now)
        return card

    def remove_card(self, pid: str) -> None:
        card = self.cards.pop(pid)
        for item in list(card.handoffs):
            self.remove_handoff(item.hid)
        card._band = None
        self.scene.removeItem(card)

    def add_handoff(self, doc: Document, hid: str) -> None:
        h = doc.handoffs.get(hid)
        if h is None or hid in self.handoff_items:
            return
        src, dst = self.cards.get(h.source), self.cards.get(h.target)
        if src is None or dst is None:
            return  # an end is not placed in the walk yet
        item = HandoffItem(hid, src, dst, h.what, h.two_way)
        self.handoff_items[hid] = item
        self.scene.addItem(item)

    def remove_handoff(self, hid: str) -> None:
        item = self.handoff_items.pop(hid, None)
        if item is not None:
            item.detach()
            self.scene.removeItem(item)

    def add_handoffs_of(self, doc: Document, fresh: set[str]) -> None:
        """The arrows of newly shown people, in one pass over the hand-offs."""
        if fresh:
            for h in doc.handoffs.values():
                if (h.source in fresh or h.target in fresh) and h.id not in self.handoff_items:
                    self.add_handoff(doc, h.id)

    def sync_handoff(self, doc: Document, hid: str) -> None:
        """A hand-off changed (its ends, its text): show it as the document has it now."""
        h = doc.handoffs.get(hid)
        item = self.handoff_items.get(hid)
        if h is None:
            self.remove_handoff(hid)
        elif item is None:
            self.add_handoff(doc, hid)
        elif h.source in self.cards and h.target in self.cards:
            item.set_ends(self.cards[h.source], self.cards[h.target])
            item.set_content(h.what, h.two_way)
        else:
            self.remove_handoff(hid)

    def refresh_faces(self, doc: Document, pids: Iterable[str]) -> None:
        """Draw these people's cards again from the document (name, colour, 'you', ...)."""
        for pid in list(pids):
            card = self.cards.get(pid)
            person = doc.people.get(pid)
            if card is not None and person is not None:
                card.set_face(CardFace.of(doc, person))

    # ----- lanes ---------------------------------------------------------------
    def sync_lanes(self, lanes: list[map_layout.Lane], width: float, widths: list[float],
                   counts: dict[str, int]) -> None:
        """One band, name and grip per lane, as `lanes` has them (items only change where they differ)."""
        keys = {lane.key for lane in lanes}
        for key in [k for k in self.lane_items if k not in keys]:
            self.scene.removeItem(self.lane_items.pop(key))
            self.scene.removeItem(self.lane_headers.pop(key))
            if key in self.lane_grips:
                self.scene.removeItem(self.lane_grips.pop(key))
        for lane in lanes:
            count = counts.get(lane.key, 0)
            if lane.key not in self.lane_items:
                self.lane_items[lane.key] = LaneItem(lane, width, widths)
                self.scene.addItem(self.lane_items[lane.key])
                self.lane_headers[lane.key] = LaneHeaderItem(lane, count)
                self.scene.addItem(self.lane_headers[lane.key])
                if is_department(lane.key):
                    self.lane_grips[lane.key] = LaneResizeGrip(lane.key, width)
                    self.scene.addItem(self.lane_grips[lane.key])
            self.lane_items[lane.key].set_lane(lane, width, widths)
            self.lane_headers[lane.key].set_lane(lane, count)
            grip = self.lane_grips.get(lane.key)
            if grip is not None:
                grip.set_width(width)
                if grip.pos().y() != lane.bottom:
                    grip.setPos(0, lane.bottom)
