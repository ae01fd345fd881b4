"""Autosave snapshots: written beside nothing of the user's, found after a crash, removed after a save."""
from __future__ import annotations

import json
import os
import signal
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
