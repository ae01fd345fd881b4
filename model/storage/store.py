"""Maps on disk: a .cwalk file is a tinydb JSON database (one table per collection).

The only module that imports tinydb. tinydb's own JSONStorage rewrites the
file in place and opens an empty file as an empty database; ours refuses
anything that is not a whole map, and writes whole snapshots atomically
(temp file, fsync, rename), keeping the last few versions as backups.
"""
from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from model.document import COLLECTIONS, Document, DocumentError
from model.storage.atomic import (
    describe_os_error,
    fsync_dir,
    mode_for,
    remove_stale_temps,
    resolve_target,
    temp_name,
    write_temp,
)
from model.storage.schema import APP_NAME, FORMAT_VERSION, migrate, out_of_range
from model.storage.serialize import from_data, to_data

log = logging.getLogger(__name__)

EXTENSION = ".cwalk"
BACKUPS_KEPT = 3
MAX_FILE_BYTES = 512 * 1024 * 1024


class MapFileError(DocumentError):
    """A map file that cannot be read or written; the message is one sentence for the user."""


def backup_path(path: Path, n: int = 1) -> Path:
    """acme.cwalk -> acme.cwalk.bak1 (never ends in .cwalk, so globs of maps skip it)."""
    return path.with_name(f"{path.name}.bak{n}")


def backups_of(path: Path | str) -> list[Path]:
    """The backups that exist beside a map (beside a symlinked map's target), newest first."""
    path = Path(os.path.realpath(path))
    return [p for n in range(1, BACKUPS_KEPT + 1) if (p := backup_path(path, n)).is_file()]


def _read_tables(path: Path) -> dict[str, dict[str, Any]]:
    """Parse a .cwalk file strictly into tinydb's table layout, or raise MapFileError."""
    name = path.name
    try:
        info = path.stat()
        size = info.st_size
        if stat.S_ISDIR(info.st_mode):
            raise MapFileError(f"{path} is a folder, not a map")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would be read forever
            raise MapFileError(f"{name} is not a regular file, so it cannot be a map")
        if size > MAX_FILE_BYTES:
            raise MapFileError(f"{name} is too large to be a map ({size // 2**20} MB)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MapFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise MapFileError(f"cannot read {describe_os_error(exc, path)}") from None
    if not raw.strip():
        earlier = backups_of(path)
        hint = f"; an earlier version is in {earlier[0].name}" if earlier else ""
        raise MapFileError(f"{name} is empty, so it is not a map (nothing was changed{hint})")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise MapFileError(
            f"{name} is damaged or is not a Contract Walk map (it is not complete JSON); nothing was changed"
        ) from None
    if _ESCAPED_SURROGATE.search(raw):
        data = _without_lone_surrogates(data)
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(k.isdigit() and isinstance(v, dict) for k, v in table.items())
        for table in data.values()
    ):
        raise MapFileError(f"{name} is not a Contract Walk map (its tables are not records)")
    return data


_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\\ud800-\\udfff]")


def _without_lone_surrogates(value: Any) -> Any:
    """Half of a surrogate pair (JSON can spell one, UTF-8 cannot) becomes U+FFFD: no text
    with one could be printed, copied or saved again. Whole pairs were joined by json.loads."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    return value


class AtomicJSONStorage(Storage):
    """tinydb storage that reads strictly and writes whole snapshots atomically.

    Writes made inside `batch()` are held in memory and written once at the
    end, so a map with many tables is still one atomic file replacement.
    """

    def __init__(self, path: str | Path, start_empty: bool = False, backups: int = BACKUPS_KEPT) -> None:
        self.path = Path(path)
        self._state: dict[str, dict[str, Any]] | None = {} if start_empty else None
        self._held = 0
        self._backups = backups

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._state is None:
            self._state = _read_tables(self.path)
        return self._state

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._state = data
        if not self._held:
            self.flush()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1

    def flush(self) -> None:
        write_payload(self.path, encode_tables(self._state or {}), self._backups)


def encode_tables(tables: dict[str, Any]) -> bytes:
    """The file's bytes: indented JSON with sorted keys (diff-friendly), UTF-8."""
    try:
        return json.dumps(tables, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: keep it, escaped
        return json.dumps(tables, indent=1, sort_keys=True).encode("ascii")


def write_payload(path: Path, payload: bytes, backups: int, mode: int | None = None) -> Path:
    """Replace the map with `payload` in one atomic step, keeping `backups` earlier versions.

    The new file is written and fsynced under a temporary name first; only then are the backups
    shifted (bak2 -> bak3, bak1 -> bak2, map -> bak1), each by renaming a hard link made
    beforehand, and finally the temporary file is renamed over the map. A failure at any step
    puts every name back as it was (the map and all its backups byte for byte); a kill at any
    step leaves the previous map and every backup in place. A symlinked map is written through
    (its target is replaced, the link kept). Returns the file written; raises OSError.
    """
    target = resolve_target(path)
    tmp = write_temp(target, payload, mode)
    try:
        if backups and target.is_file():
            _keep_old_format_copy(target)
            with _rotated_backups(target, backups):
                os.replace(tmp, target)
        else:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)
    return target


