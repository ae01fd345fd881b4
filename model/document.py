"""The one place a map changes: every edit goes through a Document method,
which validates it, applies it and announces it to observers.

Every method that changes something returns what undo needs to put it back
(old values, or a Removal record), so GUI commands stay thin.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import math
from dataclasses import dataclass, field
from typing import Any

from model import entities
from model.entities import (
    ActionItem,
    Checkup,
    Department,
    Handoff,
    MapInfo,
    OutreachEntry,
    Person,
    Session,
    Statement,
    Story,
)
from model.events import Action, Event, Observable
from model.stages import is_stage


class DocumentError(ValueError):
    """An edit or a file the document refuses; the message is for the user."""


# entity name -> (attribute holding the collection, dataclass)
COLLECTIONS: dict[str, tuple[str, type]] = {
    "person": ("people", Person),
    "department": ("departments", Department),
    "handoff": ("handoffs", Handoff),
    "statement": ("statements", Statement),
    "checkup": ("checkups", Checkup),
    "session": ("sessions", Session),
}


@dataclass
class Removal:
    """What a removal took out, and where, so `Document.restore` can put it back."""

    entity: str
    item: Any
    index: int
    dependants: list[Removal] = field(default_factory=list)
    cleared: dict[str, Any] = field(default_factory=dict)  # e.g. department members, you_id


def _check_text(name: str, value: Any) -> None:
    if not isinstance(value, str):
        raise DocumentError(f"{name} must be text")


def _check_date(name: str, value: Any, allow_empty: bool = False) -> None:
    _check_text(name, value)
    if allow_empty and value == "":
        return
    import datetime as _dt

    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        raise DocumentError(f"{name} must be a date like 2026-11-23, not {value!r}") from None


def _check_score(name: str, value: Any) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not entities.SCALE_MIN <= value <= entities.SCALE_MAX
    ):
        raise DocumentError(
            f"{name} must be a whole number from {entities.SCALE_MIN} to {entities.SCALE_MAX}"
        )


@functools.cache
def _text_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.type == "str")


class Document(Observable):
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

    # ----- validation ----------------------------------------------------
    def _validate(self, entity: str, item: Any) -> None:
        kind: type = type(item)  # type(Any) is type[Any], which mypy does not see as hashable
        for name in _text_fields(kind):  # inlined _check_text: this runs for every field of every item loaded
            if not isinstance(getattr(item, name), str):
                raise DocumentError(f"{name} must be text")
        if not item.id:
            raise DocumentError(f"a {entity} needs an id")
        check = getattr(self, f"_validate_{entity}", None)
        if check:
            check(item)

    def _validate_person(self, p: Person) -> None:
        if p.kind not in entities.KINDS:
            raise DocumentError(f"kind must be one of {', '.join(entities.KINDS)}, not {p.kind!r}")
        if p.sourcing not in entities.SOURCINGS:
            raise DocumentError(f"sourcing must be insourced or outsourced, not {p.sourcing!r}")
        if p.stage is not None and not is_stage(p.stage):
            raise DocumentError(f"unknown stage {p.stage!r}")
        if p.department_id is not None and p.department_id not in self.departments:
            raise DocumentError("that department is not in the map")
        if p.reports_to is not None and p.reports_to not in self.people:
            raise DocumentError("reports_to names nobody in the map")
        if (
            not isinstance(p.pos, tuple)
            or len(p.pos) != 2
            or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in p.pos)
        ):
            raise DocumentError("a position is two finite numbers")
        if not isinstance(p.placed, bool):
            raise DocumentError("placed must be true or false")
        c = p.cadence_days
        if c is not None and (isinstance(c, bool) or not isinstance(c, int) or not 0 <= c <= 3660):
            raise DocumentError("a keep-in-touch cadence is a whole number of days, 0 to 3660")
        if not isinstance(p.story, Story) or not isinstance(p.story.sweet_spot, bool):
            raise DocumentError("a story is four texts and a sweet-spot flag")
        for key, _ in Story.PROMPTS:
            _check_text(key, getattr(p.story, key))
        for entry in p.outreach:
            self._validate_outreach(entry)
        if not isinstance(p.extra, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in p.extra.items()
        ):
            raise DocumentError("extra fields are text")

    def _validate_outreach(self, entry: OutreachEntry) -> None:
        _check_date("an outreach date", entry.date)
        _check_text("channel", entry.channel)
        _check_text("note", entry.note)

    def _validate_department(self, d: Department) -> None:
        if not isinstance(d.kpis, list) or not all(isinstance(k, str) for k in d.kpis):
            raise DocumentError("KPIs are a list of texts")
        if (
            not isinstance(d.lane_height, (int, float))
            or not math.isfinite(d.lane_height)
            or d.lane_height < 0
        ):
            raise DocumentError("a lane height is a positive number")

    def _validate_handoff(self, h: Handoff) -> None:
        if h.source not in self.people or h.target not in self.people:
            raise DocumentError("a hand-off joins two people in the map")
        if h.source == h.target:
            raise DocumentError("a hand-off goes from one person to another")
        if h.stage is not None and not is_stage(h.stage):
            raise DocumentError(f"unknown stage {h.stage!r}")
        if not isinstance(h.two_way, bool):
            raise DocumentError("two_way must be true or false")

    def _validate_statement(self, s: Statement) -> None:
        if not isinstance(s.standard, bool):
            raise DocumentError("standard must be true or false")

    def _validate_checkup(self, c: Checkup) -> None:
        _check_date("a check-up date", c.date)
        for sid, score in c.answers.items():
            if sid not in self.statements:
                raise DocumentError("a check-up answers a statement that is not in the map")
            _check_score("an answer", score)
        areas = dict(entities.THREE_AREAS)
        for key, score in c.areas.items():
            if key not in areas:
                raise DocumentError(f"unknown area {key!r}")
            _check_score("an area score", score)

    def _validate_session(self, s: Session) -> None:
        _check_date("a session date", s.date)
        for item in s.action_items:
            self._validate_action(item)

    def _validate_action(self, a: ActionItem) -> None:
        _check_text("an action item", a.text)
        _check_text("an owner", a.owner)
        _check_date("a due date", a.due, allow_empty=True)
        if not isinstance(a.done, bool):
            raise DocumentError("done must be true or false")

    # ----- generic changes -----------------------------------------------
    def add(self, entity: str, item: Any, index: int | None = None) -> Any:
        coll = self.collection(entity)
        if item.id in coll:
            raise DocumentError(f"this map already has a {entity} with id {item.id}")
        if isinstance(item, Person) and isinstance(item.pos, list):
            item.pos = tuple(item.pos)
        self._validate(entity, item)
        if index is None or index >= len(coll):
            coll[item.id] = item
        else:
            items = list(coll.items())
            items.insert(max(index, 0), (item.id, item))
            coll.clear()
            coll.update(items)
        self.emit(Event(Action.ADDED, entity, item.id))
        return item

    def update(self, entity: str, item_id: str, **changes: Any) -> dict[str, Any]:
        """Change fields of one item; returns the old values (pass them back to undo)."""
        item = self.get(entity, item_id)
        names = {f.name for f in dataclasses.fields(item)} - {"id"}
        unknown = set(changes) - names
        if unknown:
            raise DocumentError(f"a {entity} has no field {sorted(unknown)[0]}")
        if "pos" in changes and isinstance(changes["pos"], list):
            changes["pos"] = tuple(changes["pos"])
        candidate = dataclasses.replace(item, **changes)
        self._validate(entity, candidate)
        old = {k: getattr(item, k) for k in changes}
        real = {k: v for k, v in changes.items() if old[k] != v}
        for key, value in real.items():
            setattr(item, key, value)
        if real:
            self.emit(Event(Action.CHANGED, entity, item_id, tuple(real)))
        return old

    def remove(self, entity: str, item_id: str) -> Removal:
        coll = self.collection(entity)
        item = self.get(entity, item_id)
        removal = Removal(entity, item, list(coll).index(item_id))
        if entity == "person":
            for h in self.handoffs_of(item_id):
                removal.dependants.append(self.remove("handoff", h.id))
            reports = [p.id for p in self.people.values() if p.reports_to == item_id]
            for pid in reports:
                self.people[pid].reports_to = None
                self.emit(Event(Action.CHANGED, "person", pid, ("reports_to",)))
            removal.cleared["reports"] = reports
            if self.meta.you_id == item_id:
                removal.cleared["you"] = True
                self.update_meta(you_id=None)
        elif entity == "department":
            members = [p.id for p in self.people.values() if p.department_id == item_id]
            for pid in members:
                self.people[pid].department_id = None
                self.emit(Event(Action.CHANGED, "person", pid, ("department_id",)))
            removal.cleared["members"] = members
        elif entity == "statement":
            answered = {c.id: c.answers.pop(item_id) for c in self.checkups.values() if item_id in c.answers}
            removal.cleared["answers"] = answered
            for cid in answered:
                self.emit(Event(Action.CHANGED, "checkup", cid, ("answers",)))
        del coll[item_id]
        self.emit(Event(Action.REMOVED, entity, item_id))
        return removal

    def restore(self, removal: Removal) -> None:
        """Undo a removal exactly: the item, its place, and what it took along."""
        self.add(removal.entity, removal.item, removal.index)
        item_id = removal.item.id
        if removal.entity == "person":
            for pid in removal.cleared.get("reports", []):
                if pid in self.people:
                    self.people[pid].reports_to = item_id
                    self.emit(Event(Action.CHANGED, "person", pid, ("reports_to",)))
            if removal.cleared.get("you"):
                self.update_meta(you_id=item_id)
        elif removal.entity == "department":
            for pid in removal.cleared.get("members", []):
                if pid in self.people:
                    self.people[pid].department_id = item_id
                    self.emit(Event(Action.CHANGED, "person", pid, ("department_id",)))
        elif removal.entity == "statement":
            for cid, score in removal.cleared.get("answers", {}).items():
                if cid in self.checkups:
                    self.checkups[cid].answers[item_id] = score
                    self.emit(Event(Action.CHANGED, "checkup", cid, ("answers",)))
        for dep in reversed(removal.dependants):
            self.restore(dep)

    # ----- specific changes ----------------------------------------------
    def update_meta(self, **changes: Any) -> dict[str, Any]:
        names = {f.name for f in dataclasses.fields(MapInfo)}
        unknown = set(changes) - names
        if unknown:
            raise DocumentError(f"a map has no field {sorted(unknown)[0]}")
        for key, value in changes.items():
            if key == "you_id":
                if value is not None and value not in self.people:
                    raise DocumentError("'you' must be a person in the map")
            elif key == "stale_days":
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    raise DocumentError("stale days is a whole number of at least 1")
            elif key in ("ancestors", "conflicts"):  # kept by saving and merging (model/merge*.py)
                if not isinstance(value, list):
                    raise DocumentError(f"{key} is a list")
            else:
                _check_text(key, value)
        old = {k: getattr(self.meta, k) for k in changes}
        for key, value in changes.items():
            setattr(self.meta, key, value)
        self.emit(Event(Action.CHANGED, "meta", "", tuple(changes)))
        return old

    def move_people(self, positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        """Move many cards at once (one event); returns the old positions."""
        for pid, pos in positions.items():
            self.get("person", pid)
            if len(pos) != 2 or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in pos):
                raise DocumentError("a position is two finite numbers")
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

    # outreach log entries and action items live inside a person / a session
    def add_outreach(self, pid: str, entry: OutreachEntry, index: int | None = None) -> None:
        person = self.person(pid)
        self._validate_outreach(entry)
        log = list(person.outreach)
        log.insert(len(log) if index is None else index, entry)
        self.update("person", pid, outreach=log)

    def remove_outreach(self, pid: str, entry_id: str) -> tuple[int, OutreachEntry]:
        person = self.person(pid)
        for i, entry in enumerate(person.outreach):
            if entry.id == entry_id:
                self.update("person", pid, outreach=person.outreach[:i] + person.outreach[i + 1 :])
                return i, entry
        raise DocumentError("no such outreach entry")

    def add_action_item(self, session_id: str, item: ActionItem, index: int | None = None) -> None:
        session = self.get("session", session_id)
        self._validate_action(item)
        items = list(session.action_items)
        items.insert(len(items) if index is None else index, item)
        self.update("session", session_id, action_items=items)

    def update_action_item(self, session_id: str, item_id: str, **changes: Any) -> dict[str, Any]:
        session = self.get("session", session_id)
        items = [copy.copy(a) for a in session.action_items]
        for a in items:
            if a.id == item_id:
                old = {k: getattr(a, k) for k in changes}
                new = dataclasses.replace(a, **changes)
                self._validate_action(new)
                items[items.index(a)] = new
                self.update("session", session_id, action_items=items)
                return old
        raise DocumentError("no such action item")

    def remove_action_item(self, session_id: str, item_id: str) -> tuple[int, ActionItem]:
        session = self.get("session", session_id)
        for i, a in enumerate(session.action_items):
            if a.id == item_id:
                rest = session.action_items[:i] + session.action_items[i + 1 :]
                self.update("session", session_id, action_items=rest)
                return i, a
        raise DocumentError("no such action item")

    # ----- whole-document checks -----------------------------------------
    def problems(self) -> list[str]:
        """Every broken reference or invalid value; empty for a sound document."""
        found: list[str] = []
        for entity in COLLECTIONS:
            for key, item in self.collection(entity).items():
                if key != item.id:
                    found.append(f"{entity} {key} is filed under the wrong id")
                try:
                    self._validate(entity, item)
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
