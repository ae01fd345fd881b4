"""Keep in touch: the cadence arithmetic (model/reachout.py), as the reach-out list and calendar use it."""
from __future__ import annotations

import datetime as dt

import pytest

from model import reachout
from model.document import Document, DocumentError
from model.entities import MapInfo, OutreachEntry, Person
from model.storage.serialize import from_data, to_data

TODAY = dt.date(2026, 12, 4)


def doc_with(*people: Person, stale_days: int = 90) -> Document:
    doc = Document(MapInfo(stale_days=stale_days))
    for p in people:
        doc.add("person", p)
    return doc


def test_next_date_is_last_contact_plus_cadence_and_logging_moves_it_on() -> None:
    p = Person("Dana", cadence_days=30, outreach=[OutreachEntry("2026-11-01")])
    doc = doc_with(p)
    assert reachout.next_date(p, 90, TODAY) == dt.date(2026, 12, 1)
    assert reachout.reach_out_of(p, 90, TODAY).when == "3 days overdue"
    doc.add_outreach(p.id, OutreachEntry("2026-12-04", "call"))
    item = reachout.reach_out_of(p, 90, TODAY)
    assert item.next_date == dt.date(2027, 1, 3)
    assert item.when == "due in 30 days"
    assert not item.due


def test_cadence_defaults_to_the_maps_stale_after_and_none_means_no_reminders() -> None:
    follows = Person("Ann", outreach=[OutreachEntry("2026-12-01")])
    quiet = Person("Bo", cadence_days=0, outreach=[OutreachEntry("2025-01-01")])
    doc = doc_with(follows, quiet, stale_days=14)
    assert reachout.next_date(follows, doc.meta.stale_days, TODAY) == dt.date(2026, 12, 15)
    assert reachout.reach_out_of(follows, 14, TODAY).cadence == "Every 2 weeks"
    assert not reachout.reach_out_of(follows, 14, TODAY).own_cadence
    assert reachout.next_date(quiet, 14, TODAY) is None
    assert reachout.reach_out_of(quiet, 14, TODAY).when == "no reminders"


def test_never_contacted_is_due_today() -> None:
    item = reachout.reach_out_of(Person("New"), 90, TODAY)
    assert item.next_date == TODAY and item.due and item.when == "due now, never contacted"


@pytest.mark.parametrize(("days", "text"), [
    (0, "due today"), (1, "due tomorrow"), (3, "due in 3 days"), (-1, "1 day overdue"),
    (-4, "4 days overdue"), (None, "no reminders"),
])
def test_describe_due(days: int | None, text: str) -> None:
    assert reachout.describe_due(days) == text


def test_schedule_orders_most_overdue_first_then_due_today_then_soonest() -> None:
    soon = Person("Soon", cadence_days=14, outreach=[OutreachEntry("2026-12-01")])  # due in 11 days
    late = Person("Late", cadence_days=14, outreach=[OutreachEntry("2026-10-01")])  # 50 days overdue
    little_late = Person("Little", cadence_days=30, outreach=[OutreachEntry("2026-10-31")])  # 3 overdue
    never = Person("Never")
    quiet = Person("Quiet", cadence_days=0)
    doc = doc_with(soon, quiet, never, little_late, late)
    names = [doc.people[r.person_id].name for r in reachout.schedule(doc, TODAY)]
    assert names == ["Late", "Little", "Never", "Soon", "Quiet"]
    assert [doc.people[r.person_id].name for r in reachout.due(doc, TODAY)] == ["Late", "Little", "Never"]
    # logging a contact with the most overdue moves them to the back of the due list
    doc.add_outreach(late.id, OutreachEntry(TODAY.isoformat()))
    assert [doc.people[r.person_id].name for r in reachout.schedule(doc, TODAY)][:2] == ["Little", "Never"]


def test_you_are_not_on_your_own_list() -> None:
    me, other = Person("Me"), Person("Other")
    doc = doc_with(me, other)
    doc.set_you(me.id)
    assert [r.person_id for r in reachout.schedule(doc, TODAY)] == [other.id]


def test_cadence_round_trips_and_old_files_without_it_still_load() -> None:
    p = Person("Dana", cadence_days=42)
    data = to_data(doc_with(p))
    assert data["people"][0]["cadence_days"] == 42
    assert from_data(data).people[p.id].cadence_days == 42
    del data["people"][0]["cadence_days"]
    assert from_data(data).people[p.id].cadence_days is None
    data["people"][0]["cadence_days"] = -3
    with pytest.raises(DocumentError):
        from_data(data)


def test_the_document_refuses_a_broken_cadence() -> None:
    p = Person("Dana")
    doc = doc_with(p)
    for bad in (-1, True, 1.5, "30", 99999):
        with pytest.raises(DocumentError):
            doc.update("person", p.id, cadence_days=bad)
    doc.update("person", p.id, cadence_days=91)
    assert reachout.describe_cadence(doc.people[p.id].cadence_days or 0) == "Every quarter"
    assert reachout.describe_cadence(45) == "Every 45 days"
