"""A map's backups: every save shifts the earlier versions (MAP.cwalk.bak1 .. bak3) in the same
atomic step that replaces the map, and the first save over a file read in an older format keeps
that file as MAP.cwalk.vN.bak. A failure or a kill at any step leaves every version in place."""
from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from model.storage.atomic import fsync_dir, mode_for, resolve_target, temp_name, write_temp

log = logging.getLogger(__name__)

BACKUPS_KEPT = 3


def backup_path(path: Path, n: int = 1) -> Path:
    """acme.cwalk -> acme.cwalk.bak1 (never ends in .cwalk, so globs of maps skip it)."""
    return path.with_name(f"{path.name}.bak{n}")


def backups_of(path: Path | str) -> list[Path]:
    """The backups that exist beside a map (beside a symlinked map's target), newest first."""
    path = Path(os.path.realpath(path))
    return [p for n in range(1, BACKUPS_KEPT + 1) if (p := backup_path(path, n)).is_file()]


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


def note_old_format(path: Path, version: int) -> None:
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
