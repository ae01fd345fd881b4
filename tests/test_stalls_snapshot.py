"""model/storage/snapshot.py: items copied ahead in slices (`warm`) make the same snapshot as
copying them when it is taken, and a later edit of a warmed item still reaches it (issue 19)."""
from __future__ import annotations

import random

from bench.mapgen import make_big_map
from model.entities import Person
from model.storage import snapshot
from model.storage.serialize import to_data
from model.storage.snapshot import snapshot_of


def counting_copies(monkeypatch) -> list[str]:
    """From now on, the kind of every item a snapshot copies (in order), noted in the list returned."""
    copied: list[str] = []
    real = snapshot.item_copy

    def counted(entity, item):
        copied.append(entity)
        return real(entity, item)

    monkeypatch.setattr(snapshot, "item_copy", counted)
    return copied


def test_warmed_copies_make_the_same_snapshot_after_any_edits():
    doc = make_big_map(150, seed=9)
    snapshot_of(doc)
    rng = random.Random(3)
    for step in range(40):
        people = list(doc.people)
        moved = rng.sample(people, 25)
        doc.move_people({p: (float(step), float(len(moved))) for p in moved})
        doc.update("person", rng.choice(people), name=f"李 <{step}>")
        if step % 5 == 0:
            doc.add("person", Person(name=f"New {step}"), index=3)
        if step % 7 == 0:
            doc.remove("person", rng.choice(people))
        snapshot.warm(doc, rng.randrange(0, 40))  # some copied ahead, some not
        if step % 3 == 0:
            doc.update("person", moved[0], title="edited after warming")
        snap = snapshot_of(doc)
        assert to_data(snap) == to_data(doc), f"step {step}"
        assert list(snap.people) == list(doc.people)


def test_a_snapshot_after_warming_copies_nothing_more(monkeypatch):
    doc = make_big_map(200, seed=10)
    snapshot_of(doc)
    doc.move_people(dict.fromkeys(list(doc.people)[:120], (5.0, 6.0)))
    assert snapshot.warm(doc, 50) == 70  # 70 still wait
    assert snapshot.warm(doc, 500) == 0
    copied = counting_copies(monkeypatch)
    snap = snapshot_of(doc)
    assert copied == [] and to_data(snap) == to_data(doc)


def test_a_released_map_is_copied_again_ahead_in_slices(monkeypatch):
    doc = make_big_map(30, seed=11)
    snapshot_of(doc)
    snapshot.release(doc)  # a map only looked at keeps no copies
    doc.move_people(dict.fromkeys(list(doc.people)[:5], (1.0, 1.0)))  # then an edit
    total = sum(len(doc.collection(e)) for e in ("person", "department", "handoff", "statement"))
    assert snapshot.warm(doc, 10) > 0
    while snapshot.warm(doc, 10):
        pass
    doc.update("person", next(iter(doc.people)), name="after warming")
    copied = counting_copies(monkeypatch)
    assert to_data(snapshot_of(doc)) == to_data(doc)
    assert copied == ["person"] and total > 10  # only the item edited after warming
