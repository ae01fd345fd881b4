"""Select every card of a big map, then change them all at once in the inspector ("change all"):
how long select-all holds the window, how long one change of every selected person's department
takes to show, and its undo. Wall and GUI-thread CPU time; the longest stall of the event loop
in the half second after each step.

    python bench/bulk_edit.py [--sizes 500 10000] [--repeat 3]
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

from bench import gui_harness as harness
from bench.mapgen import make_big_map
from model.storage.store import save


def timed(action: Any) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.thread_time()
    action()
    return time.perf_counter() - wall, time.thread_time() - cpu


def department_combo(window: Any) -> Any:
    form = window.inspector.map_form
    box = getattr(form, "people_bulk", None)
    return box.department if box is not None else form.bulk_department  # before session 10


def measure(sizes: list[int], repeat: int) -> list[tuple[int, str, float, float, float]]:
    rows = []
    window = harness.new_window()
    counter = harness.PaintCounter(window.view.viewport())
    for n in sizes:
        path = harness.temp_dir() / f"bulk{n}.cwalk"
        doc = make_big_map(n, seed=1)
        save(doc, path, backups=0)
        got: dict[str, list[tuple[float, float, float]]] = {"select all": [], "change all": [], "undo": []}
        for _ in range(repeat):
            assert window.open_path(path, ask=False), path
            harness.until_painted(counter)
            harness.settle(window)
            window.scene.clearSelection()
            harness.longest_stall(0.2)

            def select() -> None:
                window.scene.select_all()
                harness.until_painted(counter, 60.0)

            wall, cpu = timed(select)
            got["select all"].append((wall, cpu, harness.longest_stall(0.5)))
            combo = department_combo(window)
            target = combo.findData(next(iter(window.document.departments)))

            def change(combo: Any = combo, target: int = target) -> None:
                combo.setCurrentIndex(target)
                combo.activated.emit(target)
                harness.until_painted(counter, 600.0)

            wall, cpu = timed(change)
            got["change all"].append((wall, cpu, harness.longest_stall(0.5)))

            def undo() -> None:
                window.undo_stack.undo()
                harness.until_painted(counter, 600.0)

            wall, cpu = timed(undo)
            got["undo"].append((wall, cpu, harness.longest_stall(0.5)))
            harness.settle(window)
        people = len(window.scene.selected_person_ids())
        for what, runs in got.items():
            rows.append((n, f"{what} ({people} selected)", statistics.median(r[0] for r in runs),
                         statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs)))
            print(f"  {rows[-1]}", file=sys.stderr, flush=True)
    window.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'people':>7}  {'step':<32} {'wall s':>8} {'CPU s':>8} {'stall s':>8}")
    for n, what, wall, cpu, stall in measure(args.sizes, args.repeat):
        print(f"{n:>7}  {what:<32} {wall:>8.3f} {cpu:>8.3f} {stall:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
