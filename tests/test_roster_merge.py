"""A roster merged into an existing map (import-csv --into): joiners, movers, leavers, matching."""
from __future__ import annotations

from pathlib import Path

import pytest

import main
from model.entities import Handoff, OutreachEntry, Story
from model.roster.merge import JOIN, apply_operations, plan_merge
from model.roster.to_map import read_roster
from model.storage.store import load, save
from model.templates.catalog import build_template

HEADER = "Employee Number,First Name,Last Name,Job Title,Dept Name,E-mail,ManagerID\n"
PEOPLE = [
    ("1", "Ann", "Lee", "CEO", "Account management", "ann@acme.example", ""),
    ("2", "Bob", "Ray", "Account Executive", "SALES", "bob@acme.example", "1"),
    ("3", "Cy", "Dee", "Buyer", "procurement", "cy@acme.example", "1"),
    ("4", "Di", "Fox", "Billing Specialist", "Finance: invoicing", "di@acme.example", "1"),
    ("5", "Ed", "Gu", "Planner", "Production", "ed@acme.example", "3"),
    ("6", "Flo", "Hu", "Lawyer", "Legal", "flo@acme.example", "1"),
    ("7", "Gus", "Ito", "Data Steward", "Data office", "gus@acme.example", "1"),
]


def roster_text(people: list[tuple[str, ...]]) -> str:
    return HEADER + "".join(",".join(p) + "\n" for p in people)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def template_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "acme.cwalk"
    code, out, err = run(["new", "-o", str(path), "--template", "order-to-cash", "--no-people"], capsys)
    assert code == 0 and err == "" and "(0 people, 12 departments)" in out
    return path


