"""A big map's open builds first what the first frame shows (issue 19).

At 10,000 people the opening view (the map's top-left at 70 %) shows a few dozen of the 9,815
cards, yet making every card and arrow item took ~0.9 s of the open. While the lanes are laid
out (`begin` .. `end`), a card far from the view is not made: its person and place are noted
(`defer`). Then the cards of the arrows that cross the view are made too, so the first frame is
whole, and the rest come in idle slices of at most SLICE_S, nearest the top first, with their
arrows (parked, routed when seen: handoff_lazy.py). A scroll or zoom makes what it brings into
sight before its frame (`view_moved`). Anything that needs every item (an edit, a selection,
select-all, ghosting, keyboard moves) meets `finish` first, which makes the rest at once: no
edit ever meets a half-built map. Edits meet it in the scene's document sync; everything else
through the scene's gate (`scene.whole`: WholeMap below; select_ids, select_all and
set_ghosted), never by calling it itself.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtWidgets import QApplication

from gui.canvas.items import handoff_labels, handoff_lazy
from gui.canvas.items.handoff import HandoffItem
from model import layout as map_layout

if TYPE_CHECKING:
    from gui.canvas.items.card import PersonCard
    from gui.canvas.scene import MapScene

BIG_FROM = 2000  # placed people: from this many, an open builds the view's part first
SLICE_S = 0.02  # the longest an idle slice builds before giving the event loop back
HOME_ZOOM = 0.7  # the smallest zoom the opening view uses (view.show_home)
FIRST_VIEW = (1920, 1200)  # the viewport assumed when the window is smaller or not shown yet
BATCH = 40  # cards made between two looks at the clock
REACH = handoff_labels.REACH  # how far an arrow's curve, loop, badge or label reaches beyond its cards

Zone = tuple[float, float, float, float]


def meets(x: float, y: float, zone: Zone, w: float = map_layout.CARD_W, h: float = map_layout.CARD_H) -> bool:
    """Whether the box at (x, y) of size w x h meets `zone` (left, top, right, bottom)."""
    return x < zone[2] and x + w > zone[0] and y < zone[3] and y + h > zone[1]


def around(left: float, top: float, right: float, bottom: float) -> Zone:
    """The cards to have made for a view showing (left, top, right, bottom): all the arrows
    routed and labelled as near it (handoff_lazy.grown) and every card and mark those labels
    keep clear of (handoff_labels.REACH), so a label is never placed before a card beside it."""
    dx = (right - left) * handoff_lazy.NEAR_SHARE + handoff_lazy.NEAR_PX + handoff_labels.REACH
    dy = (bottom - top) * handoff_lazy.NEAR_SHARE + handoff_lazy.NEAR_PX + handoff_labels.REACH
    return (left - dx, top - dy, right + dx, bottom + dy)


def inside(zone: Zone, outer: Zone) -> bool:
    return outer[0] <= zone[0] and outer[1] <= zone[1] and zone[2] <= outer[2] and zone[3] <= outer[3]


class ProgressiveBuild(QObject):
    """One per scene: the cards an open has not made yet, and when to make them."""

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self._zone: Zone | None = None  # while the open lays out: what the first frame shows
        self._where: dict[str, tuple[float, float]] = {}  # every card's place as the open found it
        self._pending: dict[str, None] = {}  # cards not made yet
        self._order: list[str] = []  # the pending cards, farthest first (made from the end)
        self._arrows: list[tuple[str, str, str]] = []  # (hand-off, source, target) with an end pending
        self._by_card: dict[str, list[tuple[str, str, str]]] = {}  # a pending card -> its arrows
        self._done: list[Zone] = []  # zones whose cards and crossing arrows are all made
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    # ----- the open's layout ----------------------------------------------------
    def begin(self, zone: Zone | None) -> None:
        """A new map is about to be laid out; `zone`: the part of the scene its first frame
        shows (None: build everything at once, a small map or no view)."""
        self.reset()
        self._zone = zone

    def defer(self, pid: str, x: float, y: float) -> bool:
        """The layout is about to make `pid`'s card at (x, y): whether it may wait instead."""
        if self._zone is None:
            return False
        self._where[pid] = (x, y)
        if meets(x, y, self._zone):
            return False
        self._pending[pid] = None
        return True

    def end(self) -> None:
        """The layout is done: note the arrows that wait for a card, make the cards of those
        that cross the first frame, and start the idle slices."""
        zone, self._zone = self._zone, None
        doc = self._scene.doc
        if zone is None or not self._pending or doc is None:
            self._where.clear()
            return
        pending, where, by_card = self._pending, self._where, self._by_card
        arrows: list[tuple[str, str, str]] = []
        for h in doc.handoffs.values():
            src, dst = h.source, h.target
            if (src in pending or dst in pending) and src in where and dst in where:
                arrow = (h.id, src, dst)
                arrows.append(arrow)
                if src in pending:
                    by_card.setdefault(src, []).append(arrow)
                if dst in pending:
                    by_card.setdefault(dst, []).append(arrow)
        self._arrows = arrows
        self._order = sorted(pending, key=lambda pid: where[pid][1], reverse=True)  # made from the end
        self._make(self._needed(zone))
        self._done.append(zone)
        if self._pending:
            self._timer.start()

    # ----- afterwards -------------------------------------------------------------
    def active(self) -> bool:
        """Cards are still to be made."""
        return bool(self._pending)

    def waits_for(self, pid: str) -> bool:
        """Whether `pid`'s card is one still to be made."""
        return pid in self._pending

    def count(self) -> int:
        """How many cards are still to be made."""
        return len(self._pending)

    def reset(self) -> None:
        """Forget what waits (the items themselves went with the registry's clear)."""
        self._timer.stop()
        self._zone = None
        self._where, self._pending, self._order, self._arrows, self._by_card = {}, {}, [], [], {}
        self._done = []

    def finish(self) -> None:
        """Make every card and arrow still waiting, now (before an edit, a selection...)."""
        if self._pending:
            self._make(list(self._pending))

    def view_moved(self, visible: QRectF) -> None:
        """The view shows `visible` now: make what it brings into sight before its frame."""
        if self._pending and self._zone is None and not visible.isNull() and not visible.isEmpty():
            zone = around(visible.left(), visible.top(), visible.right(), visible.bottom())
            if any(inside(zone, done) for done in self._done):
                return  # already made (the opening view, shown again once the window has its size)
            self._make(self._needed(zone))
            self._done.append(zone)

    def _needed(self, zone: Zone) -> list[str]:
        """The waiting cards in `zone`, and those at an end of an arrow that crosses it (the
        arrow's box: its two cards' boxes and REACH around them). Written out: ~25,000 boxes."""
        where, pending = self._where, self._pending
        left, top, right, bottom = zone
        w, h = map_layout.CARD_W, map_layout.CARD_H
        needed: dict[str, None] = {}
        for pid in pending:
            x, y = where[pid]
            if x < right and x + w > left and y < bottom and y + h > top:
                needed[pid] = None
        left, top, right, bottom = left - REACH - w, top - REACH - h, right + REACH, bottom + REACH
        for _hid, src, dst in self._arrows:
            if src in pending or dst in pending:
                (xa, ya), (xb, yb) = where[src], where[dst]
                if ((xa if xa < xb else xb) < right and (xa if xa > xb else xb) > left
                        and (ya if ya < yb else yb) < bottom and (ya if ya > yb else yb) > top):
                    if src in pending:
                        needed[src] = None
                    if dst in pending:
                        needed[dst] = None
        return list(needed)

    def _slice(self) -> None:
        """Make waiting cards, nearest the top first, for at most SLICE_S; wait while a
        mouse button is held (a drag in progress keeps the items it started with)."""
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return
        deadline = time.perf_counter() + SLICE_S
        with self._scene.lazy_arrows.bulk():
            while self._pending:  # at least one batch per slice
                batch: list[str] = []
                while self._order and len(batch) < BATCH:
                    pid = self._order.pop()
                    if pid in self._pending:
                        batch.append(pid)
                self._make(batch or list(self._pending))  # (the order holds every pending card)
                if time.perf_counter() > deadline:
                    break

    def _relabel(self, zones: list[Zone]) -> None:
        """The marks of the arrows placed while cards were still missing are placed again now
        that every card is there: a long arrow's label keeps clear of cards along all its
        length (handoff_labels.place_some), not only of those made at the time."""
        scene = self._scene
        for left, top, right, bottom in zones:
            for item in scene.items(QRectF(left, top, right - left, bottom - top),
                                    Qt.ItemSelectionMode.IntersectsItemBoundingRect):
                if type(item) is HandoffItem:
                    handoff_labels.request(item)

    def _make(self, pids: list[str]) -> None:
        """Make these cards where the document puts them now, then the arrows whose two cards
        are both made, numbered as the walk was last numbered (a numbering under way numbers
        every arrow there is when it ends); when nothing waits any more, redraw the overview."""
        scene, doc = self._scene, self._scene.doc
        if doc is None:
            self.reset()
            return
        registry, table = scene.registry, scene.lane_layout.table
        tops = {lane.key: lane.top for lane in scene.lanes}
        made: set[str] = set()
        with scene.lazy_arrows.bulk():  # the new arrows are parked, routed when in sight
            for pid in pids:
                self._pending.pop(pid, None)
                key, person = table.lane_of.get(pid), doc.people.get(pid)
                if key is None or person is None or pid in registry.cards:
                    continue
                registry.add_card(doc, pid, person.pos[0], tops.get(key, map_layout.HEADER_H) + person.pos[1])
                made.add(pid)
            cards, items, steps = registry.cards, registry.handoff_items, scene.sync.steps.last
            for pid in made:
                for hid, src, dst in self._by_card.pop(pid, ()):
                    if src in cards and dst in cards:
                        registry.add_handoff(doc, hid)
                        if hid in items:
                            items[hid].set_step(steps.get(hid))  # the walk's last numbering
        if not self._pending:
            self._relabel(self._done)
            self.reset()
            scene.laidOut.emit()


