"""Where a dropped or moved card lands: never on top of another card, where one of
the two would hide the other. The card keeps its column and slides down the lane
past the cards it would cover (the lane grows to hold it)."""
from __future__ import annotations

from collections.abc import Iterable

from model import layout
from model.document import Document

OVERLAP_SLACK = 8.0  # cards may touch or overlap by this much: a near miss is left where it is


def clear_spot(doc: Document, lane_key: str, pos: tuple[float, float],
               moving: Iterable[str] = ()) -> tuple[float, float]:
    """`pos` (lane-relative top-left) moved down just far enough not to cover a card that stays."""
    skip = set(moving)
    others = [p.pos for p in doc.people.values()
              if p.placed and p.id not in skip and layout.lane_key(p) == lane_key]
    x, y = pos
    for _ in range(len(others) + 1):
        hit = [oy for ox, oy in others
               if abs(ox - x) < layout.CARD_W - OVERLAP_SLACK and abs(oy - y) < layout.CARD_H - OVERLAP_SLACK]
        if not hit:
            break
        y = max(hit) + layout.ROW_H
    return x, y
