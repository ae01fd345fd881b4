"""Document <-> plain JSON-ready data (dicts, lists, text, numbers).

Reading is strict: anything of the wrong shape is refused with a sentence
saying what is wrong, so a damaged file never becomes a half-loaded map.
Each value is checked once: here, or by the document's checks as the item is filed.
"""
from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable
from typing import Any

from model.document import COLLECTIONS, Document, DocumentError, checks, removal
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
from model.storage import columns, unknown


def _story(s: Story) -> dict[str, Any]:
    return {"hand_on": s.hand_on, "reaches_customer": s.reaches_customer, "why_good": s.why_good,
            "moment": s.moment, "sweet_spot": s.sweet_spot}


def _outreach(e: OutreachEntry) -> dict[str, Any]:
    return {"date": e.date, "channel": e.channel, "note": e.note, "id": e.id}


def _action(a: ActionItem) -> dict[str, Any]:
    return {"text": a.text, "owner": a.owner, "due": a.due, "done": a.done, "id": a.id}


def _person(p: Person) -> dict[str, Any]:
    return {
        "name": p.name, "title": p.title, "department_id": p.department_id, "kind": p.kind,
        "sourcing": p.sourcing, "vendor": p.vendor, "email": p.email, "phone": p.phone,
        "location": p.location, "what_they_do": p.what_they_do, "why_this_order": p.why_this_order,
        "strengths": p.strengths, "stage": p.stage, "placed": p.placed,
        "pos": [float(p.pos[0]), float(p.pos[1])], "story": _story(p.story),
        "outreach": [_outreach(e) for e in p.outreach], "external_id": p.external_id,
        "reports_to": p.reports_to, "extra": dict(p.extra), "id": p.id, "cadence_days": p.cadence_days,
        "left": p.left,
    }


def _department(d: Department) -> dict[str, Any]:
    return {"name": d.name, "color": d.color, "serving_definition": d.serving_definition,
            "kpis": list(d.kpis), "lane_height": d.lane_height, "id": d.id}


def _handoff(h: Handoff) -> dict[str, Any]:
    return {"source": h.source, "target": h.target, "what": h.what, "stage": h.stage,
            "why_order": h.why_order, "two_way": h.two_way, "id": h.id}


def _statement(s: Statement) -> dict[str, Any]:
    return {"text": s.text, "standard": s.standard, "id": s.id}


def _checkup(c: Checkup) -> dict[str, Any]:
    return {"date": c.date, "answers": dict(c.answers), "areas": dict(c.areas), "note": c.note, "id": c.id}


def _session(s: Session) -> dict[str, Any]:
    return {"date": s.date, "title": s.title, "notes": s.notes,
            "action_items": [_action(a) for a in s.action_items], "id": s.id}


def _meta(m: MapInfo) -> dict[str, Any]:
    return {"title": m.title, "organisation": m.organisation, "prepared_for": m.prepared_for,
            "prepared_by": m.prepared_by, "description": m.description, "you_id": m.you_id,
            "stale_days": m.stale_days, "template": m.template, "revision": m.revision,
            "saved_at": m.saved_at, "ancestors": list(m.ancestors),
            "conflicts": [dict(c) for c in m.conflicts]}


# Written out by hand per type: dataclasses.asdict recurses and deep-copies every value, which
# made an autosave of 2,000 people take ~0.1 s on the GUI thread. tests/test_serialize_fast.py
# checks that these give exactly what asdict gave (and that they cover every field).
WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {
    Person: _person, Department: _department, Handoff: _handoff, Statement: _statement,
    Checkup: _checkup, Session: _session, MapInfo: _meta, Story: _story,
    OutreachEntry: _outreach, ActionItem: _action,
}


def item_to_data(item: Any) -> dict[str, Any]:
    """One entity as plain data: fresh dicts and lists, sharing nothing mutable with the model."""
    return WRITERS[type(item)](item)


def to_data(doc: Document) -> dict[str, Any]:
    """The whole document as plain data, collections as ordered lists."""
    out: dict[str, Any] = {"meta": _meta(doc.meta)}
    for entity, (attr, cls) in COLLECTIONS.items():
        write = WRITERS[cls]
        out[attr] = [write(item) for item in doc.collection(entity).values()]
    unknown.restore(doc, out)  # what the file held beyond this app's fields, as it was
    return out


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


