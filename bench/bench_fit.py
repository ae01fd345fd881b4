"""Fit to Window and Tidy Up (with grid packing) at scale, on the real main window.

    .venv/bin/python bench/bench_fit.py [--sizes 300 2000] [--repeat 5]
    .venv/bin/python bench/bench_fit.py --sizes 300 --write-roster roster300.csv   (for screenshots)

Prints, per size: Fit to Window + its frame on a generated walk (bench/mapgen.py); Tidy Up
+ frame on a crowded imported roster (every department in one or two stages, stacked one
card column per cell as an older Tidy Up left it) and its undo; and what Tidy Up bought:
the tallest lane and the zoom Fit reaches, before and after. Figures only, no thresholds.
"""
from __future__ import annotations

import csv
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import gui_harness as harness
from bench.common import Row, format_rows, median_time
from bench.gui_harness import PaintCounter, new_window, settle, until_painted
from bench.mapgen import make_big_map
from model import layout
from model.document import Document
from model.roster.to_map import import_roster
from model.stages import STAGE_IDS

DEPARTMENTS = 12


def crowded_roster(folder: Path, n: int) -> Document:
    """`n` people in DEPARTMENTS departments, each working in one or two stages; stacked."""
    path = folder / f"crowded{n}.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "title", "department", "stage"])
        for i in range(n):
            d = i % DEPARTMENTS
            stage = STAGE_IDS[(d + (i // DEPARTMENTS) % 2) % len(STAGE_IDS)]
            out.writerow([f"Person {i:05d}", f"Role {i % 13}", f"Department {d:02d}", stage])
    return import_roster(path).document


FIRST = ("Anna", "Ben", "Carla", "Denis", "Elif", "Farah", "Gustav", "Hanna", "Ivan", "Jana",
         "Kofi", "Lena", "Mats", "Nora", "Omar", "Pia", "Quinn", "Rosa", "Sven", "Tariq")
LAST = ("Berg", "Dahl", "Fischer", "Garcia", "Jensen", "Kaya", "Lind", "Moreau", "Novak", "Okafor",
        "Petrov", "Rossi", "Sato", "Torres", "Weber")
WORK = (("Sales", ("sell", "renew")), ("Legal", ("contract",)), ("Engineering", ("specify", "build")),
        ("Procurement", ("procure",)), ("Production", ("build",)), ("Logistics", ("deliver",)),
        ("Field Service", ("implement", "deliver")), ("Finance", ("invoice", "collect")))


def hr_roster(path: Path, n: int) -> Path:
    """A roster CSV as an HR export gives it (first and last names, job title, department) with
    a stage per person: eight departments that each work in one or two stages."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["First Name", "Last Name", "Job Title", "Department", "stage"])
        for i in range(n):
            dept, stages = WORK[i % len(WORK)]
            first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
            out.writerow([first, last, f"Role {i % 11}", dept, stages[(i // len(WORK)) % len(stages)]])
    return path


def framed(window: Any, action: Any) -> None:
    counter = PaintCounter(window.view.viewport())
    action()
    until_painted(counter, 2.0)


def tidy_figures(window: Any, repeat: int) -> tuple[float, float]:
    """Median Tidy Up + frame, and its undo + frame (the map left tidied)."""
    stack = window.undo_stack

    def tidy() -> None:
        framed(window, window.edit.do_auto_layout)

    def undo() -> None:
        framed(window, stack.undo)

    tidy_s = median_time(tidy, repeat, setup=lambda: stack.undo() if stack.canUndo() else None)
    undo_s = median_time(undo, repeat, setup=lambda: stack.redo() if stack.canRedo() else tidy())
    return tidy_s, undo_s


def measure(sizes: list[int], repeat: int) -> list[Row]:
    rows: list[Row] = []
    window = new_window()
    scratch = harness.temp_dir()
    for n in sizes:
        folder = scratch / f"n{n}"
        folder.mkdir(exist_ok=True)
        path = harness.copies(make_big_map(n, seed=1), folder, n, 1)[0]
        window.open_path(path, ask=False)
        until_painted(PaintCounter(window.view.viewport()))
        settle(window)
        fit = median_time(lambda: framed(window, window.view.fit_to_window), repeat,
                          setup=lambda: framed(window, window.view.reset_zoom))
        rows.append(Row(n, "fit to window + frame", fit))
        window.undo_stack.setClean()

        window.set_document(crowded_roster(folder, n), None)
        until_painted(PaintCounter(window.view.viewport()))
        settle(window)
        tall_before = max(lane.height for lane in window.scene.lanes)
        window.view.fit_to_window()
        zoom_before = window.view.zoom()
        stack = window.undo_stack
        tidy_s, undo_s = tidy_figures(window, repeat)
        stack.redo()
        tall_after = max(lane.height for lane in window.scene.lanes)
        window.view.fit_to_window()
        rows.append(Row(n, "tidy up crowded roster + frame", tidy_s))
        rows.append(Row(n, "undo tidy up + frame", undo_s))
        print(f"  {n} people: tallest lane {tall_before:.0f} -> {tall_after:.0f} px; "
              f"Fit zoom {zoom_before:.1%} -> {window.view.zoom():.1%}; widest stage column "
              f"{max(window.scene.widths) / layout.COL_W:.0f} cards", flush=True)
        stack.clear()
        stack.setClean()
    window.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 2000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write-roster", metavar="CSV", type=Path,
                        help="only write an HR-style roster of the first size (for screenshots)")
    args = parser.parse_args(argv)
    if args.write_roster:
        print(hr_roster(args.write_roster, args.sizes[0]))
        return 0
    print(format_rows(measure(args.sizes, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
