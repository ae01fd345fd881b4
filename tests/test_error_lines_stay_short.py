"""A damaged map that holds thousands of characters where a short word belongs (a kind, a stage,
a format number) is refused in one readable line: the bad value is quoted, cut with an ellipsis."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assets" / "example.cwalk"


def _spoil(table: str, field: str, value: Any) -> dict[str, Any]:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data[table]["1"][field] = value
    return data


@pytest.mark.parametrize(
    ("table", "field", "value", "said"),
    [
        ("people", "kind", "x" * 5000, "kind must be one of"),
        ("people", "stage", "é" * 5000, "unknown stage 'ééé"),
        ("handoffs", "stage", "<" * 3000, "unknown stage '<<<"),
        ("meta", "format", 10**400, "(401 digits)"),
    ],
)
def test_a_long_bad_value_is_quoted_short(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          table: str, field: str, value: Any, said: str) -> None:
    path = tmp_path / "damaged.cwalk"
    path.write_text(json.dumps(_spoil(table, field, value)), encoding="utf-8")
    before = path.read_bytes()
    assert main.main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and said in lines[0]
    assert len(lines[0]) < 250
    assert path.read_bytes() == before
