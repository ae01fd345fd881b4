"""Autosave snapshots of unsaved work, kept in the user's data folder (never over the user's file).

A snapshot is a whole map (`KEY.cwalk`, written atomically, 0600 in a 0700 folder) that carries
its own record in an extra `autosave` table (which map, by its absolute resolved path; the state
of that file when the edits began; when; which process), plus a copy of the record in `KEY.json`
so the start-up list need not parse every snapshot. A kill between the two writes leaves a
snapshot whose `.json` is missing or older: it is found all the same, from its own record. After
a crash the next start lists the snapshots whose process is gone and offers to restore them;
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
from typing import Any

from model.document import Document
from model.storage import unknown
from model.storage.atomic import atomic_write_bytes, describe_os_error, private_dir
from model.storage.incremental import MapEncoder
from model.storage.store import (
    MAX_FILE_BYTES,
    MapFileError,
    MapSnapshot,
    encode_tables,
    load,
    snapshot,
    tables_of,
    write_payload,
)

log = logging.getLogger(__name__)

DATA_DIR_ENV = "CONTRACTWALK_DATA_DIR"  # tests and portable installs point this elsewhere


def data_dir() -> Path:
    """Where autosaves, snapshots and settings of the app live: made (or tightened to) 0700, as
    it holds full copies of personal notes."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        folder = Path(override)
    else:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir("ContractWalk", appauthor=False))
    with contextlib.suppress(OSError):  # a folder that cannot be made is reported by whoever writes
        private_dir(folder)
    return folder


def autosave_dir() -> Path:
    return data_dir() / "autosave"


PRIVATE_FILE = 0o600  # snapshots are full copies of personal notes: this user only
RECORD_TABLE = unknown.SNAPSHOT_RECORD  # the record, inside the snapshot itself (never kept in a map)


def absolute(map_path: Path) -> Path:
    """The map's absolute path with links resolved: the same file whichever folder the app runs in."""
    return Path(os.path.realpath(map_path))


def file_state(path: Path) -> dict[str, int | str] | None:
    """What a map file is now (size, modification time, SHA-256), to tell later whether it changed."""
    try:
        info = path.stat()
        digest = hashlib.sha256()
        if info.st_size <= MAX_FILE_BYTES:
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    except OSError:
        return None
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "sha256": digest.hexdigest()}


