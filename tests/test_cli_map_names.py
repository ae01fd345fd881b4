"""A new map is never written under another kind of file's name: `import-csv staff.csv -o staff.csv`'s
cousin `-o out.csv` made a map named .csv, which the next import read as a roster and refused, and a
spreadsheet app opened as garbage. Names the user chose freely (no suffix, 'acme.v2') stay maps."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.storage.store import load
from tests.cli_harness import EXAMPLE, folder_state, refused, run

ROSTER = "name,title,department\nAnn,Sales lead,Sales\nBob,Counsel,Legal\n"


@pytest.mark.parametrize("name", ["team.csv", "team.XLSX", "playbook.pdf", "map.png", "walk.graphml",
                                  "notes.txt", ".csv"])
def test_a_new_map_under_another_kinds_name_is_refused(name: str, tmp_path: Path) -> None:
    roster = tmp_path / "staff.csv"
    roster.write_text(ROSTER)
    before = folder_state(tmp_path)
    said = refused("import-csv", roster, "-o", tmp_path / name)
    assert f"{name} is the name of" in said and "a map is saved as a .cwalk file" in said, said
    assert Path(name).stem + ".cwalk" in said
    said = refused("new", "-o", tmp_path / name)
    assert "not of a map" in said
    assert folder_state(tmp_path) == before


def test_merge_output_under_another_kinds_name_is_refused(tmp_path: Path) -> None:
    maps = [tmp_path / f"{n}.cwalk" for n in ("base", "ours", "theirs")]
    for m in maps:
        m.write_bytes(EXAMPLE.read_bytes())
    before = folder_state(tmp_path)
    assert "not of a map" in refused("merge", *maps, "-o", tmp_path / "merged.csv")
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("name", ["team", "team.v2", "team.cwalk", "Team.CWALK"])
def test_names_of_the_users_choosing_still_make_maps(name: str, tmp_path: Path) -> None:
    roster = tmp_path / "staff.csv"
    roster.write_text(ROSTER)
    assert run("import-csv", roster, "-o", tmp_path / name).returncode == 0
    assert [p.name for p in load(tmp_path / name).people.values()] == ["Ann", "Bob"]


def test_merging_into_an_existing_map_of_any_name_still_works(tmp_path: Path) -> None:
    """A map an older version saved as team.csv can still take a roster with --into."""
    roster = tmp_path / "staff.csv"
    roster.write_text(ROSTER)
    old = tmp_path / "team.csv"
    old.write_bytes(EXAMPLE.read_bytes())
    assert run("import-csv", roster, "-o", old, "--into").returncode == 0
    assert {"Ann", "Bob"} <= {p.name for p in load(old).people.values()}
