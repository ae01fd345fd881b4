"""A few representative cases of the command-line fuzz walk (bench/cli_fuzz.py runs them all):
odd rosters through import-csv (new, over a map, --force, --into) and odd maps through the verbs,
each run held to the contract (exit code, `error: ` lines, no traceback, nothing written on an
error, output that reads back on success)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.cli_fuzz import Walk, walk_map, walk_roster
from bench.fuzz_inputs import map_cases, roster_cases

ROSTERS = roster_cases()
MAPS = map_cases()


@pytest.mark.parametrize("case", [
    "mixed_scripts_hr", "headers_in_japanese", "headers_in_german", "windows_1252", "excel_unicode_text",
    "duplicate_people_handoff", "manager_cycle", "workbook", "header_only", "quoted_newline_in_name",
])
def test_an_odd_roster_imports_as_written_or_is_refused_cleanly(case: str, tmp_path: Path) -> None:
    walk = Walk()
    walk_roster(case, ROSTERS[case], tmp_path, walk, then_the_map=False)
    assert walk.problems == []
    assert walk.runs >= 1


@pytest.mark.parametrize("case", ["duplicate_person_id", "dangling_manager", "future_format", "truncated"])
def test_an_odd_map_is_refused_by_the_quick_verbs_and_left_alone(case: str, tmp_path: Path) -> None:
    walk = Walk()
    walk_map(case, MAPS[case], tmp_path, walk, quick=True)
    assert walk.problems == []
    assert walk.runs == 4


def test_a_map_of_emoji_cjk_arabic_and_markup_goes_through_every_verb(tmp_path: Path) -> None:
    walk = Walk()
    walk_map("emoji_cjk_arabic_text", MAPS["emoji_cjk_arabic_text"], tmp_path, walk)
    assert walk.problems == []
    assert walk.runs >= 18  # every verb, the CSV imported back, --into and import-forms
