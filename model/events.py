"""A tiny observer: the Document announces every change as exactly one typed Event; views subscribe.

Every public Document method that changes the map emits ONE event (tests/test_document_events.py
drives them all); a change that touches several items (a removal and what it takes along, its
undo, a bulk move) is still one event, with `ids` or `parts` saying what else it touched."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Action(StrEnum):
    """What happened. A StrEnum, so `event.action == "changed"` reads as before.

    - ADDED: `id` was added to the `entity` collection. When a removal is undone, `parts` holds
      what came back with it, in order: links to it restored (CHANGED person / meta / checkup)
      and its hand-offs (ADDED each).
    - CHANGED: fields of `id` changed; `fields` names them. entity "meta": the map's details.
      A batch (Document.update_many: several items of `entity` changed as one edit) names no
      `id`: `ids` lists the items, `fields` every field that changed, and `parts` holds each
      item's own CHANGED event; `each()` gives the parts alone.
    - REMOVED: `id` left the collection. `parts` holds what went along, in order: its hand-offs
      (REMOVED each), people who lost their department or manager (CHANGED person, with the
      field), "you" cleared (CHANGED meta, you_id), check-ups that lost an answer (CHANGED checkup).
    - MOVED: the cards of `ids` (people) moved; positions only, nothing else changed.
    - REORDERED: the department lanes changed order.
    A map replaced as a whole is a new Document: listeners are handed it (set_document) and
    rebuild; no event announces it.
    """

    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"
    MOVED = "moved"
    REORDERED = "reordered"


# what an event's `entity` names: a collection of the document, or "meta" (the map's details)
ENTITIES = ("person", "department", "handoff", "statement", "checkup", "session", "meta")


@dataclass(frozen=True)
class Event:
    """One change (see Action for the list).

    `entity` names the collection (one of ENTITIES); `id` the item (empty for
    reset/meta/bulk moves); `fields` the names of the fields that changed (for CHANGED);
    `ids` every item a bulk change touched (e.g. many cards moved at once);
    `parts` the other items a removal (or its undo) changed with it, as events of their own.
    """

    action: Action
    entity: str
    id: str = ""
    fields: tuple[str, ...] = field(default_factory=tuple)
    ids: tuple[str, ...] = field(default_factory=tuple)
    parts: tuple[Event, ...] = field(default_factory=tuple)

    def each(self) -> tuple[Event, ...]:
        """This change item by item, in the order it happened (a removal's parts went first,
        an undone removal's came back after it; a batch is its items): for listeners that
        follow single items."""
        if not self.parts:
            return (self,)
        if self.action is Action.CHANGED and not self.id and self.ids:  # a batch: its items
            return self.parts
        whole = dataclasses.replace(self, parts=())
        if self.action is Action.REMOVED:
            return (*self.parts, whole)
        return (whole, *self.parts)


Listener = Callable[[Event], Any]


class Observable:
    """Listeners in subscription order; each hears every event once."""

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
