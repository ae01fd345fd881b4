"""gui/jobs/snapshot_warmer.py: while a name is being typed (edits close together) nothing is
copied ahead, whatever the map's size; in the pause after it, everything waiting is copied, and
the snapshot then taken equals the map and copies nothing more (issue 19, session 8)."""
from __future__ import annotations

import pytest

from bench.mapgen import make_big_map
from gui.jobs import snapshot_warmer
from gui.jobs.snapshot_warmer import SnapshotWarmer
from model.storage import snapshot
from model.storage.serialize import to_data
from tests.test_stalls_snapshot import counting_copies


def typed(qtbot, doc, pid: str, text: str) -> None:
    """`text` typed into `pid`'s name a key at a time, the event loop running between the keys
    (a fast typist's ~15 ms per key, well inside the warmer's pause)."""
    for i in range(1, len(text) + 1):
        doc.update("person", pid, name=f"Amara {text[:i]}")
        qtbot.wait(15)


@pytest.fixture(autouse=True)
def long_pause(monkeypatch):
    """A pause far longer than any hiccup of a loaded test machine between two keys (the app's
    is 150 ms): these tests are about what waits for it, not about its length."""
    monkeypatch.setattr(snapshot_warmer, "QUIET_MS", 1000, raising=False)


def test_typing_on_a_released_map_copies_nothing_until_the_pause(qtbot, monkeypatch):
    doc = make_big_map(300, seed=21)
    snapshot.snapshot_of(doc)
    snapshot.release(doc)  # a map only looked at: its first edit makes every item wait to be copied
    warmer = SnapshotWarmer()
    warmer.set_document(doc)
    copied = counting_copies(monkeypatch)
    pid = next(iter(doc.people))
    typed(qtbot, doc, pid, "Jr & <b> ü 名前")
    assert copied == []  # before: a slice of 300 items 5 ms after the first key, and on between keys
    assert snapshot.warm(doc, 0) > len(doc.people)  # all of it still waits
    qtbot.waitUntil(lambda: snapshot.warm(doc, 0) == 0, timeout=10000)  # the pause: copied in slices
    assert len(copied) > len(doc.people)
    copied.clear()
    snap = snapshot.snapshot_of(doc)
    assert copied == [] and to_data(snap) == to_data(doc)
    assert snap.people[pid].name == "Amara Jr & <b> ü 名前"
    warmer.set_document(None)
    snapshot.release(doc)


def test_each_key_waits_for_the_pause_and_only_the_edited_item_is_copied(qtbot, monkeypatch):
    doc = make_big_map(300, seed=22)
    snapshot.snapshot_of(doc)  # the cache follows edits: only what changes needs copying
    warmer = SnapshotWarmer()
    warmer.set_document(doc)
    pid = list(doc.people)[5]
    copied = counting_copies(monkeypatch)
    doc.update("person", pid, name="A")
    assert warmer._timer.remainingTime() > snapshot_warmer.SLICE_GAP_MS  # put off to the pause
    typed(qtbot, doc, pid, "Quick")
    assert copied == []
    qtbot.waitUntil(lambda: snapshot.warm(doc, 0) == 0, timeout=5000)
    assert copied == ["person"]  # one copy for the whole word, not one per key
    assert to_data(snapshot.snapshot_of(doc)) == to_data(doc) and copied == ["person"]
    warmer.set_document(None)
    snapshot.release(doc)
