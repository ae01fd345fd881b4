"""Keeping the user's work safe while a map is open: one writer per map, autosave, outside changes.

`MapGuard` is owned by the main window. It holds a lock file beside the map
(so a second instance opens it read-only, told who holds it; a lock left by a
killed process is taken over), writes debounced autosave snapshots of unsaved
changes to the user's data folder (never over the user's file), and watches
the file for changes made outside the app.

An autosave takes its snapshot of the map on the GUI thread (a few ms: plain dicts, consistent
because nothing else changes the map meanwhile) and encodes and writes it as a background job
(gui/jobs/background.py) on the one writer thread every autosave of the process shares. The
worker gets only that plain data and a copy of the Autosaver (paths) and touches nothing Qt.
Writes run one at a time in the order taken; a newer snapshot replaces one still waiting.
Everything that ends or replaces the snapshot (save, undo to clean, switching or closing the map)
first waits for the write under way, so a finished write can never bring a discarded snapshot back.
"""
from __future__ import annotations

import contextlib
import copy
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, QTimer, Signal

from gui.jobs.background import Job, Jobs
from model.document import Document
from model.events import Event
from model.storage.incremental import MapEncoder
from model.storage.lockfile import (
    clear_non_lock,
    describe_holder,
    holder_alive,
    lock_path_for,
    make_private,
    owner_path_for,
    read_lock,
    remove_lock,
    write_owner,
)
from model.storage.recovery import Autosaver
from model.storage.snapshot import snapshot_of
from model.storage.store import MapFileError, MapSnapshot

log = logging.getLogger(__name__)

# write this long after the last edit, but never let unsaved edits go longer than MAX without a
# snapshot (the environment may shorten both: the crash tests do)
AUTOSAVE_IDLE_MS = int(os.environ.get("CONTRACTWALK_AUTOSAVE_IDLE_MS", "2000"))
AUTOSAVE_MAX_S = float(os.environ.get("CONTRACTWALK_AUTOSAVE_MAX_S", "20"))


# One writer thread for every autosave of the process: writes never overlap and run in order.
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")


def finish_autosaves() -> None:
    """The app is ending: let the autosave being written (and any queued) reach the disk first."""
    _WRITER.shutdown(wait=True)


def _write_in_background(saver: Autosaver, snap: MapSnapshot | Document,
                         encoder: MapEncoder | None = None) -> str | None:
    """Runs on the writer thread: plain data and files only, nothing Qt. The error's text, or None.
    A Document is a private read-only copy (model/storage/snapshot.py), encoded here, off the
    GUI thread, by the map's `encoder` (only what changed since its last write; issue 19)."""
    try:
        saver.write(snap, encoder)
    except (MapFileError, OSError) as exc:
        return str(exc)
    return None


