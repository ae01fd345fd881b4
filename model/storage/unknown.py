"""Fields and tables a map file holds that this version of the app does not know, kept as they are.

A newer app may add an optional field without a new format number, and people edit map files by
hand: refusing such a file as "damaged" frightens the user for nothing, and dropping the fields
on the next save loses their notes. So reading sets them aside here, by where they were (the
person's id, the outreach entry's id...), and writing puts them back, unchanged, beside the
fields this app knows; an item deleted in the app takes its unknown fields with it. A file with a
higher format number is still refused (model/storage/store.py): that promise is the format's.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from model.document import Document

# tables that are no part of a map: an autosave's own record (model/storage/recovery.py)
SNAPSHOT_RECORD = "autosave"
NOT_MAP_TABLES = frozenset({SNAPSHOT_RECORD})

Where = tuple[str, ...]  # ("meta",), ("people", id), ("people", id, "story"), ("people", id, "outreach", eid)


@dataclass
class Unknown:
    """What one opened map holds beyond this app's fields."""

    fields: dict[Where, dict[str, Any]] = field(default_factory=dict)
    tables: dict[str, list[Any]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.fields or self.tables)

    def names(self) -> list[str]:
        """The unknown names, each once, in the order first met."""
        found = {name: None for fields in self.fields.values() for name in fields}
        found.update({f"table {name!r}": None for name in self.tables})
        return list(found)


# Kept on the map's details object, outside its fields: the read-only copies an autosave is
# written from (model/storage/snapshot.py) copy that object whole, so they carry it too, and no
# field, comparison or edit of the details sees it.
_ATTRIBUTE = "_cw_unknown"


def remember(doc: Document, unknown: Unknown) -> None:
    """Keep `unknown` with `doc`, so that saving `doc` writes it back."""
    if unknown:
        doc.meta.__dict__[_ATTRIBUTE] = unknown
    else:
        doc.meta.__dict__.pop(_ATTRIBUTE, None)


def of(doc: Document) -> Unknown | None:
    """What `doc`'s file held beyond this app's fields (None: nothing)."""
    found: Unknown | None = doc.meta.__dict__.get(_ATTRIBUTE)
    return found


def describe(doc: Document, name: str) -> str | None:
    """One sentence for the user when the map `name` holds fields this version does not know."""
    unknown = of(doc)
    if not unknown:
        return None
    names = unknown.names()
    shown = ", ".join(repr(n) if not n.startswith("table ") else n for n in names[:5])
    more = f" and {len(names) - 5} more" if len(names) > 5 else ""
    return (f"{name} has fields this version of Contract Walk does not know ({shown}{more}), "
            "perhaps from a newer version; they are kept as they are when the map is saved")


def restore(doc: Document, out: dict[str, Any]) -> None:
    """Put `doc`'s unknown fields and tables back into its plain data `out` (changed in place)."""
    unknown = of(doc)
    if not unknown:
        return
    by_id: dict[str, dict[str, dict[str, Any]]] = {}
    for where, extra in unknown.fields.items():
        if where == ("meta",):
            _add(out["meta"], extra)
            continue
        attr, item_id, *inner = where
        if attr not in by_id:
            by_id[attr] = {rec["id"]: rec for rec in out.get(attr, [])}
        record = by_id[attr].get(item_id)
        if record is None:  # deleted in the app: its unknown fields went with it
            continue
        if inner == ["story"]:
            _add(record["story"], extra)
        elif len(inner) == 2:
            entry = next((e for e in record.get(inner[0], []) if e.get("id") == inner[1]), None)
            if entry is not None:
                _add(entry, extra)
        elif not inner:
            _add(record, extra)
    for name, records in unknown.tables.items():
        out.setdefault(name, copy.deepcopy(records))


def _add(record: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        record.setdefault(key, copy.deepcopy(value))  # fresh: a snapshot shares nothing mutable


def adopt(doc: Document, data: dict[str, Any]) -> None:
    """Take into `doc` the unknown fields and tables of the plain map data `data` (a merge's result,
    applied to the open map edit by edit): what its items hold beyond this app's fields."""
    found = found_in(data)
    if not found:
        return
    kept = of(doc) or Unknown()
    kept.fields.update(found.fields)
    kept.tables.update(found.tables)
    remember(doc, kept)


def found_in(data: dict[str, Any]) -> Unknown:
    """The unknown fields and tables of plain map data, by where they are (as reading a file finds them)."""
    import dataclasses

    from model.document import COLLECTIONS
    from model.entities import ActionItem, MapInfo, OutreachEntry, Story

    def beyond(record: Any, cls: type) -> dict[str, Any]:
        names = {f.name for f in dataclasses.fields(cls)}
        return {k: v for k, v in record.items() if k not in names} if isinstance(record, dict) else {}

    found = Unknown()
    if extra := beyond(data.get("meta"), MapInfo):
        found.fields[("meta",)] = extra
    inner = {"outreach": OutreachEntry, "action_items": ActionItem}
    for attr, cls in COLLECTIONS.values():
        for record in data.get(attr) or []:
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                continue
            if extra := beyond(record, cls):
                found.fields[(attr, record["id"])] = extra
            if extra := beyond(record.get("story"), Story):
                found.fields[(attr, record["id"], "story")] = extra
            for field_name, entry_cls in inner.items():
                for entry in record.get(field_name) or [] if isinstance(record.get(field_name), list) else []:
                    if isinstance(entry, dict) and (extra := beyond(entry, entry_cls)):
                        found.fields[(attr, record["id"], field_name, str(entry.get("id")))] = extra
    known = {"meta", *NOT_MAP_TABLES, *(attr for attr, _cls in COLLECTIONS.values())}
    found.tables.update({k: v for k, v in data.items() if k not in known and isinstance(v, list)})
    return found
