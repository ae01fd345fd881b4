"""model/storage/incremental.py: an autosave encoded from what changed is, byte for byte, what
encoding the whole map writes, after any sequence of edits and undone removals (issue 19)."""
from __future__ import annotations

import json
import random

import pytest

from bench.mapgen import make_big_map
from model.document import Document
from model.entities import Handoff, OutreachEntry, Person
from model.storage import incremental
from model.storage.incremental import MapEncoder
from model.storage.recovery import RECORD_TABLE, Autosaver
from model.storage.serialize import to_data
from model.storage.snapshot import snapshot_of
from model.storage.store import encode_tables, load, tables_of

ODD = ["<b>&amp;", "李小龍 ☕️ 🧾", "عقد العميل", "line\nbreak \"quoted\" \\ back", "x" * 30_000, "", "\t tab"]
EXTRA = {RECORD_TABLE: {"1": {"title": "t", "pid": 1, "base": None, "map_path": "/a/b ü"}}}


def full(doc: Document) -> bytes:
    return encode_tables({**tables_of(to_data(doc)), **EXTRA})


def edit(doc: Document, rng: random.Random, step: int, removed: list) -> None:
    people = list(doc.people)
    pid = rng.choice(people)
    kind = rng.randrange(8)
    if kind == 0:
        doc.update("person", pid, name=rng.choice(ODD) + str(step), title=rng.choice(ODD))
    elif kind == 1:
        doc.move_people({p: (float(step) + 0.5, -2.25) for p in rng.sample(people, min(30, len(people)))})
    elif kind == 2:
        removed.append(doc.remove("person", pid))  # takes its hand-offs along
    elif kind == 3 and removed:
        doc.restore(removed.pop())  # the removal undone: the same items back in their places
    elif kind == 4:
        doc.add("person", Person(name=rng.choice(ODD), title=f"New {step}"), index=rng.randrange(len(people)))
    elif kind == 5:
        doc.add_outreach(pid, OutreachEntry(date="2026-01-02", note=rng.choice(ODD)))
    elif kind == 6:
        other = rng.choice(people)
        if other != pid:
            doc.add("handoff", Handoff(source=pid, target=other, what=rng.choice(ODD), stage="build"))
    else:
        doc.update_meta(title=rng.choice(ODD) or "Map", description=rng.choice(ODD))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_incremental_bytes_equal_a_full_encoding_after_any_edits(seed, monkeypatch):
    monkeypatch.setattr(incremental, "CHUNK", 7)  # records encoded in several calls, split and joined
    doc = make_big_map(120, seed=seed)
    encoder = MapEncoder()
    rng = random.Random(seed)
    removed: list = []
    assert encoder.encode(snapshot_of(doc), EXTRA) == full(doc)
    for step in range(80):
        edit(doc, rng, step, removed)
        if rng.random() < 0.6:  # autosaves come after some edits, not all
            assert encoder.encode(snapshot_of(doc), EXTRA) == full(doc), f"step {step}"
    assert encoder.encode(snapshot_of(doc), EXTRA) == full(doc)


def test_only_the_edited_items_are_encoded_again():
    doc = make_big_map(300, seed=4)
    encoder = MapEncoder()
    encoder.encode(snapshot_of(doc), EXTRA)
    total = len(doc.people) + len(doc.handoffs) + len(doc.departments) + len(doc.statements)
    assert encoder.encoded >= total
    pid = next(iter(doc.people))
    doc.update("person", pid, name="Renamed 李")
    assert encoder.encode(snapshot_of(doc), EXTRA) == full(doc)
    assert encoder.encoded == 1
    doc.move_people(dict.fromkeys(list(doc.people)[:40], (1.0, 2.0)))
    assert encoder.encode(snapshot_of(doc), EXTRA) == full(doc)
    assert encoder.encoded == 40


def test_a_lone_surrogate_falls_back_to_the_escaped_whole_encoding(tmp_path):
    doc = make_big_map(20, seed=5)
    saver, encoder = Autosaver(None, folder=tmp_path), MapEncoder()
    saver.write(snapshot_of(doc), encoder)
    doc.update("person", next(iter(doc.people)), name="bad \ud800 half")
    assert encoder.encode(snapshot_of(doc), EXTRA) is None
    written = saver.write(snapshot_of(doc), encoder)
    raw = written.read_bytes()
    assert raw.isascii() and "\\ud800" in raw.decode("ascii")
    tables = json.loads(raw)
    assert raw == encode_tables({**tables_of(to_data(doc)), RECORD_TABLE: tables[RECORD_TABLE]})


def test_an_autosave_written_incrementally_loads_as_the_map(tmp_path):
    doc = make_big_map(60, seed=6)
    saver, encoder = Autosaver(None, folder=tmp_path), MapEncoder()
    saver.write(snapshot_of(doc), encoder)
    doc.update("person", next(iter(doc.people)), name="عقد & <李>")
    written = saver.write(snapshot_of(doc), encoder)
    raw = written.read_bytes()
    tables = json.loads(raw)
    assert raw == encode_tables({**tables_of(to_data(doc)), RECORD_TABLE: tables[RECORD_TABLE]})
    assert to_data(load(written)) == to_data(doc)
