"""A map marked read-only (by the user, a sync client or a shared folder's owner) is never replaced
by a save: the rename a save ends with ignores the file's own permissions, so they are checked."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from model.entities import Person
from model.storage import store
from model.templates.catalog import build_template
from tests.cli_harness import folder_state, refused


def _read_only_map(tmp_path: Path) -> Path:
    path = tmp_path / "acme.cwalk"
    store.save(build_template("order-to-cash", people=True), path)
    store.save(store.load(path), path)  # with a backup beside it
    os.chmod(path, 0o444)
    return path


def test_a_save_over_a_read_only_map_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    path = _read_only_map(tmp_path)
    before = folder_state(tmp_path)
    doc = store.load(path)
    doc.add("person", Person(name="Late"))
    with pytest.raises(store.MapFileError, match="marked read-only.*nothing was written"):
        store.save(doc, path)
    assert folder_state(tmp_path) == before


def test_the_command_line_refuses_to_write_a_read_only_map(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    path = _read_only_map(tmp_path)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,department\nAnn <&> 李,Sales\n", "utf-8")
    (tmp_path / "data").mkdir()
    before = folder_state(tmp_path)
    assert "acme.cwalk: the file is marked read-only" in refused("import-csv", roster, "-o", path, "--into")
    assert "marked read-only" in refused("new", "-o", path, "--force")
    assert folder_state(tmp_path) == before


def test_a_writable_map_still_saves(tmp_path: Path) -> None:
    path = _read_only_map(tmp_path)
    os.chmod(path, 0o644)
    store.save(store.load(path), path)
    assert os.stat(path).st_mode & 0o777 == 0o644
