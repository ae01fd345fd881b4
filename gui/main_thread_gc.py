"""Keep Python's cyclic garbage collector on the GUI thread while worker threads run.

The collector runs in whichever thread happens to allocate past its threshold.
When that is a worker thread, it may free Qt objects caught in reference cycles
(closed dialogs, old windows) from the wrong thread, which crashes the app
(seen here: a segfault in "Garbage-collecting" on the export thread). While at
least one holder is active, automatic collection is off and a GUI-thread timer
collects instead (the pattern calibre and pyqtgraph use). Holds nest.
"""
from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QCoreApplication, QThread, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS = 1000


class _Pin:
    holders = 0
    was_enabled = False
    timer: QTimer | None = None


def _collect() -> None:
    gc.collect(1)  # young generations: quick; the full collection happens on release


def hold() -> None:
    """Call on the GUI thread before starting background Python work."""
    app = QCoreApplication.instance()
    if app is not None and QThread.currentThread() is not app.thread():
        raise RuntimeError("main_thread_gc.hold() must be called on the GUI thread")
    if _Pin.holders == 0:
        _Pin.was_enabled = gc.isenabled()
        gc.disable()
        if app is not None:
            _Pin.timer = QTimer(app)
            _Pin.timer.setInterval(INTERVAL_MS)
            _Pin.timer.timeout.connect(_collect)
            _Pin.timer.start()
    _Pin.holders += 1


def release() -> None:
    """Call on the GUI thread when the background work has ended."""
    if _Pin.holders <= 0:
        log.warning("main_thread_gc.release() without hold()")
        return
    _Pin.holders -= 1
    if _Pin.holders == 0:
        if _Pin.timer is not None:
            _Pin.timer.stop()
            _Pin.timer.deleteLater()
            _Pin.timer = None
        if _Pin.was_enabled:
            gc.enable()
        gc.collect()


def holders() -> int:
    return _Pin.holders


__all__ = ["hold", "holders", "release"]
