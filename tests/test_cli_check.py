"""`main.py check MAP [--json]` as a user runs it: a real process on a saved map."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from model.analysis.insights import KIND_ORDER
from model.stages import STAGE_IDS
from model.storage.store import save
from tests.analysis_maps import MapBuilder

ROOT = Path(__file__).resolve().parent.parent


def run_check(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=ROOT, env=env,
    )


def clean_map() -> MapBuilder:
    """A map with nothing to find: every stage covered, no way through one person only."""
    m = MapBuilder()
    m.dept("Team")
    m.customer("Acme")
    for stage in STAGE_IDS:
        m.person(f"P-{stage}", "Team", stage=stage)
        m.hand(f"P-{stage}", "Acme", stage=stage, what="their part")
    return m


def problem_map() -> MapBuilder:
    m = MapBuilder()
    m.person("Dana Lee", "Legal", stage="contract", story=False)
    m.person("Omar", "Engineering", stage="specify", contacts=("2024-01-01",))
    m.person("Zoë 😀", "Engineering", stage="build")
    m.customer("Acme")
    m.chain("Dana Lee", "Omar", "Zoë 😀", "Acme")
    m.person("Roster", placed=False)
    m.you("Dana Lee")
    return m


def test_clean_map_exits_0_with_no_findings(tmp_path):
    path = tmp_path / "clean.cwalk"
    save(clean_map().doc, path)
    text = run_check(str(path))
    assert text.returncode == 0, text.stderr
    assert "Findings: none" in text.stdout and text.stderr == ""
    data = run_check(str(path), "--json")
    assert data.returncode == 0
    parsed = json.loads(data.stdout)
    assert parsed["findings"] == [] and len(parsed["walk"]) == 11


def test_findings_are_not_errors_and_json_has_the_contract_shape(tmp_path):
    path = tmp_path / "problems.cwalk"
    save(problem_map().doc, path)
    result = run_check(str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"walk", "findings", "stats"} <= set(data)
    assert [w["person"] for w in data["walk"]] == ["Dana Lee", "Omar", "Zoë 😀", "Acme"]
    assert [w["step"] for w in data["walk"]] == [1, 2, 3, 4]
    assert data["walk"][0]["stage"] == "contract"
    found = {f["kind"] for f in data["findings"]}
    assert {"cross_department_handoff", "single_point_of_failure", "missing_story", "stale_contact",
            "unplaced", "missing_stage"} <= found
    for f in data["findings"]:
        assert f["kind"] in KIND_ORDER and f["severity"] in ("high", "medium", "low")
        assert isinstance(f["message"], str)
        assert all(isinstance(p, str) for p in f["people"])
        assert all(s in STAGE_IDS for s in f["stages"])
    assert data["stats"]["people"] == 5 and data["stats"]["unplaced"] == 1
    assert data["you"]["person"] == "Dana Lee"


def test_text_output_and_stale_days_option(tmp_path):
    path = tmp_path / "problems.cwalk"
    save(problem_map().doc, path)
    result = run_check(str(path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "  1. Dana Lee (Legal), Contract [you]" in out
    assert "Single points of failure (2):" in out and "For you (Dana Lee):" in out
    # Omar was last contacted in 2024: stale at 90 days, not at 100,000
    found = json.loads(run_check(str(path), "--json").stdout)["findings"]
    stale = [f for f in found if f["kind"] == "stale_contact"]
    assert any("Omar" in f["people"] for f in stale)
    wide = json.loads(run_check(str(path), "--json", "--stale-days", "100000").stdout)
    assert not any("Omar" in f["people"] for f in wide["findings"] if f["kind"] == "stale_contact")


@pytest.mark.parametrize("content", [b"", b"{not json", b"\x00\xff\xfe garbage", b'{"people": {"1": 5}}'])
def test_damaged_map_exits_2_with_an_error_line(tmp_path, content):
    path = tmp_path / "bad.cwalk"
    path.write_bytes(content)
    result = run_check(str(path), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert path.read_bytes() == content  # nothing was changed


def test_missing_map_and_bad_option_exit_2(tmp_path):
    result = run_check(str(tmp_path / "nowhere.cwalk"))
    assert result.returncode == 2 and result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    path = tmp_path / "ok.cwalk"
    save(clean_map().doc, path)
    result = run_check(str(path), "--stale-days", "0")
    assert result.returncode == 2 and result.stderr.startswith("error: ")


def test_hostile_names_print_without_error(tmp_path):
    m = MapBuilder()
    m.person("A", "Ops", name="Lone \ud800 surrogate\x00\n<&>")
    m.customer("Z", name="علي")
    m.hand("A", "Z")
    path = tmp_path / "hostile.cwalk"
    save(m.doc, path)
    for extra in ((), ("--json",)):
        result = run_check(str(path), *extra)
        assert result.returncode == 0, result.stderr
        assert "علي" in result.stdout and "Traceback" not in result.stderr
