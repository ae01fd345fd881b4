"""Open, pan and zoom at a near and a far zoom, each beside the bare QGraphicsScene floor
measured in the same run (bench/gui_harness.py), and the GUI thread's CPU time besides wall
time: on a loaded machine the wall clock swings 2-5x, the thread's own CPU time much less.
The floor is measured once the opened map's background work has ended (before session 6 it
ran beside the analysis the open had just started, which doubled it).

    python bench/gui_open.py [--sizes 2000 10000] [--repeat 3]

A big map is opened fewer times (BIG_REPEAT): three opens of 10,000 people, each beside its
floor, did not finish in the half hour a session had for it.
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
from bench.common import Row, format_rows
from bench.mapgen import make_big_map
from model.storage.store import save

FRAMES = 12
BIG, BIG_REPEAT = 5000, 1  # from this many people, open the map this many times
ZOOMS = (1.0, 0.1)  # the opening zoom's neighbourhood, and far out (cards as plain rectangles)


def timed(action: object) -> tuple[float, float]:
    """(wall, CPU) seconds of `action()`; CPU of this (the GUI) thread only: `process_time`
    also counts the workers (the insights' analysis, the step numbers) running beside it."""
    wall, cpu = time.perf_counter(), time.thread_time()
    action()  # type: ignore[operator]
    return time.perf_counter() - wall, time.thread_time() - cpu


def pan_zoom(view: Any) -> tuple[float, float]:
    """Median frame of FRAMES scrolls by 40 px down and up (far out a map is narrower than the
    view, so not sideways) and of FRAMES zooms by 10 % in and out."""
    counter = harness.PaintCounter(view.viewport())
    bar = view.verticalScrollBar()
    bar.setValue((bar.minimum() + bar.maximum()) // 2)
    harness.until_painted(counter, 2.0)
    pans, zooms = [], []
    for i in range(FRAMES):
        step = 40 if i % 2 == 0 else -40

        def scroll(step: int = step) -> None:
            bar.setValue(bar.value() + step)
            harness.until_painted(counter, 2.0)

        pans.append(timed(scroll)[0])
    for i in range(FRAMES):
        factor = 1.1 if i % 2 == 0 else 1 / 1.1
        zoom = getattr(view, "set_zoom", None)

        def step_zoom(factor: float = factor, zoom: Any = zoom) -> None:
            if zoom is not None:
                zoom(view.transform().m11() * factor)
            else:
                view.scale(factor, factor)
            harness.until_painted(counter, 2.0)

        zooms.append(timed(step_zoom)[0])
    return statistics.median(pans), statistics.median(zooms)


def measure(sizes: list[int], repeat: int = 3) -> list[Row]:
    rows: list[Row] = []
    window = harness.new_window()
    counter = harness.PaintCounter(window.view.viewport())
    for n in sizes:
        folder = harness.temp_dir() / f"open{n}"
        folder.mkdir(exist_ok=True)
        doc = make_big_map(n, seed=1)
        runs = min(repeat, BIG_REPEAT) if n >= BIG else repeat
        print(f"  {n} people: {runs} open(s), then pan and zoom", file=sys.stderr, flush=True)
        paths = harness.copies(doc, folder, n, runs)
        small = folder / "small.cwalk"
        save(make_big_map(10, seed=2), small, backups=0)
        opens, floors = [], []
        for path in paths:
            window.open_path(small, ask=False)
            harness.until_painted(counter)
            harness.settle(window)

            def open_map(path: Path = path) -> None:
                assert window.open_path(path, ask=False), path
                harness.until_painted(counter)

            opens.append(timed(open_map))
            harness.settle(window)  # the map's analysis and idle slices end before the floor's turn
            floor = harness.Floor(doc)
            floors.append(timed(floor.open))
            floor.close()
        for i, what in enumerate(("wall", "CPU")):
            rows.append(Row(n, f"open: load + window + first frame ({what})",
                            statistics.median(o[i] for o in opens), "bare scene: build + frame",
                            statistics.median(f[i] for f in floors)))
        harness.settle(window)
        for zoom in ZOOMS:
            window.view.set_zoom(zoom)
            floor = harness.Floor(doc, like=window.view)
            floor.open()
            got = {name: pan_zoom(view) for name, view in (("view", window.view), ("floor", floor.view))}
            floor.close()
            for i, what in enumerate(("pan", "zoom")):
                rows.append(Row(n, f"{what} frame at {zoom:.0%}", got["view"][i], "bare scene",
                                got["floor"][i]))
    window.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(format_rows(measure(args.sizes, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
