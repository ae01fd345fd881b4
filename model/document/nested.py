"""Entries that live inside an item: a person's outreach log, a session's action items.
Each edit replaces the parent's list through `update`, so it is one CHANGED event of the
parent and undoes like any other field."""
from __future__ import annotations

import copy
import dataclasses
from typing import Any, Protocol

from model.document.checks import DocumentError, check_action, check_outreach
from model.entities import ActionItem, OutreachEntry, Person


class _Editable(Protocol):
    def get(self, entity: str, item_id: str) -> Any: ...
    def person(self, pid: str) -> Person: ...
    def update(self, entity: str, item_id: str, **changes: Any) -> dict[str, Any]: ...


class NestedEdits:
    """The Document's edits of entries inside people and sessions (a mixin)."""

    def add_outreach(self: _Editable, pid: str, entry: OutreachEntry, index: int | None = None) -> None:
        person = self.person(pid)
        check_outreach(entry)
        log = list(person.outreach)
        log.insert(len(log) if index is None else index, entry)
        self.update("person", pid, outreach=log)

    def remove_outreach(self: _Editable, pid: str, entry_id: str) -> tuple[int, OutreachEntry]:
        person = self.person(pid)
        for i, entry in enumerate(person.outreach):
            if entry.id == entry_id:
                self.update("person", pid, outreach=person.outreach[:i] + person.outreach[i + 1 :])
                return i, entry
        raise DocumentError("no such outreach entry")

    def add_action_item(self: _Editable, session_id: str, item: ActionItem, index: int | None = None) -> None:
        session = self.get("session", session_id)
        check_action(item)
        items = list(session.action_items)
        items.insert(len(items) if index is None else index, item)
        self.update("session", session_id, action_items=items)

    def update_action_item(self: _Editable, session_id: str, item_id: str, **changes: Any) -> dict[str, Any]:
        session = self.get("session", session_id)
        items = [copy.copy(a) for a in session.action_items]
        for i, a in enumerate(items):
            if a.id == item_id:
                unknown = set(changes) - {f.name for f in dataclasses.fields(a)} | ({"id"} & set(changes))
                if unknown:
                    raise DocumentError(f"an action item has no field {sorted(unknown)[0]}")
                old = {k: getattr(a, k) for k in changes}
                new = dataclasses.replace(a, **changes)
                check_action(new)
                items[i] = new
                self.update("session", session_id, action_items=items)
                return old
        raise DocumentError("no such action item")

    def remove_action_item(self: _Editable, session_id: str, item_id: str) -> tuple[int, ActionItem]:
        session = self.get("session", session_id)
        for i, a in enumerate(session.action_items):
            if a.id == item_id:
                rest = session.action_items[:i] + session.action_items[i + 1 :]
                self.update("session", session_id, action_items=rest)
                return i, a
        raise DocumentError("no such action item")