@dataclass(frozen=True)
class LockResult:
    acquired: bool
    holder: str = ""  # who holds it, in words, when not acquired
    elsewhere: bool = False  # held from another computer (or unreadable): the user may take over knowingly


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
        self._encoder = MapEncoder()
        self._dirty_since: float | None = None
        self._max_interval_s = max_interval_s
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self._autosave_in_background)
        self._writes = Jobs(self, executor=_WRITER)  # each tagged with when its edits began
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._own_write: tuple[float, int] | None = None  # (mtime, size) of our last save

    # ----- locking ---------------------------------------------------------
    def lock(self, path: Path, take_over: bool = False) -> LockResult:
        """Try to become the one writer of `path` (call before attach).

        A lock whose process is gone is taken over only when it was written on this computer; a
        lock from another computer (a shared or synced folder) or one that cannot be read is
        reported with `elsewhere`, and taken over only with `take_over` (the user chose so)."""
        if self._lock is not None and self._locked_path == path:
            return LockResult(True)  # ours already
        lock_file = lock_path_for(path)
        clear_non_lock(lock_file)
        lock = QLockFile(str(lock_file))
        lock.setStaleLockTime(0)  # never stale by age: a lock is stale only when its process is gone
        if lock.tryLock(100):
            self._take(lock, path)
            return LockResult(True)
        if lock.error() == QLockFile.LockError.LockFailedError:
            facts = read_lock(lock_file)
            stale_here = facts is not None and facts.here and not holder_alive(facts)
            if take_over or stale_here:
                remove_lock(lock_file, facts)
                if lock.tryLock(100):
                    self._take(lock, path)
                    return LockResult(True)
                facts = read_lock(lock_file)
            elsewhere = facts is None or not facts.here
            ended = facts is not None and facts.here and not holder_alive(facts)  # could not be removed
            return LockResult(False, describe_holder(facts, path, ended), elsewhere)
        # the folder is read-only or similar: we cannot lock, but we must not refuse to open
        log.info("could not create a lock for %s (error %s)", path, lock.error())
        return LockResult(True)

    def _take(self, lock: QLockFile, path: Path) -> None:
        self._release_lock()
        self._lock, self._locked_path = lock, path
        make_private(lock_path_for(path))
        write_owner(path)

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
        self._encoder = MapEncoder()  # this map's encoded items, used by one write at a time
        doc.subscribe(self._on_event)
        self._watch(path)

    def detach(self, keep_snapshot: bool = False, keep_lock: bool = False) -> None:
        """Stop guarding; `keep_snapshot=False` removes the autosave (the user chose to discard or saved)."""
        self._timer.stop()
        self.finish_writes(report=keep_snapshot)
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
        self.finish_writes(report=False)  # the map is safe in its file: a failed autosave no longer matters
        if self._saver is not None:
            if self._saver.map_path != Path(os.path.realpath(path)):
                self._saver.retarget(path)
            else:
                self._saver.discard()
                self._saver.note_base()  # later edits start from what was just written
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
        self.finish_writes(report=False)
        self._dirty_since = None
        if self._saver is not None:
            self._saver.discard()

    def _on_event(self, _event: Event) -> None:
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        if now - self._dirty_since >= self._max_interval_s:
            self._autosave_in_background()
        else:
            self._timer.start()

    def autosave_now(self, wait: bool = True) -> bool:
        """Snapshot the unsaved changes now and write them: in the background with `wait=False`
        (True: handed over), else before returning (True: written)."""
        if self.doc is None or self._saver is None or self._dirty_since is None:
            return False
        # a private copy on the GUI thread (only the edited items are copied); serialised by the writer
        snap = snapshot_of(self.doc)
        dirty_since, self._dirty_since = self._dirty_since, None
        for older in self._writes.cancel_pending():  # one not started yet is replaced by this newer one
            dirty_since = min(dirty_since, older.tag)
        self._writes.submit(_write_in_background, copy.copy(self._saver), snap, self._encoder,
                            on_done=lambda job: self._finish(job, report=True), tag=dirty_since)
        if wait:
            return self.finish_writes(report=True)
        return True

    def _autosave_in_background(self) -> None:
        self.autosave_now(wait=False)

    def finish_writes(self, report: bool = True) -> bool:
        """Wait for the background writes (GUI thread); False if the last one failed."""
        ok = True
        for write in self._writes.finish():
            ok = self._finish(write, report)
        return ok

    @property
    def writing(self) -> bool:
        """True while an autosave is being written in the background."""
        return self._writes.busy

    def _finish(self, write: Job, report: bool) -> bool:
        """Report one write on the GUI thread, as a write made here would have been."""
        error = write.result()  # an unexpected exception is raised here, on the GUI thread
        if error is None:
            if report:
                self.autosaved.emit(f"Autosaved at {time.strftime('%H:%M:%S')}")
            return True
        if not report:
            log.info("a superseded autosave failed: %s", error)
            return False
        # its edits are still unsaved: they count from when they began, as if it had not run
        began = write.tag
        self._dirty_since = began if self._dirty_since is None else min(self._dirty_since, began)
        self.autosaveFailed.emit(f"Autosave failed: {error}")
        return False

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