def test_a_roster_into_a_template_keeps_its_departments_and_adds_people_unplaced(
    template_map: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {d.id: (d.name, d.serving_definition, d.kpis) for d in load(template_map).departments.values()}
    roster = tmp_path / "hr.csv"
    roster.write_text(roster_text(PEOPLE), "utf-8")
    code, out, err = run(["import-csv", str(roster), "-o", str(template_map), "--into"], capsys)
    assert code == 0, err
    assert "7 joiners, 0 movers, 0 leavers, 0 ambiguous" in out and "new departments: Data office" in out
    doc = load(template_map)
    after = {d.id: (d.name, d.serving_definition, d.kpis) for d in doc.departments.values()}
    assert {k: v for k, v in after.items() if k in before} == before  # every template department, unchanged
    assert [d.name for d in doc.departments.values() if d.id not in before] == ["Data office"]
    people = {p.name: p for p in doc.people.values()}
    assert len(people) == 7 and not any(p.placed for p in people.values())
    dept = {d.id: d.name for d in doc.departments.values()}
    assert dept[people["Bob Ray"].department_id] == "Sales"  # 'SALES' is the template's Sales lane
    assert dept[people["Cy Dee"].department_id] == "Procurement"
    assert people["Ed Gu"].reports_to == people["Cy Dee"].id
    assert people["Ann Lee"].external_id == "1" and people["Di Fox"].email == "di@acme.example"
    assert (template_map.parent / "acme.cwalk.bak1").is_file()  # saved like every save: a backup kept


def _work_on(path: Path) -> dict[str, tuple]:
    """Put the coach's work on the map (placed cards, hand-offs, stories, outreach); return it by name."""
    doc = load(path)
    by_name = {p.name: p for p in doc.people.values()}
    chain = ["Bob Ray", "Flo Hu", "Cy Dee", "Ed Gu", "Di Fox"]
    for n, name in enumerate(chain):
        doc.update("person", by_name[name].id, placed=True, stage="sell", pos=(100.0 * n, 20.0),
                   story=Story(hand_on=f"{name}'s story <&>"))
        doc.add_outreach(by_name[name].id, OutreachEntry(date="2026-01-0" + str(n + 1), note="coffee"))
    for giver, taker in zip(chain, chain[1:], strict=False):
        doc.add("handoff", Handoff(by_name[giver].id, by_name[taker].id, what=f"{giver} -> {taker}"))
    save(doc, path)
    return _work(path)


def _work(path: Path) -> dict[str, tuple]:
    doc = load(path)
    names = {pid: p.name for pid, p in doc.people.items()}
    out: dict[str, tuple] = {}
    for p in doc.people.values():
        hand = sorted((names[h.source], names[h.target], h.what) for h in doc.handoffs_of(p.id))
        out[p.name] = (p.id, p.story, p.outreach, p.pos, p.placed, p.stage, hand)
    return out


def test_reimporting_an_edited_roster_reports_exactly_what_changed_and_keeps_the_work(
    template_map: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "q1.csv"
    first.write_text(roster_text(PEOPLE), "utf-8")
    assert run(["import-csv", str(first), "-o", str(template_map), "--into"], capsys)[0] == 0
    work = _work_on(template_map)
    edited = list(PEOPLE)
    edited[1] = ("2", "Bob", "Ray", "Key Account Manager", "SALES", "BOB@acme.example", "1")  # title
    edited[4] = ("5", "Ed", "Gu", "Planner", "Logistics", "ed@acme.example", "3")  # department
    del edited[6]  # Gus left
    edited.append(("8", "Hal", "Jo", "Engineer", "Engineering", "hal@acme.example", "5"))  # joiner
    second = tmp_path / "q2.csv"
    second.write_text(roster_text(edited), "utf-8")
    code, out, err = run(["import-csv", str(second), "-o", str(template_map), "--into"], capsys)
    assert code == 0, err
    summary = "1 joiner, 2 movers, 1 leaver, 0 ambiguous; 4 matched people unchanged"
    assert out.splitlines()[1].startswith(summary)
    assert "+ Hal Jo — Engineer, Engineering" in out
    assert "~ Bob Ray: title Account Executive → Key Account Manager" in out
    assert "~ Ed Gu: department Production → Logistics" in out
    assert "- Gus Ito (Data Steward, Data office, gus@acme.example)" in out
    assert "new departments" not in out
    doc = load(template_map)
    after = _work(template_map)
    for name, kept in work.items():  # stories, outreach, positions, stages, hand-offs: all kept
        assert after[name] == kept, name
    people = {p.name: p for p in doc.people.values()}
    assert people["Gus Ito"].left and not people["Ann Lee"].left
    assert people["Hal Jo"].reports_to == people["Ed Gu"].id and not people["Hal Jo"].placed
    assert doc.departments[people["Ed Gu"].department_id].name == "Logistics"
    # the leaver goes only when asked, and takes nothing of the others with them
    code, out, err = run(["import-csv", str(second), "-o", str(template_map), "--into", "--remove-leavers"],
                         capsys)
    assert code == 0 and "0 joiners, 0 movers, 1 leaver" in out and "removed from the map" in out
    assert "Gus Ito" not in {p.name for p in load(template_map).people.values()}
    assert _work(template_map) == {k: v for k, v in after.items() if k != "Gus Ito"}
    saved = template_map.read_bytes()
    code, out, err = run(["import-csv", str(second), "-o", str(template_map), "--into"], capsys)
    assert code == 0 and out.startswith(f"{template_map} already matches q2.csv; nothing was changed")
    assert template_map.read_bytes() == saved


def test_matching_by_id_then_email_then_name(tmp_path: Path) -> None:
    doc = build_template("order-to-cash", people=False)
    roster = tmp_path / "r.csv"
    roster.write_text("Name,Email,EmpID\nAnn Lee,ann@x.example,7\nJosé Ruiz,,\n\"Lee, Kim\",,\n", "utf-8")
    merge = plan_merge(doc, read_roster(roster)).resolve()
    apply_operations(doc, merge.operations())
    ids = {p.name: p.id for p in doc.people.values()}
    assert sorted(ids) == ["Ann Lee", "José Ruiz", "Kim Lee"]
    roster.write_text(
        "Full Name,E-mail,Employee ID,Title\n"
        "Ann Lee-Park,ANN@x.example,7,Boss\n"  # same id: a new name is the same person
        "jose  RUIZ,,,Chef\n"  # the name, without the accent and in any case and spacing
        "Kim Lee,,,Cook\n"  # 'Lee, Kim' in the map's first roster reads 'Kim Lee'
        "Kim Lee,,,Waiter\n",  # ... and a second Kim Lee in the roster: ambiguous, not guessed
        "utf-8")
    merge = plan_merge(doc, read_roster(roster)).resolve()
    assert {pid for _row, pid in merge.matches} == {ids["Ann Lee"], ids["José Ruiz"]}
    kim = ids["Kim Lee"]
    assert [(a.row.line, a.candidates) for a in merge.skipped] == [(4, [kim]), (5, [kim])]
    assert merge.leavers == [] and merge.joiners == []  # an ambiguous candidate is never called a leaver
    # the user says line 5 is the Kim Lee of the map and line 4 someone new
    choice = plan_merge(doc, read_roster(roster)).resolve({4: JOIN, 5: ids["Kim Lee"]})
    apply_operations(doc, choice.operations())
    titles = sorted((p.name, p.title) for p in doc.people.values())
    assert titles == [("Ann Lee-Park", "Boss"), ("José Ruiz", "Chef"), ("Kim Lee", "Cook"),
                      ("Kim Lee", "Waiter")]
    assert doc.people[ids["Kim Lee"]].title == "Waiter"


def test_a_different_employee_id_is_a_different_person(tmp_path: Path) -> None:
    doc = build_template("blank")
    roster = tmp_path / "r.csv"
    roster.write_text("Name,ID\nSam Oak,1\n", "utf-8")
    apply_operations(doc, plan_merge(doc, read_roster(roster)).resolve().operations())
    roster.write_text("Name,ID\nSam Oak,2\n", "utf-8")
    merge = plan_merge(doc, read_roster(roster)).resolve()
    assert len(merge.joiners) == 1 and len(merge.leavers) == 1 and not merge.matches


def test_cli_into_errors_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("Name\nAnn\n", "utf-8")
    missing = tmp_path / "none.cwalk"
    code, _out, err = run(["import-csv", str(roster), "-o", str(missing), "--into"], capsys)
    assert code == 2 and err.startswith("error: ") and "leave out --into" in err and not missing.exists()
    code, _out, err = run(["import-csv", str(roster), "-o", str(missing), "--remove-leavers"], capsys)
    assert code == 2 and "add --into" in err and not missing.exists()
    code, _out, err = run(["import-csv", str(roster), "-o", str(missing), "--sheet", "People"], capsys)
    assert code == 2 and "no sheets" in err and not missing.exists()
    existing = tmp_path / "map.cwalk"
    save(build_template("blank"), existing)
    before = existing.read_bytes()
    code, _out, err = run(["import-csv", str(roster), "-o", str(existing)], capsys)
    assert code == 2 and "already exists" in err  # without --into a map is still never overwritten
    roster.write_text("Title\nCEO\n", "utf-8")
    code, _out, err = run(["import-csv", str(roster), "-o", str(existing), "--into"], capsys)
    assert code == 2 and "no name column" in err and existing.read_bytes() == before
    assert not (tmp_path / "map.cwalk.bak1").exists()
