"""Dates at the calendar's end (a contact logged, or mistyped, on 9999-12-31; an action item due
then) must not break the reach-out list, the Stale badge or the calendar export: found by the CLI
fuzz walk, where `export --ics` failed with "date value out of range"."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from model import reachout
from model.entities import ActionItem, OutreachEntry
from model.storage.store import load, save
from tests.cli_harness import EXAMPLE, run


def test_a_contact_on_the_calendars_last_day_is_due_then_and_never_stale() -> None:
    doc = load(EXAMPLE)
    person = next(p for p in doc.people.values() if p.id != doc.meta.you_id)
    doc.add_outreach(person.id, OutreachEntry(date="9999-12-31", channel="call"))
    today = dt.date(2026, 12, 4)
    assert reachout.next_date(person, doc.meta.stale_days, today) == dt.date.max
    assert not reachout.overdue(person, doc.meta.stale_days, today)
    item = next(r for r in reachout.schedule(doc, today) if r.person_id == person.id)
    assert item.next_date == dt.date.max and not item.due


def test_the_calendar_export_of_dates_in_year_9999_reads_back(tmp_path: Path) -> None:
    doc = load(EXAMPLE)
    person = next(p for p in doc.people.values() if p.id != doc.meta.you_id)
    doc.add_outreach(person.id, OutreachEntry(date="9999-12-30", channel="call"))
    session = next(iter(doc.sessions.values()))
    doc.add_action_item(session.id, ActionItem(text="the last day", due="9999-12-31"))
    path = tmp_path / "far.cwalk"
    save(doc, path)
    out = tmp_path / "far.ics"
    proc = run("export", path, "--ics", out)
    assert proc.returncode == 0, proc.stderr
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    last_days = [e for e in events if e.decoded("dtstart") == dt.date.max]
    assert len(last_days) == 2  # the reach-out (9999-12-30 + cadence) and the action item
    assert all("DTEND" not in e for e in last_days)  # one all-day event each, no day after the last
