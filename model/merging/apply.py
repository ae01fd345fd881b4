"""Turning an open map into a merged version, edit by edit, so the GUI can apply a whole merge
as one undo step made of its ordinary commands (add, update, remove, map details, lane order).

`steps(doc, target)` lists the edits in an order the Document accepts (what is referred to is
added before, and removed after, what refers to it); `apply_steps` carries them out directly.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from model.document import COLLECTIONS, Document
from model.storage import unknown
from model.storage.serialize import item_from_data

# kept by the open map itself: its own revision and save time are set when it is saved
OWN_FIELDS = ("revision", "saved_at")
ADD_ORDER = ("department", "statement", "person")
LATER = ("handoff", "checkup", "session")
REMOVE_ORDER = ("handoff", "checkup", "session", "person", "statement", "department")


@dataclass(frozen=True)
class Step:
    """One edit: op is "add" (item, index), "update" (changes), "remove", "meta" (changes) or
    "reorder" (the department ids in their new order)."""

    op: str
    entity: str = ""
    item_id: str = ""
    payload: Any = None
    index: int | None = None


def _items(target: dict[str, Any], entity: str) -> dict[str, Any]:
    attr, cls = COLLECTIONS[entity]
    return {rec["id"]: item_from_data(cls, rec, f"{entity} {n}")
            for n, rec in enumerate(target.get(attr, []), 1)}


def _changes(old: Any, new: Any) -> dict[str, Any]:
    return {f.name: getattr(new, f.name) for f in dataclasses.fields(new)
            if f.name != "id" and getattr(old, f.name) != getattr(new, f.name)}


def steps(doc: Document, target: dict[str, Any]) -> list[Step]:
    """The edits that turn `doc` into the map `target` (plain data of a valid map)."""
    wanted = {entity: _items(target, entity) for entity in COLLECTIONS}
    out: list[Step] = []

    def add_and_update(entity: str) -> None:
        have = doc.collection(entity)
        for n, (item_id, item) in enumerate(wanted[entity].items()):
            if item_id not in have:
                if entity == "person" and item.reports_to is not None:
                    boss, item = item.reports_to, dataclasses.replace(item, reports_to=None)
                    out.append(Step("add", entity, item_id, item, n))
                    later.append(Step("update", entity, item_id, {"reports_to": boss}))
                else:
                    out.append(Step("add", entity, item_id, item, n))
            else:
                changes = _changes(have[item_id], item)
                if entity == "person" and "reports_to" in changes:  # the boss may be added later
                    later.append(Step("update", entity, item_id, {"reports_to": changes.pop("reports_to")}))
                if changes:
                    out.append(Step("update", entity, item_id, changes))

    later: list[Step] = []
    for entity in ADD_ORDER:
        add_and_update(entity)
    out.extend(later)
    for entity in LATER:  # hand-offs that go first: one may join the same two people as a new one
        out.extend(Step("remove", entity, i) for i in doc.collection(entity) if i not in wanted[entity])
        add_and_update(entity)
    unknown.adopt(doc, target)  # what the merged map holds beyond this app's fields, kept for saving
    known = {f.name for f in dataclasses.fields(doc.meta)}
    meta = {k: v for k, v in target.get("meta", {}).items() if k not in OWN_FIELDS and k in known}
    meta_changes = {k: v for k, v in meta.items() if getattr(doc.meta, k) != v}
    if meta_changes:
        out.append(Step("meta", payload=meta_changes))
    for entity in REMOVE_ORDER:
        if entity in LATER:
            continue
        out.extend(Step("remove", entity, i) for i in doc.collection(entity) if i not in wanted[entity])
    order = list(wanted["department"])
    trial = doc.clone()  # where the lanes end up after these edits decides whether to reorder
    apply_steps(trial, out)
    if list(trial.departments) != order:
        out.append(Step("reorder", payload=order))
    return out


def apply_steps(doc: Document, todo: list[Step]) -> None:
    """Carry the edits out on `doc` (the GUI wraps each in an undo command instead)."""
    for step in todo:
        if step.op == "add":
            doc.add(step.entity, step.payload, step.index)
        elif step.op == "update":
            doc.update(step.entity, step.item_id, **step.payload)
        elif step.op == "remove":
            if step.item_id in doc.collection(step.entity):
                doc.remove(step.entity, step.item_id)
        elif step.op == "meta":
            doc.update_meta(**step.payload)
        elif step.op == "reorder":
            doc.reorder_departments(step.payload)
