"""Write a file so that a crash at any moment leaves the old file or the new one, whole.

Every file written beside a user's file is made under a fresh, recognisable temporary name
(`.NAME.<random>.cwalk-tmp`, created with O_EXCL|O_NOFOLLOW, so never through a link someone
planted) and renamed into place: a rename replaces a link, it never writes where a link points.
A write to a symlinked file goes to the link's target (the link stays); a device, a pipe or a
folder is refused, never replaced.
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TEMP_TAG = ".cwalk-tmp"  # every temporary file we make ends so; only those are ever cleaned up
STALE_TEMP_S = 3600.0  # a temporary file this old is left from a killed write (none takes an hour)
_LEGACY_TEMP = (".tmp", ".part")  # what earlier versions named theirs (mkstemp: 8 random characters)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _read_umask() -> int:
    umask = os.umask(0o022)  # read once, at import (single-threaded): never flip it while threads write
    os.umask(umask)
    return umask


_UMASK = _read_umask()


class NotRegularFileError(OSError):
    """The target is a device, a pipe, a socket or a dangling link: writing it would replace it."""


def describe_os_error(exc: OSError, path: Path | str) -> str:
    """One plain sentence for a failed write or read."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the folder is read-only",
        errno.EISDIR: "a folder of that name is in the way",
        errno.ENOENT: "the folder does not exist",
        errno.ENOTDIR: "part of the path is not a folder",
        errno.ENAMETOOLONG: "the name is too long",
        errno.ELOOP: "it is a link that points in a circle",
    }
    if isinstance(exc, NotRegularFileError):
        return f"{path}: {exc.strerror}"
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    if exc.errno == errno.ENOENT and Path(path).parent.is_dir():
        # the folder is there but takes no new files (e.g. /proc): "does not exist" would be untrue
        reason = "that folder does not accept new files"
    return f"{path}: {reason}"


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (best effort: not every system lets a folder be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def resolve_target(path: Path | str, follow_links: bool = True) -> Path:
    """The file a write to `path` must replace: `path` itself, or a symlink's target (so the link
    is kept; with `follow_links=False` the link itself is replaced). Raises IsADirectoryError for
    a folder and NotRegularFileError for anything else that is not a regular file (a device, a
    pipe, a link to nowhere), which a rename would destroy."""
    target = Path(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    if stat.S_ISLNK(info.st_mode) and not follow_links:
        return target  # the link itself is replaced; what it points to is never touched
    if stat.S_ISLNK(info.st_mode):
        real = Path(os.path.realpath(target))
        try:
            info = os.stat(real)
        except FileNotFoundError:
            raise NotRegularFileError(0, f"it is a link to {real}, which does not exist", str(path)) from None
        target = real
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "a folder of that name is in the way", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFileError(
            0, "it is not a regular file (a device, a pipe or a socket), so it is never replaced", str(path)
        )
    return target


def _folder_of(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def _temp_prefix(name: str) -> str:
    return f".{name[:180]}."  # room for the random part and the tag within 255 bytes


def temp_name(target: Path) -> Path:
    """A fresh temporary name beside `target` (not created: for os.link, which never overwrites)."""
    return _folder_of(target) / f"{_temp_prefix(target.name)}{secrets.token_hex(4)}{TEMP_TAG}"


def new_temp(target: Path, mode: int = 0o600) -> tuple[int, Path]:
    """Create a fresh temporary file beside `target` (never through an existing name or link)."""
    folder = _folder_of(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY
    for _attempt in range(100):
        tmp = temp_name(target)
        try:
            fd = os.open(tmp, flags, 0o600)
        except FileExistsError:
            continue
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)  # exactly this, whatever the umask
            else:  # Windows (before Python 3.13): only the read-only bit exists anyway
                os.chmod(tmp, mode)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return fd, tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def mode_for(target: Path, mode: int | None = None) -> int:
    """`mode` if given; else keep an existing file's permissions; a new file gets the usual ones."""
    if mode is not None:
        return mode
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


def write_temp(target: Path, data: bytes, mode: int | None = None) -> Path:
    """`data` in a new temporary file beside `target`, flushed to disk; removed again on failure."""
    fd, tmp = new_temp(target, mode_for(target, mode))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    return tmp


@contextlib.contextmanager
def atomic_writer(path: Path | str, mode: int | None = None, follow_links: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary file; on a clean exit it replaces `path` in one step.

    The data goes to a temporary file in the same folder, is flushed and
    fsynced, then renamed over the target; on any error the temporary file
    is removed and the target is untouched. A file beside someone else's map (an owner note)
    is written with `follow_links=False`: a link planted at its name is replaced, not followed.
    """
    target = resolve_target(path, follow_links)
    fd, tmp = new_temp(target, mode_for(target, mode))
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(_folder_of(target))
    remove_stale_temps(target)


def atomic_write_bytes(path: Path | str, data: bytes, mode: int | None = None,
                       follow_links: bool = True) -> None:
    """Replace `path` with `data` in one step (see atomic_writer)."""
    with atomic_writer(path, mode, follow_links) as handle:
        handle.write(data)


def _is_our_temp(name: str, prefix: str) -> bool:
    if not name.startswith(prefix):
        return False
    rest = name[len(prefix):]
    if rest.endswith(TEMP_TAG):
        return True
    stem, dot, tail = rest.rpartition(".")
    legacy = f".{tail}" in _LEGACY_TEMP and len(stem) == 8
    return bool(dot) and legacy and all(c.isalnum() or c == "_" for c in stem)


def remove_stale_temps(target: Path | str, older_than_s: float = STALE_TEMP_S) -> list[Path]:
    """Remove temporary files a killed write of `target` left behind: only ours (named so, regular
    files, not links, owned by this user) and only old ones (a write may be under way right now)."""
    target = Path(target)
    folder = _folder_of(target)
    prefix = _temp_prefix(target.name)
    removed: list[Path] = []
    now = time.time()
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _is_our_temp(entry.name, prefix) and not _is_our_temp(entry.name, f".{target.name}."):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or (uid is not None and info.st_uid != uid):
                continue
            if now - info.st_mtime < older_than_s:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def private_dir(folder: Path) -> Path:
    """Create `folder` (and its parents) readable by this user only (0700, whatever the umask)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        if stat.S_IMODE(os.stat(folder).st_mode) != 0o700:
            os.chmod(folder, 0o700)
    return folder
