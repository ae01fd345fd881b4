"""Recovered work goes only to the map it came from; locks from other computers or users are
never taken over silently; lock and owner files are private and never follow a planted link."""
from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import time
from pathlib import Path

import pytest
from canvas_fixtures import sample_map
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from test_data_safety import dead_pid, saved_map
from test_files import edit

from gui.files import map_session, recovery_dialog
from gui.files.map_guard import MapGuard, lock_path_for, owner_path_for
from gui.files.recovery_dialog import RecoveryDialog, offer_recovery
from model.storage.recovery import Autosaver, find_snapshots
from model.storage.store import load, save

FIXTURES = Path(__file__).parents[1] / "fixtures"


def crash_with_autosave(path: Path | str, name: str) -> Autosaver:
    """An autosave of `path` with an edit, left by a process that is gone."""
    changed = sample_map()
    changed.update("person", "ana", name=name)
    saver = Autosaver(Path(path))
    saver.write(changed)
    record = json.loads(saver.record.read_text("utf-8"))
    record["pid"] = dead_pid()
    saver.record.write_text(json.dumps(record), "utf-8")
    return saver


def restore_first(monkeypatch: pytest.MonkeyPatch, seen: list[str] | None = None) -> None:
    def choose_restore(dialog: RecoveryDialog) -> int:
        if seen is not None:
            seen.append(dialog.details.text())
        dialog.restore_button.click()
        return 1

    monkeypatch.setattr(RecoveryDialog, "exec", choose_restore)


