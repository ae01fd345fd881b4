"""The calendar export (`export --ics`): it parses back, UIDs are stable, redaction leaves no names."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from icalendar import Calendar

from export.ics import ics_bytes, uid, write_ics
from model import reachout
from model.document import Document
from model.entities import ActionItem, MapInfo, OutreachEntry, Person, Session
from model.example import build_example

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 4)


def events(data: bytes) -> dict[str, dict[str, str]]:
    cal = Calendar.from_ical(data)
    out = {}
    for ev in cal.walk("VEVENT"):
        out[str(ev["UID"])] = {
            "summary": str(ev["SUMMARY"]),
            "description": str(ev.get("DESCRIPTION", "")),
            "start": ev.decoded("DTSTART").isoformat(),
        }
    return out


def small_map() -> Document:
    doc = Document(MapInfo(title="Acme walk"))
    dana = Person("Dana Lee", title="Contract admin", what_they_do="Turns the quote into terms.",
                  email="dana@acme.example", cadence_days=14, outreach=[OutreachEntry("2026-11-01")])
    quiet = Person("Quiet Person", cadence_days=0)
    doc.add("person", dana)
    doc.add("person", quiet)
    doc.add("session", Session("2026-11-20", "Kick-off", action_items=[
        ActionItem("Ask Dana Lee about the annex", owner="Dana Lee", due="2026-12-10"),
        ActionItem("Done already", done=True),
    ]))
    return doc


def test_one_event_per_reach_out_and_open_action_item_and_it_parses_back() -> None:
    doc = small_map()
    dana = next(p for p in doc.people.values() if p.name == "Dana Lee")
    item = next(iter(doc.sessions.values())).action_items[0]
    got = events(ics_bytes(doc, today=TODAY))
    assert set(got) == {uid("reachout", dana.id), uid("action", item.id)}  # no reminders, done items: none
    reach = got[uid("reachout", dana.id)]
    assert reach["summary"] == "Reach out to Dana Lee"
    assert reach["start"] == TODAY.isoformat()  # overdue since 15 Nov: on today
    assert "Contract admin" in reach["description"] and "19 days overdue" in reach["description"]
    assert "Turns the quote into terms." in reach["description"]
    action = got[uid("action", item.id)]
    assert action["start"] == "2026-12-10" and "Owner: Dana Lee" in action["description"]


def test_uids_are_stable_across_two_exports_and_dates_follow_logged_contacts() -> None:
    doc = build_example()
    first = events(ics_bytes(doc, today=TODAY))
    second = events(ics_bytes(doc, today=TODAY))
    assert first == second and len(first) >= 10
    assert len(first) == len(reachout.schedule(doc, TODAY)) + sum(
        1 for s in doc.sessions.values() for a in s.action_items if not a.done)
    person = doc.people[reachout.schedule(doc, TODAY)[0].person_id]
    doc.add_outreach(person.id, OutreachEntry(TODAY.isoformat(), "call"))
    third = events(ics_bytes(doc, today=TODAY))
    assert set(third) == set(first)  # the same events: a re-import updates them
    key = uid("reachout", person.id)
    assert third[key]["start"] > first[key]["start"]


def test_redaction_removes_every_name_and_contact_detail() -> None:
    doc = build_example()
    plain = ics_bytes(doc, today=TODAY).decode()
    redacted = ics_bytes(doc, redact=True, today=TODAY)
    text = "".join(
        str(ev.get(k, ""))
        for ev in Calendar.from_ical(redacted).walk("VEVENT")
        for k in ("SUMMARY", "DESCRIPTION")
    )
    assert "@" in plain
    for p in doc.people.values():
        assert p.name in plain or p.cadence_days == 0 or p.id == doc.meta.you_id
        for part in p.name.split():
            if len(part) > 3:
                assert part not in text, part
        if p.email:
            assert p.email not in text
    assert "@" not in text and "Reach out to " in text


def test_hostile_text_is_written_and_read_back(tmp_path: Path) -> None:
    doc = Document()
    name = "<b>&; 李雷 محمد 😀\x00\ud800" + "x" * 30000
    doc.add("person", Person(name, what_they_do="line one\nline two, with; commas"))
    target = tmp_path / "out.ics"
    assert write_ics(doc, target, today=TODAY) == 1
    (ev,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(ev["SUMMARY"]).startswith("Reach out to <b>&; 李雷 محمد 😀")
    assert "line one" in str(ev["DESCRIPTION"]) and "line two" not in str(ev["DESCRIPTION"])


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, cwd=ROOT, env=env)


def test_cli_writes_the_calendar_atomically_and_refuses_bad_targets(tmp_path: Path) -> None:
    out = tmp_path / "walk.ics"
    done = run("export", "assets/example.cwalk", "--ics", str(out), "--redact")
    assert done.returncode == 0, done.stderr
    assert "reminders" in done.stdout
    assert Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [p.name for p in tmp_path.iterdir()] == ["walk.ics"]  # no temporary file left
    bad = run("export", "assets/example.cwalk", "--ics", str(tmp_path / "missing" / "x.ics"))
    assert bad.returncode == 2 and bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr
    folder = run("export", "assets/example.cwalk", "--ics", str(tmp_path))
    assert folder.returncode == 2 and "folder" in folder.stderr


def test_an_owner_typed_as_a_first_name_gets_their_role_and_a_long_owner_stays_one_line() -> None:
    """'Dana' is the Dana Lee of the map (her role goes into the event); a 30,000-character
    name is cut to one line in every event (the owner line printed all of it)."""
    doc = small_map()
    doc.add("person", Person("Zoë " + "W" * 30000, title="Planner", cadence_days=14))
    doc.add("session", Session("2026-11-21", "Later", action_items=[
        ActionItem("Send the annex", owner="dana", due="2026-12-11"),
        ActionItem("Plan it", owner="zoe " + "w" * 30000, due="2026-12-12"),
    ]))
    for redact in (False, True):
        got = events(ics_bytes(doc, redact=redact, today=TODAY))
        assert all(len(e["summary"]) <= 200 and len(e["description"]) <= 1200 for e in got.values())
        annex = next(e for e in got.values() if e["summary"].startswith("Send the annex"))
        if not redact:
            assert "Owner: Dana Lee" in annex["description"]
            assert "Role: Contract admin" in annex["description"]
        else:
            assert "Dana" not in annex["description"] and "Owner: Contract admin" in annex["description"]
