"""Outside-in audit of `main.py import-csv` / `new`: rosters as HR systems write them, and bad targets.

Each test is a regression test for a bug found by running the command line
on inputs the project had not seen (see the commit that added it).
"""
from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

import main
from model.storage.store import load
from tests.test_cli_new_import import error_lines, run


def import_csv(tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str],
               *extra: str) -> tuple[int, str, str, Path]:
    roster = tmp_path / "roster.csv"
    roster.write_bytes(content)
    out = tmp_path / "map.cwalk"
    code = main.main(["import-csv", str(roster), "-o", str(out), *extra])
    stdout, stderr = capsys.readouterr()
    return code, stdout, stderr, out


ROSTER = "Name\tJob Title\tDept\r\nJosé Núñez\tCEO\tExec\r\n李小龍\tDev\t開発\r\n"


@pytest.mark.parametrize("encoded", [
    ROSTER.encode("utf-16"),  # Excel's "Unicode Text": UTF-16 with a mark, tabs
    ROSTER.encode("utf-16-le"),  # some HR systems leave the mark out
    ROSTER.encode("utf-16-be"),
    ROSTER.encode("utf-32"),  # its mark starts like UTF-16's: was read as UTF-16, names full of NULs
])
def test_wide_encodings_are_read_correctly(encoded: bytes, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err, out = import_csv(tmp_path, encoded, capsys)
    assert code == 0, err
    doc = load(out)
    assert sorted(p.name for p in doc.people.values()) == sorted(["José Núñez", "李小龍"])
    assert sorted(d.name for d in doc.departments.values()) == sorted(["Exec", "開発"])


def test_utf32_without_a_mark_is_refused_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err, out = import_csv(tmp_path, ROSTER.encode("utf-32-le"), capsys)
    assert code == 2 and err.count("error: ") == 1 and "is not a text CSV file" in err
    assert "\\x00" not in err and not out.exists()
    assert codecs.BOM_UTF32_LE.startswith(codecs.BOM_UTF16_LE)  # why UTF-32 must be tested first


def test_a_row_with_too_many_fields_does_not_hide_its_name_from_others(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Ann's list should have been quoted; Bob hands off to Ann, who is in the roster
    code, _out, err, out = import_csv(tmp_path, b"name;hands_off_to\nAnn;Bob;Cy\nBob;Ann\nCy;\n", capsys)
    assert code == 2 and not out.exists()
    assert err.splitlines() == [
        "error: line 2: 3 fields, but the header has 2 (quote values that contain the delimiter)"]


def test_a_manager_outside_the_roster_is_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # an OrgChart export of one department: its head's supervisor is not in the file
    content = (b"Employee ID,First Name,Last Name,Supervisor ID\n"
               b"20,Ann,Lee,7\n21,Bob,Ray,20\n")
    code, _out, err, out = import_csv(tmp_path, content, capsys)
    assert code == 0, err
    assert err.splitlines() == [
        "warning: line 2: reports_to names '7', who is not in the roster; kept with no manager in the map"]
    people = {p.name: p for p in load(out).people.values()}
    assert people["Ann Lee"].reports_to is None
    assert people["Bob Ray"].reports_to == people["Ann Lee"].id


def test_a_circle_of_managers_is_imported_with_one_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = b"name,reports to\nAnn,Bob\nBob,Cy\nCy,Ann\nDee,Ann\nEve,Eve\n"
    code, _out, err, out = import_csv(tmp_path, content, capsys)
    assert code == 0, err
    warnings = err.splitlines()  # the circle, then Eve, her own manager (tests/test_roster_self_manager.py)
    assert len(warnings) == 2 and warnings[0].startswith("warning: line 2: reports_to goes round in a circle")
    assert "'Ann' (line 2) -> 'Bob' (line 3) -> 'Cy' (line 4) -> 'Ann'" in warnings[0]
    assert warnings[1].startswith("warning: line 6: 'Eve' reports to themselves")
    people = {p.name: p for p in load(out).people.values()}
    assert people["Cy"].reports_to == people["Ann"].id and people["Eve"].reports_to is None


@pytest.mark.parametrize("header, field", [
    ("Worker", "name"), ("Business Title", "title"), ("Primary Work Email", "email"),
    ("Manager Employee ID", "reports_to"), ("Supervisor Email", "reports_to"),
    ("Direct Manager", "reports_to"),
])
def test_workday_and_bamboohr_headers_map_by_themselves(header: str, field: str) -> None:
    from model.roster.columns import field_for_header

    assert field_for_header(header) == field


def test_manager_by_email_and_by_id_in_a_workday_export(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = ('\ufeff"Employee ID","Worker","Business Title","Primary Work Email","Manager Employee ID"\r\n'
               '"E1","Ann Lee","CEO","ann@x.com",""\r\n"E2","Bob Ray","CFO","bob@x.com","E1"\r\n').encode()
    code, _out, err, out = import_csv(tmp_path, content, capsys)
    assert code == 0 and err == ""
    people = {p.name: p for p in load(out).people.values()}
    assert people["Bob Ray"].reports_to == people["Ann Lee"].id and people["Bob Ray"].title == "CFO"


def test_a_repeated_known_column_is_named_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err, out = import_csv(tmp_path, b"Name,Email,Work Email,Badge\nAnn,a@x,b@x,7\n", capsys)
    assert code == 0
    assert err.splitlines() == [
        "warning: kept 2 columns as extra fields: 'Work Email' (a second Email column), 'Badge'"]
    person = next(iter(load(out).people.values()))
    assert person.email == "a@x" and person.extra == {"Work Email": "b@x", "Badge": "7"}


def test_an_existing_map_and_a_bad_roster_are_reported_together(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.cwalk"
    out.write_bytes(b"precious")
    code, _out, err, _ = import_csv(tmp_path, b"name,stage\nAnn,lunch\n", capsys)
    assert code == 2
    assert err.splitlines() == [
        f"error: {out} already exists; use --force to overwrite it",
        ("error: line 2: unknown stage 'lunch' (use one of: sell, contract, specify, procure, build, "
         "deliver, implement, invoice, collect, renew)"),
    ]
    assert out.read_bytes() == b"precious"
    code, _out, err, _ = import_csv(tmp_path, b"name\nAnn\n", capsys)  # a good roster: only the map's problem
    assert code == 2 and err.splitlines() == [f"error: {out} already exists; use --force to overwrite it"]
    assert out.read_bytes() == b"precious"


@pytest.mark.parametrize("verb", ["new", "import-csv"])
def test_a_new_map_in_a_missing_folder_does_not_speak_of_a_previous_file(
        verb: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("name\nAnn\n")
    out = tmp_path / "missing" / "map.cwalk"
    argv = ["new", "-o", str(out)] if verb == "new" else ["import-csv", str(roster), "-o", str(out)]
    assert main.main(argv) == 2
    err = capsys.readouterr().err
    said = f"error: could not save {out}: the folder does not exist; nothing was written"
    assert err.splitlines() == [said]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_a_folder_that_takes_no_files_is_not_called_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["new", "-o", "/proc/contract-walk-audit.cwalk"]) == 2
    err = capsys.readouterr().err
    assert "does not exist" not in err and "does not accept new files" in err
    assert err.count("error: ") == 1


def test_every_user_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    """A few of the cases above as a real process: exit 2, `error:` lines only."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for args in (["import-csv", fifo, "-o", tmp_path / "a.cwalk"],
                 ["new", "-o", tmp_path / "no" / "a.cwalk"],
                 ["new", "-o", tmp_path]):
        proc = run(*args)
        assert proc.returncode == 2 and len(error_lines(proc)) == 1, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.csv"]


def test_a_report_title_above_the_header_is_left_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = (b'"Employee Directory",,,\r\n"Run 2026-11-01 by HR",,,\r\n,,,\r\n'
               b"First Name,Last Name,Dept,Manager\r\nAnn,Lee,X,\r\n"
               b"Bob,Ray,Y,Ann Lee\r\nCy,Dee,Y,Bob Ray\r\n")
    code, _out, err, out = import_csv(tmp_path, content, capsys)
    assert code == 0, err
    assert err.splitlines() == [
        "warning: left out lines 1 and 2 above the header row on line 4 (a title, not people)"]
    people = {p.name: p for p in load(out).people.values()}
    assert sorted(people) == ["Ann Lee", "Bob Ray", "Cy Dee"]
    assert people["Cy Dee"].reports_to == people["Bob Ray"].id
    # line numbers still count from the top of the file
    code, _out, err, out = import_csv(tmp_path, content.replace(b"Dept,", b"Stage,"), capsys, "--force")
    assert code == 2 and err.splitlines()[0].startswith("error: line 5: unknown stage 'X'")


@pytest.mark.parametrize("content", [b"Kind\nemployee\n", b"ID,Position\n1,Person\n"])
def test_a_header_without_names_is_not_mistaken_for_a_title(
        content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err, _ = import_csv(tmp_path, content, capsys)
    assert code == 2 and err.count("error: ") == 1 and "has no name column" in err


def test_the_map_never_replaces_the_roster_it_is_read_from(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "team.csv"
    roster.write_bytes(b"name\nAnn\n")
    assert main.main(["import-csv", str(roster), "-o", str(roster), "--force"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {roster} is the roster being imported; give another name for the map"]
    assert roster.read_bytes() == b"name\nAnn\n"


def test_thousands_of_problems_are_cut_to_a_readable_list(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = b"name,stage\n" + b"".join(b"P%d,lunch\n" % i for i in range(5000))
    code, _out, err, out = import_csv(tmp_path, content, capsys)
    lines = err.splitlines()
    assert code == 2 and not out.exists()
    assert len(lines) == main.MAX_PROBLEMS + 1 and all(line.startswith("error: ") for line in lines)
    assert lines[0].startswith("error: line 2: unknown stage 'lunch'")
    more = 5000 - main.MAX_PROBLEMS
    assert lines[-1] == f"error: ... and {more:,} more problems like these (fix the ones above first)"


def test_a_manager_written_last_name_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = b'First Name,Last Name,Manager\nAnn,Lee,\nBob,Ray,"Lee, Ann"\nCy,Dee,"Ray,Bob"\n'
    code, _out, err, out = import_csv(tmp_path, content, capsys)
    assert code == 0 and err == ""
    people = {p.name: p for p in load(out).people.values()}
    assert people["Bob Ray"].reports_to == people["Ann Lee"].id
    assert people["Cy Dee"].reports_to == people["Bob Ray"].id


def test_quoted_fields_after_a_space(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = b'"Name", "Title", "Dept"\n"Ann", "CEO", "Exec"\n"Lee, Bob", "CFO", "Fin"\n'
    code, _out, err, out = import_csv(tmp_path, content, capsys)
    # was: the columns ' "Title"' and ' "Dept"' kept as extra fields; a 'Last, First' name now reads naturally
    assert code == 0 and "extra" not in err and "'Lee, Bob' -> 'Bob Lee'" in err
    people = {p.name: p for p in load(out).people.values()}
    assert sorted(people) == ["Ann", "Bob Lee"] and people["Bob Lee"].title == "CFO"
    assert people["Ann"].extra == {}
