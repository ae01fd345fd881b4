"""People and hand-offs read column by column: the fast path of opening a map (issue 19).

Checking 2,000 people one at a time (23 fields each, then the document's checks) cost about
6 µs a person, three times the JSON parsing. Here each field is checked over all records at
once: the set of its types, the set of its values, in passes that run at C speed. When the whole
collection is exactly as this app writes it, the items are built in bulk. Anything else (a wrong
type, a missing or unknown field, an unknown stage, a dangling reference...) gives None, and the
per-item path in serialize.py runs instead and refuses the file with the sentence naming the
record and the field. So this path only ever accepts what that path accepts, and builds the same
items from it (tests/test_store_columns.py checks both).
"""
from __future__ import annotations

import dataclasses
import datetime
import itertools
import math
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from model import stages
from model.entities import KINDS, SOURCINGS, Handoff, OutreachEntry, Person, Story

if TYPE_CHECKING:
    from model.document import Document

_NONE: type = type(None)
_TEXT = frozenset({str})
_TEXT_OR_NONE: frozenset[type] = frozenset({str, _NONE})
_FLAG = frozenset({bool})
_NUMBER = frozenset({int, float})  # exactly: true/false are not numbers
_STAGES = frozenset(s.id for s in stages.STAGES)
_KINDS = frozenset(KINDS)
_SOURCINGS = frozenset(SOURCINGS)
_WORDS = {word: word for word in _STAGES | _KINDS | _SOURCINGS}  # one string per kind, stage...


def _names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def _text_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.type == "str")


def _types(values: Iterable[Any]) -> set[type]:
    return set(map(type, values))


def _within(values: Iterable[Any], allowed: set[str] | frozenset[str]) -> bool:
    """Every value, None aside, among `allowed` (values already known to be text or None)."""
    present = set(values)
    present.discard(None)
    return present <= allowed


class _Table:
    """One collection's records as columns, field by field."""

    def __init__(self, columns: dict[str, tuple[Any, ...]]) -> None:
        self.columns = columns

    @classmethod
    def of(cls, records: Sequence[Any], names: frozenset[str]) -> _Table | None:
        """The columns, or None unless every record is a dict with exactly these fields (as many
        fields as `names`, and each of them found: none missing, none unknown)."""
        if not (_types(records) <= {dict} and set(map(len, records)) <= {len(names)}):
            return None
        order = sorted(names)
        try:
            rows = list(map(operator.itemgetter(*order), records))
        except KeyError:
            return None
        return cls(dict(zip(order, zip(*rows, strict=True), strict=True)))

    def typed(self, names: Iterable[str], allowed: frozenset[type]) -> bool:
        return all(_types(self.columns[name]) <= allowed for name in names)

    def ids(self) -> set[str] | None:
        """The records' ids when they are all text, none empty and none repeated."""
        column = self.columns["id"]
        ids = set(column)
        return ids if len(ids) == len(column) and "" not in ids else None


def _stories(values: tuple[Any, ...], fresh: bool) -> list[Story] | None:
    table = _Table.of(values, _STORY)
    if table is None or not (table.typed(_STORY_TEXTS, _TEXT) and table.typed(("sweet_spot",), _FLAG)):
        return None
    return _build(Story, values, fresh)


def _outreach(logs: tuple[Any, ...], fresh: bool) -> list[list[OutreachEntry]] | None:
    if not _types(logs) <= {list}:
        return None
    entries = list(itertools.chain.from_iterable(logs))
    if entries:
        table = _Table.of(entries, _ENTRY)
        if table is None or not table.typed(_ENTRY_TEXTS, _TEXT):
            return None
        try:
            set(map(datetime.date.fromisoformat, table.columns["date"]))
        except (TypeError, ValueError):
            return None
    built = iter(_build(OutreachEntry, entries, fresh))
    return [list(itertools.islice(built, size)) if size else [] for size in map(len, logs)]


def _positions(values: tuple[Any, ...]) -> list[tuple[Any, Any]] | None:
    if not _types(values) <= {list} or not set(map(len, values)) <= {2}:
        return None
    xs, ys = zip(*values, strict=True)
    if not (_types(xs) <= _NUMBER and _types(ys) <= _NUMBER):
        return None
    try:
        if not (all(map(math.isfinite, xs)) and all(map(math.isfinite, ys))):
            return None
    except OverflowError:  # an integer too large for a float: the per-item path says so
        return None
    return list(zip(xs, ys, strict=True))


def _extras(values: tuple[Any, ...]) -> bool:
    if not _types(values) <= {dict}:
        return False
    keys = itertools.chain.from_iterable(map(dict.keys, values))
    texts = itertools.chain.from_iterable(map(dict.values, values))
    return _types(keys) <= _TEXT and _types(texts) <= _TEXT


def _cadences(values: tuple[Any, ...]) -> bool:
    if not _types(values) <= {int, _NONE}:
        return False
    days = [d for d in values if d is not None]
    return not days or (min(days) >= 0 and max(days) <= 3660)


