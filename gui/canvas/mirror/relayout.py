"""Lanes and cards placed again after an edit, touching only what the edit reached (issue 19):
the edited people's cards, the lanes they left or joined, and the cards of lanes that moved up or
down because a lane above changed height. Arrows whose cards moved are re-routed once each."""
from __future__ import annotations

import contextlib
from collections.abc import Container, Iterable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from gui.canvas.items import handoff_stale
from gui.canvas.items.card import PersonCard
from gui.canvas.items.card_moves import place_card, shift_cards
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.mirror.lane_table import LaneTable, Shape
from model import layout as map_layout

if TYPE_CHECKING:
    from gui.canvas.scene import MapScene
    from model.document import Document

MARGIN_RIGHT, MARGIN_BOTTOM = 120.0, 200.0  # room to drop a card beyond the last column and lane


def follow(scene: MapScene, moved: Iterable[HandoffItem], offsets: dict[PersonCard, tuple[float, float]],
           spans: dict[str, tuple[float, float]] | None = None,
           placed: Container[PersonCard] = frozenset()) -> None:
    """Bring the arrows of moved cards along: one whose two cards moved by the same offset
    (most often: both in lanes below a lane that grew) is translated; one whose ends moved
    apart is routed again (issue 19: an undo moved ~12,000 arrows, each re-route ~77 us),
    or, on a big map (`lazy` parks now), parked all at once until it is in sight. A stale
    arrow (handoff_stale.py) is looked at again: its cards may have come near the view.
    On a big map, with each lane's extent before and after (`spans`), the arrows between lanes
    far from the view are first set apart in one pass, and left stale whatever their cards did
    (`placed`: cards put from their people, whose arrows are looked at one by one)."""
    far: list[HandoffItem] = []
    current, lazy = scene.handoff_items, scene.lazy_arrows
    big = lazy.lazy()
    if big and spans is not None:
        zone = lazy.zone()
        if zone is not None and scene.mouseGrabberItem() is None:  # (a dragged card: not in place)
            far, moved = handoff_stale.part_far(scene, moved, zone, spans, placed, offsets)
    still = (0.0, 0.0)
    apart: list[HandoffItem] = []
    for item in moved:
        if current.get(item.hid) is not item:
            continue  # removed, or replaced, meanwhile
        shift = offsets.get(item.source, still)
        if shift != still and shift == offsets.get(item.target, still) and not item.stale:
            item.translate(*shift)
        else:
            apart.append(item)
    if big:
        lazy.park_moved(apart, far)
    else:
        for item in apart:
            item.adjust()


