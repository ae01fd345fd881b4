"""Arrows out of sight left as they are through a relayout, until the view or an idle slice
comes to them (issue 19).

An undo of 200 moves at 10,000 people moves ~9,400 arrows' cards apart. Parking each (new
safe bounds in Qt) costs ~7 us of Python and Qt's bookkeeping; nearly all of them are far
from the view. Such an arrow is made *stale* instead: parked (it draws nothing and anything
asking where it is routes it first), but its bounds in the scene are the old ones. Which
arrows are near the view is worked out from the map itself (each card stands at its person's
place in its lane), in plain numbers: an arrow is stale only when neither its old bounds nor
the box its cards now span meet the zone around the view. When the view moves, the stale
arrows are looked at the same way (`meeting`); idle slices give them their safe bounds, a
few hundred at a time (handoff_lazy.py), so the list is short-lived.
"""
from __future__ import annotations

from collections.abc import Container, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt

from model import layout as map_layout

if TYPE_CHECKING:
    from gui.canvas.items.card import PersonCard
    from gui.canvas.items.handoff import HandoffItem
    from gui.canvas.scene import MapScene

Zone = tuple[float, float, float, float]
PAD = 12.0  # a card's bounding rectangle is its box with a small margin: a little more, to be sure
# Up to this many arrows, `split` reads each one's bounds (~2 us) rather than asking the scene,
# which walks all ~26,000 items of the unindexed scene (6-13 ms at 10,000 people) on every drop
FEW = 2000


class Spots:
    """Where each card stands, read from the map (not from Qt): its person's place in its lane."""

    def __init__(self, scene: MapScene) -> None:
        doc = scene.doc
        self.people = doc.people if doc is not None else {}
        self.lane_of = scene.lane_layout.table.lane_of
        self.tops = {lane.key: lane.top for lane in scene.lanes}
        self.lanes = scene.lanes

    def sort(self, items: list[HandoffItem], zone: Zone, near: list[HandoffItem], far: list[HandoffItem],
             seen: set[HandoffItem] | frozenset[HandoffItem] = frozenset()) -> None:
        """Into `near` the arrows whose two cards span a box that, grown by how far an arrow
        reaches, meets `zone` (or whose place is not known, or that are in `seen`); into `far`
        the others. One loop in plain numbers: ~9,400 arrows in an undo."""
        from gui.canvas.items.handoff import REACH_X, REACH_Y

        people, lane_of, tops = self.people, self.lane_of, self.tops
        rx, ry = REACH_X + PAD, REACH_Y + PAD
        left, top = zone[0] - map_layout.CARD_W - rx, zone[1] - map_layout.CARD_H - ry
        right, bottom = zone[2] + rx, zone[3] + ry
        # a lane wholly above the zone (its cards' reach too) is -1, wholly below 1: an arrow
        # between two lanes on the same side is far without reading its people
        side = {lane.key: -1 if lane.bottom + ry < zone[1] else 1 if lane.top - ry > zone[3] else 0
                for lane in self.lanes}
        for item in items:
            s, t = item.source.pid, item.target.pid
            ls, lt = lane_of.get(s), lane_of.get(t)
            if item in seen:
                near.append(item)
                continue
            a = side.get(ls, 0)  # type: ignore[arg-type]
            if a and a == side.get(lt, 0):  # type: ignore[arg-type]
                far.append(item)
                continue
            ps, pt = people.get(s), people.get(t)
            if ps is None or pt is None or ls not in tops or lt not in tops:
                near.append(item)
                continue
            (sx, sy), (tx, ty) = ps.pos, pt.pos
            sy += tops[ls]  # type: ignore[index]
            ty += tops[lt]  # type: ignore[index]
            if ((sx if sx < tx else tx) <= right and left <= (sx if sx > tx else tx)
                    and (sy if sy < ty else ty) <= bottom and top <= (sy if sy > ty else ty)):
                near.append(item)
            else:
                far.append(item)


def part_far(scene: MapScene, items: Iterable[HandoffItem], zone: Zone, spans: dict[str, tuple[float, float]],
             placed: Container[PersonCard], offsets: dict[PersonCard, tuple[float, float]],
             ) -> tuple[list[HandoffItem], list[HandoffItem]]:
    """The arrows of a relayout whose cards moved apart and that join two lanes lying wholly on
    one side of `zone` (both above it or both below, with how far an arrow reaches), and the
    others. `spans`: each lane's extent before the relayout and after it together, so such an
    arrow was far before and is far now, whatever its cards did within their lanes (a card
    always lies within its lane's band). Arrows whose cards moved alike (`offsets`) are left to
    be moved along (they keep their badge and label where the placement put them); the cards in
    `placed` were put from their people (they may have left another lane): their arrows are not
    sorted here. One pass of a few look-ups per arrow (an undo of 200 moves at 10,000 people:
    ~12,000 arrows, ~7,000 of them far); arrows no longer on the map are dropped."""
    from gui.canvas.items.handoff import REACH_Y

    ry = REACH_Y + PAD
    side = {key: -1 if bottom + ry < zone[1] else 1 if top - ry > zone[3] else 0
            for key, (top, bottom) in spans.items()}
    careful = set(items).intersection(*(card.handoffs for card in placed)) if placed else set()  # type: ignore[attr-defined]
    far: list[HandoffItem] = []
    rest: list[HandoffItem] = list(careful)
    # (locals: ~12,000 arrows in an undo; the registry's arrows are those its cards hold, so
    # an arrow removed meanwhile is no longer among `items`)
    lane, where, moved_by, keep, other = (scene.lane_layout.table.lane_of.get, side.get, offsets.get,
                                          far.append, rest.append)
    for item in items:
        if item in careful:
            continue
        source = item.source
        a = where(lane(source.pid), 0)  # type: ignore[arg-type]
        if a:
            target = item.target
            if a == where(lane(target.pid), 0) and (item.stale or moved_by(source) != moved_by(target)):  # type: ignore[arg-type]
                keep(item)
                continue
        other(item)
    return far, rest


def split(scene: MapScene, items: list[HandoffItem],
          zone: Zone) -> tuple[list[HandoffItem], list[HandoffItem]]:
    """The arrows to park now (in or near the view, before or after the move) and those that
    may stay stale (far from it)."""
    from gui.canvas.items.handoff import HandoffItem

    x0, y0, x1, y1 = zone
    rect = QRectF(x0, y0, x1 - x0, y1 - y0)
    # drawn (routed) arrows whose bounds meet the zone: their old drawing is to be cleared. A
    # parked arrow draws nothing, and a stale one's bounds are older still: only its cards count
    if len(items) <= FEW:  # a drop: each arrow's own bounds, not a walk of the unindexed scene
        seen = {item for item in items if not item.parked and item.isVisible()
                and rect.intersects(item.sceneBoundingRect())}
    else:
        found = scene.items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect,
                            Qt.SortOrder.AscendingOrder)
        seen = {item for item in found if type(item) is HandoffItem and not item.parked}
    now: list[HandoffItem] = []
    later: list[HandoffItem] = []
    Spots(scene).sort(items, zone, now, later, seen)
    return now, later


def meeting(scene: MapScene, stale: list[HandoffItem], zone: Zone) -> list[HandoffItem]:
    """The stale arrows the view has come near (taken out of `stale`, which also loses the
    arrows no longer stale or no longer on the map)."""
    current = scene.handoff_items
    near: list[HandoffItem] = []
    keep: list[HandoffItem] = []
    still = [item for item in stale if item.stale and current.get(item.hid) is item]
    Spots(scene).sort(still, zone, near, keep)
    stale[:] = keep
    return near
