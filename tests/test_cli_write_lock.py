"""A command that writes a map holds the map's lock from before it reads it until its save is in:
two commands on one map at once never lose each other's changes, and the app finds the map in use."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QLockFile

from model.entities import Person
from model.storage import command_lock, store
from model.storage.lockfile import lock_path_for, owner_path_for
from tests import test_cli_lock
from tests.cli_harness import ROOT, run

acme = test_cli_lock.acme  # the fixture: a map made by `new`


def _roster(tmp_path: Path, name: str, people: list[str]) -> Path:
    path = tmp_path / f"{name}.csv"
    rows = ["name,title,department", *(f"{p},Engineer,Engineering" for p in people)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _names(path: Path) -> set[str]:
    return {p.name for p in store.load(path).people.values()}


def test_a_command_waits_for_another_and_then_reads_what_it_saved(acme: Path, tmp_path: Path) -> None:
    roster = _roster(tmp_path, "later", ["Zoë <Ångström> & co"])
    inode = command_lock.take(acme)  # this test is "the first command", half-way through its write
    assert inode is not None
    command = [sys.executable, str(ROOT / "main.py"), "import-csv", str(roster), "-o", str(acme), "--into"]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert child.stderr is not None
        first = child.stderr.readline()  # it says it waits, then waits
        assert first.startswith("warning: waiting for another Contract Walk command"), first
        doc = store.load(acme)  # the first command's save, made while the second waits
        doc.add("person", Person(name="李雷 first", department_id=next(iter(doc.departments))))
        store.save(doc, acme)
    finally:
        command_lock.release(acme, inode)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, (out, err)
    assert {"李雷 first", "Zoë <Ångström> & co"} <= _names(acme)  # neither write lost the other's
    assert not lock_path_for(acme).exists() and not owner_path_for(acme).exists()


def test_two_commands_racing_on_one_map_both_land(acme: Path, tmp_path: Path) -> None:
    rosters = [_roster(tmp_path, f"r{n}", [f"Racer {n}-{k}" for k in range(3)]) for n in range(3)]
    with ThreadPoolExecutor(3) as pool:
        procs = list(pool.map(lambda r: run("import-csv", r, "-o", acme, "--into"), rosters))
    assert [p.returncode for p in procs] == [0, 0, 0], [p.stderr for p in procs]
    assert {f"Racer {n}-{k}" for n in range(3) for k in range(3)} <= _names(acme)
    assert not lock_path_for(acme).exists()


def test_the_app_finds_a_map_a_command_is_writing_in_use(acme: Path) -> None:
    inode = command_lock.take(acme)
    assert inode is not None
    try:
        lock = QLockFile(str(lock_path_for(acme)))
        lock.setStaleLockTime(0)  # as gui/files/map_guard.py takes it
        assert not lock.tryLock(100)
        assert json.loads(owner_path_for(acme).read_text("utf-8"))["by"] == "command"
    finally:
        command_lock.release(acme, inode)
    assert lock.tryLock(100)  # and it is free again
    lock.unlock()


def test_a_lock_left_by_a_killed_command_is_taken_over(acme: Path, tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    lock_path_for(acme).write_text(f"{gone.stdout.strip()}\npython\n{os.uname().nodename}\n\n\n", "utf-8")
    roster = _roster(tmp_path, "after", ["After Crash"])
    assert run("import-csv", roster, "-o", acme, "--into").returncode == 0
    assert "After Crash" in _names(acme)
    assert not lock_path_for(acme).exists()


def test_a_command_in_a_folder_it_cannot_lock_in_still_reports_plainly(tmp_path: Path) -> None:
    proc = run("new", "-o", tmp_path / "missing" / "acme.cwalk")
    assert proc.returncode == 2 and proc.stderr.startswith("error: ")
