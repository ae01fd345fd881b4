"""Every verb that reads a map, given a map damaged in every way we could think of: each one
refuses it with one clear line, exit 2, and neither the map nor anything beside it changes."""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli_harness import EXAMPLE, folder_state, refused, run

GOOD = EXAMPLE.read_text("utf-8")


def _mangled(change: Callable[[dict[str, Any]], object]) -> bytes:
    data = json.loads(GOOD)
    change(data)
    return json.dumps(data).encode()


def _person(data: dict[str, Any]) -> dict[str, Any]:
    return next(iter(data["people"].values()))


def _first_pos(value: str) -> bytes:
    """The example with its first position's x written as `value` (JSON's own spelling)."""
    return re.sub(r'"pos": \[\s*[-0-9.]+', f'"pos": [{value}', GOOD, count=1).encode()


DAMAGED: dict[str, tuple[bytes, str]] = {
    "truncated": (GOOD.encode()[: len(GOOD) // 2], "not complete JSON"),
    "not_json": (b"hello world", "not complete JSON"),
    "empty": (b"", "is empty"),
    "utf16": (GOOD.encode("utf-16"), "not complete JSON"),
    "deeply_nested": (b"[" * 100_000 + b"]" * 100_000, "not complete JSON"),
    "a_list": (b"[1, 2, 3]", "not a Contract Walk map"),
    "null": (b"null", "not a Contract Walk map"),
    "no_tables": (b"{}", "not a Contract Walk map"),
    "tables_of_strings": (b'{"meta": {"1": "x"}, "people": {"1": "x"}}', "not a Contract Walk map"),
    "future_format": (_mangled(lambda d: d["meta"]["1"].update(format=99)), "saved by a newer Contract Walk"),
    "huge_format": (_mangled(lambda d: d["meta"]["1"].update(format=10**400)), "newer Contract Walk"),
    "format_as_text": (_mangled(lambda d: d["meta"]["1"].update(format="3")), "is not a whole number"),
    "nan_position": (_first_pos("NaN"), "position out of range"),
    "infinite_position": (_first_pos("-Infinity"), "position out of range"),
    "overflowing_position": (_first_pos("1e999"), "position out of range"),
    "position_of_text": (_mangled(lambda d: _person(d).update(pos=["a", "b"])), "a position is two finite"),
    "name_a_number": (_mangled(lambda d: _person(d).update(name=5)), "name must be text"),
    "unknown_stage": (_mangled(lambda d: _person(d).update(stage="mars")), "unknown stage 'mars'"),
    "escape_in_stage": (_mangled(lambda d: _person(d).update(stage="\x1b]0;owned\x07")), "unknown stage"),
    "unknown_department": (_mangled(lambda d: _person(d).update(department_id="x")), "department is not in"),
    "handoff_to_nobody": (_mangled(lambda d: next(iter(d["handoffs"].values())).update(target="x")),
                          "a hand-off joins two people"),
    "story_a_list": (_mangled(lambda d: _person(d).update(story=[1])), "'story' is broken"),
    "two_meta_records": (_mangled(lambda d: d["meta"].update({"2": d["meta"]["1"]})), "missing or doubled"),
    "bad_outreach_date": (_mangled(lambda d: _person(d).update(
        outreach=[{"id": "1", "date": "2026-13-45", "channel": "call", "note": ""}])), "2026-13-45"),
}

# verb -> its arguments around the map (OUT is a file in the map's folder)
VERBS: dict[str, Callable[[Path], list[str | Path]]] = {
    "check": lambda m: ["check", m],
    "check-json": lambda m: ["check", m, "--json"],
    "what-if": lambda m: ["what-if", m, "--leaves", "Tom Becker"],
    "export-pdf": lambda m: ["export", m, "--pdf", m.parent / "out.pdf"],
    "export-svg": lambda m: ["export", m, "--svg", m.parent / "out.svg"],
    "export-csv-stdout": lambda m: ["export", m, "--csv", "-"],
    "show": lambda m: ["show", m],
    "diff": lambda m: ["diff", EXAMPLE, m],
    "merge": lambda m: ["merge", EXAMPLE, EXAMPLE, m, "-o", m.parent / "merged.cwalk"],
    "import-into": lambda m: ["import-csv", m.parent / "r.csv", "-o", m, "--into"],
    "story-form": lambda m: ["story-form", m, "--person", "Tom Becker", "-o", m.parent / "form.pdf"],
}


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_a_damaged_map_is_refused_by_check_and_export(case: str, tmp_path: Path) -> None:
    data, expected = DAMAGED[case]
    mapfile = tmp_path / "damaged.cwalk"
    mapfile.write_bytes(data)
    before = folder_state(tmp_path)
    for verb in ("check", "export-pdf"):
        said = refused(*VERBS[verb](mapfile))
        assert expected in said, (verb, said)
        assert "damaged.cwalk" in said and said.count("damaged.cwalk") == 1, said  # named once
        assert "\x1b" not in said and len(said.splitlines()) == 1
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_every_verb_refuses_a_truncated_map_and_writes_nothing(verb: str, tmp_path: Path) -> None:
    mapfile = tmp_path / "damaged.cwalk"
    mapfile.write_bytes(DAMAGED["truncated"][0])
    (tmp_path / "r.csv").write_text("name\nAnn\n")
    before = folder_state(tmp_path)
    assert "not complete JSON" in refused(*VERBS[verb](mapfile))
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("what", ["folder", "fifo", "dangling_link", "missing"])
def test_a_map_that_is_no_file_is_refused(what: str, tmp_path: Path) -> None:
    target = tmp_path / "odd.cwalk"
    if what == "folder":
        target.mkdir()
    elif what == "fifo":
        os.mkfifo(target)  # reading it would block forever
    elif what == "dangling_link":
        target.symlink_to(tmp_path / "gone.cwalk")
    before = folder_state(tmp_path)
    for verb in ("check", "export-svg", "show", "what-if"):
        said = refused(*VERBS[verb](target))
        assert "odd.cwalk" in said
    assert folder_state(tmp_path) == before


def test_a_map_behind_a_link_is_read_and_the_link_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.cwalk"
    real.write_text(GOOD, "utf-8")
    link = tmp_path / "link.cwalk"
    link.symlink_to(real)
    assert run("check", link).returncode == 0
    assert run("export", link, "--svg", tmp_path / "x.svg").returncode == 0
    assert link.is_symlink() and real.read_text("utf-8") == GOOD


def test_show_and_diff_never_send_a_maps_control_characters_to_the_terminal(tmp_path: Path) -> None:
    data = json.loads(GOOD)
    person = _person(data)
    person["name"] = "Maya\x1b[31m red\u202eevil\x00"
    person["title"] = "t\x1b]0;owned\x07"
    hostile = tmp_path / "hostile.cwalk"
    hostile.write_text(json.dumps(data), "utf-8")
    for args in (["show", hostile], ["diff", EXAMPLE, hostile], ["diff", hostile, EXAMPLE]):
        proc = run(*args)
        assert proc.returncode == 0
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", proc.stdout), args
        assert "Maya\\x1b[31m red\\u202eevil\\x00" in proc.stdout  # shown, so a diff still tells
        assert "t\\x1b]0;owned\\x07" in proc.stdout


def test_merge_prints_a_conflict_about_hostile_text_escaped(tmp_path: Path) -> None:
    def titled(title: str) -> Path:
        data = json.loads(GOOD)
        _person(data)["title"] = title
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.cwalk"
        path.write_text(json.dumps(data), "utf-8")
        return path

    base, ours, theirs = titled("Sales"), titled("ours\x1b[2J"), titled("theirs\x1b[2J")
    proc = run("merge", base, ours, theirs, "-o", tmp_path / "merged.cwalk", allowed=(1,))
    assert "\x1b" not in proc.stdout and "ours\\x1b[2J" in proc.stdout


def test_error_lines_show_names_from_files_escaped(tmp_path: Path) -> None:
    """Department and file names come from files anyone could write: an error line quoting them
    shows their control codes instead of sending them to the terminal."""
    data = json.loads(GOOD)
    next(iter(data["departments"].values()))["name"] = "Sales\x1b[31m\u202e"
    mapfile = tmp_path / "dept.cwalk"
    mapfile.write_text(json.dumps(data), "utf-8")
    said = refused("export", mapfile, "--pdf", tmp_path / "d.pdf", "--department", "Nowhere")
    assert "its departments are: Sales\\x1b[31m\\u202e, " in said and "\x1b" not in said
    odd = tmp_path / "bad\x1b]0;t\x07name\nerror: fake.cwalk"
    odd.write_bytes(b"x")
    said = refused("check", odd)
    assert said.startswith("bad\\x1b]0;t\\x07name") and "fake.cwalk is damaged" in said
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", said)  # each line still an `error:` line (run checks)


def test_roster_warnings_show_its_text_escaped_and_counts_read_right(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("name,title,a\x1bb\nAnn,x,y\n", "utf-8")
    proc = run("import-csv", tmp_path / "r.csv", "-o", tmp_path / "m.cwalk")
    assert proc.stderr == "warning: kept 1 column as an extra field: 'a\\x1bb'\n"
    assert proc.stdout.endswith(": 1 colleague, 0 customers, 0 departments, 0 hand-offs\n")


@pytest.mark.parametrize("name", ["staff.csv", "Staff.XLSX", "staff.cwalk"])
def test_a_roster_given_as_a_map_is_named_a_roster_with_how_to_import_it(name: str, tmp_path: Path) -> None:
    """`check staff.csv`, a common slip: said to be a roster, with the command that makes a map of
    it (a workbook is known by its zip signature under any name); nothing is written."""
    roster = tmp_path / name
    roster.write_bytes(b"PK\x03\x04 a workbook" if name != "staff.csv" else b"name,title\nAnn,Buyer\n")
    before = folder_state(tmp_path)
    said = refused("check", str(roster))
    assert "looks like a roster" in said and f"import-csv {name} -o" in said
    assert folder_state(tmp_path) == before


def test_a_damaged_map_is_not_called_a_roster(tmp_path: Path) -> None:
    mapfile = tmp_path / "walk.cwalk"
    mapfile.write_bytes(b"name,title\nAnn,Buyer\n")
    said = refused("check", str(mapfile))
    assert "not complete JSON" in said and "roster" not in said
