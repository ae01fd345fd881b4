"""`main.py new` and `main.py import-csv` as a user runs them: exit codes, error lines, files."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from model.storage.store import load

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "rosters"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    return proc


def error_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    lines = proc.stderr.splitlines()
    assert lines and all(line.startswith(("error: ", "warning: ")) for line in lines), proc.stderr
    return [line for line in lines if line.startswith("error: ")]


# ----- new ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("template", ["order-to-cash", "services", "blank"])
def test_new_from_each_template(template: str, tmp_path: Path) -> None:
    out = tmp_path / "map.cwalk"
    proc = run("new", "-o", out, "--template", template)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    doc = load(out)
    assert doc.meta.template == template
    assert (len(doc.people) == 0) == (template == "blank")
    assert str(out) in proc.stdout


def test_new_never_overwrites_a_map_without_force(tmp_path: Path) -> None:
    out = tmp_path / "map.cwalk"
    assert run("new", "-o", out, "--template", "blank").returncode == 0
    before = out.read_bytes()
    proc = run("new", "-o", out, "--template", "order-to-cash")
    assert proc.returncode == 2
    assert error_lines(proc) == [f"error: {out} already exists; use --force to overwrite it"]
    assert out.read_bytes() == before
    proc = run("new", "-o", out, "--template", "order-to-cash", "--force")
    assert proc.returncode == 0, proc.stderr
    assert load(out).meta.template == "order-to-cash"


def test_new_into_a_folder_or_an_unwritable_place(tmp_path: Path) -> None:
    proc = run("new", "-o", tmp_path, "--template", "blank")
    assert proc.returncode == 2 and len(error_lines(proc)) == 1 and "is a folder" in proc.stderr
    proc = run("new", "-o", tmp_path / "no" / "such" / "map.cwalk")
    assert proc.returncode == 2 and len(error_lines(proc)) == 1 and "does not exist" in proc.stderr
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder")
    proc = run("new", "-o", blocker / "map.cwalk")
    assert proc.returncode == 2 and len(error_lines(proc)) == 1 and "not a folder" in proc.stderr
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        proc = run("new", "-o", locked / "map.cwalk")
        if os.access(locked, os.W_OK):  # an administrator may write anyway: then the map must be whole
            assert proc.returncode == 0 and load(locked / "map.cwalk").people
        else:
            assert proc.returncode == 2 and "permission denied" in proc.stderr
            assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked", "notes.txt"]


def test_an_unknown_template_is_a_usage_error(tmp_path: Path) -> None:
    proc = run("new", "-o", tmp_path / "m.cwalk", "--template", "retail")
    assert proc.returncode == 2 and len(error_lines(proc)) == 1
    assert not (tmp_path / "m.cwalk").exists()


# ----- import-csv ----------------------------------------------------------------------------------

@pytest.mark.parametrize("roster, people, departments, handoffs", [
    ("basic_comma.csv", 6, 5, 5),
    ("basic_semicolon.csv", 6, 5, 5),
    ("basic_tab.csv", 6, 5, 5),
    ("bom_crlf.csv", 6, 5, 5),
    ("hr_orgchart.csv", 5, 3, 0),
    ("hr_names.csv", 3, 2, 0),
])
def test_import_good_rosters(
    roster: str, people: int, departments: int, handoffs: int, tmp_path: Path
) -> None:
    out = tmp_path / "imported.cwalk"
    proc = run("import-csv", FIX / roster, "-o", out)
    assert proc.returncode == 0, proc.stderr
    doc = load(out)
    assert (len(doc.people), len(doc.departments), len(doc.handoffs)) == (people, departments, handoffs)
    assert f"{len(doc.handoffs)} hand-offs" in proc.stdout
    assert all(line.startswith("warning: ") for line in proc.stderr.splitlines())


def test_hr_export_links_managers_and_warns_once_about_extra_columns(tmp_path: Path) -> None:
    out = tmp_path / "hr.cwalk"
    proc = run("import-csv", FIX / "hr_orgchart.csv", "-o", out)
    assert proc.returncode == 0
    warnings = proc.stderr.splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("warning: ") and "Start Date" in warnings[0]
    doc = load(out)
    by_id = {p.external_id: p for p in doc.people.values()}
    assert by_id["103"].name == "Noah Fischer" and by_id["103"].reports_to == by_id["102"].id


def test_every_roster_problem_is_its_own_error_line_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "bad.cwalk"
    proc = run("import-csv", FIX / "errors.csv", "-o", out)
    assert proc.returncode == 2
    errors = error_lines(proc)
    assert [e.split(":", 2)[1].strip() for e in errors] == [
        "line 5", "line 6", "line 6", "line 7", "line 7", "line 7", "line 11"]
    # a manager outside the roster (line 8) is a warning: HR exports of one team name them
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("content, words", [
    (b"", "is empty"),
    (b"ID,Position\n1,Boss\n", "no name column (found: 'ID', 'Position')"),
    (b"name;hands_off_to\nAnn;Bob;Cy\nBob;\nCy;\n", "line 2: 3 fields, but the header has 2"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "is not a text CSV file"),
    ("name,title\nJosé,Jefe\n".encode("cp1252"), "is not a text CSV file in UTF-8"),
    (b"name,hands_off_to\nAnn,Ann\n", "line 2: 'Ann' hands off to themselves"),
    (b"name,stage\nAnn,lunch\n", "line 2: unknown stage 'lunch'"),
    (b"name,kind\nAnn,robot\n", "line 2: unknown kind 'robot'"),
    (b"name,sourcing\nAnn,sideways\n", "line 2: unknown sourcing 'sideways'"),
    (b"name,hands_off_to\nAnn,Zed\n", "line 2: hands_off_to names 'Zed', who is not in the roster"),
    (b"name,title\n,Nobody\n", "line 2: no name"),
    (b'name,title,hands_off_to\n"Al\nKim",x,\nAl Kim,y,\nSam,z,Al Kim\n"Al\nKim",q,\n', None),
])
def test_each_roster_error(content: bytes, words: str | None, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes(content)
    out = tmp_path / "map.cwalk"
    proc = run("import-csv", roster, "-o", out)
    assert proc.returncode == 2
    errors = error_lines(proc)
    assert len(errors) == 1
    if words is None:  # multi-line records: the lines they start on; a name shared, space-insensitively
        assert errors[0].startswith(
            "error: line 5: hands_off_to names 'Al Kim', but 3 people have that name (lines 2, 4 and 6)")
    else:
        assert words in errors[0], errors
    assert not out.exists()


def test_import_refuses_an_existing_map_and_missing_roster(tmp_path: Path) -> None:
    out = tmp_path / "map.cwalk"
    out.write_bytes(b"precious")
    proc = run("import-csv", FIX / "basic_comma.csv", "-o", out)
    assert proc.returncode == 2 and len(error_lines(proc)) == 1 and out.read_bytes() == b"precious"
    proc = run("import-csv", FIX / "basic_comma.csv", "-o", out, "--force")
    assert proc.returncode == 0 and len(load(out).people) == 6
    proc = run("import-csv", tmp_path / "nope.csv", "-o", tmp_path / "other.cwalk")
    assert proc.returncode == 2 and "no such file" in error_lines(proc)[0]
    assert not (tmp_path / "other.cwalk").exists()


def test_headless_verbs_do_not_import_qt(tmp_path: Path) -> None:
    script = (
        "import sys, main\n"
        f"a = main.main(['new', '-o', {str(tmp_path / 'a.cwalk')!r}, '--template', 'order-to-cash'])\n"
        f"b = main.main(['import-csv', {str(FIX / 'hr_names.csv')!r}, '-o', {str(tmp_path / 'b.cwalk')!r}])\n"
        "print(a, b, sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "0 0 []"
