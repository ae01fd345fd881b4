"""Snapshot copies share their field values with the live map (model/storage/snapshot.py
`item_copy`, issue 19): no edit the Document makes may reach a snapshot taken before it, and a
snapshot analysed on a worker while edits go on gives what that moment's map gives."""
from __future__ import annotations

import dataclasses
import datetime as dt
import threading

from bench.mapgen import make_big_map
from model.analysis.insights import analyse
from model.document import Document
from model.entities import ActionItem, Checkup, OutreachEntry, Session, Statement
from model.storage.serialize import from_data, to_data
from model.storage.snapshot import SnapshotCache

TODAY = dt.date(2026, 11, 23)


def _map() -> Document:
    doc = make_big_map(80, seed=4)
    statement = doc.add("statement", Statement(text="We call back within a day"))
    doc.add("checkup", Checkup(date="2026-01-01", answers={statement.id: 4}, areas={"quality": 3}))
    session = doc.add("session", Session(date="2026-01-02", title="Kick-off"))
    doc.add_action_item(session.id, ActionItem(text="Call legal"))
    return doc


def _every_edit(doc: Document) -> list:
    """Each way the Document changes something nested or shared, as a list of steps."""
    pid = next(p.id for p in doc.people.values() if p.outreach)
    did = next(iter(doc.departments))
    session = next(iter(doc.sessions.values()))
    statement = next(s for s in doc.statements.values() if not s.standard)
    person = doc.people[pid]
    return [
        lambda: doc.update("person", pid, story=dataclasses.replace(person.story, hand_on="New <&>")),
        lambda: doc.update("person", pid, extra={**person.extra, "desk": "3F 李"}),
        lambda: doc.add_outreach(pid, OutreachEntry(date="2026-02-03", channel="call", note="🚚")),
        lambda: doc.remove_outreach(pid, doc.people[pid].outreach[0].id),
        lambda: doc.update("department", did, kpis=[*doc.departments[did].kpis, "NPS"]),
        lambda: doc.add_action_item(session.id, ActionItem(text="Call finance")),
        lambda: doc.update_action_item(session.id, session.action_items[0].id, done=True),
        lambda: doc.remove_action_item(session.id, doc.sessions[session.id].action_items[0].id),
        lambda: doc.remove("statement", statement.id),  # takes the check-up's answer out in place
        lambda: doc.move_people({pid: (12.0, 34.0)}),
        lambda: doc.update("person", pid, name="Renamed", title="Lead", department_id=None),
        lambda: doc.remove("department", did),
    ]


def test_no_edit_reaches_a_snapshot_taken_before_it():
    doc = _map()
    cache = SnapshotCache(doc)
    taken = []
    for edit in _every_edit(doc):
        snap = cache.snapshot()
        taken.append((snap, to_data(snap)))
        edit()
        assert to_data(cache.snapshot()) == to_data(doc)
    for snap, data in taken:
        assert to_data(snap) == data


def test_a_snapshot_analysed_while_edits_go_on_gives_that_moments_findings():
    doc = _map()
    cache = SnapshotCache(doc)
    snap = cache.snapshot()
    expected = analyse(from_data(to_data(snap)), today=TODAY)
    got: list = []
    worker = threading.Thread(target=lambda: got.append(analyse(snap, today=TODAY)))
    worker.start()
    people = list(doc.people)
    for n in range(300):  # edits on this thread while the worker reads the snapshot
        pid = people[n % len(people)]
        doc.update("person", pid, name=f"Edited {n}", title=f"Role {n}", stage=None)
        if n % 50 == 0:
            doc.remove("person", people.pop())
    worker.join()
    assert got == [expected]