_LINK_UNSUPPORTED = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def _second_name(path: Path, near: Path) -> Path:
    """Another name for the file at `path` (a hard link, or a copy where links are not supported),
    made beside `near` under a fresh temporary name; never follows a link."""
    for _attempt in range(100):
        tmp = temp_name(near)
        try:
            os.link(path, tmp, follow_symlinks=False)
            return tmp
        except FileExistsError:
            continue
        except NotImplementedError:  # no link without following links here (Windows): copy
            break
        except OSError as exc:
            if exc.errno not in _LINK_UNSUPPORTED:
                raise
            break
    if os.path.islink(path):
        os.symlink(os.readlink(path), tmp)
        return tmp
    return write_temp(near, Path(path).read_bytes(), mode_for(path))


@contextlib.contextmanager
def _rotated_backups(path: Path, keep: int) -> Iterator[None]:
    """Shift the backups of `path` one step (its current version becomes bak1), then run the body
    (which replaces `path`); on any failure, every name is put back as it was."""
    names = [path] + [backup_path(path, n) for n in range(1, keep + 1)]
    originals: dict[Path, Path | None] = {}  # a second name for each slot's old file (None: none)
    incoming: dict[Path, Path | None] = {}  # a second name for what moves into each slot
    done: list[Path] = []
    try:
        for n in range(keep, 0, -1):
            slot, source = names[n], names[n - 1]
            originals[slot] = _second_name(slot, path) if os.path.lexists(slot) else None
            incoming[slot] = _second_name(source, path) if os.path.lexists(source) else None
        for n in range(keep, 0, -1):
            slot = names[n]
            new = incoming[slot]
            if new is not None:
                os.replace(new, slot)
            elif originals[slot] is not None:
                os.unlink(slot)  # its older neighbour is gone: the slot moves on to nothing
            done.append(slot)
        yield
    except BaseException:
        for slot in reversed(done):  # put back what was shifted, newest first
            old = originals[slot]
            try:
                if old is not None:
                    os.replace(old, slot)
                else:
                    os.unlink(slot)
            except OSError as exc:  # keep the spare name: it holds the only copy of that version
                log.warning("could not put back %s (its old version is in %s): %s", slot, old, exc)
                originals[slot] = None
        raise
    finally:
        # every spare name goes, renamed or not (a rename between two names of one file, as a
        # killed rotation can leave, does nothing and keeps both)
        for spare in [*originals.values(), *incoming.values()]:
            if spare is not None:
                with contextlib.suppress(OSError):
                    os.unlink(spare)


# maps read in an older format, by file identity: the first save over one keeps a copy of it
_OLD_FORMAT: dict[tuple[int, int], tuple[int, int, int]] = {}  # (dev, ino) -> (version, size, mtime_ns)


def _note_old_format(path: Path, version: int) -> None:
    with contextlib.suppress(OSError):
        info = os.stat(path)
        _OLD_FORMAT[(info.st_dev, info.st_ino)] = (version, info.st_size, info.st_mtime_ns)


def _keep_old_format_copy(path: Path) -> None:
    """Before a save replaces a file read in an older format, keep it as MAP.cwalk.vN.bak (once)."""
    try:
        info = os.stat(path)
    except OSError:
        return
    known = _OLD_FORMAT.get((info.st_dev, info.st_ino))
    if known is None or known[1:] != (info.st_size, info.st_mtime_ns):
        return
    keep = path.with_name(f"{path.name}.v{known[0]}.bak")
    with contextlib.suppress(OSError):
        if stat.S_ISREG(os.lstat(keep).st_mode):
            return  # kept by an earlier save
    try:
        copy = _second_name(path, path)
        os.replace(copy, keep)  # replaces whatever else is there (even a link), never writes through it
    except OSError as exc:
        log.warning("could not keep a copy of the old-format file %s: %s", path, exc)


def backup_state(path: Path | str) -> dict[str, bytes | None]:
    """The map and its backups as bytes (None: absent); tests compare states before and after."""
    path = Path(path)
    names = [path] + [backup_path(path, n) for n in range(1, BACKUPS_KEPT + 1)]
    return {p.name: p.read_bytes() if p.is_file() else None for p in names}


