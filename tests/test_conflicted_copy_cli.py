"""A command writing a map that a cloud drive left a conflicted copy beside says so once on stderr
(stdout unchanged) and leaves the copy alone: its changes wait to be merged in the app."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_harness import run


def test_a_conflicted_copy_beside_the_map_is_mentioned_and_left_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "team.cwalk"
    assert run("new", "-o", path).returncode == 0
    roster = tmp_path / "roster.csv"
    roster.write_text("name,department\nAnn,Sales\n", "utf-8")
    quiet = run("import-csv", roster, "-o", path, "--into")
    assert quiet.returncode == 0 and not quiet.stderr
    copy = tmp_path / "team (Ana's conflicted copy 2026-12-01).cwalk"
    shutil.copy(path, copy)
    kept = copy.read_bytes()
    roster.write_text("name,department\nAnn,Sales\nBo,Sales\n", "utf-8")
    proc = run("import-csv", roster, "-o", path, "--into")
    assert proc.returncode == 0 and proc.stdout.startswith("merged roster.csv into")
    assert proc.stderr.startswith(f"warning: {copy.name} beside team.cwalk looks like a copy a cloud drive")
    assert proc.stderr.endswith("open the map in the app to merge them in\n") and proc.stderr.count("\n") == 1
    assert copy.read_bytes() == kept