def _same_state(before: dict[str, Any], path: Path) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    if (info.st_size, info.st_mtime_ns) == (before.get("size"), before.get("mtime_ns")):
        return True
    now = file_state(path)  # touched or copied back unchanged: the content decides
    return now is not None and now["size"] == before.get("size") and now["sha256"] == before.get("sha256")


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
    base: dict[str, Any] | None = None  # the map file's state when these edits began

    @property
    def orphaned(self) -> bool:
        """True when the process that wrote it is gone: work to offer back."""
        return not _pid_alive(self.pid)

    @property
    def folder_known(self) -> bool:
        """False for a record of an earlier version, which kept the path as typed (`map.cwalk`):
        from another folder that names a different file, so it must not be saved to."""
        return self.map_path is not None and self.map_path.is_absolute()

    def map_status(self) -> str:
        """'new' (never saved), 'unknown' (folder not recorded), 'missing', 'changed' (the file
        was written after these edits began) or 'same'."""
        if self.map_path is None:
            return "new"
        if not self.folder_known:
            return "unknown"
        if not self.map_path.exists():
            return "missing"
        if self.base is not None and not _same_state(self.base, self.map_path):
            return "changed"
        return "same"

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
        self.map_path = absolute(map_path) if map_path is not None else None
        self.key = _key_for(self.map_path)
        self.base = file_state(self.map_path) if self.map_path is not None else None

    @property
    def file(self) -> Path:
        return self.folder / f"{self.key}.cwalk"

    @property
    def record(self) -> Path:
        return self.folder / f"{self.key}.json"

    def note_base(self) -> None:
        """The map file was just written or read: edits from now on start from this state."""
        self.base = file_state(self.map_path) if self.map_path is not None else None

    def retarget(self, map_path: Path | None) -> None:
        """The map was saved under a (new) name: move on to that name's snapshot."""
        self.discard()
        self.map_path = absolute(map_path) if map_path is not None else None
        self.key = _key_for(self.map_path)
        self.note_base()

    def write(self, doc: Document | MapSnapshot, encoder: MapEncoder | None = None) -> Path:
        """Write the snapshot (carrying its record), then the record's copy; raises MapFileError.

        Given a MapSnapshot (plain data, taken on the GUI thread), or a Document that is a private
        read-only snapshot (model/storage/snapshot.py), it touches nothing else, so a worker thread
        may write it (gui/files/map_guard.py does). With an `encoder` kept between the writes of
        one map, a snapshot Document is encoded at the cost of what changed since the last write
        (model/storage/incremental.py); the bytes are the same.
        """
        title = doc.title if isinstance(doc, MapSnapshot) else doc.meta.title
        info: dict[str, Any] = {
            "map_path": str(self.map_path) if self.map_path else None,
            "title": title,
            "taken_at": dt.datetime.now(dt.UTC).isoformat(),
            "pid": os.getpid(),
            "base": self.base,
        }
        record = {RECORD_TABLE: {"1": info}}
        payload = None
        if encoder is not None and isinstance(doc, Document):
            payload = encoder.encode(doc, record)
        if payload is None:
            snap = doc if isinstance(doc, MapSnapshot) else snapshot(doc)
            payload = encode_tables({**tables_of(snap.data), **record})
        try:
            private_dir(self.folder)
            write_payload(self.file, payload, backups=0, mode=PRIVATE_FILE)
            info["snapshot_size"] = len(payload)
            atomic_write_bytes(self.record, json.dumps(info, ensure_ascii=False, indent=1).encode("utf-8"),
                               mode=PRIVATE_FILE)
        except OSError as exc:
            problem = describe_os_error(exc, self.folder)
            raise MapFileError(f"could not write the autosave {problem}") from None
        return self.file

    def discard(self) -> None:
        for path in (self.record, self.file):
            with contextlib.suppress(OSError):
                path.unlink()


def _snapshot_from(info: Any, key: str, snap_file: Path) -> Snapshot:
    """A Snapshot from a record (raises KeyError, ValueError or TypeError when it is broken)."""
    if not isinstance(info, dict):
        raise TypeError("the record is not a record")
    base = info.get("base")
    return Snapshot(
        key=key,
        map_path=Path(info["map_path"]) if info.get("map_path") else None,
        title=str(info.get("title", "")),
        taken_at=dt.datetime.fromisoformat(info["taken_at"]),
        pid=int(info.get("pid", 0)),
        file=snap_file,
        base=base if isinstance(base, dict) else None,
    )


def _embedded_record(snap_file: Path) -> Any:
    tables = json.loads(snap_file.read_bytes().decode("utf-8"))
    return tables[RECORD_TABLE]["1"]


def _read_snapshot(snap_file: Path) -> Snapshot:
    """The snapshot's record: the quick copy when it is the one written with this snapshot, else
    the record inside the snapshot (its copy was never written, or is of an earlier snapshot)."""
    record = snap_file.with_suffix(".json")
    with contextlib.suppress(OSError, ValueError):
        info = json.loads(record.read_text("utf-8"))
        size = info.get("snapshot_size") if isinstance(info, dict) else None
        if size is None or size == snap_file.stat().st_size:  # (None: written by an earlier version)
            return _snapshot_from(info, snap_file.stem, snap_file)
    return _snapshot_from(_embedded_record(snap_file), snap_file.stem, snap_file)


def find_snapshots(folder: Path | None = None, orphaned_only: bool = True) -> list[Snapshot]:
    """Autosaves on disk, newest first; unreadable ones are skipped (and logged)."""
    folder = folder or autosave_dir()
    found: list[Snapshot] = []
    if not folder.is_dir():
        return found
    for snap_file in folder.glob("*.cwalk"):
        try:
            snap = _read_snapshot(snap_file)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("skipping unreadable autosave %s: %s", snap_file, exc)
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
