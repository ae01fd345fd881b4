"""Failed and killed saves: the map and its three backups survive any step going wrong.

A full disk (ENOSPC) is injected at every file operation a save makes, one save after another; a
kill is simulated at every step too (no cleanup runs after it). See tests/faults.py.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from model.document import Document
from model.entities import Person
from model.storage.atomic import STALE_TEMP_S, TEMP_TAG
from model.storage.store import BACKUPS_KEPT, MapFileError, backup_state, backups_of, load, save
from tests.faults import Faults, Killed


def version(n: int) -> Document:
    doc = Document.with_standard_statements()
    doc.add("person", Person(f"Person of version {n}"))
    doc.update_meta(title=f"version {n}")
    return doc


def map_with_backups(tmp_path: Path) -> Path:
    path = tmp_path / "acme.cwalk"
    for n in range(5):  # the map is version 4; bak1..bak3 are versions 3, 2, 1
        save(version(n), path)
    assert len(backups_of(path)) == BACKUPS_KEPT
    return path


def steps_of_a_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many file operations one clean save takes (counted on a copy)."""
    path = map_with_backups(tmp_path / "count") if (tmp_path / "count").mkdir() is None else None
    assert path is not None
    with monkeypatch.context() as patch:
        faults = Faults(patch)
        save(version(5), path)
    return faults.count


def test_a_full_disk_at_any_step_of_any_number_of_saves_leaves_the_map_and_all_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = steps_of_a_save(tmp_path, monkeypatch)
    assert steps > 8  # temp file, links for the rotation, renames: each one is tried below
    path = map_with_backups(tmp_path)
    before = backup_state(path)
    for step in range(steps):
        with monkeypatch.context() as patch:
            faults = Faults(patch, fail_at=step)
            try:
                save(version(100 + step), path)
            except MapFileError as exc:
                assert "previous file is intact" in str(exc)
            else:  # the fault hit a step that may fail (cleaning up after success): saved whole
                assert faults.failed in ("unlink", "open", "fsync"), faults.failed
                assert load(path).meta.title == f"version {100 + step}"
                for name, data in before.items():
                    assert data is not None
                    (tmp_path / name).write_bytes(data)
                for spare in tmp_path.glob(f"*{TEMP_TAG}"):  # a spare name it could not remove
                    spare.unlink()
                continue
        assert backup_state(path) == before, f"a full disk at step {step} ({faults.failed}) changed the files"
        assert not list(tmp_path.glob(f"*{TEMP_TAG}")), f"step {step} left a temporary file"
    save(version(9), path)  # and the next save that works rotates as usual
    after = backup_state(path)
    assert after["acme.cwalk.bak1"] == before["acme.cwalk"]
    assert after["acme.cwalk.bak2"] == before["acme.cwalk.bak1"]
    assert after["acme.cwalk.bak3"] == before["acme.cwalk.bak2"]


def test_a_kill_at_any_step_leaves_the_previous_map_and_every_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = steps_of_a_save(tmp_path, monkeypatch)
    for step in range(steps):
        folder = tmp_path / f"kill{step}"
        folder.mkdir()
        path = map_with_backups(folder)
        before = backup_state(path)
        with monkeypatch.context() as patch:
            Faults(patch, fail_at=step, kill=True)
            with pytest.raises(Killed):
                save(version(7), path)
        after = backup_state(path)
        assert all(data is not None for data in after.values()), f"a kill at step {step} lost a file"
        titles = {name: load(folder / name).meta.title for name in after}
        if titles["acme.cwalk"] == "version 7":  # killed after the map was replaced: a complete save
            assert after["acme.cwalk.bak1"] == before["acme.cwalk"]
        else:  # the previous map is whole, and every earlier version is still somewhere
            assert after["acme.cwalk"] == before["acme.cwalk"]
            assert set(before.values()) - {before["acme.cwalk.bak3"]} <= set(after.values())
        # what the kill left behind is swept up by a later save, once it is old enough
        for left in folder.glob(f"*{TEMP_TAG}"):
            os.utime(left, (left.stat().st_mtime - 2 * STALE_TEMP_S,) * 2)
        save(version(8), path)
        assert not list(folder.glob(f"*{TEMP_TAG}")), f"step {step}: leftovers were not cleaned"


def test_a_backup_that_cannot_be_linked_is_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some file systems (FAT, some network shares) have no hard links: the rotation copies."""
    path = map_with_backups(tmp_path)
    before = backup_state(path)

    def no_links(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    save(version(9), path)
    after = backup_state(path)
    assert after["acme.cwalk.bak1"] == before["acme.cwalk"]
    assert after["acme.cwalk.bak3"] == before["acme.cwalk.bak2"]
