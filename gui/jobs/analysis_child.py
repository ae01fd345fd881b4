"""What the insights' analysis process runs, and both ends of what passes between it and the GUI.

Qt-free on purpose: the process imports this module (and the model), never Qt.

Why in pieces: whatever one call of `pickle` does holds the interpreter, and a whole 10,000-person
report took ~80 ms to unpickle (and the map ~90 ms to pickle). So the map goes over as one pickle
per item, made once per edited item on the GUI thread (kept beside the snapshots' copies,
model/storage/snapshot.py), joined into one blob per collection; the report comes back as
pieces of at most CHUNK findings, steps or names, which the GUI unpickles a few at a time between
events (`ReportAssembler`). The findings tree's rows are not sent twice: the process sends each
group's row and the numbers of its findings, and the GUI makes the rows over the findings it
unpickled (the rows share the findings' lists, as when they are made in one process).
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import io
import logging
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

from model import collector
from model.analysis.finding_rows import ChildRow, GroupHead, GroupRow, group_heads, row_key
from model.analysis.insights import Report, analyse
from model.document import Document
from model.entities import MapInfo

log = logging.getLogger(__name__)
PROTOCOL = pickle.HIGHEST_PROTOCOL
CHUNK = 500  # list items or dictionary entries per piece of a report (~1-2 ms to unpickle)
Packed = tuple[bytes, dict[str, tuple[int, bytes]]]  # the meta, and per collection: count, pickles
Shown = tuple[list[GroupRow], dict[str, int]]  # the findings tree's rows, the count per severity
_ROWS = "(rows)"  # the piece that carries the tree's groups: not a field of Report
_INTERNED = 64  # texts up to this long (ids, stages, names) are interned as the map arrives


def pack(meta: MapInfo, pickled: dict[str, tuple[int, bytes]]) -> Packed:
    """The map for the process: its meta, and per collection its items' pickles joined
    (model/storage/snapshot.py `SnapshotCache.pickled`: passing a few large strings on is a copy,
    pickling tens of thousands of small ones is not)."""
    return pickle.dumps(meta, PROTOCOL), pickled


def unpack(packed: Packed) -> Document:
    meta, tables = packed
    doc = Document(pickle.loads(meta))
    for entity, (count, blob) in tables.items():
        stream = io.BytesIO(blob)
        target = doc.collection(entity)
        for _ in range(count):
            item = pickle.load(stream)  # reads one item's pickle, with a memo of its own
            fields = getattr(item, "__dict__", {})
            for name, value in fields.items():  # an id held by two items is one text again
                if type(value) is str and len(value) <= _INTERNED:
                    fields[name] = sys.intern(value)
            target[item.id] = item
    return doc


@dataclasses.dataclass(frozen=True)
class Pieces:
    """A report as the process sends it: `count` pickles one after another in `blob`, written by
    one pickler, so a text (an id, a name) is sent once however many pieces hold it and is one
    object again on the other side (each piece on its own held 4x the text: ~22 MB more at
    10,000 people)."""

    count: int
    blob: bytes


def analyse_packed(packed: Packed, today: dt.date | None) -> Pieces:
    """Runs in the analysis process: the report of the map sent, in pieces (`split`)."""
    # nothing here makes cycles worth walking for: the analysis ran ~2x slower with collection on.
    # Paused, not switched off and on: called in the app's own process (a test), a plain
    # gc.enable() at the end turned on what the app keeps off (gui/jobs/main_thread_gc.py)
    collector.pause()
    try:
        doc = unpack(packed)
        report = analyse(doc, today=today)
        numbers = {id(f): i for i, f in enumerate(report.findings)}
        groups = [(head, [row_key(f) for f in found], [numbers[id(f)] for f in found])
                  for head, found in group_heads(report)]
        parts = [*split(report), (_ROWS, (groups, report.severity_counts()))]
        stream = io.BytesIO()
        pickler = pickle.Pickler(stream, PROTOCOL)  # its memo is kept from one dump to the next
        for part in parts:
            pickler.dump(part)
        return Pieces(len(parts), stream.getvalue())
    finally:
        collector.resume()


def split(report: Report) -> list[tuple[str, Any]]:
    """The report as (field, part): long lists and dictionaries in CHUNK-sized parts."""
    pieces: list[tuple[str, Any]] = []
    for field in dataclasses.fields(report):
        value = getattr(report, field.name)
        if isinstance(value, list):
            parts: list[Any] = [value[i:i + CHUNK] for i in range(0, len(value), CHUNK)] or [[]]
        elif isinstance(value, dict):
            items = list(value.items())
            parts = [dict(items[i:i + CHUNK]) for i in range(0, len(items), CHUNK)] or [{}]
        else:
            parts = [value]
        pieces.extend((field.name, part) for part in parts)
    return pieces


class ReportAssembler:
    """Unpickles a report's pieces and makes the tree's rows, a little at a time (`step`)."""

    def __init__(self, pieces: Pieces) -> None:
        self._work = self._units(pieces)
        self._done: tuple[Report, Shown] | None = None

    def step(self, budget_s: float) -> bool:
        """Work for about `budget_s` (at least one unit: a piece, or CHUNK rows); True once done."""
        started = time.perf_counter()
        return all(time.perf_counter() - started < budget_s for _unit in self._work)

    def result(self) -> tuple[Report, Shown]:
        """The report, and the tree's rows over its findings (once `step` said True)."""
        if self._done is None:
            raise ValueError("the analysis sent no rows")
        return self._done

    def _units(self, pieces: Pieces) -> Iterator[None]:
        fields: dict[str, Any] = {}
        groups: list[tuple[GroupHead, list[int], list[int]]] | None = None
        counts: dict[str, int] = {}
        reader = pickle.Unpickler(io.BytesIO(pieces.blob))  # its memo too: a text sent once is one object
        for _ in range(pieces.count):
            name, part = reader.load()
            if name == _ROWS:
                groups, counts = part
            elif isinstance(part, list):
                fields.setdefault(name, []).extend(part)
            elif isinstance(part, dict) and name in fields:
                fields[name].update(part)
            else:
                fields[name] = part
            yield
        if groups is None:
            return
        report = Report(**fields)
        findings = report.findings
        rows: list[GroupRow] = []
        for head, keys, numbers in groups:
            children: list[ChildRow] = []
            rows.append((*head, children))
            for start in range(0, len(keys), CHUNK):
                chosen = [findings[n] for n in numbers[start:start + CHUNK]]
                children.extend([(key, f.message, f.severity, f.people, f.handoffs)
                                 for key, f in zip(keys[start:start + CHUNK], chosen, strict=True)])
                yield
        self._done = report, (rows, counts)


def start_process() -> None:
    """Runs once as the analysis process starts: Ctrl+C in the terminal is the app's to handle;
    the GUI goes first for the CPU; the process ends as soon as the app's process is gone, however
    it ended (os._exit, a crash, a kill), so none is ever left behind."""
    import multiprocessing

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(AttributeError, OSError):  # not on this system: the same priority, no harm
        if os.getpriority(os.PRIO_PROCESS, 0) <= os.getpriority(os.PRIO_PROCESS, os.getppid()):
            os.nice(5)  # (the app may have made it nicer already)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with_parent, args=(parent.sentinel,), daemon=True,
                         name="contract-walk-parent-watch").start()
    gc.freeze()  # the modules imported so far are never walked again


def _end_with_parent(sentinel: int) -> None:
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(0)


def ping() -> tuple[int, bool]:
    """A job that only proves the process runs (it starts the process ahead of the first map):
    its id, and whether Qt was imported there (it never should be: tests ask)."""
    return os.getpid(), "PySide6" in sys.modules


__all__ = ["CHUNK", "Packed", "Pieces", "ReportAssembler", "Shown", "analyse_packed", "pack", "ping",
           "split", "start_process", "unpack"]
