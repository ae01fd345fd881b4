"""Keep Python's cyclic garbage collector on the GUI thread while worker threads run
(gui/jobs/background.py holds it for every background job; the app holds it for its life).

The collector runs in whichever thread happens to allocate past its threshold.
When that is a worker thread, it may free Qt objects caught in reference cycles
(closed dialogs, old windows) from the wrong thread, which crashes the app
(seen here: a segfault in "Garbage-collecting" on the export thread). While at
least one holder is active, automatic collection is off and a GUI-thread timer
collects instead (the pattern calibre and pyqtgraph use). Holds nest; the switch itself is
model/collector.py's, which a playbook build also pauses.

The timer collects the young generations in small steps: it looks every TICK_MS while a
background job runs (every IDLE_TICK_MS otherwise) and collects once YOUNG_STEP new objects have
come since the last collection, or a second has passed. Why: a young collection walks every object
made since the last one that is still alive, and a worker (the insights' networkx graph, an
autosave's encoding) makes hundreds of thousands a second; collected once a second that walk
stalled the GUI thread 40-140 ms at 10,000 people, in steps it is a few ms each (issue 19).
A burst of new objects that came while no job ran (a map just opened: nothing a load makes is
garbage) is frozen (`gc.freeze`, moved to the permanent generation without walking it)
instead of walked: that walk took 0.5 s at 10,000 people. A result a worker hands over to be kept
(the insights' report: ~200,000 findings, steps and lists at 10,000 people, none in a cycle) is
frozen the same way when it is taken (`settle`): the first young collection after it walked it
all, 127-211 ms in the middle of the next word typed. A frozen object is still freed by its
reference count when the next report replaces it; anything in a cycle frozen with it waits for
the next full collection, which thaws first.

The oldest generation, where long-lived cyclic garbage ends up (a closed map's objects, old
dialogs), needs a full collection, which first thaws what was frozen (so a closed map is still
found) and takes ~0.3 s at 10,000 people: it runs every few minutes, on the GUI thread, at a
quiet moment (no mouse button held, so never during a drag, and no key or mouse input for a
couple of seconds). Input is watched only while such a collection waits for its moment.
"""
from __future__ import annotations

import gc
import logging
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, QTimer
from PySide6.QtGui import QGuiApplication

from model import collector

log = logging.getLogger(__name__)

INTERVAL_MS = 1000  # the young generations are collected at least this often
TICK_MS = 25  # how often the timer looks while a background job runs (the app's own hold aside)
IDLE_TICK_MS = 250  # ... and while none does
YOUNG_STEP = 5_000  # new objects that make a young collection due (a few ms to walk)
FULL_EVERY_S = 300.0  # a full collection at most this often
QUIET_S = 2.0  # ... once nobody has pressed, moved or typed for this long
BULK_OBJECTS = 100_000  # new objects in the young generation at one tick: frozen, not walked
# While a worker runs Python (insights, autosave, export), the GUI thread waits for the GIL up to
# the switch interval each time it needs it, many times per keystroke: 5 ms by default made typing
# at 10,000 people take 26 ms a key during an analysis; 0.5 ms keeps it near the idle figure.
SWITCH_INTERVAL_S = 0.0005
BRISK_S = 0.5  # how long `brisk` keeps the quick pace after it was last asked

_INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletMove, QEvent.Type.DragMove,
})


