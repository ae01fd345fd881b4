"""Autosave snapshots of unsaved work, kept in the user's data folder (never over the user's file).

A snapshot is a whole map (`KEY.cwalk`, written atomically) plus a small
record (`KEY.json`: which map, when, which process). After a crash the next
start lists the snapshots whose process is gone and offers to restore them;
a clean save or a deliberate discard removes the snapshot.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from model.document import Document
from model.storage.atomic import atomic_write_bytes
from model.storage.store import MapFileError, MapSnapshot, load, snapshot

log = logging.getLogger(__name__)

DATA_DIR_ENV = "CONTRACTWALK_DATA_DIR"  # tests and portable installs point this elsewhere


def data_dir() -> Path:
    """Where autosaves, snapshots and settings of the app live."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("ContractWalk", appauthor=False))


def autosave_dir() -> Path:
    return data_dir() / "autosave"


def _key_for(map_path: Path | None) -> str:
    if map_path is None:
        return f"untitled-{uuid.uuid4().hex[:12]}"
    digest = hashlib.sha1(str(map_path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in map_path.stem)[:40]
    return f"{stem}-{digest}"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A process that was killed but not yet reaped (a container whose first process reaps
    nobody keeps them) still answers kill(pid, 0): on Linux its state says it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text("ascii", "replace")
    except OSError:
        return False  # not Linux, or no /proc: trust kill()
    return stat.rpartition(")")[2].split()[:1] in (["Z"], ["X"])


@dataclass(frozen=True)
class Snapshot:
    """An autosave found on disk."""

    key: str
    map_path: Path | None  # the user's file it belongs to (None: a map never saved)
    title: str
    taken_at: dt.datetime
    pid: int
    file: Path

    @property
    def orphaned(self) -> bool:
        """True when the process that wrote it is gone: work to offer back."""
        return not _pid_alive(self.pid)

    def load(self) -> Document:
        return load(self.file)

    def describe(self) -> str:
        where = str(self.map_path) if self.map_path else "a map that was never saved"
        when = self.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"“{self.title}” ({where}), autosaved {when}"


class Autosaver:
    """Keeps one map's autosave up to date; the GUI calls `write` from a debounce timer."""

    def __init__(self, map_path: Path | None, folder: Path | None = None) -> None:
        self.folder = folder or autosave_dir()
        self.map_path = map_path
        self.key = _key_for(map_path)

    @property
    def file(self) -> Path:
        return self.folder / f"{self.key}.cwalk"

    @property
    def record(self) -> Path:
        return self.folder / f"{self.key}.json"

    def retarget(self, map_path: Path | None) -> None:
        """The map was saved under a (new) name: move on to that name's snapshot."""
        self.discard()
        self.map_path = map_path
        self.key = _key_for(map_path)

    def write(self, doc: Document | MapSnapshot) -> Path:
        """Write the snapshot (map first, then its record); raises MapFileError.

        Given a MapSnapshot (plain data, taken on the GUI thread) it touches nothing else, so a
        worker thread may write it (gui/files/map_guard.py does).
        """
        snap = doc if isinstance(doc, MapSnapshot) else snapshot(doc)
        self.folder.mkdir(parents=True, exist_ok=True)
        snap.write(self.file, backups=0)
        info = {
            "map_path": str(self.map_path) if self.map_path else None,
            "title": snap.title,
            "taken_at": dt.datetime.now(dt.UTC).isoformat(),
            "pid": os.getpid(),
        }
        try:
            atomic_write_bytes(self.record, json.dumps(info, ensure_ascii=False, indent=1).encode("utf-8"))
        except OSError as exc:
            raise MapFileError(f"could not write the autosave record: {exc}") from None
        return self.file

    def discard(self) -> None:
        for path in (self.record, self.file):
            with contextlib.suppress(OSError):
                path.unlink()


def find_snapshots(folder: Path | None = None, orphaned_only: bool = True) -> list[Snapshot]:
    """Autosaves on disk, newest first; unreadable records are skipped (and logged)."""
    folder = folder or autosave_dir()
    found: list[Snapshot] = []
    if not folder.is_dir():
        return found
    for record in folder.glob("*.json"):
        snap_file = record.with_suffix(".cwalk")
        try:
            info = json.loads(record.read_text("utf-8"))
            snap = Snapshot(
                key=record.stem,
                map_path=Path(info["map_path"]) if info.get("map_path") else None,
                title=str(info.get("title", "")),
                taken_at=dt.datetime.fromisoformat(info["taken_at"]),
                pid=int(info.get("pid", 0)),
                file=snap_file,
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("skipping unreadable autosave record %s: %s", record, exc)
            continue
        if not snap_file.is_file():
            continue
        if orphaned_only and not snap.orphaned:
            continue
        found.append(snap)
    found.sort(key=lambda s: s.taken_at, reverse=True)
    return found


def discard_snapshot(snapshot: Snapshot) -> None:
    for path in (snapshot.file.with_suffix(".json"), snapshot.file):
        with contextlib.suppress(OSError):
            path.unlink()
