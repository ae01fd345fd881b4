"""Write a file so that a crash at any moment leaves the old file or the new one, whole."""
from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def describe_os_error(exc: OSError, path: Path | str) -> str:
    """One plain sentence for a failed write or read."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the folder is read-only",
        errno.EISDIR: "a folder of that name is in the way",
        errno.ENOENT: "the folder does not exist",
        errno.ENOTDIR: "part of the path is not a folder",
        errno.ENAMETOOLONG: "the name is too long",
    }
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


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (not mkstemp's 0600)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_writer(path: Path | str) -> Iterator[BinaryIO]:
    """Yield a binary file; on a clean exit it replaces `path` in one step.

    The data goes to a temporary file in the same folder, is flushed and
    fsynced, then renamed over the target; on any error the temporary file
    is removed and the target is untouched.
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    with atomic_writer(path) as handle:
        handle.write(data)
