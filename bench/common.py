"""What every benchmark shares: a row of figures next to its floor, medians, and printing."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Row:
    size: int  # people in the map
    what: str  # the figure, e.g. "save"
    seconds: float
    floor_name: str = ""  # the bare baseline measured in the same run on the same data
    floor_seconds: float | None = None
    target: str = ""  # the target, as text
    unit: str = "s"  # "s": seconds and floor_seconds are times; "MB": they are memory sizes

    @property
    def ratio(self) -> float | None:
        if self.floor_seconds:
            return self.seconds / self.floor_seconds
        return None


def median_time(
    fn: Callable[[], object], repeat: int = 5, setup: Callable[[], object] | None = None
) -> float:
    """Median wall time of `fn` over `repeat` runs (setup, if any, is not timed)."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def format_rows(rows: list[Row]) -> str:
    head = (
        f"{'people':>6}  {'figure':<34} {'time':>9}  {'floor':<30} {'floor time':>10}  {'ratio':>6}"
        "  target"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        scale, unit = (1.0, "MB") if r.unit == "MB" else (1000.0, "ms")
        floor = f"{r.floor_seconds * scale:8.1f}{unit}" if r.floor_seconds is not None else ""
        ratio = f"{r.ratio:5.2f}x" if r.ratio is not None else ""
        lines.append(
            f"{r.size:>6}  {r.what:<34} {r.seconds * scale:7.1f}{unit}  "
            f"{r.floor_name:<30} {floor:>10}  {ratio:>6}  {r.target}"
        )
    return "\n".join(lines)
