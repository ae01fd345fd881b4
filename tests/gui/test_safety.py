"""One writer per map, autosave snapshots, and changes made outside the app."""
from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import threading
import time
import weakref
from pathlib import Path

import pytest

from gui.files.map_guard import MapGuard, lock_path_for
from gui.jobs import main_thread_gc
from model.document import Document
from model.entities import Person
from model.storage import recovery
from model.storage.store import MapFileError, load, save

HOLD_LOCK = r"""
import sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from gui.files.map_guard import MapGuard
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


# ----- autosave in the background ---------------------------------------------------------------
class BlockedWrites:
    """Autosaver.write that records which thread wrote which title, and can be held back."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.release = threading.Event()
        self.release.set()
        self.started = threading.Event()
        self.log: list[tuple[str, str]] = []  # (thread name, title written)
        real = recovery.Autosaver.write

        def write(saver: recovery.Autosaver, snap, *more):  # type: ignore[no-untyped-def]
            self.started.set()
            assert self.release.wait(10)
            out = real(saver, snap, *more)
            title = snap.meta.title if isinstance(snap, Document) else snap.title  # a snapshot Document
            self.log.append((threading.current_thread().name, title))
            return out

        monkeypatch.setattr(recovery.Autosaver, "write", write)


def guarded_map(tmp_path: Path) -> tuple[Document, Path, MapGuard]:
    doc, path = a_map(tmp_path)
    guard = MapGuard(idle_ms=10_000)
    guard.attach(doc, path)
    return doc, path, guard


def test_an_autosave_snapshots_on_the_gui_thread_and_writes_on_another(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes = BlockedWrites(monkeypatch)
    writes.release.clear()
    doc, _path, guard = guarded_map(tmp_path)
    doc.update_meta(title="first")
    assert guard.autosave_now(wait=False) and guard.writing
    doc.update_meta(title="second")  # an edit while the snapshot is written: not in this snapshot
    writes.release.set()
    with qtbot.waitSignal(guard.autosaved, timeout=5000):
        pass
    assert not guard.writing
    assert [title for _t, title in writes.log] == ["first"]
    assert writes.log[0][0] != threading.main_thread().name
    assert load(guard.snapshot_file).meta.title == "first"
    guard.close()


def test_autosaves_never_overlap_and_a_later_snapshot_is_never_overwritten(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes = BlockedWrites(monkeypatch)
    writes.release.clear()
    doc, _path, guard = guarded_map(tmp_path)
    for title in ("one", "two", "three"):
        doc.update_meta(title=title)
        assert guard.autosave_now(wait=False)
        assert writes.started.wait(5)  # "one" is being written; the others wait behind it
    writes.release.set()
    assert guard.finish_writes()
    # "two" was replaced by "three" before it started; nothing older comes after something newer
    assert [title for _t, title in writes.log] == ["one", "three"]
    assert load(guard.snapshot_file).meta.title == "three"
    guard.close()


def test_a_guard_destroyed_mid_write_gives_back_its_hold_on_the_collector(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A window deleted without closing (its guard never detached) while an autosave is being
    written must not leave the collector pinned for good."""
    import shiboken6

    qtbot.waitUntil(lambda: main_thread_gc.holders() == 0, timeout=10000)
    writes = BlockedWrites(monkeypatch)
    writes.release.clear()
    doc, _path, guard = guarded_map(tmp_path)
    doc.update_meta(title="edited")
    assert guard.autosave_now(wait=False) and main_thread_gc.holders() == 1
    writes.release.set()
    shiboken6.delete(guard)  # gone before its poll timer could see the write end
    assert main_thread_gc.holders() == 0 and gc.isenabled()


@pytest.mark.parametrize("how", ["saved", "mark_clean", "close", "attach another"])
def test_saving_or_closing_waits_for_the_write_so_no_stale_autosave_is_left(qtbot, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch,
                                                                          how: str) -> None:
    writes = BlockedWrites(monkeypatch)
    writes.release.clear()
    doc, path, guard = guarded_map(tmp_path)
    doc.update_meta(title="edited")
    guard.autosave_now(wait=False)
    snapshot = guard.snapshot_file
    assert writes.started.wait(5)
    threading.Timer(0.3, writes.release.set).start()  # the write ends while the GUI waits for it
    if how == "saved":
        save(doc, path)
        guard.saved(path)
    elif how == "mark_clean":
        guard.mark_clean()
    elif how == "close":
        guard.close()
    else:
        guard.attach(Document.with_standard_statements(), None)
    assert writes.log == [(writes.log[0][0], "edited")]  # it was written, then dropped
    qtbot.wait(100)
    if how == "attach another":
        assert snapshot.exists()  # switching maps keeps the old map's autosave, as before
    else:
        assert not snapshot.exists() and not snapshot.with_suffix(".json").exists()
        assert recovery.find_snapshots(orphaned_only=False) == []
    guard.close()


def test_a_failed_background_autosave_is_reported_as_before_and_retried(qtbot, tmp_path: Path,
                                                                        data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "autosave").write_text("a file where the autosave folder should be")
    doc, path, guard = guarded_map(tmp_path)
    doc.update_meta(title="edited")
    try:
        recovery.Autosaver(path).write(doc)
    except (MapFileError, OSError) as exc:
        expected = f"Autosave failed: {exc}"
    failures: list[str] = []
    guard.autosaveFailed.connect(failures.append)
    assert guard.autosave_now(wait=False)  # handed over
    qtbot.waitUntil(lambda: failures == [expected], timeout=5000)
    assert not guard.autosave_now(wait=True)  # the edits are still unsaved: it tries again, and says so
    assert failures == [expected, expected]
    guard.close()


# ----- the cyclic collector, pinned to the GUI thread for the app's whole life --------------------
class _Node:
    me: object = None


def test_a_cycle_in_the_oldest_generation_is_freed_while_collection_is_pinned(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    qtbot.waitUntil(lambda: main_thread_gc.holders() == 0, timeout=10000)  # earlier workers are done
    monkeypatch.setattr(main_thread_gc, "INTERVAL_MS", 20)
    monkeypatch.setattr(main_thread_gc, "FULL_EVERY_S", 0.0)
    busy = [True]
    monkeypatch.setattr(main_thread_gc, "_user_busy", lambda: busy[0])
    main_thread_gc.hold()  # as the app does for its whole life
    try:
        node = _Node()
        node.me = node
        ref = weakref.ref(node)
        gc.collect(1)
        gc.collect(1)
        assert any(o is node for o in gc.get_objects(generation=2))
        del node
        gc.collect(1)  # all the timer used to do: the cycle in the oldest generation stays
        assert ref() is not None
        before = main_thread_gc.full_collections()
        qtbot.wait(300)  # many ticks, but the user is busy (a drag): no full collection yet
        assert ref() is not None and main_thread_gc.full_collections() == before
        busy[0] = False
        qtbot.waitUntil(lambda: ref() is None, timeout=5000)
        assert main_thread_gc.full_collections() > before and not gc.isenabled()
    finally:
        main_thread_gc.release()
    assert main_thread_gc.holders() == 0
