"""The command line keeps out of a map the app has open: a verb that writes a map asks its lock.

The app holds a lock file beside every map it has open (model/storage/lockfile.py); saving a
map from the command line under it would be overwritten by the app's next save, or would
overwrite the app's own work. So a verb that writes a map reads the lock the way the app
does: a lock whose process has ended on this computer is stale (the app would take it over
too); any other lock, including one from another computer (which cannot be checked from
here), refuses the write with who holds it and what to do. There is no --force: closing the
map in the app is the way on.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from model.storage.lockfile import describe_holder, holder_alive, lock_path_for, read_lock


def open_in_app(path: Path) -> str | None:
    """Why `path` may not be written now, as one sentence (None: no app has it open)."""
    lock_file = lock_path_for(path)
    try:
        if not stat.S_ISREG(os.lstat(lock_file).st_mode):
            return None  # a link or a folder at the lock's name is no lock (the app clears it)
    except OSError:
        return None  # no lock: nobody has the map open
    facts = read_lock(lock_file)
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
