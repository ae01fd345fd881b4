"""A tiny observer: the Document announces every change; views subscribe."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Action(StrEnum):
    """What happened. A StrEnum, so `event.action == "changed"` reads as before.

    - ADDED: `id` was added to the `entity` collection (also when a removal is undone).
    - CHANGED: fields of `id` changed; `fields` names them. entity "meta": the map's details.
    - REMOVED: `id` left the collection. What it took along is announced first: its hand-offs
      (REMOVED each), and people who lose their department, manager or "you" (CHANGED each).
    - MOVED: the cards of `ids` (people) moved; positions only, nothing else changed.
    - REORDERED: the department lanes changed order.
    - RESET: the whole map was replaced (listeners rebuild everything).
    """

    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"
    MOVED = "moved"
    REORDERED = "reordered"
    RESET = "reset"


@dataclass(frozen=True)
class Event:
    """One change (see Action for the list).

    `entity` names the collection (person, department, handoff, checkup,
    session, meta, statement); `id` the item (empty for reset/meta/bulk moves);
    `fields` the names of the fields that changed (for CHANGED);
    `ids` every item a bulk change touched (e.g. many cards moved at once).
    """

    action: Action
    entity: str
    id: str = ""
    fields: tuple[str, ...] = field(default_factory=tuple)
    ids: tuple[str, ...] = field(default_factory=tuple)


Listener = Callable[[Event], Any]


class Observable:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)