def tables_of(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """tinydb's layout of a map's plain data: one table per collection, records under "1", "2", ...

    Built directly (the same layout tinydb's `insert_multiple` makes, which tests/test_store.py
    checks byte for byte): going through tinydb copied every record twice.
    """
    tables: dict[str, dict[str, Any]] = {
        "meta": {"1": {"format": FORMAT_VERSION, "app": APP_NAME, **data["meta"]}}
    }
    for attr, _cls in COLLECTIONS.values():
        records = data[attr]
        if records:
            tables[attr] = {str(n): record for n, record in enumerate(records, 1)}
    return tables


@dataclass(frozen=True)
class MapSnapshot:
    """A consistent copy of a map as plain data (dicts, lists, text, numbers), sharing nothing
    mutable with the Document.

    Take it on the thread that owns the Document; writing it touches only this data and files,
    so it may run on a worker thread (gui/files/map_guard.py autosaves that way).
    """

    data: dict[str, Any]
    title: str

    def write(self, path: Path | str, backups: int = BACKUPS_KEPT, mode: int | None = None) -> Path:
        """Write it to `path` in one atomic step (keeping `backups`); returns the file written
        (a symlink's target); raises MapFileError."""
        path = Path(path)
        existed = path.exists()
        payload = encode_tables(tables_of(self.data))
        if len(payload) > MAX_FILE_BYTES:  # it could never be opened again: refuse before writing
            raise MapFileError(
                f"could not save {path.name}: the map would be {len(payload) // 2**20} MB, more than "
                f"the {MAX_FILE_BYTES // 2**20} MB a map can be opened at; nothing was written"
            )
        try:
            written = write_payload(path, payload, backups, mode)
        except OSError as exc:
            kept = "the previous file is intact, and so are its backups" if existed else "nothing was written"
            raise MapFileError(f"could not save {describe_os_error(exc, path)}; {kept}") from None
        remove_stale_temps(written)  # left by saves that were killed half-way
        return written


def snapshot(doc: Document) -> MapSnapshot:
    """The map as it is now, ready to be written anywhere, from any thread."""
    return MapSnapshot(to_data(doc), doc.meta.title)


def save(doc: Document, path: Path | str, backups: int = BACKUPS_KEPT, stamp: bool = True) -> None:
    """Write the whole map to `path` in one atomic step; raises MapFileError.

    Each save is a new revision of the map (model/merging/revision.py), so copies can be merged
    later; `stamp=False` writes the map as it is (a file built to be the same byte for byte).
    """
    from model.merging.revision import stamp as new_revision

    snap = snapshot(doc)
    if not stamp:
        snap.write(path, backups)
        return
    snap.data["meta"] = new_revision(snap.data["meta"])
    snap.write(path, backups)
    for key in ("revision", "saved_at", "ancestors"):
        setattr(doc.meta, key, snap.data["meta"][key])


def read_data(path: Path | str) -> tuple[dict[str, Any], int]:
    """The map's plain data, migrated to the current format, and the version it was saved in."""
    path = Path(path)
    db = TinyDB(path, storage=AtomicJSONStorage)
    tables = set(db.tables())
    if "meta" not in tables:
        raise MapFileError(f"{path.name} is not a Contract Walk map (it has no map details)")
    meta_rows = db.table("meta").all()
    if len(meta_rows) != 1:
        raise MapFileError(f"{path.name} is damaged (its map details are missing or doubled)")
    meta = dict(meta_rows[0])
    version = meta.pop("format", None)
    meta.pop("app", None)
    if version is None:
        raise MapFileError(f"{path.name} is not a Contract Walk map (it has no format version)")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise MapFileError(
            f"{path.name} is damaged (its format version {str(version)[:20]!r} is not a whole number)"
        )
    if version > FORMAT_VERSION:
        raise MapFileError(
            f"{path.name} was saved by a newer Contract Walk (format {version}); "
            f"this version reads formats up to {FORMAT_VERSION}: update the app to open it"
        )
    data: dict[str, Any] = {"meta": meta}
    for name in tables - {"meta"}:
        rows = sorted(db.table(name).all(), key=lambda row: row.doc_id)
        data[name] = [dict(row) for row in rows]
    if version < FORMAT_VERSION:
        data = migrate(data, version)
        _note_old_format(path, version)
    problem = out_of_range(data)
    if problem:
        raise MapFileError(f"{path.name} is damaged: {problem}")
    return data, version


def load(path: Path | str) -> Document:
    """Open a map; raises MapFileError with one sentence if it cannot be opened.

    Reading never writes: a file from an older format is migrated in memory only, and the
    first save over it keeps a copy of the original beside it (acme.cwalk.v1.bak).
    """
    path = Path(path)
    data, _version = read_data(path)
    try:
        return from_data(data)
    except DocumentError as exc:
        raise MapFileError(f"{path.name} is damaged: {exc}") from None