# field annotation (as written in model/entities.py) -> a check of the JSON value
_TYPE_CHECKS: dict[str, Any] = {
    "str": lambda v: isinstance(v, str),
    "str | None": lambda v: v is None or isinstance(v, str),
    "bool": lambda v: isinstance(v, bool),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "int | None": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0),
    "float": _is_number,
    "tuple[float, float]": lambda v: isinstance(v, list) and len(v) == 2 and all(_is_number(x) for x in v),
    "list[str]": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "dict[str, str]": lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
    "dict[str, int]": lambda v: isinstance(v, dict)
    and all(isinstance(x, int) and not isinstance(x, bool) for x in v.values()),
    "Story": lambda v: isinstance(v, dict),
    "list[OutreachEntry]": lambda v: isinstance(v, list),
    "list[ActionItem]": lambda v: isinstance(v, list),
    "list[dict[str, str]]": lambda v: isinstance(v, list) and all(
        isinstance(d, dict) and all(isinstance(x, str) for x in d.values()) for d in v
    ),
}


# Validate once: fields that the document's checks (model/document/checks.py) test anyway, as
# strictly and for any value a file can hold, when the item is filed (every text field, and these)
# are not checked here too; checking both ways made loading 5x slower than reading the JSON.
_CHECKED_ON_ADD: dict[type, frozenset[str]] = {
    Person: frozenset({"placed", "kind", "sourcing", "stage", "pos", "cadence_days", "extra", "left"}),
    Handoff: frozenset({"two_way", "stage"}), Statement: frozenset({"standard"}),
    Department: frozenset({"kpis", "lane_height"}), Checkup: frozenset(), Session: frozenset(),
}
# entries inside an item: every field is checked with the item that holds them
_CHECKED_WITH_HOLDER: dict[type, frozenset[str]] = {
    cls: frozenset(f.name for f in dataclasses.fields(cls)) for cls in (Story, OutreachEntry, ActionItem)
}


@dataclasses.dataclass(frozen=True)
class _Blueprint:
    """What building one type from a record needs, worked out once per type."""

    names: frozenset[str]
    checks: tuple[tuple[str, Any], ...]  # (field, check) for the fields tested here
    required: frozenset[str]
    defaults: dict[str, Any]
    factories: tuple[tuple[str, Callable[[], Any]], ...]


@functools.cache
def _blueprint(cls: type) -> _Blueprint:
    fields = dataclasses.fields(cls)
    later = _CHECKED_WITH_HOLDER.get(cls, _CHECKED_ON_ADD.get(cls))
    if cls in _CHECKED_ON_ADD:
        # the id is looked up before the item is filed, so it is checked here
        later = _CHECKED_ON_ADD[cls] | {f.name for f in fields if f.type == "str" and f.name != "id"}
    return _Blueprint(
        names=frozenset(f.name for f in fields),
        checks=tuple((f.name, _TYPE_CHECKS.get(str(f.type))) for f in fields
                     if later is None or f.name not in later),
        required=frozenset(f.name for f in fields
                           if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING),
        defaults={f.name: f.default for f in fields if f.default is not dataclasses.MISSING},
        factories=tuple((f.name, f.default_factory) for f in fields
                        if f.default_factory is not dataclasses.MISSING),
    )


def _build(cls: type, data: Any, where: str, found: list[Found] | None = None) -> Any:
    """An item of `cls` from its record: every field present or defaulted, each of the right type
    (here or when it is filed). Built without calling the dataclass's __init__: the record's
    values are the instance's (the same values __init__ would have set), 3x faster. Fields this
    version does not know (a newer app's, a hand edit's) are set aside in `found`, by where they
    were below this item, to be written back unchanged (model/storage/unknown.py)."""
    if not isinstance(data, dict):
        raise DocumentError(f"{where} is not a record")
    plan = _blueprint(cls)
    extra: dict[str, Any] = {}
    if len(data) == len(plan.names) and plan.names.issuperset(data):
        values = data.copy()  # a record as this app writes it: every field, nothing else
    else:
        if not plan.names.issuperset(data):
            extra = {k: v for k, v in data.items() if k not in plan.names}
            data = {k: v for k, v in data.items() if k in plan.names}
        missing = plan.required - data.keys()
        if missing:
            raise DocumentError(f"{where} is incomplete (it has no {sorted(missing)[0]!r})")
        values = {**plan.defaults, **data}
        for name, factory in plan.factories:
            if name not in values:
                values[name] = factory()
    for name, check in plan.checks:
        if check is None or not check(values[name]):
            raise DocumentError(f"{where}: {name!r} is broken")
    if cls is Person:
        values["story"] = _entry(Story, values["story"], where, "story", found, "story")
        values["outreach"] = [_entry(OutreachEntry, e, where, "outreach entry", found, "outreach")
                              for e in _list(values["outreach"], where)]
        pos = values["pos"]
        if isinstance(pos, list) and len(pos) == 2:
            values["pos"] = (pos[0], pos[1])  # anything else is refused by the checks as it is filed
    elif cls is Session:
        values["action_items"] = [_entry(ActionItem, a, where, "action item", found, "action_items")
                                  for a in _list(values["action_items"], where)]
    item: Any = object.__new__(cls)
    item.__dict__.update(values)
    if extra and found is not None:
        found.append(((), extra))
    return item


