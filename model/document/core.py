"""The one place a map changes: every edit goes through a Document method, which validates it,
applies it and announces it to observers as exactly ONE event (model/events.py), however much
it touched: a removal's event carries what went along as its parts.

Every method that changes something returns what undo needs to put it back (old values, or a
Removal record), so GUI commands stay thin.
"""
from __future__ import annotations

import copy
import dataclasses
from typing import Any

from model import entities
from model.document import checks, removal
from model.document.checks import DocumentError
from model.document.nested import NestedEdits
from model.document.removal import Removal
from model.entities import (
    Checkup,
    Department,
    Handoff,
    MapInfo,
    Person,
    Session,
    Statement,
)
from model.events import Action, Event, Observable

# entity name -> (attribute holding the collection, dataclass)
COLLECTIONS: dict[str, tuple[str, type]] = {
    "person": ("people", Person),
    "department": ("departments", Department),
    "handoff": ("handoffs", Handoff),
    "statement": ("statements", Statement),
    "checkup": ("checkups", Checkup),
    "session": ("sessions", Session),
}


class Document(NestedEdits, Observable):
    def __init__(self, meta: MapInfo | None = None) -> None:
        super().__init__()
        self.meta = meta or MapInfo()
        self.people: dict[str, Person] = {}
        self.departments: dict[str, Department] = {}
        self.handoffs: dict[str, Handoff] = {}
        self.statements: dict[str, Statement] = {}
        self.checkups: dict[str, Checkup] = {}
        self.sessions: dict[str, Session] = {}

    @classmethod
    def with_standard_statements(cls, meta: MapInfo | None = None) -> Document:
        doc = cls(meta)
        for sid, text in entities.STANDARD_STATEMENTS:
            doc.statements[sid] = Statement(text=text, standard=True, id=sid)
        return doc

    # ----- reading -------------------------------------------------------
    def collection(self, entity: str) -> dict[str, Any]:
        try:
            found: dict[str, Any] = getattr(self, COLLECTIONS[entity][0])
        except KeyError:
            raise DocumentError(f"unknown kind of thing: {entity}") from None
        return found

    def get(self, entity: str, item_id: str) -> Any:
        try:
            return self.collection(entity)[item_id]
        except KeyError:
            raise DocumentError(f"no {entity} with id {item_id}") from None

    def person(self, pid: str) -> Person:
        found: Person = self.get("person", pid)
        return found

    @property
    def you(self) -> Person | None:
        return self.people.get(self.meta.you_id or "")

    def colleagues(self) -> list[Person]:
        return [p for p in self.people.values() if not p.is_customer]

    def customers(self) -> list[Person]:
        return [p for p in self.people.values() if p.is_customer]

    def handoffs_of(self, pid: str) -> list[Handoff]:
        return [h for h in self.handoffs.values() if pid in (h.source, h.target)]

    def find_people(self, name: str) -> list[Person]:
        key = name.strip().casefold()
        return [p for p in self.people.values() if p.name.strip().casefold() == key]

    # ----- changes: each announces exactly one event ----------------------
    def add(self, entity: str, item: Any, index: int | None = None) -> Any:
        removal.insert(self, entity, item, index)
        self.emit(Event(Action.ADDED, entity, item.id))
        return item

    def update(self, entity: str, item_id: str, **changes: Any) -> dict[str, Any]:
        """Change fields of one item; returns the old values (pass them back to undo).
        Nothing is announced when no value really changes."""
        item = self._checked(entity, item_id, changes)
        old, event = _apply(entity, item, changes)
        if event is not None:
            self.emit(event)
        return old

    def update_many(self, entity: str, changes: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Change fields of several items as one edit (item id -> its changes; the inspector's
        "change all"): every item is checked before any changes, so one refusal changes nothing.
        ONE event however many items: a batch (model/events.py) whose parts are each item that
        really changed. Returns each item's old values (pass them back to undo)."""
        items = [self._checked(entity, item_id, fields) for item_id, fields in changes.items()]
        old: dict[str, dict[str, Any]] = {}
        parts: list[Event] = []
        for item in items:
            old[item.id], event = _apply(entity, item, changes[item.id])
            if event is not None:
                parts.append(event)
        if len(parts) == 1:
            self.emit(parts[0])
        elif parts:
            named = tuple(dict.fromkeys(name for part in parts for name in part.fields))
            self.emit(Event(Action.CHANGED, entity, fields=named, ids=tuple(p.id for p in parts),
                            parts=tuple(parts)))
        return old

    def _checked(self, entity: str, item_id: str, changes: dict[str, Any]) -> Any:
        """The item these changes are for, once they are known to keep it sound."""
        item = self.get(entity, item_id)
        names = {f.name for f in dataclasses.fields(item)} - {"id"}
        unknown = set(changes) - names
        if unknown:
            raise DocumentError(f"a {entity} has no field {sorted(unknown)[0]}")
        if "pos" in changes and isinstance(changes["pos"], list):
            changes["pos"] = tuple(changes["pos"])
        candidate = copy.copy(item)  # (not dataclasses.replace: ~3x slower, and no checks)
        vars(candidate).update(changes)
        checks.validate(self, entity, candidate)
        return item

    def remove(self, entity: str, item_id: str) -> Removal:
        """Take out an item and what depends on it (a person's hand-offs; links to it are
        cleared): one REMOVED event whose parts say what else changed."""
        parts: list[Event] = []
        taken = removal.take_out(self, entity, item_id, parts)
        self.emit(Event(Action.REMOVED, entity, item_id, parts=tuple(parts)))
        return taken

    def restore(self, taken: Removal) -> None:
        """Undo a removal exactly: the item, its place, and what it took along (one ADDED event)."""
        parts: list[Event] = []
        removal.put_back(self, taken, parts)
        self.emit(Event(Action.ADDED, taken.entity, taken.item.id, parts=tuple(parts)))

    def update_meta(self, **changes: Any) -> dict[str, Any]:
        """Change the map's own details; returns the old values (pass them back to undo).
        As with `update`, nothing is announced when no value really changes (so a no-op is
        neither an undo step nor a modification)."""
        checks.check_meta(self, changes)
        old = {k: getattr(self.meta, k) for k in changes}
        real = {k: v for k, v in changes.items() if old[k] != v}
        for key, value in real.items():
            setattr(self.meta, key, value)
        if real:
            self.emit(Event(Action.CHANGED, "meta", "", tuple(real)))
        return old

    def move_people(self, positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        """Move many cards at once (one event); returns the old positions."""
        for pid, pos in positions.items():
            self.get("person", pid)
            checks.check_position(tuple(pos) if isinstance(pos, (list, tuple)) else pos)
        old = {pid: self.people[pid].pos for pid in positions}
        for pid, pos in positions.items():
            self.people[pid].pos = (float(pos[0]), float(pos[1]))
        self.emit(Event(Action.MOVED, "person", ids=tuple(positions)))
        return old

    def reorder_departments(self, order: list[str]) -> list[str]:
        """Put the lanes in a new order; returns the old order."""
        if sorted(order) != sorted(self.departments):
            raise DocumentError("a new lane order must name every department once")
        old = list(self.departments)
        items = [(did, self.departments[did]) for did in order]
        self.departments.clear()
        self.departments.update(items)
        self.emit(Event(Action.REORDERED, "department"))
        return old

    def set_you(self, pid: str | None) -> str | None:
        old: str | None = self.update_meta(you_id=pid)["you_id"]
        return old

    # ----- whole-document checks -----------------------------------------
    def problems(self) -> list[str]:
        """Every broken reference or invalid value; empty for a sound document."""
        found: list[str] = []
        for entity in COLLECTIONS:
            for key, item in self.collection(entity).items():
                if key != item.id:
                    found.append(f"{entity} {key} is filed under the wrong id")
                try:
                    checks.validate(self, entity, item)
                except DocumentError as exc:
                    found.append(f"{entity} {key}: {exc}")
        if self.meta.you_id is not None and self.meta.you_id not in self.people:
            found.append("'you' is nobody in the map")
        return found

    def clone(self) -> Document:
        """A deep copy with no observers (for snapshots and background exports)."""
        twin = Document(copy.deepcopy(self.meta))
        for entity in COLLECTIONS:
            twin.collection(entity).update(copy.deepcopy(self.collection(entity)))
        return twin


def _apply(entity: str, item: Any, changes: dict[str, Any]) -> tuple[dict[str, Any], Event | None]:
    """Set the changes that really change something; the old values, and the event to tell."""
    old = {k: getattr(item, k) for k in changes}
    real = {k: v for k, v in changes.items() if old[k] != v}
    for key, value in real.items():
        setattr(item, key, value)
    return old, Event(Action.CHANGED, entity, item.id, tuple(real)) if real else None
