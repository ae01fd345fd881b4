"""Where an open's time goes, phase by phase: wall time, the GUI thread's CPU, the time it stood
in the run queue waiting for a CPU (Linux's schedstat), and what is left (asleep: I/O, a lock,
the GIL held by another thread).

    python bench/open_phases.py [--size 10000] [--runs 3]

Why: on the shared 2-core machine the open's wall figure swung 0.6-1.4 s between sessions with
the same code (session 8). Split this way, the wall time beyond the GUI thread's CPU was all run
queue (other processes), next to nothing asleep (session 9), so CPU figures are the ones to
compare. Each phase ends at a mark: the window's own steps are wrapped, the viewport's first
paint is marked as it starts, and the last mark is when the `processEvents` call that delivered
the paint returns (bench/run.py's open figure ends there too).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject

from bench import gui_harness as harness
from bench.bench_gui import Clocked, run_queue_s
from bench.mapgen import make_big_map
from model.storage.store import save

Mark = tuple[str, float, float, float]  # name, wall, GUI-thread CPU, run queue (seconds so far)


class _Marks(QObject):
    """The marks of one open; as an event filter, marks the start of each viewport paint."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[Mark] = []

    def mark(self, name: str) -> None:
        self.marks.append((name, time.perf_counter(), time.thread_time(), run_queue_s()))

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        real = getattr(owner, attr)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            result = real(*args, **kwargs)
            self.mark(name)
            return result

        setattr(owner, attr, wrapped)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.mark("(a paint begins)")
        return False

    def steps(self) -> list[tuple[str, Clocked]]:
        """Each mark's name and the (wall, CPU, run queue) since the mark before it, in ms."""
        return [(b[0], (1e3 * (b[1] - a[1]), 1e3 * (b[2] - a[2]), 1e3 * (b[3] - a[3])))
                for a, b in zip(self.marks, self.marks[1:], strict=False)]


def measure(size: int, runs: int) -> None:
    from gui.files import map_session
    from model.storage import columns

    folder = harness.temp_dir() / "phases"
    folder.mkdir(exist_ok=True)
    doc = make_big_map(size, seed=1)
    paths = harness.copies(doc, folder, size, runs)
    small = folder / "small.cwalk"
    save(make_big_map(10, seed=2), small, backups=0)
    window = harness.new_window()
    counter = harness.PaintCounter(window.view.viewport())
    marks = _Marks()
    marks.wrap(map_session, "load", "load (read, parse, check, build)")
    marks.wrap(columns, "share_strings", "share_strings")
    for part, attr in ((window.scene, "set_document"), (window.inspector, "set_document"),
                       (window.palette_panel, "set_document"), (window.insights, "set_document"),
                       (window.session, "attach")):
        marks.wrap(part, attr, f"{type(part).__name__}.{attr}")
    window.view.viewport().installEventFilter(marks)
    table: dict[str, list[Clocked]] = {}
    for path in paths:
        window.open_path(small, ask=False)
        harness.until_painted(counter)
        harness.settle(window)
        marks.marks.clear()
        marks.mark("start")
        assert window.open_path(path, ask=False), path
        marks.mark("rest of open_path")
        harness.until_painted(counter)
        marks.mark("rest of the pass that painted")
        for name, took in [*marks.steps(), ("TOTAL", _total(marks.steps()))]:
            table.setdefault(name, []).append(took)
        harness.settle(window)
    print(f"{size} people, {runs} opens: medians in ms "
          "(wall, GUI CPU, run queue, asleep = wall - CPU - queue)")
    for name, times in table.items():
        wall, cpu, queue = (statistics.median(t[i] for t in times) for i in range(3))
        print(f"  {name:40s} {wall:8.1f} {cpu:8.1f} {queue:8.1f} {wall - cpu - queue:8.1f}")
    totals = table["TOTAL"]
    print("  each open's total:", "; ".join(f"{w:.0f} / {c:.0f} / {q:.0f}" for w, c, q in totals))
    executor = getattr(window.insights, "executor", None)
    for label, pid in [("this (GUI) process", os.getpid()),
                       *(("the analysis process", p) for p in (executor.pids() if executor else []))]:
        print(f"  memory of {label}: {_memory(pid)}")
    window.close()


def _memory(pid: int) -> str:
    """Resident now and at its peak (Linux's /proc), in MB."""
    try:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    except OSError:
        return "(not known here)"
    return ", ".join(f"{name} {int(fields[key].split()[0]) / 1024:.0f} MB"
                     for name, key in (("resident", "VmRSS"), ("peak", "VmHWM")) if key in fields)


def _total(steps: list[tuple[str, Clocked]]) -> Clocked:
    return (sum(s[1][0] for s in steps), sum(s[1][1] for s in steps), sum(s[1][2] for s in steps))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    measure(args.size, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
