"""Snapshots of a live map for background work, at a cost proportional to the edits.

Why: the insights and the autosave read the map on a worker thread, so they need a
copy the GUI thread will not change under them. `Document.clone()` deep-copies every
person each time (about a second at 10,000 people, on the GUI thread, after every
pause in typing). A `SnapshotCache` keeps its own private copy of each item (`item_copy`) and, on
each document event, forgets only the items the event names; `snapshot()` then copies
just those again and hands out fresh dictionaries over the shared copies.

The copies are never changed once made (the cache replaces an item instead), so any
number of snapshots can share them: a snapshot is safe to read on another thread and
must be treated as read-only there.
"""
from __future__ import annotations

import dataclasses
import operator
import pickle
import weakref
from typing import Any

from model.document import COLLECTIONS, Document
from model.events import Event


def fast_copy(value: Any) -> Any:
    """A deep copy of map data (dataclasses, lists, dicts, tuples of plain values).

    Several times faster than `copy.deepcopy`, which keeps a memo and goes through
    `__reduce_ex__` for every object; map data has no shared or cyclic parts."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, list):
        return [fast_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: fast_copy(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(fast_copy(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        twin = object.__new__(type(value))
        twin.__dict__.update({k: fast_copy(v) for k, v in value.__dict__.items()})
        return twin
    import copy

    return copy.deepcopy(value)  # anything unusual: the safe, slow way


def item_copy(entity: str, item: Any) -> Any:
    """A snapshot's copy of one map item: its own fields, sharing their values.

    Enough because the Document changes an item by setting its fields (`update`, a move, a
    removal's relinks), and nested values (a story, the outreach log, KPIs, action items, extras)
    are replaced whole by the edits (model/document/nested.py), never changed in place; the one
    exception, a check-up's answers (removing a statement takes its answers out in place), is
    copied deep. A quarter less memory at 10,000 people than a deep copy (~7 MB), and 7x faster.
    tests/test_snapshot.py and tests/test_snapshot_shallow.py hold every edit to that."""
    if entity in _DEEP:
        return fast_copy(item)
    twin = object.__new__(type(item))
    twin.__dict__.update(item.__dict__)
    return twin


_DEEP = frozenset({"checkup"})
_SHARED: weakref.WeakKeyDictionary[Document, SnapshotCache] = weakref.WeakKeyDictionary()


def snapshot_of(doc: Document) -> Document:
    """A read-only copy of `doc` as it is now, from the one cache every reader of `doc`
    shares (the insights and the autosave each pay only for what changed since either ran)."""
    return cache_of(doc).snapshot()


def warm(doc: Document, budget: int) -> int:
    """Copy up to `budget` of `doc`'s edited items ahead of its next snapshot; how many still wait.
    A map whose copies were released (`release`) has every item copied again, slice by slice."""
    return cache_of(doc).warm(budget)


def cache_of(doc: Document) -> SnapshotCache:
    """The cache every reader of `doc` shares (made, with every item to copy, if there is none)."""
    cache = _SHARED.get(doc)
    if cache is None:
        cache = _SHARED[doc] = SnapshotCache(doc)
        cache.want_all()
    return cache


def release(doc: Document) -> None:
    """Forget the copies kept for `doc` (~15 MB at 10,000 people): for a map nobody has edited
    since its snapshot, whose next snapshot then copies every item afresh (~55 ms at 10,000)."""
    cache = _SHARED.pop(doc, None)
    if cache is not None:
        cache.close()


class SnapshotCache:
    """Private copies of a document's items, refreshed item by item as events arrive; and, for
    the insights' analysis process (gui/jobs/insights_work.py), each copy's pickle, made when
    first asked for and dropped with the copy."""

    def __init__(self, doc: Document) -> None:
        # weakly: the shared registry's value must not keep a closed map alive
        self._doc = weakref.ref(doc)
        self._copies: dict[str, dict[str, Any]] = {entity: {} for entity in COLLECTIONS}
        # the last snapshot's collections, and what changed since: an edit then costs a
        # dict.copy (C speed) plus a copy of the edited items, not a walk over the map
        self._last: dict[str, dict[str, Any]] = {}
        self._edited: dict[str, set[str]] = {entity: set() for entity in COLLECTIONS}
        self._todo: dict[str, set[str]] = {entity: set() for entity in COLLECTIONS}  # edited, not copied
        self._pickles: dict[str, dict[str, bytes]] = {entity: {} for entity in COLLECTIONS}
        doc.subscribe(self._on_event)

    @property
    def doc(self) -> Document:
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the map of this snapshot cache is gone")
        return doc

    def close(self) -> None:
        """Stop listening (the document is being replaced)."""
        doc = self._doc()
        if doc is not None:
            doc.unsubscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        for part in event.each():  # a removal also changes what it took along
            if part.entity not in self._copies:
                continue  # "meta" is copied afresh every time
            copies, pickles = self._copies[part.entity], self._pickles[part.entity]
            edited, todo = self._edited[part.entity], self._todo[part.entity]
            for item_id in (part.id, *part.ids) if part.id else part.ids:  # a bulk move names no one item
                copies.pop(item_id, None)
                pickles.pop(item_id, None)
                edited.add(item_id)
                todo.add(item_id)
            if part.action not in ("changed", "moved"):
                self._last.pop(part.entity, None)  # items came, went or changed places

    def want_all(self) -> None:
        """Every item waits to be copied (a new cache whose first snapshot is copied ahead)."""
        doc = self.doc
        for entity, todo in self._todo.items():
            todo.update(doc.collection(entity))

    def pending(self) -> int:
        """How many edited items wait to be copied."""
        return sum(len(todo) for todo in self._todo.values())

    def warm(self, budget: int) -> int:
        """Copy up to `budget` edited items now, ahead of the next snapshot; how many still wait.

        Why: a drop on a big map moves thousands of cards (their lanes shift), and copying them
        all when the snapshot is taken held the GUI thread ~20-130 ms; the GUI copies them in
        small idle slices instead (gui/jobs/snapshot_warmer.py). A copy made here is current
        until the item's next event, which drops it again."""
        doc = self._doc()
        if doc is None:
            return 0
        for entity, todo in self._todo.items():
            if not todo:
                continue
            live, copies = doc.collection(entity), self._copies[entity]
            while todo and budget > 0:
                key = todo.pop()
                item = live.get(key)
                if item is not None and key not in copies:
                    copies[key] = item_copy(entity, item)
                    budget -= 1
        return self.pending()

    def snapshot(self) -> Document:
        """A read-only copy of the map as it is now, with no observers."""
        twin = Document(fast_copy(self.doc.meta))
        for entity, target in self.collections().items():
            twin.collection(entity).update(target)
        return twin

    def collections(self) -> dict[str, dict[str, Any]]:
        """Each collection as it is now: item id -> the item's copy, in the document's order.
        Read-only: the dictionaries are kept for the next call, the copies shared."""
        tables: dict[str, dict[str, Any]] = {}
        for entity in COLLECTIONS:
            live = self.doc.collection(entity)
            copies = self._copies[entity]
            edited, self._edited[entity] = self._edited[entity], set()
            self._todo[entity] = set()
            last = self._last.get(entity)
            if last is not None and len(last) == len(live):
                target = last.copy()
                for key in edited:
                    item = live.get(key)
                    if item is not None:
                        kept = copies.get(key)  # copied ahead by `warm` since its last edit
                        if kept is None:
                            kept = copies[key] = item_copy(entity, item)
                        target[key] = kept
            else:
                if len(copies) > len(live):  # items removed: keep only the living
                    for gone in [k for k in copies if k not in live]:
                        del copies[gone]
                        self._pickles[entity].pop(gone, None)
                target = {}
                for key, item in live.items():  # in the document's order
                    kept = copies.get(key)
                    if kept is None:
                        kept = copies[key] = item_copy(entity, item)
                    target[key] = kept
            self._last[entity] = target
            tables[entity] = target
        return tables

    def unpickled(self, tables: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
        """The (entity, id) of each item of `tables` (from `collections`) with no pickle kept."""
        return [(entity, key) for entity, table in tables.items()
                for key in table.keys() - self._pickles[entity].keys()]

    def pickle(self, tables: dict[str, dict[str, Any]], items: list[tuple[str, str]]) -> None:
        """Pickle these items' copies, kept while each is still the item's current copy."""
        for entity, key in items:
            copy, copies = tables[entity][key], self._copies[entity]
            if copies.get(key) is copy:  # not edited since `tables` was taken
                self._pickles[entity][key] = pickle.dumps(copy, pickle.HIGHEST_PROTOCOL)

    def pickled(self, tables: dict[str, dict[str, Any]]) -> dict[str, tuple[int, bytes]]:
        """Each table as its items' pickles joined, in order (with its count); an item whose pickle
        is not kept (edited meanwhile) is pickled now, from its copy in `tables`."""
        joined: dict[str, tuple[int, bytes]] = {}
        for entity, table in tables.items():
            kept = self._pickles[entity]
            try:  # every pickle kept (the usual case): looked up at C speed
                parts: Any = operator.itemgetter(*table)(kept) if len(table) > 1 else [kept[k] for k in table]
            except KeyError:
                parts = [kept.get(key) or pickle.dumps(copy, pickle.HIGHEST_PROTOCOL)
                         for key, copy in table.items()]
            joined[entity] = (len(table), b"".join(parts))
        return joined
