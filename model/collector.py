"""Python's cycle collector paused for one bulk job (loading a big map), restored after the last
such job ends. Building tens of thousands of items makes the collector walk every live object
again and again: about a quarter of the time of loading a 10,000-person map. Nothing a load
makes is garbage, so pausing costs no memory."""
from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()
_STATE = {"depth": 0, "was_on": False}


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause collection for the body; nested and concurrent uses restore it once, at the end."""
    with _LOCK:
        if _STATE["depth"] == 0:
            _STATE["was_on"] = gc.isenabled()
            gc.disable()
        _STATE["depth"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _STATE["depth"] -= 1
            if _STATE["depth"] == 0 and _STATE["was_on"]:
                gc.enable()
