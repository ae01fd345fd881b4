"""What the command line says back about what a user typed: one readable line, whatever they typed.

A 30,000-character argument (a story pasted where a name belongs, a name from a damaged map) is
cut in its error line, and its control characters are shown as escapes, so an error stays one
line a person can read and a hostile value cannot drive the terminal.
"""
from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from export.cli_merge import printable
from model.document.checks import shown

MESSAGE_LIMIT = 240  # an error line's longest readable length, before "(see ... --help)"


def quoted(text: str, limit: int = 60) -> str:
    """'value' as an error line quotes it: whole when short, cut with an ellipsis when long."""
    return shown(text, limit)


def one_line(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """A message made of argparse's words and a user's value: a long one loses its middle (the
    value) and keeps its start (which option) and end (the choices), control characters escaped."""
    if len(message) > limit:
        half = limit // 2
        message = f"{message[:half]}…{message[-half:]}"
    return printable(" ".join(message.split("\n")))


def exists(path: str | os.PathLike[str]) -> bool:
    """Whether something is there; False for a name the system cannot even look up (too long)."""
    try:
        return Path(path).exists()
    except (OSError, ValueError):
        return False


_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)  # the output's device took no more


def stdout_failure(exc: BaseException) -> str | None:
    """The error line for a verb whose standard output could not be written (a full disk,
    /dev/full, a quota), or None if `exc` is something else. Every file a verb writes itself
    reports its own failures by name, so a nameless "disk full" that reaches the top is the
    output the user redirected: theirs to fix, not a bug. What reached it is kept; the rest
    is dropped (standard output goes to /dev/null, so Python's flush at exit stays quiet)."""
    if not isinstance(exc, OSError) or exc.filename or exc.errno not in _FULL:
        return None
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    from model.storage.atomic import describe_os_error

    return f"could not write {describe_os_error(exc, 'to standard output')}"
