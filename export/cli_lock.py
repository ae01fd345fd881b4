"""The command line keeps out of a map the app has open: a verb that writes a map asks its lock.

The app holds a lock file beside every map it has open (model/storage/lockfile.py); saving a
map from the command line under it would be overwritten by the app's next save, or would
overwrite the app's own work. So a verb that writes a map reads the lock the way the app
does: a lock whose process has ended on this computer is stale (the app would take it over
too); any other lock, including one from another computer (which cannot be checked from
here), refuses the write with who holds it and what to do. There is no --force: closing the
map in the app is the way on.

A verb that writes a map also holds the lock itself, from before it reads the map until its save
is in (`holding`): two commands on one map at once would otherwise each read it, and the later
save would drop the earlier one's changes. A second command waits for the first to finish, then
reads the map as the first left it; the app, finding the lock held, opens the map read-only.
"""
from __future__ import annotations

import contextlib
import logging
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from model.storage import command_lock
from model.storage.lockfile import (
    describe_holder,
    holder_alive,
    lock_path_for,
    read_lock,
)
from model.storage.schema import APP_NAME

log = logging.getLogger(__name__)


def open_in_app(path: Path) -> str | None:
    """Why `path` may not be written now, as one sentence (None: no app has it open)."""
    lock_file = lock_path_for(path)
    try:
        if not stat.S_ISREG(os.lstat(lock_file).st_mode):
            return None  # a link or a folder at the lock's name is no lock (the app clears it)
    except OSError:
        return None  # no lock: nobody has the map open
    facts = read_lock(lock_file)
    if facts is not None and facts.pid == os.getpid():
        return None  # this very command holds it (`holding`)
    if facts is not None and facts.here and not holder_alive(facts):
        return None  # left by an app that crashed on this computer
    holder = describe_holder(facts, path)
    if facts is not None and facts.here:
        how = "close it in the app (save your changes there first), then run this again"
    else:
        gone = "the app there is no longer running" if facts is not None else "no app has it open"
        how = (f"close it there, then run this again (if {gone}, open the map in the app here, "
               "take over the lock when asked, and close it)")
    from export.cli_merge import printable  # the host's name comes from a file anyone could write

    return printable(f"{path} is open in {holder}; {how}; nothing was written")


WAIT_S = 120.0  # a command writing a 10,000-person map takes seconds, not minutes


def holding(path: Path, wait_s: float = WAIT_S) -> contextlib.AbstractContextManager[None]:
    """The map's lock, held by this command while it reads, changes and saves the map (see above).

    Held by the app (or a program this cannot tell apart from it): not taken, so `open_in_app`
    refuses the write as before. Held by another command: waited for, up to `wait_s` seconds."""
    return _holding(path, wait_s)


def for_target(raw: str | None) -> contextlib.AbstractContextManager[None]:
    """`holding` the map a verb will write, named as typed; nothing for a name the verb refuses
    anyway (an empty name must not lock the folder it resolves to)."""
    from export.cli import name_problem

    if raw is None or name_problem(raw, "map") or Path(raw).is_dir():
        return contextlib.nullcontext()
    return holding(Path(raw))


@contextlib.contextmanager
def _holding(path: Path, wait_s: float) -> Iterator[None]:
    from export.cli_merge import Problem, printable

    _mention_copies(path)
    deadline = time.monotonic() + wait_s
    said = False
    while True:
        try:
            held = command_lock.take(path)
        except OSError as exc:  # no folder yet, a read-only folder...: the write reports its own problem
            log.info("could not take the lock of %s: %s", path, exc)
            held = None
            break
        if held is not None:
            break
        state = command_lock.busy(path)
        if state is None:
            break
        if time.monotonic() > deadline:
            raise Problem(printable(f"{path} is being changed by another {APP_NAME} command "
                                    f"({command_lock.who(path)}); run this again when it has "
                                    "finished; nothing was written"))
        if not said and state == command_lock.WAIT:
            log.warning("waiting for another %s command that is changing %s to finish",
                        APP_NAME, printable(str(path)))
            said = True
        time.sleep(0.05)
    try:
        yield
    finally:
        if held is not None:
            command_lock.release(path, held)


def _mention_copies(path: Path) -> None:
    """A cloud drive's conflicted copy beside the map holds changes made elsewhere meanwhile: a
    command writing the map says so (once), as the app offers to merge them when it opens it."""
    from export.cli_merge import printable
    from model.merging.revision import conflict_copies

    copies = conflict_copies(path) if path.is_file() else []
    if copies:
        log.warning("%s", printable(
            f"{copies[0].name}{f' (and {len(copies) - 1} more)' if len(copies) > 1 else ''} beside "
            f"{path.name} looks like a copy a cloud drive kept of changes made elsewhere at the same "
            "time; open the map in the app to merge them in"))