class WholeMap:
    """The gate between a half-made canvas and code that needs every item: each lookup makes
    what the open left for later first (all of it: at 10,000 people ~0.3-0.6 s, once), so a
    new caller cannot act on part of the map by forgetting to ask for the rest."""

    def __init__(self, scene: MapScene) -> None:
        self._scene = scene

    def cards(self) -> dict[str, PersonCard]:
        """Every card of the map, id -> card (to walk, measure or dim them all)."""
        self._scene.progressive.finish()
        return self._scene.cards

    def arrows(self) -> dict[str, HandoffItem]:
        """Every hand-off's arrow, id -> item."""
        self._scene.progressive.finish()
        return self._scene.handoff_items

    def card(self, pid: str) -> PersonCard | None:
        """`pid`'s card (None: not in the walk), made now if the open left it for later."""
        scene = self._scene
        if pid not in scene.cards and scene.progressive.waits_for(pid):
            scene.progressive.finish()
        return scene.cards.get(pid)

    def arrow(self, hid: str) -> HandoffItem | None:
        """`hid`'s arrow (None: no such arrow on the map), made now if it waited for a card."""
        scene = self._scene
        if hid not in scene.handoff_items and scene.progressive.active():
            scene.progressive.finish()
        return scene.handoff_items.get(hid)
