"""A map whose format version is a whole number the app never wrote (0, -1, a 400-digit
negative) is damaged, and the message says what is wrong with it: calling 0 or -1 'not a
whole number' misled. Text or a fraction still is not a whole number."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_harness import EXAMPLE, folder_state, refused


@pytest.mark.parametrize("version,said", [
    (0, "its format version is 0; maps are numbered from format 1"),
    (-1, "its format version is -1; maps are numbered from format 1"),
    (-(10 ** 40), "its format version is -10000000000… (42 digits); maps are numbered from format 1"),
    ("3", "its format version '3' is not a whole number"),
    (2.5, "its format version '2.5' is not a whole number"),
])
def test_a_format_version_the_app_never_wrote_is_named(tmp_path: Path, version: object, said: str) -> None:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["meta"]["1"]["format"] = version
    (tmp_path / "odd.cwalk").write_text(json.dumps(data), "utf-8")
    before = folder_state(tmp_path)
    assert refused("check", "odd.cwalk", cwd=tmp_path) == f"odd.cwalk is damaged ({said})"
    assert folder_state(tmp_path) == before
