"""Maps on disk: a .cwalk file is a tinydb JSON database (one table per collection).

The only module that imports tinydb. tinydb's own JSONStorage rewrites the
file in place and opens an empty file as an empty database; ours refuses
anything that is not a whole map, and writes whole snapshots atomically
(temp file, fsync, rename), keeping the last few versions as backups.
"""
from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from model import collector
from model.document import COLLECTIONS, Document, DocumentError
from model.storage import parse, unknown
from model.storage.atomic import describe_os_error, remove_stale_temps
from model.storage.backups import (
    BACKUPS_KEPT,
    backup_path,
    backup_state,
    backups_of,
    note_old_format,
    write_payload,
)
from model.storage.schema import APP_NAME, FORMAT_VERSION, migrate, out_of_range
from model.storage.serialize import from_data, to_data

# names other modules and tests import from here (the backups moved to model/storage/backups.py)
__all__ = [
    "BACKUPS_KEPT", "EXTENSION", "MAX_FILE_BYTES", "AtomicJSONStorage", "MapFileError", "MapSnapshot",
    "backup_path", "backup_state", "backups_of", "encode_tables", "load", "read_data", "save", "snapshot",
    "tables_of", "write_payload",
]

EXTENSION = ".cwalk"
MAX_FILE_BYTES = 512 * 1024 * 1024
log = logging.getLogger(__name__)


class MapFileError(DocumentError):
    """A map file that cannot be read or written; the message is one sentence for the user."""


def _short_number(number: int) -> str:
    """A version number from a file as a message shows it: a damaged file's 400 digits are cut."""
    try:
        digits = str(number)
    except ValueError:  # more digits than Python will print
        return "a number too long to show"
    return digits if len(digits) <= 12 else f"{digits[:12]}… ({len(digits)} digits)"


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
        data = _parse(raw)
    except parse.DuplicateKey as exc:
        raise MapFileError(f"{name} is damaged: {exc}, so one of them would be lost; nothing was changed "
                           "(open it in a text editor and keep the one you mean)") from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        if _looks_like_a_roster(path, raw):
            raise MapFileError(
                f"{name} looks like a roster, not a Contract Walk map; make a map of it first with "
                f"'import-csv {name} -o MAP.cwalk' (or File > Import CSV Roster in the app); "
                "nothing was changed"
            ) from None
        raise MapFileError(
            f"{name} is damaged or is not a Contract Walk map (it is not complete JSON); nothing was changed"
        ) from None
    if b"\\" in raw and _ESCAPED_SURROGATE.search(raw):  # no backslash (most maps): no escape at all
        data = _without_lone_surrogates(data)
    if not isinstance(data, dict) or not all(  # keys are text in JSON: str.isdigit applies
        type(table) is dict and all(map(str.isdigit, table)) and set(map(type, table.values())) <= {dict}
        for table in data.values()
    ):
        raise MapFileError(f"{name} is not a Contract Walk map (its tables are not records)")
    return data


ROSTER_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".xlsm", ".ods"})


def _looks_like_a_roster(path: Path, raw: bytes) -> bool:
    """A spreadsheet given where a map goes (a common slip: `check staff.csv`): by its name, or a
    workbook's zip signature under any name. Only asked of a file that is not JSON."""
    return path.suffix.lower() in ROSTER_SUFFIXES or raw.startswith(b"PK\x03\x04")


def _parse(raw: bytes) -> Any:
    """The file's JSON; a key twice in one object is refused (model/storage/parse.py)."""
    return parse.parse(raw)


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
    for name in data.keys() - tables.keys() - _KNOWN_TABLES:  # a newer app's (model/storage/unknown.py)
        if data[name]:
            tables[name] = {str(n): record for n, record in enumerate(data[name], 1)}
    return tables


_KNOWN_TABLES = frozenset(attr for attr, _cls in COLLECTIONS.values())


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
        refusal = _read_only(path) if existed else None
        if refusal:
            raise MapFileError(f"could not save {path.name}: {refusal}")
        try:
            written = write_payload(path, payload, backups, mode)
        except OSError as exc:
            kept = "the previous file is intact, and so are its backups" if existed else "nothing was written"
            raise MapFileError(f"could not save {describe_os_error(exc, path)}; {kept}") from None
        remove_stale_temps(written)  # left by saves that were killed half-way
        return written


