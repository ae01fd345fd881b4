"""Workbooks as HR systems and scripts write them: formulas whose results were never saved, a
hidden first sheet, a chart sheet, a row grouping the column names above the header.

Each was read wrong without a word: a formula cell with no saved result was silently empty (a
person's name or title lost), a hidden lookup sheet was read instead of the roster the user sees,
a chart sheet first made the workbook 'damaged', and 'Employee' merged over First Name and Last
Name made a person called 'ID' and the rest nameless numbers."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from model.roster.to_map import RosterError, import_roster
from tests.cli_harness import errors, folder_state, run


def _book(path: Path, rows: list[list[object]], title: str = "Staff") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return book


def _people(path: Path, **kw: str) -> tuple[dict[str, str], list[str]]:
    result = import_roster(path, **kw)  # type: ignore[arg-type]
    return {p.name: p.title for p in result.document.people.values()}, result.warnings


def _fill_results(path: Path, results: dict[str, tuple[str, str]]) -> None:
    """Give cells a saved result as Excel writes it: cell ref -> (type attribute, value)."""
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, (kind, value) in results.items():
        xml = re.sub(rf'<c r="{ref}"([^>]*)>(<f>.*?</f>)<v ?/>',
                     rf'<c r="{ref}"\1 t="{kind}">\2<v>{value}</v>', xml)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)


def test_formulas_without_saved_results_are_named_cell_by_cell(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    _book(path, [["Name", "Title", "Department"], ["Ann", '="Chief"&" executive"', "Exec"],
                 ["Bob", "CFO", "=C2"]])
    people, warnings = _people(path)
    assert people == {"Ann": "", "Bob": "CFO"}  # read as empty, as before: but now said
    said = [w for w in warnings if "formula" in w]
    assert len(said) == 1
    assert said[0].startswith('2 cells (B2 ="Chief"&" executive", C3 =C2) hold formulas with no saved result')
    assert "open it in Excel or LibreOffice, save it, and import it again" in said[0]


def test_many_such_cells_make_one_short_note(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    _book(path, [["Name", "Title"], *[[f"P{i}", f'="T{i}"'] for i in range(40)]])
    _people_, warnings = _people(path)
    said = [w for w in warnings if "formula" in w]
    assert len(said) == 1 and said[0].startswith("40 cells (B2") and "and 35 more)" in said[0]


def test_saved_results_and_empty_text_results_are_read_without_a_note(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    _book(path, [["Name", "Title", "Location"], ["Ann", '="CEO"', '=IF(1,"","x")']])
    _fill_results(path, {"B2": ("str", "CEO"), "C2": ("str", "")})
    people, warnings = _people(path)
    assert people == {"Ann": "CEO"}
    assert not [w for w in warnings if "formula" in w]


def test_a_name_lost_to_an_unsaved_formula_is_refused_saying_why(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    _book(path, [["Name", "Title"], ['=CONCAT("A","nn")', "CEO"], ["Bob", "CFO"]])
    with pytest.raises(RosterError) as caught:
        import_roster(path)
    assert caught.value.problems[0].startswith("row 2: no name")
    assert caught.value.problems[1].startswith(
        'cell A2 =CONCAT("A","nn") holds a formula with no saved result')
    before = folder_state(tmp_path)
    lines = errors(run("import-csv", path, "-o", tmp_path / "team.cwalk"))
    assert lines == caught.value.problems
    assert folder_state(tmp_path) == before


def test_the_command_line_warns_of_unsaved_results(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    _book(path, [["Name", "Title"], ["Ann", '="CEO"']])
    proc = run("import-csv", path, "-o", tmp_path / "team.cwalk")
    assert proc.returncode == 0
    assert 'warning: cell B2 ="CEO" holds a formula with no saved result' in proc.stderr


def test_a_hidden_first_sheet_is_passed_over_unless_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    book = _book(path, [["code", "meaning"], ["A", "active"]], title="Lookup")
    book["Lookup"].sheet_state = "hidden"
    roster = book.create_sheet("Roster")
    roster.append(["Name", "Title"])
    roster.append(["Ann", "CEO"])
    book.save(path)
    assert _people(path)[0] == {"Ann": "CEO"}
    with pytest.raises(RosterError, match="has no name column"):
        import_roster(path, sheet="Lookup")


def test_a_chart_sheet_is_passed_over_and_refused_by_name(tmp_path: Path) -> None:
    from openpyxl.chart import BarChart, Reference

    path = tmp_path / "staff.xlsx"
    book = _book(path, [["Name", "Title"], ["Ann", "CEO"]])
    chart = BarChart()
    chart.add_data(Reference(book["Staff"], min_col=1, min_row=1, max_row=2))
    book.create_chartsheet("Headcount", 0).add_chart(chart)
    book.save(path)
    assert _people(path)[0] == {"Ann": "CEO"}
    with pytest.raises(RosterError) as caught:
        import_roster(path, sheet="Headcount")
    assert caught.value.problems == ["the sheet 'Headcount' of staff.xlsx is a chart, not a table of people"]


def test_a_row_grouping_the_column_names_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    book = _book(path, [["Employee", None, None, "Job", None, "Reporting"],
                        ["ID", "First Name", "Last Name", "Position", "Department", "Supervisor ID"],
                        [1, "Ann", "Lee", "CEO", "Exec", None], [2, "Bob", "Ray", "CFO", "Fin", 1]])
    book["Staff"].merge_cells("A1:C1")
    book["Staff"].merge_cells("D1:E1")
    book.save(path)
    result = import_roster(path)
    people = {p.name: p for p in result.document.people.values()}
    assert sorted(people) == ["Ann Lee", "Bob Ray"]
    assert people["Bob Ray"].title == "CFO" and people["Bob Ray"].reports_to == people["Ann Lee"].id
    assert "left out row 1 above the header row on row 2 (a title, not people)" in result.warnings


def test_a_grouping_row_in_a_csv_too_and_a_first_person_called_like_a_column_stays(tmp_path: Path) -> None:
    grouped = tmp_path / "grouped.csv"
    grouped.write_text("Person,,Job\nFirst Name,Last Name,Title\nAnn,Lee,CEO\nBob,Ray,CFO\n")
    assert _people(grouped)[0] == {"Ann Lee": "CEO", "Bob Ray": "CFO"}
    plain = tmp_path / "plain.csv"  # data under the header, however its words read, is people
    plain.write_text("Name,Title,Department\nName,Title,Team\nAnn,CEO,Exec\n")
    assert _people(plain)[0] == {"Name": "Title", "Ann": "CEO"}


def test_a_department_merged_down_over_its_people_belongs_to_each(tmp_path: Path) -> None:
    """A hand-made staff list writes a department once and merges it down: each row of the
    merge is in it (only the first person was, the others had no department)."""
    path = tmp_path / "staff.xlsx"
    book = _book(path, [["Name", "Title", "Department", "Notes"], ["Ann", "CEO", "Exec", "a note"],
                        ["Bob", "CFO", "Finance", None], ["Cat", "Clerk", None, None],
                        ["Dee", "Clerk", None, None], ["Eve", "VP", "Ops", None]])
    book["Staff"].merge_cells("C3:C5")
    book["Staff"].merge_cells("D2:E2")  # across columns: stays in its first cell
    book.save(path)
    doc = import_roster(path).document
    departments = {p.name: doc.departments[p.department_id].name for p in doc.people.values()}
    assert departments == {"Ann": "Exec", "Bob": "Finance", "Cat": "Finance", "Dee": "Finance", "Eve": "Ops"}
    assert {p.name: dict(p.extra) for p in doc.people.values()}["Ann"] == {"Notes": "a note"}


def test_a_department_merged_down_in_an_ods_workbook_too(tmp_path: Path) -> None:
    from tests.test_roster_sheets import _cell, _ods

    path = tmp_path / "staff.ods"
    row = "<table:table-row>{}</table:table-row>".format
    _ods(path, [
        row(_cell("Name") + _cell("Department")),
        row(_cell("Ann") + _cell("Finance", table_number_rows_spanned="3")),
        row(_cell("Bob") + "<table:covered-table-cell/>"),
        row(_cell("Cat") + "<table:covered-table-cell/>"),
        row(_cell("Dee") + _cell("Ops")),
    ])
    doc = import_roster(path).document
    departments = {p.name: doc.departments[p.department_id].name for p in doc.people.values()}
    assert departments == {"Ann": "Finance", "Bob": "Finance", "Cat": "Finance", "Dee": "Ops"}
