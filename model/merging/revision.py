"""Which version a copy of a map started from: every save gets a revision id and keeps the
earlier ones, so when a copy comes back its common ancestor with ours can be found among the
files at hand (backups, snapshots, the copies kept of recent saves). Also: spotting the
"conflicted copy" files cloud drives leave beside a map.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from model.entities import new_id

log = logging.getLogger(__name__)

MAX_ANCESTORS = 50
KEPT_SAVES = 40  # copies of recent saves kept in the data folder, to find common ancestors


def stamp(meta: dict[str, Any], now: dt.datetime | None = None) -> dict[str, Any]:
    """The map details of a new save: a fresh revision, the old one kept among the ancestors."""
    out = dict(meta)
    chain = [r for r in [*meta.get("ancestors", []), meta.get("revision", "")] if r]
    out["ancestors"] = list(dict.fromkeys(chain))[-MAX_ANCESTORS:]
    out["revision"] = new_id()
    when = now or dt.datetime.now(dt.UTC)
    out["saved_at"] = when.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return out


def lineage(meta: dict[str, Any]) -> list[str]:
    """The revisions a version descends from, newest first (itself included)."""
    chain = [*meta.get("ancestors", []), meta.get("revision", "")]
    return [r for r in reversed(chain) if r]


def common_revision(ours: dict[str, Any], theirs: dict[str, Any]) -> str | None:
    """The newest revision both versions descend from (None: they share no recorded history)."""
    theirs_line = set(lineage(theirs))
    return next((r for r in lineage(ours) if r in theirs_line), None)


def content_revision(payload: bytes) -> str:
    """The revision of a file saved without one (the bundled example, a file from before revisions,
    one built byte for byte): a digest of its bytes, so every copy of it (`cp`, a cloud drive, a
    copy of a copy) is known as the same version and can serve as the common one."""
    return hashlib.sha256(payload).hexdigest()[:32]


def adopt_revision(meta: Any, path: Path | None) -> str:
    """Give a map read from `path` without a revision the file's content revision (a MapInfo or a
    meta dict; changed in place); returns its revision ("" when the file cannot be read)."""
    current = meta.get("revision", "") if isinstance(meta, dict) else meta.revision
    if current or path is None:
        return str(current)
    try:
        revision = content_revision(Path(path).read_bytes())
    except OSError as exc:
        log.info("could not read %s for its revision: %s", path, exc)
        return ""
    if isinstance(meta, dict):
        meta["revision"] = revision
    else:
        meta.revision = revision
    return revision


def saves_folder() -> Path:
    from model.storage.recovery import data_dir

    return data_dir() / "revisions"


def keep_save(payload: bytes, revision: str, folder: Path | None = None) -> None:
    """Keep a copy of a saved map by revision (best effort; the oldest beyond KEPT_SAVES go)."""
    from model.storage.atomic import atomic_write_bytes

    base = folder if folder is not None else saves_folder()
    if not re.fullmatch(r"[0-9a-f]{32}", revision):
        return
    try:
        base.mkdir(parents=True, exist_ok=True)
        kept_file = base / f"{revision}.cwalk"
        if kept_file.exists():  # a revision's content never changes; opened again, it stays kept longer
            os.utime(kept_file)
            return
        atomic_write_bytes(base / f"{revision}.cwalk", payload)
        kept = sorted(base.glob("*.cwalk"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEPT_SAVES:]:
            old.unlink()
    except OSError as exc:
        log.info("could not keep a copy of revision %s: %s", revision, exc)


def candidates(*maps: Path | None) -> Iterable[Path]:
    """Files that may hold an earlier version of these maps."""
    from model.compare import snapshot_folder
    from model.storage.store import backups_of

    for path in maps:
        if path is not None:
            yield path
            yield from backups_of(path)
    folders = [saves_folder(), snapshot_folder()]
    for folder in folders:
        try:
            yield from sorted(folder.glob("*.cwalk"))
        except OSError:
            continue


def find_revision(revision: str, *maps: Path | None) -> dict[str, Any] | None:
    """The plain data of the saved version with that revision id, if a file of it is at hand."""
    from model.storage.store import MapFileError, read_data

    direct = saves_folder() / f"{revision}.cwalk"
    for path in [direct, *candidates(*maps)]:
        try:
            if not path.is_file():
                continue
            payload = path.read_bytes()
            named = revision.encode() in payload
            if not named and content_revision(payload) != revision:
                continue
            data, _version = read_data(path)
        except (OSError, MapFileError):
            continue
        meta = data.get("meta", {})
        if meta.get("revision") == revision or (not named and not meta.get("revision")):
            return data
    return None


# "map (conflicted copy).cwalk", "map (Ana's conflicted copy 2026-12-01).cwalk" (Dropbox),
# "map-conflict-20261201-101010.cwalk" (Syncthing: map.sync-conflict-…), "map (1).cwalk" (Drive, OneDrive)
_COPY_PATTERNS = (
    r"{stem} \(.*conflicted copy.*\)",
    r"{stem}[-.](sync-)?conflict-.*",
    r"{stem} \(\d+\)",
    r"{stem}-[^-]+-(pc|mac|laptop|desktop)\w*",
)


def conflict_copies(path: Path) -> list[Path]:
    """Copies of the map at `path` a cloud drive left beside it, newest first."""
    stem = re.escape(path.stem)
    patterns = [re.compile(p.format(stem=stem), re.IGNORECASE) for p in _COPY_PATTERNS]
    found = []
    try:
        for other in path.parent.iterdir():
            if other == path or other.suffix.lower() != path.suffix.lower() or not other.is_file():
                continue
            if any(p.fullmatch(other.stem) for p in patterns):
                found.append(other)
    except OSError:
        return []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


NO_BASE_NOTE = ("No version both copies started from was found, so every difference is listed as a "
                "choice, keeping this map's version until you pick the other; nothing is deleted.")


def merge_inputs(ours: dict[str, Any], ours_path: Path | None, theirs_path: Path
                 ) -> tuple[dict[str, Any], dict[str, Any], str]:
    """(base, theirs, note) for merging the map at `theirs_path` into the open map `ours`: the base
    is the newest saved version both descend from, found among the files at hand; without one it
    is empty, so every difference becomes a choice. Raises MapFileError for an unreadable copy."""
    from model.storage.serialize import to_data
    from model.storage.store import load

    theirs = to_data(load(theirs_path))
    adopt_revision(theirs["meta"], theirs_path)  # a copy of a file saved without a revision
    revision = common_revision(ours.get("meta", {}), theirs.get("meta", {}))
    base = find_revision(revision, ours_path, theirs_path) if revision else None
    if base is None:
        return {}, theirs, NO_BASE_NOTE
    saved = base.get("meta", {}).get("saved_at", "").replace("T", " ").replace("Z", " UTC")
    return base, theirs, f"Merged against the version both copies started from (saved {saved or 'earlier'})."


NO_BASE_CLI = ("{base} is empty: there is no version both copies started from, so they are matched "
               "by id only; whatever only one copy holds is kept, and what both hold differently is a "
               "conflict that keeps ours until reviewed; nothing is deleted")
UNRELATED_CLI = ("{base} is not a version either copy descends from, and the copies share no recorded "
                 "history: check that it is the right base (an empty file as BASE merges without one, "
                 "deleting nothing)")


def base_note(base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any],
              base_name: str) -> str | None:
    """What a user must know about the BASE given to a merge (None: it is an ancestor, or may be).

    An empty BASE (git's, when both branches added the map) means no common version. A BASE outside
    both copies' recorded history, when the copies share none either, is likely the wrong file: an
    item it holds that one copy lacks would be taken as deleted there. Only then: the history keeps
    the last MAX_ANCESTORS saves, so an old base can be missing from one copy's list alone."""
    if base is None:
        return NO_BASE_CLI.format(base=base_name)
    revision = base.get("meta", {}).get("revision", "")
    if not revision or common_revision(ours.get("meta", {}), theirs.get("meta", {})) is not None:
        return None
    if revision in lineage(ours.get("meta", {})) or revision in lineage(theirs.get("meta", {})):
        return None
    return UNRELATED_CLI.format(base=base_name)