def _read_only(path: Path) -> str | None:
    """Why the map at `path` may not be replaced although its folder allows it (None: it may).

    A save ends by renaming over the file, which the folder permits whatever the file's own
    permissions say: a file marked read-only (by the user, a sync client, a shared folder's
    owner; its bits are checked too, as root may write anything) or not this user's to write
    is refused here, before anything is written."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None  # a folder or a device in the way: the write says so in its own words
    if not info.st_mode & 0o222:
        return ("the file is marked read-only, so it is not replaced; nothing was written "
                "(save under another name, or make the file writable first)")
    if not os.access(path, os.W_OK):
        return "you may not change this file: permission denied; the previous file is intact"
    return None


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
    # tinydb's layout read straight from the parsed JSON: going through TinyDB made a Document
    # object and a copy of every row, 40 % of the time a load took (issue 19)
    tables = _read_tables(path)
    if "meta" not in tables:
        raise MapFileError(f"{path.name} is not a Contract Walk map (it has no map details)")
    meta_rows = list(tables["meta"].values())
    if len(meta_rows) != 1:
        raise MapFileError(f"{path.name} is damaged (its map details are missing or doubled)")
    meta = dict(meta_rows[0])
    version = meta.pop("format", None)
    meta.pop("app", None)
    if version is None:
        raise MapFileError(f"{path.name} is not a Contract Walk map (it has no format version)")
    if isinstance(version, bool) or not isinstance(version, int):
        raise MapFileError(
            f"{path.name} is damaged (its format version {str(version)[:20]!r} is not a whole number)"
        )
    if version < 1:  # a whole number, but none the app ever wrote: saying "not whole" misled
        raise MapFileError(
            f"{path.name} is damaged (its format version is {_short_number(version)}; "
            "maps are numbered from format 1)"
        )
    if version > FORMAT_VERSION:
        raise MapFileError(
            f"{path.name} was saved by a newer Contract Walk (format {_short_number(version)}); "
            f"this version reads formats up to {FORMAT_VERSION}: update the app to open it"
        )
    data: dict[str, Any] = {"meta": meta}
    for name, table in tables.items():
        if name != "meta":  # records in tinydb's order: by number, "1", "2", ... "10"
            data[name] = _in_order(table)
    if version < FORMAT_VERSION:
        data = migrate(data, version)
        note_old_format(path, version)
    problem = out_of_range(data)
    if problem:
        raise MapFileError(f"{path.name} is damaged: {problem}")
    return data, version


def _in_order(table: dict[str, Any]) -> list[Any]:
    """A table's records by number; as this app writes them, numbered 1 to n (a sort only otherwise)."""
    try:
        return [table[str(n)] for n in range(1, len(table) + 1)]
    except KeyError:
        return [table[key] for key in sorted(table, key=int)]


def load(path: Path | str) -> Document:
    """Open a map; raises MapFileError with one sentence if it cannot be opened.

    Reading never writes: a file from an older format is migrated in memory only, and the
    first save over it keeps a copy of the original beside it (acme.cwalk.v1.bak).
    """
    path = Path(path)
    collector.pause()  # tens of thousands of new objects, none of them garbage (issue 19)
    doc = None
    try:
        data, _version = read_data(path)
        try:
            doc = from_data(data, fresh=True)  # read just now, held by nobody else
        except DocumentError as exc:
            raise MapFileError(f"{path.name} is damaged: {exc}") from None
    finally:
        if collector.resume() and doc is not None:
            _to_oldest_generation()
    note = unknown.describe(doc, path.name)
    if note:  # the command line shows it as a `warning:` line on stderr, the app in its status bar
        log.warning("%s", note)
    return doc


def _to_oldest_generation() -> None:
    """Everything the collector tracks joins its oldest generation, unwalked.

    A load pauses the collector, so the new map sits in the young generation when it comes back
    on: the next young collection would walk all of it (and the next middle one again), ~7 ms at
    2,000 people, a fifth of a load, to find no garbage. Freezing and thawing moves every object
    to the oldest generation without walking it; a full collection still looks at them all. (The
    app keeps the collector off for its whole life, gui/jobs/main_thread_gc.py, and freezes a
    load's objects on its own: there `resume` does not turn it back on and this is not called.)"""
    gc.freeze()
    gc.unfreeze()
