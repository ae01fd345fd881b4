"""What setting one field on several items takes (the inspector's "change all", and a single
person's own edit too): per item, the changes to hand `Document.update_many`.

A card that changes lane (department, colleague or customer) or stage column moves to the first
free row there; cards moved together take rows one after another, never the same one, and the
map's cards are read once however many move (model/layout.py `FreeSlots`).
"""
from __future__ import annotations

import copy
import logging
from collections.abc import Iterable
from typing import Any

from model.entities import OUTSOURCED, Person
from model.layout import CARD_W, FreeSlots, lane_key, stage_at

log = logging.getLogger(__name__)

Changes = dict[str, dict[str, Any]]  # item id -> its changes

# person fields a customer does not have (their lane is the customers'; vendor is their organisation)
COLLEAGUE_FIELDS = ("department_id", "sourcing")


def applies(person: Person, field: str) -> bool:
    """Does a bulk change of `field` concern this person? (the vendor: only the outsourced)"""
    if field in COLLEAGUE_FIELDS:
        return not person.is_customer
    if field == "vendor":
        return not person.is_customer and person.sourcing == OUTSOURCED
    return True


def moves_card(field: str, value: Any) -> bool:
    """Does setting `field` to `value` move a placed card to another lane or column?"""
    return field in ("department_id", "kind") or (field == "stage" and value is not None)


def person_changes(doc: Any, ids: Iterable[str], field: str, value: Any) -> Changes:
    """Per person that `field` concerns and who does not have `value` yet: `{field: value}`, with
    the card's new place when it moves (people not in the map are left out)."""
    people = [doc.people[pid] for pid in ids if pid in doc.people]
    people = [p for p in people if applies(p, field) and getattr(p, field) != value]
    moving = [p for p in people if p.placed] if moves_card(field, value) else []
    slots = FreeSlots(doc, (p.id for p in moving)) if moving else None
    out: Changes = {}
    for p in people:
        changes: dict[str, Any] = {field: value}
        if slots is not None and p.placed:
            moved = copy.copy(p)
            vars(moved).update(changes)
            stage = moved.stage or stage_at(moved.pos[0] + CARD_W / 2, slots.widths)
            changes["pos"] = slots.take(lane_key(moved), stage)
        out[p.id] = changes
    return out


def field_changes(doc: Any, entity: str, ids: Iterable[str], field: str, value: Any) -> Changes:
    """As person_changes, for any kind of item (a hand-off's stage, what is handed over, two-way)."""
    if entity == "person":
        return person_changes(doc, ids, field, value)
    items = doc.collection(entity)
    return {i: {field: value} for i in ids if i in items and getattr(items[i], field) != value}


def values(doc: Any, entity: str, ids: Iterable[str], field: str, most: int = 2) -> list[Any]:
    """The distinct values of `field` among these items, in first-seen order, up to `most`:
    none (nothing it concerns), one (all alike) or several (they differ; no need to read on)."""
    items = doc.collection(entity)
    people = entity == "person"
    seen: dict[Any, None] = {}
    for i in ids:
        item = items.get(i)
        if item is None or (people and not applies(item, field)):
            continue
        seen[getattr(item, field)] = None
        if len(seen) >= most:
            break
    return list(seen)
