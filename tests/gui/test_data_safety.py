"""The whole app keeps the user's work: one writer per map, recovery after a crash, backups,
full disks and files changed behind its back."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from canvas_fixtures import sample_map
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from test_files import edit

from gui.files.recovery_dialog import RecoveryDialog, offer_recovery, open_backup
from gui.main_window import MainWindow
from model.storage.recovery import Autosaver, find_snapshots
from model.storage.serialize import to_data
from model.storage.store import backups_of, load, save

SB = QMessageBox.StandardButton


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def saved_map(tmp_path: Path) -> Path:
    path = tmp_path / "walk.cwalk"
    save(sample_map(), path)
    return path


def test_a_second_window_on_the_same_map_is_read_only_and_saves_elsewhere(window, qtbot, tmp_path, boxes,
                                                                          monkeypatch):
    path = saved_map(tmp_path)
    assert window.open_path(path, ask=False) and not window.read_only
    second = MainWindow()
    qtbot.addWidget(second)
    boxes["state"]["answer"] = QMessageBox.StandardButton.Open
    assert second.open_path(path, ask=False)
    assert second.read_only and "[read-only]" in second.windowTitle()
    assert any("read-only" in text and "process" in text for text in boxes["question"])
    before = path.read_bytes()
    edit(second, "Changed in the second window")
    elsewhere = tmp_path / "copy.cwalk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(elsewhere), ""))
    assert second.save()  # Save on a read-only map asks where instead
    assert path.read_bytes() == before
    assert load(elsewhere).people["ana"].name == "Changed in the second window"
    second.undo_stack.setClean()
    second.close()


def test_after_a_crash_the_autosave_is_offered_and_restores_as_unsaved(window, tmp_path, monkeypatch):
    path = saved_map(tmp_path)
    original = path.read_bytes()
    changed = sample_map()
    changed.update("person", "ana", name="Typed before the crash")
    saver = Autosaver(path)
    saver.write(changed)
    record = json.loads(saver.record.read_text("utf-8"))
    record["pid"] = dead_pid()
    saver.record.write_text(json.dumps(record), "utf-8")
    found = find_snapshots()
    assert len(found) == 1

    def choose_restore(dialog: RecoveryDialog) -> int:
        assert "walk.cwalk" in dialog.list.item(0).text()
        dialog.restore_button.click()
        return 1

    monkeypatch.setattr(RecoveryDialog, "exec", choose_restore)
    assert offer_recovery(window)
    assert window.document.people["ana"].name == "Typed before the crash"
    assert window.path == path and window.is_modified()
    assert f"writes it to {path}" in window.statusBar().currentMessage()  # says where Save puts it
    assert path.read_bytes() == original  # nothing written until the user saves
    assert find_snapshots() == []  # the crashed run's snapshot is now this window's own autosave
    assert window.save()
    assert load(path).people["ana"].name == "Typed before the crash"


def test_discarding_an_autosave_removes_it(window, tmp_path, monkeypatch):
    saver = Autosaver(None)
    saver.write(sample_map())
    record = json.loads(saver.record.read_text("utf-8"))
    record["pid"] = dead_pid()
    saver.record.write_text(json.dumps(record), "utf-8")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: SB.Yes)
    monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: dialog.discard_button.click())
    before = to_data(window.document)
    assert not offer_recovery(window)
    assert find_snapshots(orphaned_only=False) == []
    assert to_data(window.document) == before


def test_a_backup_opens_as_an_unsaved_copy(window, tmp_path, monkeypatch):
    path = saved_map(tmp_path)
    assert window.open_path(path, ask=False)
    edit(window, "Second version")
    assert window.save()
    edit(window, "Third version")
    assert window.save()
    assert [load(p).people["ana"].name for p in backups_of(path)] == ["Second version", "Ana Seller"]
    picked = {}

    def pick_second(dialog: QDialog) -> int:
        from PySide6.QtWidgets import QListWidget

        lst = dialog.findChild(QListWidget)
        picked["rows"] = lst.count()
        lst.setCurrentRow(1)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", pick_second)
    assert open_backup(window)
    assert picked["rows"] == 2
    assert window.document.people["ana"].name == "Ana Seller" and window.is_modified()
    assert load(path).people["ana"].name == "Third version"


def test_a_full_disk_keeps_the_map_in_memory_and_the_file_intact(window, tmp_path, boxes, monkeypatch):
    path = saved_map(tmp_path)
    assert window.open_path(path, ask=False)
    before = path.read_bytes()
    edit(window, "Unsaved on a full disk")

    def full(*_a: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert not window.save()
    assert any("disk is full" in text for text in boxes["critical"])
    assert path.read_bytes() == before and window.is_modified()
    assert window.document.people["ana"].name == "Unsaved on a full disk"
    monkeypatch.undo()
    assert window.save_as(tmp_path / "elsewhere.cwalk")
    assert load(tmp_path / "elsewhere.cwalk").people["ana"].name == "Unsaved on a full disk"


@pytest.mark.parametrize("obstacle", ["folder", "missing-folder"])
def test_saving_where_a_file_cannot_go_is_reported(window, tmp_path, boxes, obstacle):
    target = tmp_path / "taken.cwalk"
    if obstacle == "folder":
        target.mkdir()
    else:
        target = tmp_path / "no" / "such" / "walk.cwalk"
    edit(window)
    assert not window.save_as(target)
    assert boxes["critical"] and window.is_modified()


def test_a_map_deleted_or_changed_outside_the_app_is_reported_and_kept(window, qtbot, tmp_path, boxes,
                                                                       monkeypatch):
    path = saved_map(tmp_path)
    assert window.open_path(path, ask=False)
    other = sample_map()
    other.update("person", "ana", name="Written by someone else")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: SB.No)
    save(other, path, backups=0)
    qtbot.waitUntil(lambda: window.is_modified(), timeout=3000)  # kept ours: saving will replace theirs
    assert window.document.people["ana"].name == "Ana Seller"
    path.unlink()
    qtbot.waitUntil(lambda: any("deleted or moved" in t for t in boxes["warning"]), timeout=3000)
    assert window.document.people["ana"].name == "Ana Seller"
    assert window.save() and load(path).people["ana"].name == "Ana Seller"


def test_reloading_a_map_changed_outside(window, qtbot, tmp_path, monkeypatch):
    path = saved_map(tmp_path)
    assert window.open_path(path, ask=False)
    other = sample_map()
    other.update("person", "ana", name="Written by someone else")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: SB.Yes)
    save(other, path, backups=0)
    qtbot.waitUntil(lambda: window.document.people["ana"].name == "Written by someone else", timeout=3000)
    assert not window.is_modified()
