"""The app's log file in the user's data folder, so "the details are in the log" is true.

A rotating file (1 MB x 3) beside the autosaves: `contract-walk.log` in the `logs` folder of the
data folder (model.storage.recovery.data_dir). Both are private to the user (0700 / 0600): a log
can quote a person's name from a failed edit. Warnings and errors also go to stderr.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from model.storage.recovery import data_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_state: dict[str, Path | None] = {"path": None}


def log_path() -> Path | None:
    """The log file in use (None before start(), or when the data folder cannot be written)."""
    return _state["path"]


def start(level: int = logging.INFO) -> Path | None:
    """Send the app's log to the file (and warnings to stderr); returns the file's path."""
    root = logging.getLogger()
    root.setLevel(level)
    if not any(isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler)
               for h in root.handlers):
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(console)
    if _state["path"] is not None:
        return _state["path"]
    folder = data_dir() / "logs"
    path = folder / "contract-walk.log"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0), 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8", delay=True)
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file (%s): logging to stderr only", exc)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    _state["path"] = path
    return path


def where() -> str:
    """'the log (PATH)' for messages to the user."""
    path = log_path()
    return f"the log ({path})" if path else "the log"
