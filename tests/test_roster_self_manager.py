"""A person whose manager is themselves (by name, email or ID) is kept with no manager, and the
user hears of it: the top of an org chart is often written so, but a typo in the manager column
looks just the same, and only the user can tell them apart. It was dropped without a word."""
from __future__ import annotations

from pathlib import Path

from model.roster.to_map import import_roster
from tests.cli_harness import run


def _import(tmp_path: Path, text: str, name: str = "staff.csv") -> tuple[dict[str, str | None], list[str]]:
    roster = tmp_path / name
    roster.write_text(text, encoding="utf-8")
    result = import_roster(roster)
    doc = result.document
    bosses = {p.name: (doc.people[p.reports_to].name if p.reports_to else None) for p in doc.people.values()}
    return bosses, result.warnings


def test_one_person_reporting_to_themselves_is_named_with_their_line(tmp_path: Path) -> None:
    bosses, warnings = _import(tmp_path, "ID,Name,Supervisor ID\n1,Ann Lee,1\n2,Bob Ray,1\n")
    assert bosses == {"Ann Lee": None, "Bob Ray": "Ann Lee"}
    said = [w for w in warnings if "themselves" in w]
    assert said == [said[0]] and said[0].startswith("line 2: 'Ann Lee' reports to themselves")
    assert "kept with no manager" in said[0]


def test_several_are_one_warning_with_each_name_and_line(tmp_path: Path) -> None:
    rows = "".join(f"P{i},P{i}\n" for i in range(10))  # a manager column mapped to the name by mistake
    _bosses, warnings = _import(tmp_path, "Name,Manager\n" + rows)
    said = [w for w in warnings if "themselves" in w]
    assert len(said) == 1
    assert "'P0' (line 2)" in said[0] and "'P5' (line 7)" in said[0]
    assert "4 more report to themselves" in said[0]


def test_by_email_and_in_a_workbook_it_says_row(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Email", "Reports To"])
    sheet.append(["Ann", "ann@x.example", None])
    sheet.append(["Bob", "bob@x.example", "BOB@x.example"])
    book.save(tmp_path / "staff.xlsx")
    result = import_roster(tmp_path / "staff.xlsx")
    assert [w for w in result.warnings if "themselves" in w] == [
        ("row 3: 'Bob' reports to themselves; kept with no manager in the map (check the reports_to "
         "column if they are not the top of the chart)")]


def test_the_command_line_warns_and_still_makes_the_map(tmp_path: Path) -> None:
    roster = tmp_path / "staff.csv"
    roster.write_text("Employee ID,Full Name,Reports To\n1,Ann Lee,Ann Lee\n2,Bob Ray,Ann Lee\n")
    proc = run("import-csv", roster, "-o", tmp_path / "team.cwalk")
    assert proc.returncode == 0
    assert "warning: line 2: 'Ann Lee' reports to themselves" in proc.stderr
    assert (tmp_path / "team.cwalk").is_file()


def test_nobody_reporting_to_themselves_gives_no_such_warning(tmp_path: Path) -> None:
    _bosses, warnings = _import(tmp_path, "ID,Name,Supervisor ID\n1,Ann Lee,\n2,Bob Ray,1\n")
    assert not [w for w in warnings if "themselves" in w]
