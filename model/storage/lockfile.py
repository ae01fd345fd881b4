"""The lock file beside a map: who holds it, whether that holder still lives, in plain words.

Qt-free (gui/files/map_guard.py takes and releases the lock with QLockFile, whose file format this reads:
pid, application, host, machine id and boot id, one per line). A lock is live only when it was
written on this computer by a process that still runs and is that very process (same user,
started before the lock was written, same boot); a lock from another computer cannot be checked
from here, so only the user can decide to take it over.
"""
from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from model.storage.atomic import atomic_write_bytes
from model.storage.recovery import _pid_alive

log = logging.getLogger(__name__)


def lock_path_for(path: Path) -> Path:
    """Beside the map (beside a symlinked map's target, where it is written)."""
    path = Path(os.path.realpath(path))
    return path.with_name(f".{path.name}.lock")


def owner_path_for(path: Path) -> Path:
    """Beside the lock: who holds it, in words a person recognises."""
    path = Path(os.path.realpath(path))
    return path.with_name(f".{path.name}.owner")


PRIVATE_FILE = 0o600  # lock and owner files name a user, a computer and a process: this user only


def write_owner(path: Path, by: str = "app") -> None:
    """`by`: the app, or a command-line verb (model/storage/command_lock.py) holding it for a write."""
    info = {"user": getpass.getuser(), "host": socket.gethostname(), "pid": os.getpid(),
            "since": time.strftime("%Y-%m-%d %H:%M"), "by": by}
    try:  # temp file + rename: a link planted at the name is replaced, never written through
        atomic_write_bytes(owner_path_for(path), json.dumps(info).encode("utf-8"), mode=PRIVATE_FILE,
                           follow_links=False)
    except OSError as exc:
        log.info("could not note the lock's owner for %s: %s", path, exc)


@dataclass(frozen=True)
class LockFacts:
    """What a lock file says (QLockFile's lines: pid, app, host, machine id, boot id) and who made it."""

    pid: int
    host: str
    boot_id: str
    uid: int
    written: float  # its modification time
    inode: int

    @property
    def here(self) -> bool:
        return self.host in ("", socket.gethostname())


def read_lock(lock_file: Path) -> LockFacts | None:
    """The facts of a lock file, or None when it cannot be read or is not a lock."""
    try:
        fd = os.open(lock_file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            info = os.fstat(fd)
            lines = os.read(fd, 4096).decode("utf-8", "replace").split("\n")
        finally:
            os.close(fd)
        pid = int(lines[0])
        if not 0 < pid < 2**31:  # no process has it (os.kill would overflow on a larger one)
            return None
        return LockFacts(pid=pid, host=lines[2] if len(lines) > 2 else "",
                         boot_id=lines[4] if len(lines) > 4 else "", uid=info.st_uid,
                         written=info.st_mtime, inode=info.st_ino)
    except (OSError, ValueError):
        return None


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text("ascii").strip()
    except OSError:
        return ""


def _process_started(pid: int) -> float | None:
    """When a process started (Linux /proc), in seconds since the epoch; None elsewhere."""
    try:
        ticks = int(Path(f"/proc/{pid}/stat").read_text("ascii", "replace").rpartition(")")[2].split()[19])
        boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text("ascii").splitlines()
                    if line.startswith("btime "))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def holder_alive(facts: LockFacts) -> bool:
    """Whether the process a lock of THIS computer names still holds it: alive, and the very
    process that wrote it (not a later one that got the same number, perhaps another user's)."""
    if facts.pid == os.getpid():
        return True
    if facts.boot_id and _boot_id() and facts.boot_id != _boot_id():
        return False  # written before the computer restarted
    if not _pid_alive(facts.pid):
        return False
    with contextlib.suppress(OSError):
        if os.stat(f"/proc/{facts.pid}").st_uid != facts.uid:
            return False  # a process of another user than the one who made the lock
    started = _process_started(facts.pid)
    return started is None or started <= facts.written + 2.0


def remove_lock(lock_file: Path, facts: LockFacts | None) -> None:
    """Remove a lock we decided to take over (never one that was replaced meanwhile)."""
    with contextlib.suppress(OSError):
        if facts is None or os.lstat(lock_file).st_ino == facts.inode:
            os.unlink(lock_file)


def clear_non_lock(lock_file: Path) -> None:
    """A link or anything but a regular file at the lock's name is no lock of ours: the name is
    cleared (the link itself goes; whatever it points to is untouched)."""
    with contextlib.suppress(OSError):
        if not stat.S_ISREG(os.lstat(lock_file).st_mode):
            os.unlink(lock_file)


def make_private(lock_file: Path) -> None:
    """0600 for the lock QLockFile just made (it uses the umask); Windows has no such modes."""
    if not hasattr(os, "fchmod"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(lock_file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            os.fchmod(fd, PRIVATE_FILE)
        finally:
            os.close(fd)


def describe_holder(facts: LockFacts | None, path: Path, ended: bool = False) -> str:
    """Who holds the lock, in words; a lock whose process has `ended` never names a living process
    that merely got the same number (perhaps another user's)."""
    if facts is None:
        return "another program (its lock file cannot be read)"
    if ended:
        return (f"no running program: its lock was left by process {facts.pid}, which has ended, "
                f"and you may not remove that lock file ({lock_path_for(path).name}); "
                "ask its owner or an administrator")
    where = "this computer" if facts.here else f"the computer “{facts.host}”"
    try:
        owner = json.loads(owner_path_for(path).read_text("utf-8"))
        if owner.get("pid") == facts.pid and owner.get("by") == "command":
            return (f"a Contract Walk command of user {owner.get('user', '?')} on {where} "
                    f"(process {facts.pid}, writing it since {owner.get('since', '?')})")
        if owner.get("pid") == facts.pid:
            return (f"Contract Walk of user {owner.get('user', '?')} on {where} "
                    f"(process {facts.pid}, since {owner.get('since', '?')})")
    except (OSError, ValueError, AttributeError):
        pass
    return f"another program (process {facts.pid} on {where})"
