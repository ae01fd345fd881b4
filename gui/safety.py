"""Keeping the user's work safe while a map is open: one writer per map, autosave, outside changes.

`MapGuard` is owned by the main window. It holds a lock file beside the map
(so a second instance opens it read-only, told who holds it; a lock left by a
killed process is taken over), writes debounced autosave snapshots of unsaved
changes to the user's data folder (never over the user's file), and watches
the file for changes made outside the app.
"""
from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, QTimer, Signal

from model.document import Document
from model.events import Event
from model.recovery import Autosaver
from model.store import MapFileError

log = logging.getLogger(__name__)

# write this long after the last edit, but never let unsaved edits go longer than MAX without a
# snapshot (the environment may shorten both: the crash tests do)
AUTOSAVE_IDLE_MS = int(os.environ.get("CONTRACTWALK_AUTOSAVE_IDLE_MS", "2000"))
AUTOSAVE_MAX_S = float(os.environ.get("CONTRACTWALK_AUTOSAVE_MAX_S", "20"))


def lock_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@dataclass(frozen=True)
class LockResult:
    acquired: bool
    holder: str = ""  # who holds it, in words, when not acquired


def owner_path_for(path: Path) -> Path:
    """Beside the lock: who holds it, in words a person recognises."""
    return path.with_name(f".{path.name}.owner")


def _write_owner(path: Path) -> None:
    info = {"user": getpass.getuser(), "host": socket.gethostname(), "pid": os.getpid(),
            "since": time.strftime("%Y-%m-%d %H:%M")}
    with contextlib.suppress(OSError):
        owner_path_for(path).write_text(json.dumps(info), "utf-8")


def describe_holder(lock: QLockFile, path: Path) -> str:
    info = lock.getLockInfo()  # PySide6 returns (pid, hostname, appname)
    if not isinstance(info, tuple) or len(info) != 3 or not info[0]:
        return "another program"
    pid, host, app = info
    where = "this computer" if host in ("", socket.gethostname()) else host
    try:
        owner = json.loads(owner_path_for(path).read_text("utf-8"))
        if owner.get("pid") == pid:
            return (f"Contract Walk of user {owner.get('user', '?')} on {where} "
                    f"(process {pid}, since {owner.get('since', '?')})")
    except (OSError, ValueError, AttributeError):
        pass
    return f"{app or 'another program'} (process {pid} on {where})"


class MapGuard(QObject):
    """Lock, autosave and watch for one open map at a time."""

    autosaved = Signal(str)  # a message for the status bar
    autosaveFailed = Signal(str)
    fileChangedOutside = Signal(str)  # the map's path: changed or deleted by someone else

    def __init__(self, parent: QObject | None = None, idle_ms: int = AUTOSAVE_IDLE_MS,
                 max_interval_s: float = AUTOSAVE_MAX_S) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.path: Path | None = None
        self._lock: QLockFile | None = None
        self._locked_path = Path()
        self._saver: Autosaver | None = None
        self._dirty_since: float | None = None
        self._max_interval_s = max_interval_s
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self.autosave_now)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._own_write: tuple[float, int] | None = None  # (mtime, size) of our last save

    # ----- locking ---------------------------------------------------------
    def lock(self, path: Path) -> LockResult:
        """Try to become the one writer of `path` (call before attach)."""
        if self._lock is not None and self._locked_path == path:
            return LockResult(True)  # ours already
        lock = QLockFile(str(lock_path_for(path)))
        lock.setStaleLockTime(0)  # a lock is stale only when its process is gone
        if lock.tryLock(100):
            self._take(lock, path)
            return LockResult(True)
        if lock.error() == QLockFile.LockError.LockFailedError:
            holder = describe_holder(lock, path)
            if lock.removeStaleLockFile() and lock.tryLock(100):  # the holder died
                self._take(lock, path)
                return LockResult(True)
            return LockResult(False, holder)
        # the folder is read-only or similar: we cannot lock, but we must not refuse to open
        log.warning("could not create a lock for %s (error %s)", path, lock.error())
        return LockResult(True)

    def _take(self, lock: QLockFile, path: Path) -> None:
        self._release_lock()
        self._lock, self._locked_path = lock, path
        _write_owner(path)

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
            with contextlib.suppress(OSError):
                owner_path_for(self._locked_path).unlink()

    @property
    def holds_lock(self) -> bool:
        return self._lock is not None

    # ----- attaching a document -------------------------------------------
    def attach(self, doc: Document, path: Path | None) -> None:
        """Start guarding `doc` (saved at `path`, or never saved); a lock taken on `path` is kept."""
        self.detach(keep_snapshot=True, keep_lock=self._lock is not None and self._locked_path == path)
        self.doc, self.path = doc, path
        self._saver = Autosaver(path)
        doc.subscribe(self._on_event)
        self._watch(path)

    def detach(self, keep_snapshot: bool = False, keep_lock: bool = False) -> None:
        """Stop guarding; `keep_snapshot=False` removes the autosave (the user chose to discard or saved)."""
        self._timer.stop()
        if self.doc is not None:
            self.doc.unsubscribe(self._on_event)
        if self._saver is not None and not keep_snapshot:
            self._saver.discard()
        self.doc, self._saver, self._dirty_since = None, None, None
        self._watch(None)
        if not keep_lock:
            self._release_lock()

    def close(self) -> None:
        """The window closed cleanly (saved or discarded on purpose)."""
        self.detach(keep_snapshot=False)

    # ----- saving and autosaving --------------------------------------------
    def saved(self, path: Path) -> None:
        """The user's file was written: the snapshot is no longer needed."""
        if self._saver is not None:
            if self._saver.map_path != path:
                self._saver.retarget(path)
            else:
                self._saver.discard()
        if path != self.path:
            self.lock(path)
        self.path = path
        self._dirty_since = None
        self._timer.stop()
        self._remember_own_write(path)
        self._watch(path)

    def mark_clean(self) -> None:
        """Undo brought the map back to its saved state: drop the snapshot."""
        self._timer.stop()
        self._dirty_since = None
        if self._saver is not None:
            self._saver.discard()

    def _on_event(self, _event: Event) -> None:
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        if now - self._dirty_since >= self._max_interval_s:
            self.autosave_now()
        else:
            self._timer.start()

    def autosave_now(self) -> bool:
        if self.doc is None or self._saver is None or self._dirty_since is None:
            return False
        try:
            self._saver.write(self.doc)
        except (MapFileError, OSError) as exc:
            self.autosaveFailed.emit(f"Autosave failed: {exc}")
            return False
        self._dirty_since = None
        self.autosaved.emit(f"Autosaved at {time.strftime('%H:%M:%S')}")
        return True

    @property
    def snapshot_file(self) -> Path | None:
        return self._saver.file if self._saver else None

    # ----- outside changes ---------------------------------------------------
    def _remember_own_write(self, path: Path) -> None:
        try:
            st = path.stat()
            self._own_write = (st.st_mtime, st.st_size)
        except OSError:
            self._own_write = None

    def _watch(self, path: Path | None) -> None:
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        if path is not None and path.exists():
            self._watcher.addPath(str(path))
            if self._own_write is None:
                self._remember_own_write(path)

    def _on_file_changed(self, name: str) -> None:
        path = Path(name)
        if self.path is None or path != self.path:
            return
        try:
            st = path.stat()
            now = (st.st_mtime, st.st_size)
        except OSError:
            now = None
        if now is not None and now == self._own_write:
            self._watch(path)  # our own atomic replace: keep watching the new file
            return
        self.fileChangedOutside.emit(str(path))
        if path.exists():
            self._watch(path)