# ----- 1. recovered work goes to the map it came from -----------------------------------------------
def test_recovery_started_from_another_folder_saves_only_to_the_map_it_came_from(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, other = tmp_path / "first", tmp_path / "other"
    first.mkdir()
    other.mkdir()
    mine = saved_map(first)
    monkeypatch.chdir(first)
    crash_with_autosave("walk.cwalk", "Recovered edit")  # opened as typed: a relative path
    stranger = saved_map(other)  # a different map of the same name
    stranger_bytes = stranger.read_bytes()
    monkeypatch.chdir(other)  # the app starts again, from another folder
    seen: list[str] = []
    restore_first(monkeypatch, seen)
    assert offer_recovery(window)
    assert str(mine.resolve()) in seen[0]  # the dialog says which file the work belongs to
    assert window.save()
    assert stranger.read_bytes() == stranger_bytes
    assert load(mine).people["ana"].name == "Recovered edit"


def test_an_old_record_without_a_folder_restores_as_an_unsaved_copy(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stranger = saved_map(tmp_path)
    before = stranger.read_bytes()
    saver = crash_with_autosave(stranger, "Recovered edit")
    record = json.loads(saver.record.read_text("utf-8"))
    record["map_path"] = "walk.cwalk"  # as an earlier version wrote it
    saver.record.write_text(json.dumps(record), "utf-8")
    monkeypatch.chdir(tmp_path)
    seen: list[str] = []
    restore_first(monkeypatch, seen)
    assert offer_recovery(window)
    assert "did not record its folder" in seen[0]
    assert window.path is None and window.is_modified()
    elsewhere = tmp_path / "recovered.cwalk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(elsewhere), ""))
    assert window.save()  # Save asks where
    assert stranger.read_bytes() == before and load(elsewhere).people["ana"].name == "Recovered edit"


@pytest.mark.parametrize("pick,saves_over", [(0, False), (1, True), (None, None)])
def test_a_map_changed_since_the_autosave_is_saved_over_only_when_the_user_says_so(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pick: int | None, saves_over: bool | None
) -> None:
    path = saved_map(tmp_path)
    crash_with_autosave(path, "Recovered edit")
    later = sample_map()
    later.update("person", "ana", name="Saved later, elsewhere")
    time.sleep(0.01)
    save(later, path)
    asked: list[str] = []
    monkeypatch.setattr(recovery_dialog, "choose", lambda _w, _t, text, _o: asked.append(text) or pick)
    seen: list[str] = []
    restore_first(monkeypatch, seen)
    restored = offer_recovery(window)
    assert "was changed after these edits began" in seen[0] and str(path) in asked[0]
    if saves_over is None:  # cancelled: nothing restored, the autosave is kept for later
        assert not restored and len(find_snapshots()) == 1
        return
    assert restored and window.is_modified()
    assert window.path == (path if saves_over else None)
    if saves_over:
        assert window.save() and load(path).people["ana"].name == "Recovered edit"
    else:
        assert load(path).people["ana"].name == "Saved later, elsewhere"


# ----- 5. locks ----------------------------------------------------------------------------------------
def plant_lock(path: Path, pid: int, host: str, uid: int | None = None, age_s: float = 0.0) -> Path:
    """A lock file as QLockFile writes it (pid, app, host, machine id, boot id)."""
    lock = lock_path_for(path)
    boot = Path("/proc/sys/kernel/random/boot_id")
    lock.write_text(f"{pid}\nsleep\n{host}\n\n{boot.read_text().strip() if boot.exists() else ''}\n")
    if uid is not None:
        os.chown(lock, uid, -1)
    if age_s:
        os.utime(lock, (time.time() - age_s,) * 2)
    return lock


def test_a_lock_from_another_computer_is_not_taken_over_without_asking(qtbot, window, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_map(tmp_path)
    lock = plant_lock(path, dead_pid(), "laptop-of-someone-else")  # its process number means nothing here
    planted = lock.read_bytes()
    guard = MapGuard()
    result = guard.lock(path)
    assert not result.acquired and result.elsewhere and "laptop-of-someone-else" in result.holder
    assert lock.read_bytes() == planted
    asked: list[str] = []
    monkeypatch.setattr(map_session, "choose", lambda _w, _t, text, _o: asked.append(text) or 0)
    assert window.open_path(path, ask=False) and window.read_only  # "Open Read-Only"
    assert "laptop-of-someone-else" in asked[0] and lock.read_bytes() == planted
    window.set_document(sample_map(), None)
    monkeypatch.setattr(map_session, "choose", lambda *_a: 1)  # "Take Over the Lock", knowingly
    assert window.open_path(path, ask=False) and not window.read_only
    assert str(os.getpid()) == lock.read_text().split()[0]


@pytest.fixture
def sleeper():
    """A living process: as root, of another user (65534); otherwise of this user."""
    child = subprocess.Popen(["sleep", "60"], user=65534 if os.geteuid() == 0 else None)
    time.sleep(0.05)
    yield child
    child.kill()
    child.wait()


def test_a_stale_lock_of_another_user_never_claims_a_living_process(qtbot, tmp_path: Path, sleeper) -> None:
    host = socket.gethostname()
    path = saved_map(tmp_path)
    # the lock's user died; its process number now belongs to a living process of someone else
    if os.geteuid() == 0:
        plant_lock(path, sleeper.pid, host, uid=4242)
    else:  # pragma: no cover - the init process belongs to root, never to us
        plant_lock(path, 1, host)
    guard = MapGuard()
    assert guard.lock(path).acquired
    guard.close()
    owner = 65534 if os.geteuid() == 0 else None
    # the lock's user matches, but it was written before that process started: a reused number
    plant_lock(path, sleeper.pid, host, uid=owner, age_s=3600)
    guard = MapGuard()
    assert guard.lock(path).acquired
    guard.close()
    # written by that very process, which still runs: held
    plant_lock(path, sleeper.pid, host, uid=owner)
    result = MapGuard().lock(path)
    assert not result.acquired and not result.elsewhere
    assert f"process {sleeper.pid}" in result.holder


def test_lock_and_owner_files_are_private_and_never_follow_a_planted_link(qtbot, tmp_path: Path) -> None:
    path = saved_map(tmp_path)
    victims = tmp_path / "victims"
    victims.mkdir()
    for made in (lock_path_for(path), owner_path_for(path)):
        (victims / made.name).write_text("precious")
        made.symlink_to(victims / made.name)
    old = os.umask(0)
    try:
        guard = MapGuard()
        assert guard.lock(path).acquired
    finally:
        os.umask(old)
    assert all(p.read_text() == "precious" for p in victims.iterdir())
    for made in (lock_path_for(path), owner_path_for(path)):
        info = os.lstat(made)
        assert stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600, made.name
    guard.close()


def test_a_symlinked_map_is_locked_and_saved_beside_its_target(window, tmp_path: Path) -> None:
    real = saved_map(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    link = work / "walk.cwalk"
    link.symlink_to(real)
    assert window.open_path(link, ask=False)
    assert lock_path_for(real).exists() and sorted(p.name for p in work.iterdir()) == ["walk.cwalk"]
    edit(window, "Through the link")
    assert window.save()
    assert link.is_symlink() and load(real).people["ana"].name == "Through the link"


# ----- 6. opening writes nothing ---------------------------------------------------------------------
def test_opening_an_old_format_map_in_the_app_writes_no_copy_until_it_is_saved(window,
                                                                                tmp_path: Path) -> None:
    old = tmp_path / "old.cwalk"
    shutil.copy(FIXTURES / "format-v1.cwalk", old)
    assert window.open_path(old, ask=False)
    assert not (tmp_path / "old.cwalk.v1.bak").exists()
    window.undo_stack.resetClean()
    assert window.save()
    assert (tmp_path / "old.cwalk.v1.bak").read_bytes() == (FIXTURES / "format-v1.cwalk").read_bytes()


def test_the_take_over_question_offers_its_buttons(qtbot) -> None:
    def click_take_over() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        [button] = [b for b in box.buttons() if b.text() == "Take Over"]
        button.click()

    QTimer.singleShot(50, click_take_over)
    assert map_session.choose(None, "t", "text", ["Read-Only", "Take Over"]) == 1


def test_the_settings_that_list_recent_maps_are_private(window, tmp_path: Path) -> None:
    from gui.files.file_actions import remember_recent, settings

    old = os.umask(0)
    try:
        remember_recent(saved_map(tmp_path))
    finally:
        os.umask(old)
    ini = Path(settings().fileName())
    assert stat.S_IMODE(ini.stat().st_mode) == 0o600 and stat.S_IMODE(ini.parent.stat().st_mode) == 0o700


def test_the_app_refuses_to_export_over_a_pipe(tmp_path: Path) -> None:
    from gui.files.export_runner import ExportJob, perform_export

    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        perform_export(sample_map(), ExportJob("svg", fifo))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_stale_lock_that_cannot_be_removed_names_no_living_process(qtbot, tmp_path: Path, sleeper,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import gui.files.map_guard

    path = saved_map(tmp_path)
    plant_lock(path, sleeper.pid, socket.gethostname(), uid=4242 if os.geteuid() == 0 else None,
               age_s=3600)  # its process ended; the number now belongs to another process
    monkeypatch.setattr(gui.files.map_guard, "remove_lock", lambda *_a: None)  # another user, sticky folder
    result = MapGuard().lock(path)
    assert not result.acquired and "has ended" in result.holder
    assert "Contract Walk of user" not in result.holder
