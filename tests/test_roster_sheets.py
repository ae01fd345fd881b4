"""Rosters as workbooks (.xlsx, .ods), HR headers, and rosters too big for a map."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

import main
import model.roster.reading as roster_file
import model.storage.store as store
from model.roster.columns import detect_mapping
from model.roster.to_map import import_roster
from model.storage.store import MapFileError, load, save
from model.templates.catalog import build_template

ROWS = [
    ["EmpID", "Full Name", "Job Title Name", "Dept Name", "E-mail", "ManagerID", "Start date", "Salary band"],
    [101, "Lee, Ann  M", "CEO", "Board", "ann@x.example", None, dt.datetime(2020, 3, 1), 12345.0],
    [102, "Bob Ray", "CFO", "Finance", "bob@x.example", 101, dt.date(2021, 1, 2), 7.5],
    [103, "Zoë 李", "Analyst <&>", "Finance", "zoe@x.example", 102, None, 3],
]
AS_TEXT = [
    ["101", "Lee, Ann  M", "CEO", "Board", "ann@x.example", "", "2020-03-01", "12345"],
    ["102", "Bob Ray", "CFO", "Finance", "bob@x.example", "101", "2021-01-02", "7.5"],
    ["103", "Zoë 李", "Analyst <&>", "Finance", "zoe@x.example", "102", "", "3"],
]


def people_of(path: Path, **kw: str) -> list[tuple]:
    doc = import_roster(path, **kw).document
    names = {pid: p.name for pid, p in doc.people.items()}
    depts = {d.id: d.name for d in doc.departments.values()}
    return sorted((p.name, p.title, depts.get(p.department_id or ""), p.email, p.external_id,
                   names.get(p.reports_to or ""), sorted(p.extra.items()), p.placed)
                  for p in doc.people.values())


def write_xlsx(path: Path, title_row: bool = True, sheet: str = "Staff") -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = sheet
    if title_row:  # a report title merged across the columns, and a blank row, above the header
        first.append(["Acme headcount, December"])
        first.merge_cells("A1:H1")
        first.append([])
    for row in ROWS:
        first.append(row)
    book.create_sheet("Notes").append(["nothing here"])
    book.save(path)


def test_an_xlsx_imports_to_the_same_map_as_the_same_csv(tmp_path: Path) -> None:
    csv_path = tmp_path / "staff.csv"
    csv_path.write_text("\n".join(",".join(f'"{c}"' for c in row) for row in [ROWS[0], *AS_TEXT]) + "\n",
                        "utf-8")
    xlsx = tmp_path / "staff.xlsx"
    write_xlsx(xlsx)
    assert people_of(xlsx) == people_of(csv_path)
    ann = next(p for p in people_of(xlsx) if p[0] == "Ann M Lee")  # 'Lee, Ann  M' reads naturally
    assert ann[4] == "101" and ("Salary band", "12345") in ann[6] and ("Start date", "2020-03-01") in ann[6]


def test_a_sheet_by_name_and_a_wrong_sheet_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlsx = tmp_path / "staff.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Cover"
    book.active.append(["Headcount report"])
    people = book.create_sheet("People")
    people.append(["Name", "Stage"])
    people.append(["Ann", "sell"])
    people.append(["Bob", "lunch"])
    book.save(xlsx)
    out = tmp_path / "m.cwalk"
    code = main.main(["import-csv", str(xlsx), "-o", str(out), "--sheet", "Nope"])
    err = capsys.readouterr().err
    assert code == 2 and err == "error: staff.xlsx has no sheet 'Nope'; its sheets are: 'Cover', 'People'\n"
    code = main.main(["import-csv", str(xlsx), "-o", str(out), "--sheet", "People"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: row 3: unknown stage 'lunch'") and not out.exists()


def _ods(path: Path, rows: list[str]) -> None:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="Staff">' + "".join(rows) + "</table:table></office:spreadsheet>"
        "</office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)


def _cell(text: str = "", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", ":", 1).replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f"<table:table-cell{extra}><text:p>{text}</text:p></table:table-cell>" if text or attrs else (
        "<table:table-cell/>")


def test_an_ods_workbook_imports(tmp_path: Path) -> None:
    ods = tmp_path / "staff.ods"
    row = "<table:table-row>{}</table:table-row>".format
    _ods(ods, [
        row(_cell("Staff list", table_number_columns_spanned="3") + '<table:covered-table-cell/>'),
        row(_cell("Name") + _cell("Employee Number") + _cell("Supervisor Name") + _cell("Joined")),
        row(_cell("Ann<text:s text:c=\"2\"/>Lee") + _cell("7", office_value_type="float", office_value="7")
            + _cell() + _cell("1 Mar", office_value_type="date", office_date_value="2020-03-01")),
        ('<table:table-row table:number-rows-repeated="3">'
         '<table:table-cell table:number-columns-repeated="4"/></table:table-row>'),
        row(_cell("Bob") + _cell("8.0", office_value_type="float", office_value="8")
            + _cell("Ann  Lee") + _cell()),
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>',
    ])
    result = import_roster(ods)
    people = {p.name: p for p in result.document.people.values()}
    assert sorted(people) == ["Ann  Lee", "Bob"]
    assert people["Bob"].external_id == "8" and people["Bob"].reports_to == people["Ann  Lee"].id
    assert people["Ann  Lee"].extra == {"Joined": "2020-03-01"}
    assert "left out row 1 above the header row on row 2 (a title, not people)" in result.warnings


@pytest.mark.parametrize(("header", "field"), [
    ("ManagerName", "reports_to"), ("ManagerID", "reports_to"), ("EmpID", "id"),
    ("Employee Number", "id"), ("Supervisor Name", "reports_to"), ("Line Manager", "reports_to"),
    ("Dept Name", "department"), ("Job Title Name", "title"), ("E-mail", "email"),
    ("Company", "organisation"),
])
def test_more_hr_headers_map_by_themselves(header: str, field: str) -> None:
    assert detect_mapping(["Name", header])[1] == field


def test_full_name_and_first_last_keeps_both_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Full Name,First Name,Last Name,Company\nAnn Lee,Annie,Lee,Acme Pumps\n", "utf-8")
    result = import_roster(path)
    (ann,) = result.document.people.values()
    assert ann.name == "Ann Lee" and ann.extra == {"First Name": "Annie", "Last Name": "Lee"}
    assert result.warnings[0] == (
        "kept 2 columns as extra fields: 'First Name' (the name is taken from the full-name column), "
        "'Last Name' (the name is taken from the full-name column)")
    assert result.document.meta.title == "Acme Pumps" == result.document.meta.organisation


def test_a_drawio_org_chart_csv_imports(tmp_path: Path) -> None:
    path = tmp_path / "orgchart.csv"
    path.write_text(
        "## Hello World\n"
        '# label: %name%<br><i style="color:gray;">%position%</i><br><a href="mailto:%email%">Email</a>\n'
        "# style: label;image=%image%;whiteSpace=wrap;html=1;rounded=1;fillColor=%fill%;\n"
        '# connect: {"from": "manager", "to": "name", "invert": true, "label": "manages", \\\n'
        '#          "style": "curved=1;endArrow=blockThin;endFill=1;fontSize=11;"}\n'
        "# width: auto\n"
        "## CSV starts under this line\n"
        "id,name,position,team,email,manager,image,fill\n"
        "1,Tessa Miller,CFO,Finance,tessa@x.example,,https://x.example/t.png,#dae8fc\n"
        "2,Edward Morrison,Brand Manager,Marketing,ed@x.example,1,https://x.example/e.png,#d5e8d4\n"
        "3,Ann Lee,Analyst,Finance,ann@x.example,99,,#d5e8d4\n",
        "utf-8")
    result = import_roster(path)
    people = {p.name: p for p in result.document.people.values()}
    assert people["Edward Morrison"].reports_to == people["Tessa Miller"].id
    assert people["Edward Morrison"].title == "Brand Manager"
    assert "left out 7 lines starting with '#' above the header" in " ".join(result.warnings)
    assert any(w.startswith("line 11: reports_to names '99'") for w in result.warnings)  # file lines kept


def test_a_roster_of_more_people_than_a_map_holds_is_refused_early(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roster_file, "MAX_PEOPLE", 50)
    path = tmp_path / "big.csv"
    path.write_text("Name\n" + "".join(f"P{n}\n" for n in range(51)), "utf-8")
    out = tmp_path / "big.cwalk"
    code = main.main(["import-csv", str(path), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and err == (
        "error: big.csv has more than 50 people, more than a map can hold; import a part of the "
        "organisation (e.g. one division's export)\n")
    assert not out.exists()
    path.write_text("Name\n" + "".join(f"P{n}\n" for n in range(50)), "utf-8")
    assert main.main(["import-csv", str(path), "-o", str(out)]) == 0


def test_a_map_too_large_to_open_is_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.cwalk"
    save(build_template("blank"), path)
    before = path.read_bytes()
    monkeypatch.setattr(store, "MAX_FILE_BYTES", len(before) + 100)
    with pytest.raises(MapFileError, match="more than the 0 MB a map can be opened at; nothing was written"):
        save(build_template("order-to-cash"), path)
    assert path.read_bytes() == before and not (tmp_path / "m.cwalk.bak1").exists()
    assert load(path).meta.title == "Untitled contract walk"
