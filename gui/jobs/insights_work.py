"""The GUI side of the insights' analysis: what goes to the analysis process and what comes back,
each handled in slices between events; and the analysis on a thread, where no process can run.

Why slices: the map is sent as one pickle per item (gui/jobs/analysis_child.py), kept beside the
snapshots' copies (model/storage/snapshot.py) and made again only for the items edited since;
after a map is opened all of them are made (~0.1 s at 10,000 people), a hundred at a time. The
report comes back in pieces, unpickled a few per slice (~80 ms at 10,000 people in one go). A
slice keeps to SLICE_S: input and painting come between them.
"""
from __future__ import annotations

import atexit
import datetime as dt
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from gui.jobs import analysis_process, main_thread_gc, memory
from gui.jobs.analysis_child import Packed, Pieces, ReportAssembler, Shown, analyse_packed, pack
from gui.jobs.analysis_process import AnalysisExecutor, ProcessUnavailable
from gui.jobs.background import Job, Jobs
from model.analysis.finding_rows import tree_rows
from model.analysis.insights import Report, analyse
from model.document import Document
from model.storage import snapshot
from model.storage.snapshot import snapshot_of

log = logging.getLogger(__name__)
SLICE_S = 0.004  # work per slice
SLICE_ITEMS = 100  # items pickled between looks at the clock (~0.5 ms)
ENV = "CONTRACT_WALK_ANALYSIS"  # "thread": no analysis process (a sandbox that forbids one)
_hooked = False


def executor() -> AnalysisExecutor:
    """The app's analysis executor, its process started (in the background: the process imports
    the analysis while the app starts); the process is ended when the app quits."""
    global _hooked
    shared = analysis_process.shared()
    if not _hooked:
        _hooked = True
        if os.environ.get(ENV, "").strip().lower() == "thread":
            shared.process_ok = False
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(analysis_process.stop)
        atexit.register(analysis_process.stop)
    shared.start()
    return shared


def analyse_here(doc: Document, today: dt.date | None) -> tuple[Report, Shown]:
    """Runs on the worker thread (no process here): the report, and what the panel shows of it as
    plain data made here rather than on the GUI thread."""
    report = analyse(doc, today=today)
    return report, (tree_rows(report), report.severity_counts())


def free(garbage: list[object]) -> None:
    """Runs on the worker thread: drops what the GUI thread no longer shows, and hands what the
    analysis and this freed back to the system (~15 MB at 10,000 people)."""
    garbage.clear()
    memory.release_free_memory()


