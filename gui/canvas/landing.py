"""Where a dropped or moved card lands: never on top of another card, where one of
the two would hide the other. The card keeps its column and slides down the lane
past the cards it would cover (the lane grows to hold it)."""
from __future__ import annotations

from collections.abc import Iterable

from model import layout
from model.document import Document

OVERLAP_SLACK = 8.0  # cards may touch or overlap by this much: a near miss is left where it is


def clear_spot(doc: Document, lane_key: str, pos: tuple[float, float],
               moving: Iterable[str] = (), members: Iterable[str] | None = None) -> tuple[float, float]:
    """`pos` (lane-relative top-left) moved down just far enough not to cover a card that stays.
    `members`: the ids of the lane's placed people, when the caller keeps them (the scene
    does), so a drop looks at one lane instead of every person on the map."""
    skip = set(moving)
    x, y = pos
    near = layout.CARD_W - OVERLAP_SLACK
    people = doc.people.values() if members is None else (doc.people[pid] for pid in members)
    others = [p.pos[1] for p in people  # only the cards of the same column can be covered
              if p.placed and p.id not in skip and abs(p.pos[0] - x) < near
              and layout.lane_key(p) == lane_key]
    for _ in range(len(others) + 1):
        hit = [oy for oy in others if abs(oy - y) < layout.CARD_H - OVERLAP_SLACK]
        if not hit:
            break
        y = max(hit) + layout.ROW_H
    return x, y
