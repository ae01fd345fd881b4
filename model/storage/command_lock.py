"""The lock beside a map, taken by a command-line verb for the time it reads, changes and saves it.

Written in QLockFile's format (pid, application, host, machine id, boot id: one a line), so the
app's QLockFile finds it held by a live process and the app opens the map read-only meanwhile; a
command killed half-way leaves a lock whose process has ended, which the app and the next command
take over (model/storage/lockfile.py). The owner file beside it says that a command holds it, so
another command waits for it (export/cli_lock.py) instead of refusing as it does for the app.
"""
from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from pathlib import Path

from model.storage.lockfile import (
    PRIVATE_FILE,
    LockFacts,
    clear_non_lock,
    holder_alive,
    lock_path_for,
    owner_path_for,
    read_lock,
    remove_lock,
    write_owner,
)

BY_COMMAND = "command"
YOUNG_S = 2.0  # a lock file this new that cannot be read yet is still being written


def _first_line(path: str) -> str:
    try:
        return Path(path).read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _contents() -> bytes:
    """QLockFile's lines. Its application name is the program's file name, which Qt compares with
    the running process's to tell a live holder from a process that merely got the same number."""
    try:
        program = Path(os.readlink("/proc/self/exe")).name
    except OSError:
        program = "python"
    machine = _first_line("/etc/machine-id") or _first_line("/var/lib/dbus/machine-id")
    boot = _first_line("/proc/sys/kernel/random/boot_id")
    return f"{os.getpid()}\n{program}\n{socket.gethostname()}\n{machine}\n{boot}\n".encode()


def take(path: Path) -> int | None:
    """Take the lock of the map at `path` for this process: its inode, or None when somebody holds
    it. Raises OSError when no lock can be made there (a missing or read-only folder)."""
    lock_file = lock_path_for(path)
    clear_non_lock(lock_file)
    try:
        fd = os.open(lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     PRIVATE_FILE)
    except FileExistsError:
        return None
    try:
        os.write(fd, _contents())
        inode = os.fstat(fd).st_ino
    finally:
        os.close(fd)
    write_owner(path, by=BY_COMMAND)
    return inode


def release(path: Path, inode: int) -> None:
    """Give the lock back (only our own: never one that replaced it after a take-over). The owner
    note goes first: once the lock is gone, the next holder writes its own."""
    owner = owner_path_for(path)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        if json.loads(owner.read_text("utf-8")).get("pid") == os.getpid():
            owner.unlink()
    lock_file = lock_path_for(path)
    with contextlib.suppress(OSError):
        if os.lstat(lock_file).st_ino == inode:
            os.unlink(lock_file)


def _owner(path: Path, facts: LockFacts) -> str | None:
    """Who the owner note says holds the lock ("app" or "command"), if it names that holder."""
    try:
        owner = json.loads(owner_path_for(path).read_text("utf-8"))
        return str(owner.get("by", "app")) if owner.get("pid") == facts.pid else None
    except (OSError, ValueError, AttributeError):
        return None


WAIT = "command"  # held by another command: wait for it
RETRY = "retry"  # left by an ended process (removed now), or still being written: try again at once


def busy(path: Path) -> str | None:
    """Whether to try again (WAIT or RETRY), or None: the app (or an unknown program) holds it."""
    lock_file = lock_path_for(path)
    facts = read_lock(lock_file)
    if facts is None:
        try:
            young = time.time() - os.lstat(lock_file).st_mtime < YOUNG_S
        except OSError:
            return RETRY  # gone meanwhile: take it now
        return RETRY if young else None
    if facts.here and not holder_alive(facts):
        remove_lock(lock_file, facts)
        return None if lock_file.exists() else RETRY
    if not facts.here:
        return None
    by = _owner(path, facts)
    if by == BY_COMMAND:
        return WAIT
    # a holder writes its owner note just after its lock: a young lock without one may be a command's
    return RETRY if by is None and time.time() - facts.written < YOUNG_S else None


def who(path: Path) -> str:
    facts = read_lock(lock_path_for(path))
    return f"process {facts.pid}" if facts is not None else "its lock file cannot be read"
