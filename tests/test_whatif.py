"""What if someone leaves (model/analysis/whatif.py and `main.py what-if`), on the example map."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from model.analysis.insights import analyse
from model.analysis.whatif import (
    BROKEN_HANDOFF,
    COVER,
    NEW_FACE,
    NOTHING_BREAKS,
    STEP_CUT_OFF,
    plan_items,
    what_if,
)
from model.analysis.whatif_text import resolve
from model.example import build_example
from model.storage.serialize import to_data

ROOT = Path(__file__).resolve().parent.parent


def pid(doc, name: str) -> str:  # type: ignore[no-untyped-def]
    (person,) = doc.find_people(name)
    return person.id


def test_a_single_point_of_failure_breaks_steps_and_has_cover() -> None:
    doc = build_example()
    spofs = [f.people[0] for f in analyse(doc).findings if f.kind == "single_point_of_failure"]
    lars = pid(doc, "Lars Nilsson")
    assert lars in spofs
    before = to_data(doc)
    r = what_if(doc, [lars])
    assert to_data(doc) == before  # the drill never changes the map
    assert r.breaks
    broken = {(doc.handoffs[h].source, doc.handoffs[h].target) for h in r.broken_handoffs}
    assert (pid(doc, "Lars Nilsson"), pid(doc, "Elena Costa")) in broken
    assert (pid(doc, "Jonas Weber"), lars) in broken
    assert pid(doc, "Elena Costa") in r.cut_off and pid(doc, "Marco Rossi") in r.cut_off
    assert lars not in r.cut_off
    covers = [c.person_id for c in r.cover[lars]]
    assert covers and covers[0] == pid(doc, "Elena Costa")  # same department and stage, in the walk
    assert {f.kind for f in r.findings} >= {BROKEN_HANDOFF, STEP_CUT_OFF, COVER}


def test_someone_off_the_critical_path_breaks_nothing() -> None:
    doc = build_example()
    r = what_if(doc, [pid(doc, "Priya Raman")])
    assert not r.breaks and not r.broken_handoffs and not r.cut_off and not r.customers_lost
    assert r.findings[0].kind == NOTHING_BREAKS
    assert "Nothing breaks" in r.findings[0].message


def test_customers_meet_a_new_face_at_the_leavers_stage() -> None:
    doc = build_example()
    grace = pid(doc, "Grace Liu")
    r = what_if(doc, [grace])
    faces = [f for f in r.findings if f.kind == NEW_FACE]
    assert faces and faces[0].people == [pid(doc, "Rita Novak"), grace] and faces[0].stages == ["renew"]


def test_several_leavers_and_the_plan() -> None:
    doc = build_example()
    ids = [pid(doc, "Lars Nilsson"), pid(doc, "Tom Becker")]
    r = what_if(doc, ids)
    assert r.leavers == [ids[1], ids[0]]  # in walk order
    items = plan_items(doc, r, dt.date(2026, 12, 4))
    assert len(items) == 2 and all(i.due == "2027-01-03" for i in items)
    assert items[1].owner == "Elena Costa" and "Lars Nilsson" in items[1].text


def test_names_resolve_with_suggestions() -> None:
    doc = build_example()
    ids, problems = resolve(doc, ["  lars   nilsson ", "Tom Beker"])
    assert ids == [pid(doc, "Lars Nilsson")]
    assert problems == [
        "nobody called 'Tom Beker' is on the map; did you mean 'Tom Becker' or 'Jonas Weber'?"
    ]


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "what-if", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, cwd=ROOT, env=env)


def test_cli_json_is_shaped_like_checks_findings() -> None:
    done = run("assets/example.cwalk", "--leaves", "Lars Nilsson", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["leaves"] == ["Lars Nilsson"] and data["breaks"] is True
    for f in data["findings"]:
        assert set(f) >= {"kind", "severity", "message", "people", "stages"}
        assert f["severity"] in ("high", "medium", "low")
    cut = next(f for f in data["findings"] if f["kind"] == "step_cut_off")
    assert "Elena Costa" in cut["people"] and "build" in cut["stages"]
    assert data["cover"]["Lars Nilsson"][0]["person"] == "Elena Costa"


def test_cli_text_for_someone_off_the_critical_path() -> None:
    done = run("assets/example.cwalk", "--leaves", "Priya Raman")
    assert done.returncode == 0, done.stderr
    assert "Nothing breaks" in done.stdout and "Hand-offs that break" not in done.stdout


def test_cli_unknown_name_is_a_user_error() -> None:
    done = run("assets/example.cwalk", "--leaves", "Tom Beker")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("error: nobody called 'Tom Beker'") and "Tom Becker" in done.stderr
    missing = run("nowhere.cwalk", "--leaves", "x")
    assert missing.returncode == 2 and missing.stderr.startswith("error: ")


def test_a_customer_contact_is_covered_by_their_own_organisation_only() -> None:
    doc = build_example()
    rita, ben = pid(doc, "Rita Novak"), pid(doc, "Ben Hart")
    r = what_if(doc, [rita])
    assert [c.person_id for c in r.cover[rita]] == [ben]  # same organisation; never a colleague
    assert "same organisation" in next(f.message for f in r.findings if f.kind == COVER)
    (item,) = plan_items(doc, r, dt.date(2026, 12, 4))
    assert item.text.startswith("If Rita Novak leaves") and "Ben Hart" in item.text
    assert item.owner == "Jonas Weber"  # "you" meet the new contact; a customer owns no action item
