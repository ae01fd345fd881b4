"""Save and load of big maps, next to a bare json.dump / json.load of the same data.

`python bench/bench_store.py` prints 2,000 and 10,000 people (issue 19: load, validated, <= 2x
json.load); `bench/run.py --only store --sizes ...` any sizes. Loads are also timed in CPU time,
best of several, alternating with json.load: on a shared machine wall-clock times of a few
tens of milliseconds swing 2-5x between runs, CPU time much less."""
from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, format_rows, median_time
from bench.mapgen import make_big_map
from model.storage.serialize import to_data
from model.storage.store import load, save


def measure(sizes: list[int], repeat: int = 5) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            rows.extend(_measure_size(n, Path(tmp), repeat))
    return rows


def _measure_size(n: int, folder: Path, repeat: int) -> list[Row]:
    """Save and load of one map size (a function of its own, so the timed closures bind this size)."""
    doc = make_big_map(n, seed=1)
    path = folder / f"map{n}.cwalk"
    floor_path = folder / f"floor{n}.json"

    def floor_dump() -> None:
        with open(floor_path, "w", encoding="utf-8") as handle:
            json.dump(to_data(doc), handle)

    def floor_load() -> None:
        with open(floor_path, encoding="utf-8") as handle:
            json.load(handle)

    save_s = median_time(lambda: save(doc, path, backups=0), repeat)
    dump_s = median_time(floor_dump, repeat)
    load_s = median_time(lambda: load(path), repeat)
    jload_s = median_time(floor_load, repeat)
    tries = max(3 * repeat, 9)
    load_cpu, jload_cpu = best_cpu_pair(lambda: load(path), floor_load, tries)
    return [
        Row(n, "save (atomic, fsync)", save_s, "json.dump of the same data", dump_s, "<=0.3 s, <=3x"),
        Row(n, "load (validated)", load_s, "json.load of the same data", jload_s, "<=2x (issue 19)"),
        Row(n, f"load, CPU time (best of {tries})", load_cpu, "json.load, CPU (best, alternated)",
            jload_cpu, "<=2x (issue 19)"),
    ]


def best_cpu_pair(fn: Callable[[], object], floor: Callable[[], object], tries: int) -> tuple[float, float]:
    """The least CPU time (this process) of `fn` and of `floor` over `tries` runs, alternated so
    both see the same machine."""
    best = [float("inf"), float("inf")]
    for _ in range(tries):
        for slot, job in enumerate((fn, floor)):
            start = time.process_time()
            job()
            best[slot] = min(best[slot], time.process_time() - start)
    return best[0], best[1]


if __name__ == "__main__":
    print(format_rows(measure([2000, 10000])))
