"""A map in a synced folder (Dropbox, OneDrive): the file marked read-only, or replaced under the
open app by the sync client. Each: a clear message, nothing lost, nothing half-written."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from canvas_fixtures import sample_map

from model.entities import Person
from model.storage.store import backup_path, load, save


def test_saving_over_a_read_only_map_says_so_and_keeps_both(window, tmp_path: Path, boxes) -> None:
    path = tmp_path / "team.cwalk"
    save(sample_map(), path)
    assert window.open_path(path, ask=False)
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # the sync client (or the user) marked it
    before = path.read_bytes()
    window.document.add("person", Person(name="New <&> 李"))
    assert not window.save()  # Save As is offered instead (cancelled here): nothing is written
    assert any("read-only on disk" in text and "as a new file" in text for text in boxes["question"])
    assert path.read_bytes() == before and not backup_path(path, 1).exists()
    assert any(p.name == "New <&> 李" for p in window.document.people.values())  # the edit is still here
    os.chmod(path, 0o644)
    window.undo_stack.setClean()


def test_a_map_replaced_under_the_app_is_asked_about_and_its_version_kept_in_a_backup(
        window, qtbot, tmp_path: Path, boxes) -> None:
    path = tmp_path / "team.cwalk"
    save(sample_map(), path)
    assert window.open_path(path, ask=False)
    theirs = sample_map()
    theirs.add("person", Person(name="Added on the laptop"))
    incoming = tmp_path / ".team.cwalk.sync-tmp"
    save(theirs, incoming, backups=0)
    os.replace(incoming, path)  # how a sync client puts a new version in place
    replaced = path.read_bytes()
    qtbot.waitUntil(lambda: any("changed by another program" in t for t in boxes["question"]), timeout=10_000)
    # the default answer is No: keep ours; saving then keeps the other version as a backup
    assert window.save()
    assert backup_path(path, 1).read_bytes() == replaced
    assert any(p.name == "Added on the laptop" for p in load(backup_path(path, 1)).people.values())
