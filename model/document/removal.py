"""What a removal takes along (a person's hand-offs, the links that pointed at it) and how undo
puts all of it back. Nothing here emits: each change is recorded as a part of the one event the
document announces for the removal (or for its undo)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from model.document import checks
from model.document.checks import DocumentError
from model.entities import Person
from model.events import Action, Event

if TYPE_CHECKING:
    from model.document.core import Document


@dataclass
class Removal:
    """What a removal took out, and where, so `Document.restore` can put it back."""

    entity: str
    item: Any
    index: int
    dependants: list[Removal] = field(default_factory=list)
    cleared: dict[str, Any] = field(default_factory=dict)  # e.g. department members, you_id


def _relink(doc: Document, ids: list[str], attr: str, value: str | None, parts: list[Event]) -> None:
    """Point `attr` of these people at `value` (None: at nobody), one part per person."""
    for pid in ids:
        if pid in doc.people:
            setattr(doc.people[pid], attr, value)
            parts.append(Event(Action.CHANGED, "person", pid, (attr,)))


def take_out(doc: Document, entity: str, item_id: str, parts: list[Event]) -> Removal:
    """Remove an item and what depends on it; the parts list gets each change, in order."""
    coll = doc.collection(entity)
    item = doc.get(entity, item_id)
    removal = Removal(entity, item, list(coll).index(item_id))
    if entity == "person":
        for h in doc.handoffs_of(item_id):
            removal.dependants.append(take_out(doc, "handoff", h.id, parts))
            parts.append(Event(Action.REMOVED, "handoff", h.id))
        reports = [p.id for p in doc.people.values() if p.reports_to == item_id]
        _relink(doc, reports, "reports_to", None, parts)
        removal.cleared["reports"] = reports
        if doc.meta.you_id == item_id:
            removal.cleared["you"] = True
            doc.meta.you_id = None
            parts.append(Event(Action.CHANGED, "meta", "", ("you_id",)))
    elif entity == "department":
        members = [p.id for p in doc.people.values() if p.department_id == item_id]
        _relink(doc, members, "department_id", None, parts)
        removal.cleared["members"] = members
    elif entity == "statement":
        answered = {c.id: c.answers.pop(item_id) for c in doc.checkups.values() if item_id in c.answers}
        removal.cleared["answers"] = answered
        parts.extend(Event(Action.CHANGED, "checkup", cid, ("answers",)) for cid in answered)
    del coll[item_id]
    return removal


def put_back(doc: Document, removal: Removal, parts: list[Event]) -> None:
    """Undo `take_out` exactly: the item in its place (validated), then what it took along."""
    insert(doc, removal.entity, removal.item, removal.index)
    item_id = removal.item.id
    if removal.entity == "person":
        _relink(doc, removal.cleared.get("reports", []), "reports_to", item_id, parts)
        if removal.cleared.get("you"):
            doc.meta.you_id = item_id
            parts.append(Event(Action.CHANGED, "meta", "", ("you_id",)))
    elif removal.entity == "department":
        _relink(doc, removal.cleared.get("members", []), "department_id", item_id, parts)
    elif removal.entity == "statement":
        for cid, score in removal.cleared.get("answers", {}).items():
            if cid in doc.checkups:
                doc.checkups[cid].answers[item_id] = score
                parts.append(Event(Action.CHANGED, "checkup", cid, ("answers",)))
    for dep in reversed(removal.dependants):
        parts.append(Event(Action.ADDED, dep.entity, dep.item.id))
        put_back(doc, dep, parts)


def insert(doc: Document, entity: str, item: Any, index: int | None = None) -> None:
    """Validate a new item and file it under its id, at `index` (None: at the end)."""
    coll = doc.collection(entity)
    if item.id in coll:
        raise DocumentError(duplicate(entity, item.id))
    if isinstance(item, Person) and isinstance(item.pos, list):
        item.pos = tuple(item.pos)
    checks.validate(doc, entity, item)
    if index is None or index >= len(coll):
        coll[item.id] = item
    else:
        items = list(coll.items())
        items.insert(max(index, 0), (item.id, item))
        coll.clear()
        coll.update(items)


def duplicate(entity: str, item_id: str) -> str:
    """Why an item cannot join the map (for edits and loading alike)."""
    return f"this map already has a {entity} with id {item_id}"