def people(records: Sequence[Any], departments: set[str], fresh: bool = False) -> list[Person] | None:
    """All people, or None unless every record is exactly as this app writes it; `departments`
    holds the department ids already in the map. `fresh`: nobody else holds the records (a file
    just parsed), so they become the items' own values instead of being copied."""
    if not records:
        return []
    table = _Table.of(records, _PERSON)
    if table is None:
        return None
    col = table.columns
    if not (table.typed(_PERSON_TEXTS, _TEXT) and table.typed(_PERSON_OPTIONAL, _TEXT_OR_NONE)
            and table.typed(("placed", "left"), _FLAG)):
        return None
    ids = table.ids()
    if ids is None or not (set(col["kind"]) <= _KINDS and set(col["sourcing"]) <= _SOURCINGS):
        return None
    if not (_within(col["stage"], _STAGES) and _within(col["department_id"], departments)
            and _within(col["reports_to"], ids) and _extras(col["extra"]) and _cadences(col["cadence_days"])):
        return None
    positions = _positions(col["pos"])
    stories = _stories(col["story"], fresh)
    logs = _outreach(col["outreach"], fresh)
    if positions is None or stories is None or logs is None:
        return None
    new: Callable[[type], Any] = object.__new__
    made = []
    for values, pos, story, log in zip(_own(records, fresh), positions, stories, logs, strict=True):
        values["pos"] = pos
        values["story"] = story
        values["outreach"] = log
        person = new(Person)
        person.__dict__ = values
        made.append(person)
    return made


def handoffs(records: Sequence[Any], people_ids: set[str], fresh: bool = False) -> list[Handoff] | None:
    """All hand-offs, or None unless every record is exactly as this app writes it and joins two
    different people among `people_ids`."""
    if not records:
        return []
    table = _Table.of(records, _HANDOFF)
    if table is None:
        return None
    col = table.columns
    if not (table.typed(_HANDOFF_TEXTS, _TEXT) and table.typed(("stage",), _TEXT_OR_NONE)
            and table.typed(("two_way",), _FLAG)) or table.ids() is None:
        return None
    if not (set(col["source"]) <= people_ids and set(col["target"]) <= people_ids
            and _within(col["stage"], _STAGES)) or any(map(operator.eq, col["source"], col["target"])):
        return None
    return _build(Handoff, records, fresh)


def share_strings(doc: Document) -> None:
    """Make equal strings of a just-opened map one string, for a map that stays open (the GUI).

    JSON parsing makes a new string for every occurrence: at 10,000 people the ids a hand-off or
    a person refers to, the kinds, stages, titles, channels and dates were ~12 MB of copies, a
    third of the loaded map. C-speed passes, ~50 ms at 10,000 people: kept out of `load`, whose
    other callers (the command line) read a map once and exit."""
    people = list(doc.people.values())
    ids = {key: key for key in doc.people}  # the keys are the people's own id strings
    _share(people, {"reports_to": ids, "department_id": {key: key for key in doc.departments},
                    "kind": dict(_WORDS), "sourcing": dict(_WORDS), "stage": dict(_WORDS),
                    "title": {}})  # "Account manager", many times over
    _share(list(doc.handoffs.values()), {"source": ids, "target": ids, "stage": dict(_WORDS), "what": {}})
    entries = list(itertools.chain.from_iterable(map(operator.attrgetter("outreach"), people)))
    _share(entries, {"channel": {}, "date": {}})


def _share(items: list[Any], pools: dict[str, dict[Any, Any]]) -> None:
    """Point each item's field at the one string its pool holds for the value (an empty pool
    keeps the first of each), in C-speed passes."""
    records: list[dict[str, Any]] = [item.__dict__ for item in items]
    for name, pool in pools.items():
        values = list(map(operator.itemgetter(name), records))
        list(map(operator.setitem, records, itertools.repeat(name), map(pool.setdefault, values, values)))


def _own(records: Iterable[dict[str, Any]], fresh: bool) -> Iterable[dict[str, Any]]:
    """Records to become items' values: copies, unless nobody else holds them."""
    return records if fresh else map(dict.copy, records)


def _build(cls: type, records: Iterable[dict[str, Any]], fresh: bool) -> list[Any]:
    """Items whose values are the records', made without __init__ as serialize.py does."""
    new: Callable[[type], Any] = object.__new__
    made = []
    for values in _own(records, fresh):
        item = new(cls)
        item.__dict__ = values
        made.append(item)
    return made


_STORY = _names(Story)
_STORY_TEXTS = _text_fields(Story)
_ENTRY = _names(OutreachEntry)
_ENTRY_TEXTS = _text_fields(OutreachEntry)
_PERSON = _names(Person)
_PERSON_TEXTS = _text_fields(Person)
_PERSON_OPTIONAL = ("department_id", "stage", "reports_to")
_HANDOFF = _names(Handoff)
_HANDOFF_TEXTS = _text_fields(Handoff)

# Every field of a person is checked above: the texts, the optional texts, and these by name.
# A field added to Person without a check here must not load unchecked (tests/test_store_columns.py).
CHECKED_PERSON_FIELDS = frozenset(_PERSON_TEXTS) | set(_PERSON_OPTIONAL) | {
    "placed", "left", "pos", "story", "outreach", "extra", "cadence_days",
}
CHECKED_HANDOFF_FIELDS = frozenset(_HANDOFF_TEXTS) | {"stage", "two_way"}
