"""model/storage/snapshot.py: a snapshot made from the cache equals the map at that moment, whatever
edits came between, and never changes afterwards (the insights and autosave read it on a worker)."""
from __future__ import annotations

import random

from bench.mapgen import make_big_map
from model.document import Document
from model.entities import ActionItem, OutreachEntry, Person, Session
from model.storage.serialize import to_data
from model.storage.snapshot import SnapshotCache, fast_copy, snapshot_of


def test_snapshots_follow_every_kind_of_edit_and_stay_frozen():
    doc = make_big_map(150, seed=8)
    cache = SnapshotCache(doc)
    rng = random.Random(1)
    taken: list[tuple[Document, dict]] = []
    for step in range(60):
        people = list(doc.people)
        pid = rng.choice(people)
        kind = step % 6
        if kind == 0:
            doc.update("person", pid, name=f"N{step}", title="<&> 李")
        elif kind == 1:
            doc.move_people({p: (float(step), 2.0) for p in people[:5]})
        elif kind == 2:
            removal = doc.remove("person", pid)
            if step % 12 == 2:
                doc.restore(removal)  # an undone delete: the same item back in its place
        elif kind == 3:
            doc.add("person", Person(name=f"New {step}"), index=step % 7)
        elif kind == 4:
            doc.add_outreach(pid, OutreachEntry(date="2026-01-02", note=f"call {step}"))
        else:
            order = list(doc.departments)
            rng.shuffle(order)
            doc.reorder_departments(order)
        snap = cache.snapshot()
        assert to_data(snap) == to_data(doc), f"step {step}"
        assert list(snap.people) == list(doc.people) and list(snap.departments) == list(doc.departments)
        taken.append((snap, to_data(snap)))
    for snap, data in taken:
        assert to_data(snap) == data  # later edits never reach an earlier snapshot


def test_nested_lists_are_copied_not_shared():
    doc = Document()
    session = doc.add("session", Session(date="2026-01-01", title="Kick-off"))
    doc.add_action_item(session.id, ActionItem(text="Call legal"))
    snap = snapshot_of(doc)
    doc.add_action_item(session.id, ActionItem(text="Call finance"))
    assert [a.text for a in snap.sessions[session.id].action_items] == ["Call legal"]
    now = snapshot_of(doc).sessions[session.id].action_items
    assert [a.text for a in now] == ["Call legal", "Call finance"]
    twin = fast_copy(doc.sessions[session.id])
    assert twin == doc.sessions[session.id] and twin is not doc.sessions[session.id]
    assert twin.action_items[0] is not doc.sessions[session.id].action_items[0]


def test_the_shared_cache_does_not_keep_a_closed_map_alive():
    import gc
    import weakref

    doc = make_big_map(20, seed=2)
    snapshot_of(doc)
    gone = weakref.ref(doc)
    del doc
    gc.collect()
    assert gone() is None


def test_a_removal_refreshes_what_it_took_along() -> None:
    """Removing a department is one event: its members' copies must still be refreshed."""
    doc = make_big_map(60, seed=3)
    cache = SnapshotCache(doc)
    cache.snapshot()  # every item copied once
    dept = next(d for d in doc.departments if any(p.department_id == d for p in doc.people.values()))
    removal = doc.remove("department", dept)
    assert to_data(cache.snapshot()) == to_data(doc)
    doc.restore(removal)
    assert to_data(cache.snapshot()) == to_data(doc)
