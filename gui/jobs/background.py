"""One way to run Python work off the GUI thread: autosave writes, the insights analysis, exports.

`Jobs` runs the functions handed to it one at a time, in the order given, on a worker thread of
its own (or on an executor it is given: every autosave of the process shares one writer). From
the moment a job is handed over until its end is delivered, the cyclic collector stays pinned to
the GUI thread (gui/jobs/main_thread_gc.py), so the worker never frees Qt objects. Each job's
end is delivered once, on the GUI thread, in order: by the event loop (its `on_done`), or at
once by `finish()` when the caller must wait (a save waits for the autosave under way). A job
not started yet can be withdrawn (`cancel_pending`, a newer autosave replacing an older one).

The worker gets plain data and never touches a widget; what it returns, or raises, reaches the
GUI thread through `Job.result()`. A `Jobs` destroyed with work under way (its window deleted
without closing) waits a moment for work that writes files (`abandon_wait_s`; an analysis of a
private snapshot need not be waited for) and gives back its hold on the collector, from a
`destroyed` handler that uses plain state only (its own `done` slot would never run).
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from gui.jobs import main_thread_gc

log = logging.getLogger(__name__)
ABANDON_WAIT_S = 15.0  # how long a destroyed owner waits for its work under way


@dataclass(eq=False)
class Job:
    """One piece of work handed to a worker thread."""

    future: Future[Any]
    on_done: Callable[[Job], object] | None = None
    tag: Any = None  # what the owner wants back with the result (a generation, when the edits began...)
    delivered: bool = field(default=False, repr=False)

    @property
    def cancelled(self) -> bool:
        return self.future.cancelled()

    def result(self) -> Any:
        """What the work returned; what it raised is raised here, on the GUI thread."""
        return self.future.result()


def _hand_back(job: Job) -> bool:
    """Mark `job` delivered and give back its hold on the collector; False if it was already."""
    if job.delivered:
        return False
    job.delivered = True
    main_thread_gc.release()
    return True


def _abandon(open_jobs: list[Job], executor: Executor | None, wait_s: float) -> None:
    """Its owner is gone: let the work under way end, and give back every hold on the collector."""
    while open_jobs:
        job = open_jobs.pop(0)
        if not job.future.cancel() and wait_s > 0:
            try:
                job.future.result(wait_s)
            except TimeoutError:
                log.info("background work outlived its window by %.0f s; it ends on its own", wait_s)
            except Exception:  # nobody is left to tell; the job's own files stay intact
                log.warning("background work under way when its window went away failed", exc_info=True)
        _hand_back(job)
    if executor is not None:
        executor.shutdown(wait=False)


class Jobs(QObject):
    """Background jobs of one owner (a guard, a panel, an export runner), run one at a time."""

    _ended = Signal(object)  # a Job's future; emitted on the worker thread, delivered on the GUI thread

    def __init__(self, parent: QObject | None = None, name: str = "job",
                 executor: Executor | None = None, abandon_wait_s: float = ABANDON_WAIT_S) -> None:
        super().__init__(parent)
        own = executor is None
        self._executor = executor or ThreadPoolExecutor(max_workers=1,
                                                        thread_name_prefix=f"contract-walk-{name}")
        self._open: list[Job] = []  # handed over and not delivered, oldest first
        open_jobs, mine = self._open, self._executor if own else None  # not self: see _abandon
        self.destroyed.connect(lambda *_args: _abandon(open_jobs, mine, abandon_wait_s))
        self._ended.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, work: Callable[..., Any], *args: Any, on_done: Callable[[Job], object] | None = None,
               tag: Any = None) -> Job:
        """Run `work(*args)` after the jobs handed over before it; `on_done(job)` on the GUI thread."""
        main_thread_gc.hold()  # the collector must not run on the worker thread
        try:
            future = self._executor.submit(work, *args)
        except BaseException:
            main_thread_gc.release()
            raise
        job = Job(future, on_done, tag)
        self._open.append(job)
        ended = self._ended
        # the callback names the future, not the job: job -> future -> callback -> job was a cycle
        # that kept each result (an insights report) alive until a collection found it, forever
        # once the report is frozen (main_thread_gc.settle)
        future.add_done_callback(lambda done: _announce(ended, done))
        return job

    @property
    def busy(self) -> bool:
        """True while a job handed over has not been delivered."""
        return bool(self._open)

    def cancel_pending(self) -> list[Job]:
        """Withdraw the jobs that have not started; they are returned, delivered (no `on_done`)."""
        withdrawn = [job for job in self._open if job.future.cancel()]
        for job in withdrawn:
            self._open.remove(job)
            _hand_back(job)
        return withdrawn

    def wait(self, seconds: float | None = None) -> bool:
        """Block until every job handed over has ended (their ends are still delivered by the
        event loop); False if some still run after `seconds`."""
        pending = [job.future for job in self._open]
        return not pending or not wait_for(pending, seconds).not_done

    def finish(self) -> list[Job]:
        """Wait for every job handed over and deliver them now, in order, to the caller (who deals
        with them instead of their `on_done`): nothing of theirs arrives later."""
        done = []
        while self._open:
            job = self._open.pop(0)
            with contextlib.suppress(Exception):  # what it raised is the caller's, from job.result()
                job.future.exception()
            if _hand_back(job):
                done.append(job)
        return done

    def _deliver(self, future: Future[Any]) -> None:
        job = next((job for job in self._open if job.future is future), None)
        if job is None:  # already delivered (finish, cancel_pending)
            return
        self._open.remove(job)
        if _hand_back(job) and job.on_done is not None:
            job.on_done(job)


def _announce(ended: Any, future: Future[Any]) -> None:
    """Runs where the job ended (the worker thread): the GUI thread delivers it."""
    with contextlib.suppress(RuntimeError):  # the owner went away meanwhile (_abandon saw to the job)
        ended.emit(future)


__all__ = ["Job", "Jobs"]