Found = tuple[tuple[str, ...], dict[str, Any]]  # (where below the item, the unknown fields there)


def _entry(cls: type, data: Any, holder: str, what: str, found: list[Found] | None = None,
           field: str = "") -> Any:
    """An entry inside an item (a story, an outreach entry, an action item): every field is checked
    with its holder, so a whole record only needs building (thousands per map: kept lean)."""
    plan = _blueprint(cls)
    if type(data) is dict and len(data) == len(plan.names) and plan.names.issuperset(data):
        entry: Any = object.__new__(cls)
        entry.__dict__.update(data)
        return entry
    inner: list[Found] = []
    entry = _build(cls, data, f"{holder}'s {what}", inner)
    if inner and found is not None:  # an entry with an id is found again by it, wherever it moves
        found.append(((field, entry.id) if hasattr(entry, "id") else (field,), inner[0][1]))
    return entry


def item_from_data(cls: type, data: Any, where: str) -> Any:
    """One entity from its plain data, checked as a loaded file is (model/merging/apply.py uses it;
    fields this version does not know are left out of the item)."""
    return _build(cls, data, where)


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise DocumentError(f"{where} holds a broken list")
    return value


def _in_bulk(entity: str, records: list[Any], doc: Document, fresh: bool) -> list[Any] | None:
    """People and hand-offs checked and built a column at a time (model/storage/columns.py), or
    None: then each is built and checked in turn below, which names what is wrong."""
    if entity == "person":
        return columns.people(records, set(doc.departments), fresh)
    if entity == "handoff":
        return columns.handoffs(records, set(doc.people), fresh)
    return None


def from_data(data: Any, fresh: bool = False) -> Document:
    """Build a Document from plain data; refuses anything malformed. `fresh`: nobody else holds
    `data` (a file just parsed), so its records may become the items' own values, uncopied."""
    if not isinstance(data, dict):
        raise DocumentError("the map's data is not a record")
    kept = unknown.Unknown()
    found: list[Found] = []
    doc = Document(_build(MapInfo, data.get("meta", {}), "the map's details", found))
    if found:
        kept.fields[("meta",)] = found[0][1]
    # departments and people first: hand-offs and check-ups refer to them
    order = ["department", "person", "handoff", "statement", "checkup", "session"]
    people_later: list[tuple[Person, str | None]] = []
    for entity in order:
        attr, cls = COLLECTIONS[entity]
        filed = doc.collection(entity)
        records = _list(data.get(attr, []), attr)
        built = _in_bulk(entity, records, doc, fresh)
        if built is not None:  # all of them as this app writes them, checked column by column
            filed.update(zip([item.id for item in built], built, strict=True))
            continue
        for n, raw in enumerate(records, 1):
            found = []
            item = _build(cls, raw, f"{entity} {n}", found)
            for below, fields in found:
                kept.fields[(attr, item.id, *below)] = fields
            if entity == "person":
                # reports_to may point forward in the list: link after all are in
                people_later.append((item, item.reports_to))
                item.reports_to = None
            try:  # checked once, as an edit is (not announced: nobody listens yet)
                if item.id in filed:
                    raise DocumentError(removal.duplicate(entity, item.id))
                checks.validate(doc, entity, item)
            except DocumentError as exc:
                raise DocumentError(f"{entity} {n}: {exc}") from None
            filed[item.id] = item
    for person, boss in people_later:
        if boss is not None:
            if boss not in doc.people:
                raise DocumentError(f"{person.name!r} reports to somebody who is not in the map")
            person.reports_to = boss
    if doc.meta.you_id is not None and doc.meta.you_id not in doc.people:
        raise DocumentError("the person marked 'you' is not in the map")
    try:
        doc.update_meta(**dataclasses.asdict(doc.meta))
    except DocumentError as exc:
        raise DocumentError(f"the map's details: {exc}") from None
    known = {"meta", *(attr for attr, _cls in COLLECTIONS.values()), *unknown.NOT_MAP_TABLES}
    kept.tables.update({name: records for name, records in data.items()
                        if name not in known and isinstance(records, list)})
    unknown.remember(doc, kept)
    return doc  # every item was validated as it was added
