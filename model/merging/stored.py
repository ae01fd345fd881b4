"""Conflicts a merge left in a map (MapInfo.conflicts), reviewed later: the three versions are
rebuilt around the open map from the values each conflict kept, so the same review and the same
merge settle them (picking "theirs" puts the other copy's value in)."""
from __future__ import annotations

import copy
from typing import Any

from model.merging.three_way import ITEM_FIELDS, MISSING, Conflict


def reviewable(records: list[dict[str, str]]) -> list[Conflict]:
    """The stored conflicts that can be settled by putting a value back (not lane order or
    references, which the next merge of the two copies settles)."""
    out = []
    for record in records:
        try:
            conflict = Conflict.from_record(record)
        except (ValueError, TypeError):
            continue
        if conflict.path and not any(step.startswith("#") for step in conflict.path):
            out.append(conflict)
    return out


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Set (or, for MISSING, remove) the value at `path` in a map's plain data, if its place exists."""
    if path[0] == "meta":
        holder: Any = data["meta"]
        steps = path[1:]
    else:
        holder = data.get(path[0], [])
        steps = path[1:]
    for n, step in enumerate(steps):
        last = n == len(steps) - 1
        if isinstance(holder, list):  # records with ids
            index = next((i for i, rec in enumerate(holder) if rec.get("id") == step), None)
            if last:
                if index is not None:
                    del holder[index]
                if value is not MISSING:
                    holder.insert(len(holder) if index is None else index, copy.deepcopy(value))
                return
            if index is None:
                return
            holder = holder[index]
        elif isinstance(holder, dict):
            if last:
                if value is MISSING:
                    holder.pop(step, None)
                else:
                    holder[step] = copy.deepcopy(value)
                return
            if step not in holder:
                return
            holder = holder[step]
            if step in ITEM_FIELDS and not isinstance(holder, list):
                return
        else:
            return


def stored_versions(ours: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(base, theirs) around the open map `ours` that reproduce its stored conflicts."""
    conflicts = reviewable(ours.get("meta", {}).get("conflicts", []))
    base, theirs = copy.deepcopy(ours), copy.deepcopy(ours)
    for c in conflicts:
        _put(base, c.path, c.base)
        _put(theirs, c.path, c.theirs)
    keys = {c.key for c in conflicts}
    for data in (base, theirs):  # the other versions carry none of these: they are being settled
        data["meta"]["conflicts"] = [r for r in ours["meta"].get("conflicts", []) if r.get("key") not in keys]
    return base, theirs
