"""Autosave snapshots: written beside nothing of the user's, found after a crash, removed after a save."""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from model.document import Document
from model.entities import Person
from model.storage import recovery
from model.storage.recovery import Autosaver, find_snapshots
from model.storage.serialize import to_data
from model.storage.store import load


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(recovery.DATA_DIR_ENV, str(tmp_path / "data"))
    return tmp_path / "data" / "autosave"


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def doc_with(name: str) -> Document:
    doc = Document.with_standard_statements()
    doc.add("person", Person(name))
    doc.update_meta(title="Acme walk")
    return doc


def test_autosave_goes_to_the_data_folder_never_to_the_map(folder: Path, tmp_path: Path) -> None:
    map_path = tmp_path / "acme.cwalk"
    saver = Autosaver(map_path)
    written = saver.write(doc_with("Ann"))
    assert written.parent == folder and not map_path.exists()
    # our own live process: not offered for recovery
    assert find_snapshots() == []
    assert len(find_snapshots(orphaned_only=False)) == 1


def test_a_crashed_sessions_snapshot_is_offered_and_loads(folder: Path, tmp_path: Path) -> None:
    doc = doc_with("Zoë 李 🙂")
    saver = Autosaver(tmp_path / "acme.cwalk")
    saver.write(doc)
    info = json.loads(saver.record.read_text("utf-8"))
    info["pid"] = dead_pid()
    saver.record.write_text(json.dumps(info), "utf-8")
    found = find_snapshots()
    assert len(found) == 1 and found[0].map_path == tmp_path / "acme.cwalk"
    assert to_data(found[0].load()) == to_data(doc)
    assert "Acme walk" in found[0].describe() and "acme.cwalk" in found[0].describe()
    recovery.discard_snapshot(found[0])
    assert find_snapshots(orphaned_only=False) == []


def test_discard_and_retarget(folder: Path, tmp_path: Path) -> None:
    saver = Autosaver(None)
    saver.write(doc_with("Ann"))
    assert saver.key.startswith("untitled-")
    saver.retarget(tmp_path / "named.cwalk")
    assert list(folder.iterdir()) == []
    saver.write(doc_with("Ann"))
    saver.discard()
    assert list(folder.iterdir()) == []


def test_unreadable_records_are_skipped(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "junk.json").write_text("{not json", "utf-8")
    (folder / "junk.cwalk").write_text("", "utf-8")
    (folder / "half.json").write_text(json.dumps({"title": "x"}), "utf-8")
    assert find_snapshots(orphaned_only=False) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                    reason="zombies are recognised through Linux's /proc; elsewhere kill(pid, 0) is trusted")
def test_a_killed_but_unreaped_process_counts_as_gone() -> None:
    """In a container whose first process reaps nobody, a killed app lingers as a zombie: its
    autosave must still be offered."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert recovery._pid_alive(child.pid)
        os.kill(child.pid, signal.SIGKILL)
        for _ in range(200):  # wait until the kernel has made it a zombie (not reaped: no wait())
            if Path(f"/proc/{child.pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z":
                break
            time.sleep(0.01)
        assert not recovery._pid_alive(child.pid)
    finally:
        child.wait()


def test_the_record_names_the_map_by_its_absolute_path(folder: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Autosaver(Path("acme.cwalk")).write(doc_with("Ann"))  # the map given as typed, relative
    (found,) = find_snapshots(orphaned_only=False)
    assert found.map_path == tmp_path.resolve() / "acme.cwalk" and found.folder_known


def test_a_snapshot_whose_record_was_never_written_is_still_found(folder: Path, tmp_path: Path) -> None:
    saver = Autosaver(tmp_path / "acme.cwalk")
    saver.write(doc_with("First"))
    first_record = saver.record.read_bytes()
    saver.write(doc_with("Second, longer name"))
    saver.record.write_bytes(first_record)  # killed before the second record: the first one is stale
    (found,) = find_snapshots(orphaned_only=False)
    assert [p.name for p in found.load().people.values()] == ["Second, longer name"]
    saver.record.unlink()  # killed before any record at all
    (found,) = find_snapshots(orphaned_only=False)
    assert found.map_path == tmp_path.resolve() / "acme.cwalk" and found.title == "Acme walk"


def test_a_kill_at_any_step_of_an_autosave_never_hides_a_complete_snapshot(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.faults import Faults, Killed

    with monkeypatch.context() as patch:
        counting = Faults(patch)
        Autosaver(tmp_path / "count.cwalk").write(doc_with("Counting"))
    for step in range(counting.count):
        for earlier in (False, True):  # the map's first autosave, and a later one
            saver = Autosaver(tmp_path / f"map{step}-{earlier}.cwalk")
            if earlier:
                saver.write(doc_with("Earlier"))
            with monkeypatch.context() as patch:
                Faults(patch, fail_at=step, kill=True)
                with pytest.raises(Killed):
                    saver.write(doc_with("Later"))
            found = [s for s in find_snapshots(orphaned_only=False) if s.key == saver.key]
            complete = saver.file.exists() and load(saver.file) is not None
            assert len(found) == (1 if complete else 0), f"a kill at step {step} hid the snapshot"
            if found:
                assert [p.name for p in found[0].load().people.values()] in (["Earlier"], ["Later"])
            saver.discard()


def test_the_data_folder_and_autosaves_are_private_whatever_the_umask(folder: Path, tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        saver = Autosaver(tmp_path / "acme.cwalk")
        saver.write(doc_with("Ann"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(saver.file.stat().st_mode) == 0o600
    assert stat.S_IMODE(saver.record.stat().st_mode) == 0o600


def test_an_existing_open_data_folder_is_tightened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)  # made by an earlier version
    monkeypatch.setenv(recovery.DATA_DIR_ENV, str(data))
    assert recovery.data_dir() == data and stat.S_IMODE(data.stat().st_mode) == 0o700


def test_the_snapshot_remembers_the_map_as_it_was_and_sees_a_later_change(folder: Path,
                                                                          tmp_path: Path) -> None:
    from model.storage.store import save

    path = tmp_path / "acme.cwalk"
    save(doc_with("On disk"), path)
    saver = Autosaver(path)  # the map was opened: edits start from this file
    saver.write(doc_with("Edited"))
    (found,) = find_snapshots(orphaned_only=False)
    assert found.map_status() == "same"
    os.utime(path)  # touched, same content: still the same
    assert found.map_status() == "same"
    save(doc_with("Saved by someone else"), path)
    assert found.map_status() == "changed"
    path.unlink()
    assert found.map_status() == "missing"
