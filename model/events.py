"""A tiny observer: the Document announces every change; views subscribe."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    """One change. `action` is added | changed | removed | reordered | reset.

    `entity` names the collection (person, department, handoff, checkup,
    session, meta, statement); `id` the item (empty for reset/meta);
    `fields` the names of the fields that changed (for `changed`);
    `ids` every item a bulk change touched (e.g. many cards moved at once).
    """

    action: str
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
