"""One writer per map, autosave snapshots, and changes made outside the app."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gui.safety import MapGuard, lock_path_for
from model import recovery
from model.document import Document
from model.entities import Person
from model.store import load, save

HOLD_LOCK = r"""
import sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from gui.safety import MapGuard
app = QCoreApplication([])
guard = MapGuard()
assert guard.lock(Path(sys.argv[1])).acquired
print("locked", flush=True)
time.sleep(60)
"""


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(recovery.DATA_DIR_ENV, str(tmp_path / "data"))
    return tmp_path / "data"


def a_map(tmp_path: Path) -> tuple[Document, Path]:
    doc = Document.with_standard_statements()
    doc.add("person", Person("Ann"))
    path = tmp_path / "acme.cwalk"
    save(doc, path)
    return doc, path


def hold_lock_in_another_process(path: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), str(Path(__file__).parents[2])],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    return child


def test_a_map_held_by_another_instance_says_who_holds_it(qtbot, tmp_path: Path) -> None:
    _doc, path = a_map(tmp_path)
    child = hold_lock_in_another_process(path)
    try:
        result = MapGuard().lock(path)
        assert not result.acquired
        assert f"process {child.pid}" in result.holder and "Contract Walk of user" in result.holder
    finally:
        child.kill()
        child.wait()


def test_a_lock_left_by_a_killed_process_is_taken_over(qtbot, tmp_path: Path) -> None:
    _doc, path = a_map(tmp_path)
    child = hold_lock_in_another_process(path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert lock_path_for(path).exists()  # the dead process left its lock behind
    guard = MapGuard()
    assert guard.lock(path).acquired
    guard.close()
    assert not lock_path_for(path).exists()


def test_two_guards_in_one_process_exclude_each_other(qtbot, tmp_path: Path) -> None:
    _doc, path = a_map(tmp_path)
    first, second = MapGuard(), MapGuard()
    assert first.lock(path).acquired
    assert not second.lock(path).acquired
    first.close()
    assert second.lock(path).acquired
    second.close()


def test_edits_are_autosaved_to_the_data_folder_and_dropped_after_a_save(qtbot, tmp_path: Path,
                                                                         data_dir: Path) -> None:
    doc, path = a_map(tmp_path)
    before = path.read_bytes()
    guard = MapGuard(idle_ms=50)
    guard.lock(path)
    guard.attach(doc, path)
    doc.update("person", next(iter(doc.people)), name="Ann Edited")
    with qtbot.waitSignal(guard.autosaved, timeout=3000):
        pass
    snapshot = guard.snapshot_file
    assert snapshot is not None and snapshot.is_relative_to(data_dir)
    assert [p.name for p in load(snapshot).people.values()] == ["Ann Edited"]
    assert path.read_bytes() == before  # never over the user's file
    save(doc, path)
    guard.saved(path)
    assert not snapshot.exists()
    guard.close()


def test_continuous_editing_still_autosaves_within_the_interval(qtbot, tmp_path: Path) -> None:
    doc, path = a_map(tmp_path)
    guard = MapGuard(idle_ms=10_000, max_interval_s=0.2)
    guard.attach(doc, path)
    pid = next(iter(doc.people))
    deadline = time.monotonic() + 3
    while guard.snapshot_file is None or not guard.snapshot_file.exists():
        doc.update("person", pid, title=f"typing {time.monotonic()}")
        qtbot.wait(30)
        assert time.monotonic() < deadline, "no autosave while the user kept typing"
    guard.close()


def test_a_change_outside_the_app_is_noticed_but_our_own_save_is_not(qtbot, tmp_path: Path) -> None:
    doc, path = a_map(tmp_path)
    guard = MapGuard()
    guard.attach(doc, path)
    guard.saved(path)
    seen: list[str] = []
    guard.fileChangedOutside.connect(seen.append)
    save(doc, path)
    guard.saved(path)
    qtbot.wait(300)
    assert seen == []
    other = Document.with_standard_statements()
    time.sleep(0.01)
    save(other, path)  # someone else writes the file
    qtbot.waitUntil(lambda: seen == [str(path)], timeout=3000)
    path.unlink()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=3000)
    guard.close()


def test_the_lock_taken_before_opening_is_kept_while_the_map_is_open(qtbot, tmp_path: Path) -> None:
    doc, path = a_map(tmp_path)
    first = MapGuard()
    assert first.lock(path).acquired
    first.attach(doc, path)  # opening the map must not let go of its lock
    assert first.holds_lock and not MapGuard().lock(path).acquired
    other = Document.with_standard_statements()
    first.attach(other, None)  # a different (new) map: the old file is free again
    assert MapGuard().lock(path).acquired
