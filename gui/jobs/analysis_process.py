"""The insights' analysis in a process of its own, one for the whole app (issue 19).

Why: on a worker thread the analysis (seconds of pure Python at 10,000 people) shares the
interpreter with the GUI thread, which lets go of it around every Qt call and then waits for the
worker to hand it back: the map's first frame waited ~650 ms that way, and keys typed during an
analysis waited too. A process has an interpreter of its own.

`AnalysisExecutor` is the executor the insights' `Jobs` run on (gui/jobs/background.py): the
functions of the process (`REMOTE`) go to a `ProcessPoolExecutor` of one process, started from
scratch (`spawn`: never a fork of a process that runs Qt's threads) on first use and kept for the
app's life; everything else (freeing an old report, the analysis itself when no process can run)
goes to a thread, as before. A process that died (killed, out of memory) is replaced at the next
submit; one that cannot be started at all (a sandbox, a bundle without multiprocessing support)
leaves the thread to do the analysis (`process_ok` turns False). The process ends with the app,
however the app ends (analysis_child.start_process watches it), and `stop()` ends it at once.
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from gui.jobs import analysis_child

log = logging.getLogger(__name__)
NICER = 5  # the process's priority below the app's
REMOTE = frozenset({analysis_child.analyse_packed, analysis_child.ping})


class ProcessUnavailable(RuntimeError):
    """No analysis process can be started here: use the thread."""


class AnalysisExecutor(Executor):
    """Runs `REMOTE` functions in the analysis process, anything else on one worker thread."""

    def __init__(self, use_process: bool = True) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="contract-walk-insights")
        self.process_ok = use_process
        self.starts = 0  # processes started (for tests and figures)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if fn not in REMOTE:
            return self._threads.submit(fn, *args, **kwargs)
        with self._lock:
            if not self.process_ok:
                raise ProcessUnavailable("the analysis runs on a thread here")
            for attempt in (1, 2):
                try:  # a sandbox may refuse the pool's locks (sem_open) or the process itself
                    return (self._pool or self._new_pool()).submit(fn, *args, **kwargs)
                except BrokenProcessPool:  # it died since the last job: a new one, once
                    log.info("the analysis process had ended; starting a new one")
                    self._drop_pool()
                    if attempt == 2:
                        raise
                except Exception as exc:  # cannot start a process here: the thread does the analysis
                    log.warning("no analysis process (%s): the analysis runs on a thread", exc)
                    self.process_ok = False
                    self._drop_pool()
                    raise ProcessUnavailable(str(exc)) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def start(self) -> None:
        """Start the process now, if none runs: it imports the analysis while the app starts or a
        map is shown. It is made nicer than the app at once (its own `os.nice` comes only once its
        imports are done): the GUI comes first for the CPU."""
        if self._pool is not None or not self.process_ok:
            return
        with contextlib.suppress(ProcessUnavailable, BrokenProcessPool):
            self.submit(analysis_child.ping)
        for pid in self.pids():
            with contextlib.suppress(AttributeError, OSError):  # not on this system: no matter
                os.setpriority(os.PRIO_PROCESS, pid, os.getpriority(os.PRIO_PROCESS, 0) + NICER)

    def restart(self) -> None:
        """The process died under a job: the next submit starts a new one."""
        with self._lock:
            self._drop_pool()

    def give_up(self) -> None:
        """A new process died as well: the thread does the analysis from now on."""
        with self._lock:
            self.process_ok = False
            self._drop_pool()

    def pids(self) -> list[int]:
        """The analysis process's id, once started (for tests: it is killed, it must not outlive)."""
        pool = self._pool
        processes = getattr(pool, "_processes", None) or {}
        return [p.pid for p in list(processes.values()) if p.pid is not None]

    def stop(self) -> None:
        """End the process now, whatever it is doing (the app is quitting)."""
        with self._lock:
            self._drop_pool()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.stop()
        self._threads.shutdown(wait=wait, cancel_futures=cancel_futures)

    def _new_pool(self) -> ProcessPoolExecutor:
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=analysis_child.start_process)
        self.starts += 1
        return self._pool

    def _drop_pool(self) -> None:
        """Kill the process (a job under way is not waited for) and forget the pool."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way in 3.11
        for process in processes:
            with contextlib.suppress(Exception):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(1.0)  # reaped: no zombie left


_SHARED: AnalysisExecutor | None = None


def shared() -> AnalysisExecutor:
    """The app's one analysis executor (made on first use; its process starts on first submit)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = AnalysisExecutor()
    return _SHARED


def stop() -> None:
    """End the app's analysis process, if any (the app is quitting)."""
    if _SHARED is not None:
        _SHARED.stop()


__all__ = ["REMOTE", "AnalysisExecutor", "ProcessUnavailable", "shared", "stop"]