class _InputWatcher(QObject):
    """Notes the time of the last user input (installed on the application only while a full
    collection waits for a quiet moment, so it costs nothing the rest of the time)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.last_input = time.monotonic()

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self.last_input = time.monotonic()
        return False


class _Pin:
    holders = 0
    timer: QTimer | None = None
    last_full = 0.0  # time.monotonic() of the last full collection
    watcher: _InputWatcher | None = None
    full_collections = 0
    last_young = 0.0  # time.monotonic() of the last young collection
    settles = 0  # how many results `settle` froze (for tests and figures)
    brisk_until = 0.0  # time.monotonic() until which GUI-thread idle work makes objects (`brisk`)
    switch_interval = 0.005  # the interpreter's own, restored when the last hold ends


def _user_busy() -> bool:
    """A mouse button is held (a drag, perhaps) or there was input a moment ago."""
    gui_app = isinstance(QCoreApplication.instance(), QGuiApplication)  # a headless core app has no mouse
    if gui_app and QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
        return True
    watcher = _Pin.watcher
    return watcher is None or time.monotonic() - watcher.last_input < QUIET_S


def _stop_watching() -> None:
    app = QCoreApplication.instance()
    if _Pin.watcher is not None:
        if app is not None:
            app.removeEventFilter(_Pin.watcher)
        _Pin.watcher.deleteLater()
        _Pin.watcher = None


def _quiet() -> bool:
    """Whether the user is quiet now; watches input from the first time it is asked."""
    app = QCoreApplication.instance()
    if _Pin.watcher is None and app is not None:
        _Pin.watcher = _InputWatcher(app)
        app.installEventFilter(_Pin.watcher)
    return not _user_busy()


def _collect() -> None:
    """One tick: a young collection when due, a full one when due and the user is quiet."""
    young = gc.get_count()[0]
    now = time.monotonic()
    if _Pin.brisk_until and now >= _Pin.brisk_until:
        _Pin.brisk_until = 0.0
        _pace()  # the brisk work is over: back to the idle pace
    if young > BULK_OBJECTS and _Pin.holders <= 1:
        # A map just opened leaves its objects in the young generation (the collector is paused
        # while it loads): none of them is garbage, and walking them took 0.5 s at 10,000 people.
        # Not while a job runs: an analysis leaves ~70,000 objects in cycles per run, which a
        # freeze would keep until the next full collection.
        gc.freeze()
        _Pin.last_young = now
    elif young >= YOUNG_STEP or now - _Pin.last_young >= INTERVAL_MS / 1000:
        gc.collect(1)  # young generations: a few ms in steps of YOUNG_STEP
        _Pin.last_young = now
    if now - _Pin.last_full < FULL_EVERY_S:
        return
    if not _quiet():  # due: wait for a quiet moment from now on
        return
    started = time.perf_counter()
    gc.unfreeze()  # what a load froze may have become garbage since (a closed map)
    found = gc.collect()
    _Pin.last_full = time.monotonic()
    _Pin.full_collections += 1
    _stop_watching()
    log.debug(
        "full collection: %d unreachable objects in %.0f ms", found, (time.perf_counter() - started) * 1000
    )


def settle() -> bool:
    """A long-lived result from a worker was just taken on the GUI thread: move the young objects
    (it, mostly) aside without walking them, as a load's are. Only while the app holds and no
    other job runs (a running job's cycles would wait for a full collection); True if frozen."""
    if _Pin.holders != 1 or _Pin.timer is None:
        return False
    gc.freeze()
    _Pin.last_young = time.monotonic()
    _Pin.settles += 1
    return True


def _pace() -> None:
    """Look often while a background job or brisk idle work makes objects; seldom otherwise."""
    if _Pin.timer is not None:
        busy = _Pin.holders > 1 or time.monotonic() < _Pin.brisk_until
        interval = TICK_MS if busy else IDLE_TICK_MS
        if _Pin.timer.interval() != interval:
            _Pin.timer.setInterval(interval)


def brisk(seconds: float = BRISK_S) -> None:
    """Idle work on the GUI thread is making many lasting objects (the arrows a relayout parked,
    routed in idle slices: ~10,000 at 10,000 people after a drop or an open): look every TICK_MS
    for a while, as for a job. Looked at every IDLE_TICK_MS, the young collection that followed
    walked a quarter of a second of them at once: 45-140 ms stalls after a drop (issue 19)."""
    _Pin.brisk_until = max(_Pin.brisk_until, time.monotonic() + seconds)
    if _Pin.timer is not None and _Pin.timer.interval() != TICK_MS:
        _Pin.timer.setInterval(TICK_MS)


def hold() -> None:
    """Call on the GUI thread before starting background Python work."""
    app = QCoreApplication.instance()
    if app is not None and QThread.currentThread() is not app.thread():
        raise RuntimeError("main_thread_gc.hold() must be called on the GUI thread")
    if _Pin.holders == 0:
        collector.pause()
        _Pin.switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(SWITCH_INTERVAL_S, _Pin.switch_interval))
        if app is not None:
            _Pin.timer = QTimer(app)
            _Pin.timer.timeout.connect(_collect)
            _Pin.timer.start()
            _Pin.last_full = _Pin.last_young = time.monotonic()
    _Pin.holders += 1
    _pace()


def release() -> None:
    """Call on the GUI thread when the background work has ended."""
    if _Pin.holders <= 0:
        log.warning("main_thread_gc.release() without hold()")
        return
    _Pin.holders -= 1
    _pace()
    if _Pin.holders == 0:
        if _Pin.timer is not None:
            _Pin.timer.stop()
            _Pin.timer.deleteLater()
            _Pin.timer = None
        _stop_watching()
        sys.setswitchinterval(_Pin.switch_interval)
        collector.resume()
        gc.unfreeze()
        gc.collect()


def holders() -> int:
    return _Pin.holders


def full_collections() -> int:
    """How many full collections the timer has made (for tests and figures)."""
    return _Pin.full_collections


__all__ = ["brisk", "full_collections", "hold", "holders", "release", "settle"]