class MapPacker(QObject):
    """Hands one map's analysis over (to the process, else to the thread) and takes the result
    back; keeps the map's items pickled for the process between analyses."""

    def __init__(self, executor: AnalysisExecutor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.executor = executor
        self._retried = False  # the process died under the last analysis and was started again
        self._doc: Document | None = None
        self._on_packed: Callable[[Packed], object] | None = None
        self._assembler: ReportAssembler | None = None
        self._on_report: Callable[[tuple[Report, Shown] | None], object] | None = None
        self._tables: dict[str, dict[str, Any]] | None = None  # the map's items, being pickled
        self._due: list[tuple[str, str]] = []  # ... those still to pickle
        self._packing = QTimer(self)
        self._packing.setSingleShot(True)
        self._packing.timeout.connect(self._pack_slice)
        self._unpacking = QTimer(self)
        self._unpacking.setSingleShot(True)
        self._unpacking.timeout.connect(self._unpack_slice)

    def set_document(self, doc: Document | None) -> bool:
        """Follow `doc` from now on; True if a packing under way was dropped."""
        dropped = self.cancel()
        self._doc = doc
        return dropped

    def cancel(self) -> bool:
        """Drop what is under way; True if a packing was."""
        packing = self._on_packed is not None
        self._packing.stop()
        self._unpacking.stop()
        self._on_packed = self._on_report = None
        self._assembler = None
        self._tables, self._due = None, []
        return packing

    def launch(self, jobs: Jobs, today: dt.date | None, tag: object, on_done: Callable[[Job], object],
               on_failed: Callable[[], object]) -> None:
        """Run the analysis of the map as it is now as a job of `jobs` (its executor is
        `self.executor`): in the process once the map is packed, else on the thread at once."""
        if self._doc is None:
            return
        if not self.executor.process_ok:
            self._on_thread(jobs, today, tag, on_done, on_failed)
            return
        self.executor.start()  # the process imports the analysis while the map's items are pickled

        def hand_over(packed: Packed) -> None:
            try:
                jobs.submit(analyse_packed, packed, today, on_done=on_done, tag=tag)
            except (ProcessUnavailable, BrokenProcessPool):
                self._on_thread(jobs, today, tag, on_done, on_failed)

        self.pack(hand_over)

    def _on_thread(self, jobs: Jobs, today: dt.date | None, tag: object, on_done: Callable[[Job], object],
                   on_failed: Callable[[], object]) -> None:
        assert self._doc is not None
        try:
            twin = snapshot_of(self._doc)
        except Exception:
            log.exception("could not snapshot the map for analysis")
            on_failed()
            return
        jobs.submit(analyse_here, twin, today, on_done=on_done, tag=tag)

    def process_died(self) -> None:
        """The process ended under an analysis: the next one starts a new process; if that one
        dies as well, the thread does the analysis from then on."""
        log.warning("the analysis process ended under an analysis")
        (self.executor.give_up if self._retried else self.executor.restart)()
        self._retried = True

    def receive(self, result: object, on_report: Callable[[tuple[Report, Shown] | None], object]) -> None:
        """`on_report` gets the report and rows of a job's result: the process's pieces unpickled
        in slices first, the thread's at once."""
        if isinstance(result, Pieces):
            self.unpack(result, on_report)
            return
        on_report(result)  # type: ignore[arg-type]  # the thread's: a report and rows

    def finish(self) -> None:
        """Do now what waits for its slices (the caller is about to wait for the analysis): the
        packing, then the hand-over; the unpacking, then the report shown."""
        while self._on_packed is not None and self._doc is not None:
            self._pack_slice()
        self._packing.stop()
        while self._assembler is not None and self._on_report is not None:
            self._unpack_slice()
        self._unpacking.stop()

    def pack(self, on_packed: Callable[[Packed], object]) -> None:
        """`on_packed(packed map)` once every item is pickled (at once when few were edited)."""
        self._on_packed = on_packed
        self._pack_slice()

    def unpack(self, pieces: Pieces, on_report: Callable[[tuple[Report, Shown] | None], object]) -> None:
        """`on_report((report, rows))` once every piece is unpickled, `on_report(None)` if they do
        not make a report; a later call replaces this one."""
        self._assembler, self._on_report = ReportAssembler(pieces), on_report
        self._unpack_slice()

    def _pack_slice(self) -> None:
        """Copy the edited items (model/storage/snapshot.py), take the map's tables, pickle the
        items with no pickle kept, then pack: as much per slice as SLICE_S allows."""
        doc, done = self._doc, self._on_packed
        if doc is None or done is None:
            return
        started = time.perf_counter()
        while time.perf_counter() - started < SLICE_S:
            if self._tables is None:
                if snapshot.warm(doc, SLICE_ITEMS) > 0:
                    continue
                cache = snapshot.cache_of(doc)
                self._tables = cache.collections()  # a walk over the map the first time: a slice of its own
                self._due = cache.unpickled(self._tables)
                break
            if not self._due:
                packed = pack(doc.meta, snapshot.cache_of(doc).pickled(self._tables))
                self._on_packed, self._tables = None, None
                done(packed)
                return
            snapshot.cache_of(doc).pickle(self._tables, self._due[-SLICE_ITEMS:])
            del self._due[-SLICE_ITEMS:]
        main_thread_gc.brisk()  # the copies are walked by the collector in small steps
        self._packing.start(0)

    def _unpack_slice(self) -> None:
        assembler, done = self._assembler, self._on_report
        if assembler is None or done is None:
            return
        result: tuple[Report, Shown] | None = None
        try:
            if not assembler.step(SLICE_S):
                main_thread_gc.brisk()  # the report's objects are walked by the collector in small steps
                self._unpacking.start(0)
                return
            result = assembler.result()
            self._retried = False
        except Exception:  # told in the panel, never a crash
            log.exception("the analysis process sent what is not a report")
        self._assembler = self._on_report = None
        done(result)


__all__ = ["ENV", "MapPacker", "analyse_here", "executor", "free"]