class LaneRelayout:
    """Collects what edits touched (`request`), and lays out once when no edit is held open."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.table = LaneTable()
        self._hold = 0  # > 0: many edits in a row; lay out once at the end
        self._wanted = False
        self._everything = False
        self._pids: dict[str, None] = {}  # edited people, in the order they came

    def request(self, pids: Iterable[str] | None = None) -> None:
        """Lay out again for these edited people (none: only the lanes themselves changed;
        None: everything, as for a new map)."""
        self._wanted = True
        if pids is None:
            self._everything = True
        else:
            self._pids.update(dict.fromkeys(pids))
        if not self._hold:
            self.flush()

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        """Many edits in a row (a paste, an undo of a macro): lay out once, at the end."""
        self._hold += 1
        try:
            yield
        finally:
            self._hold -= 1
            if not self._hold:
                self.flush()

    def flush(self) -> None:
        if not self._wanted:
            return
        everything, pids = self._everything, list(self._pids)
        self._wanted, self._everything, self._pids = False, False, {}
        self.run(None if everything else pids)

    def run(self, pids: list[str] | None) -> None:
        """Place lanes and cards; `pids` None: every card, measured afresh. On a big map the
        arrows whose cards moved are routed once in sight (gui/canvas/items/handoff_lazy.py)."""
        if self.scene.doc is None:
            return
        with self.scene.lazy_arrows.bulk():
            self._run(pids)

    def _run(self, pids: list[str] | None) -> None:
        scene, doc = self.scene, self.scene.doc
        if doc is None:
            return
        old_tops = {lane.key: lane.top for lane in scene.lanes}
        spans = {lane.key: (lane.top, lane.bottom) for lane in scene.lanes}  # (before, with after: below)
        if pids is None:
            self.table.reset(doc)
            pids = [*doc.people, *(pid for pid in scene.cards if pid not in doc.people)]
        else:
            self.table.update(doc, pids)
        shape = self.table.shape(doc)
        scene.lanes, scene.widths = shape.lanes, shape.widths
        counts = {key: len(members) for key, members in self.table.members.items()}
        scene.registry.sync_lanes(shape.lanes, shape.width, shape.widths, counts)
        drops = {lane.key: lane.top - old_tops[lane.key] for lane in shape.lanes
                 if lane.key in old_tops and old_tops[lane.key] != lane.top}
        new = [lane.key for lane in shape.lanes if lane.key not in old_tops]
        if new:  # a lane that was not there: its cards are placed from their people
            members = self.table.members
            pids = list(dict.fromkeys([*pids, *(pid for key in new for pid in members.get(key, ()))]))
        for lane in shape.lanes:  # each lane's extent before and after together (follow)
            top, bottom = spans.get(lane.key, (lane.top, lane.bottom))
            spans[lane.key] = (min(top, lane.top), max(bottom, lane.bottom))
        self._place_cards(doc, pids, shape, drops, spans)
        self._frame(shape)

    def _place_cards(self, doc: Document, pids: list[str], shape: Shape, drops: dict[str, float],
                     spans: dict[str, tuple[float, float]]) -> None:
        """Put the edited people's cards where their lane and place say; the other cards of a lane
        that moved up or down (`drops`: lane -> how far) move by that much, one `moveBy` each
        (an undo at 10,000 people moves ~5,000 such cards: no reading of place or person)."""
        registry, table = self.scene.registry, self.table
        for pid in [pid for pid in pids if pid in registry.cards and pid not in table.lane_of]:
            registry.remove_card(pid)  # deleted, or taken off the map into the roster
        tops = {lane.key: lane.top for lane in shape.lanes}
        fresh: set[str] = set()
        placed: set[PersonCard] = set()  # cards put from their people (edited)
        moved: set[HandoffItem] = set()
        offsets: dict[PersonCard, tuple[float, float]] = {}  # how far each moved card went
        edited = set(pids)
        cards, defer = registry.cards, self.scene.progressive.defer
        self.scene.pending_handoffs = moved  # arrows whose cards moved: adjusted once each, below
        try:
            for pid in pids:
                key = table.lane_of.get(pid)
                if key is None:
                    continue
                person = doc.people[pid]
                x, y = person.pos[0], tops.get(key, map_layout.HEADER_H) + person.pos[1]
                card = cards.get(pid)
                if card is None:
                    if defer(pid, x, y):  # a big map's open: made later (mirror/progressive.py)
                        continue
                    card = registry.add_card(doc, pid, x, y)
                    fresh.add(pid)
                pos = card.pos()
                if pos.x() != x or pos.y() != y:
                    offsets[card] = (x - pos.x(), y - pos.y())
                    placed.add(card)
                    place_card(card, x, y, moved, registry.bands)
            for key, dy in drops.items():  # the cards of a lane that moved up or down move with it
                step = (0.0, dy)
                lane = [card for card in map(cards.get, table.members.get(key, ()))
                        if card is not None and card.pid not in edited]
                offsets.update(dict.fromkeys(lane, step))
                shift_cards(lane, dy, moved, registry.bands)
        finally:
            self.scene.pending_handoffs = None
        follow(self.scene, moved, offsets, spans, placed)
        registry.add_handoffs_of(doc, fresh)

    def _frame(self, shape: Shape) -> None:
        """The stage names, the scene's extent and the pinned headers follow the new shape."""
        scene = self.scene
        scene.stage_header.set_width(shape.width, shape.widths)
        extent = QRectF(0, 0, shape.width + MARGIN_RIGHT, shape.height + MARGIN_BOTTOM)
        if scene.sceneRect() != extent:  # a drop in the middle of the map keeps its size: the
            scene.setSceneRect(extent)  # views need not re-measure their scroll bars (~4 ms)
        scene.pin_headers(scene.visible)
        scene.laidOut.emit()
        scene.selection.settle()  # removed cards no longer count as selected
