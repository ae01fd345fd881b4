"""Python's cyclic garbage collector, switched off and on again in this one place.

Three kinds of work pause it: loading a big map (model/storage/store.py: building tens of
thousands of items makes the collector walk every live object again, about a quarter of a
10,000-person load, and nothing a load makes is garbage); the app pins collection to the GUI
thread while worker threads run Python (gui/jobs/main_thread_gc.py: a collection on a worker
thread may free Qt objects there, which crashes); and a playbook build, because every
collection walks its hundreds of thousands of live flowables again (about a third of a big
build's time). Pauses nest, from any thread: the collector comes back on when the last one
ends, and only if it was on when the first began.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_STATE = {"depth": 0, "was_on": True}


def pause() -> None:
    """Switch automatic collection off until the matching `resume()`."""
    with _LOCK:
        if _STATE["depth"] == 0:
            _STATE["was_on"] = gc.isenabled()
            gc.disable()
        _STATE["depth"] += 1


def resume() -> bool:
    """End one pause; True when it was the last and the collector is back as it was."""
    with _LOCK:
        if _STATE["depth"] <= 0:
            return False
        _STATE["depth"] -= 1
        if _STATE["depth"] > 0:
            return False
        if _STATE["was_on"]:
            gc.enable()
        return True


@contextmanager
def paused() -> Iterator[None]:
    """The collector paused for the `with` block (and any pause still under way elsewhere)."""
    pause()
    try:
        yield
    finally:
        resume()


def pauses() -> int:
    """How many pauses are under way (for tests and figures)."""
    return int(_STATE["depth"])


__all__ = ["pause", "paused", "pauses", "resume"]
