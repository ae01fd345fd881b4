"""The bundled example: reproducible, committed as built, and showing every feature."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from model.analysis.insights import analyse
from model.example import EXAMPLE_DATE, EXAMPLE_PATH, build_example, load_example
from model.storage.serialize import to_data
from model.storage.store import load

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_file_is_what_the_builder_makes() -> None:
    assert EXAMPLE_PATH == ROOT / "assets" / "example.cwalk"
    assert to_data(load(EXAMPLE_PATH)) == to_data(build_example())


def test_building_twice_gives_the_same_map_and_the_same_bytes(tmp_path: Path) -> None:
    assert to_data(build_example()) == to_data(build_example())
    out = tmp_path / "again.cwalk"
    run = subprocess.run([sys.executable, "-m", "model.example", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert out.read_bytes() == EXAMPLE_PATH.read_bytes()


def days_before(date: str) -> int:
    return (EXAMPLE_DATE - dt.date.fromisoformat(date)).days


def test_people_features() -> None:
    doc = build_example()
    assert doc.problems() == []
    you = doc.you
    assert you is not None and not you.is_customer and you.story.is_written()
    last = {p.name: p.last_contact() for p in doc.colleagues() if p.placed}
    ages = [days_before(d) for d in last.values() if d]
    assert any(a <= 14 for a in ages) and any(a > 90 for a in ages)
    never = [n for n, d in last.items() if d is None and n != you.name]
    assert len(never) >= 2
    assert sum(len(p.outreach) >= 2 for p in doc.people.values()) >= 3
    assert all(p.outreach == sorted(p.outreach, key=lambda e: e.date) for p in doc.people.values())
    whole = [p for p in doc.colleagues() if all(getattr(p.story, k).strip() for k, _ in p.story.PROMPTS)]
    assert len(whole) >= 8
    assert any(not p.story.is_written() for p in doc.colleagues() if p.placed)
    assert sum(p.story.sweet_spot for p in doc.people.values()) >= 2
    assert any(p.sourcing == "outsourced" and p.vendor for p in doc.colleagues())
    assert doc.customers() and all(c.vendor for c in doc.customers())
    unplaced = [p for p in doc.people.values() if not p.placed]
    assert unplaced and all(p.external_id and p.extra for p in unplaced)
    assert any(p.reports_to for p in doc.people.values())
    assert all(d.kpis and d.serving_definition for d in doc.departments.values())


def test_meta_checkups_and_sessions() -> None:
    doc = build_example()
    meta = doc.meta
    assert all(x.strip() for x in (meta.title, meta.organisation, meta.prepared_for, meta.prepared_by,
                                    meta.description))
    own = [s for s in doc.statements.values() if not s.standard]
    assert len(own) == 1
    checkups = sorted(doc.checkups.values(), key=lambda c: c.date)
    assert len(checkups) == 2 and checkups[0].date < checkups[1].date
    for c in checkups:
        assert set(c.answers) == set(doc.statements) and set(c.areas) == {"messages", "quality", "churn"}
    assert sum(checkups[1].answers.values()) > sum(checkups[0].answers.values())
    assert all(checkups[1].areas[k] >= checkups[0].areas[k] for k in checkups[0].areas)
    sessions = sorted(doc.sessions.values(), key=lambda s: s.date)
    assert len(sessions) == 2 and all(s.notes.strip() and s.action_items for s in sessions)
    items = [a for s in sessions for a in s.action_items]
    assert any(a.done for a in items) and any(not a.done for a in items)
    overdue = [a for a in items if not a.done and a.due and a.due < EXAMPLE_DATE.isoformat()]
    assert len(overdue) == 1
    assert all(a.owner for a in items)


def test_the_insights_have_something_to_say() -> None:
    doc = build_example()
    kinds = {f.kind for f in analyse(doc, today=EXAMPLE_DATE).findings}
    for kind in ("experience_conflict", "stale_contact", "unplaced", "missing_story",
                 "cross_department_handoff"):
        assert kind in kinds


def test_opened_later_the_example_keeps_its_story_s_freshness(tmp_path: Path) -> None:
    """Opened in the app on any day, the example's contacts are as many days old as on the day it
    was written: Maya's last coffee stays six days ago, Aisha's contact stays stale."""
    later = EXAMPLE_DATE + dt.timedelta(days=400)
    moved = load_example(today=later)
    as_built = load(EXAMPLE_PATH)
    assert to_data(load_example(today=EXAMPLE_DATE)) == to_data(as_built)
    for pid, person in as_built.people.items():
        for old, new in zip(person.outreach, moved.people[pid].outreach, strict=True):
            assert dt.date.fromisoformat(new.date) - dt.date.fromisoformat(old.date) == dt.timedelta(days=400)
    for cid, checkup in as_built.checkups.items():
        moved_date = dt.date.fromisoformat(moved.checkups[cid].date)
        assert moved_date == dt.date.fromisoformat(checkup.date) + dt.timedelta(400)
    dues = [(a.due, b.due) for sid, s in as_built.sessions.items()
            for a, b in zip(s.action_items, moved.sessions[sid].action_items, strict=True)]
    assert any(old for old, _ in dues)
    for old, new in dues:
        assert (not old and not new) or (
            dt.date.fromisoformat(new) - dt.date.fromisoformat(old) == dt.timedelta(400)
        )
    then, now = analyse(as_built, today=EXAMPLE_DATE), analyse(moved, today=later)
    undated = [(f.kind, re.sub(r"\d{4}-\d\d-\d\d", "DATE", f.message)) for f in then.findings]
    assert [(f.kind, re.sub(r"\d{4}-\d\d-\d\d", "DATE", f.message)) for f in now.findings] == undated
    assert any(kind == "stale_contact" for kind, _ in undated)
