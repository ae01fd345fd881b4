"""Benchmark part: what an autosave costs the GUI thread (bench/bench_gui.py's autosave rows).

The snapshot is taken on the GUI thread and written on a worker (gui/files/map_guard.py): these figures
show the GUI thread's share, the longest the GUI thread was busy meanwhile, the time until the
snapshot is on disk, and the same autosave written wholly on the GUI thread for comparison.
"""
from __future__ import annotations

import inspect
import statistics
import time
from typing import Any

from PySide6.QtCore import QTimer

from bench.common import Row
from bench.gui_harness import app, settle


def measure_autosave(window: Any, repeat: int) -> dict[str, float]:
    """An autosave of an edited map, fired from the event loop as its timer does: the GUI
    thread's share of it, the longest the GUI thread was busy meanwhile (a 2 ms heartbeat), and
    the time until it is on disk. Also the same autosave written wholly on the GUI thread
    (`autosave_now(wait=True)`), for comparison."""
    from gui.commands import MetaCommand

    guard = window.guard
    background = "wait" in inspect.signature(guard.autosave_now).parameters
    a = app()
    title = window.document.meta.title
    figures: dict[str, list[float]] = {"gui": [], "stall": [], "disk": [], "sync": []}
    modes = [False, True] if background else [True]
    for i in range(repeat):
        for sync in modes:
            window.undo_stack.push(MetaCommand(window.document, {"title": f"{title} {i} {sync}"}))
            guard._timer.stop()
            settle(window)  # the insights' refresh after the edit has run: only the autosave is left
            t: dict[str, float] = {}

            def fire(sync: bool = sync, t: dict[str, float] = t) -> None:
                t["start"] = time.perf_counter()
                if background:
                    guard.autosave_now(wait=sync)
                else:  # the code before autosaves moved off the GUI thread
                    guard.autosave_now()
                t["gui"] = time.perf_counter() - t["start"]

            def written(_msg: str, t: dict[str, float] = t) -> None:
                t.setdefault("done", time.perf_counter())

            guard.autosaved.connect(written)
            last, gaps = [time.perf_counter()], [0.0]

            def tick(last: list[float] = last, gaps: list[float] = gaps) -> None:
                now = time.perf_counter()
                gaps.append(now - last[0])
                last[0] = now

            beat = QTimer()
            beat.setInterval(2)
            beat.timeout.connect(tick)
            beat.start()
            QTimer.singleShot(30, fire)
            limit = time.perf_counter() + 30
            while ("done" not in t or time.perf_counter() < t["done"] + 0.05) and time.perf_counter() < limit:
                a.processEvents()
                time.sleep(0.0005)
            beat.stop()
            guard.autosaved.disconnect(written)
            if sync and background:
                figures["sync"].append(t["gui"])
            else:
                figures["gui"].append(t["gui"])
                figures["stall"].append(max(gaps))
                figures["disk"].append(t["done"] - t["start"])
    out = {key: statistics.median(values) for key, values in figures.items() if values}
    out["background"] = float(background)
    return out


def autosave_rows(n: int, window: Any, repeat: int) -> list[Row]:
    au = measure_autosave(window, repeat)
    where = "on a worker" if au["background"] else "on the GUI thread"
    rows = [Row(n, "autosave: the GUI thread's share", au["gui"], target="(was all of it)"),
            Row(n, "  longest GUI stall meanwhile", au["stall"], target="never waits"),
            Row(n, f"  until on disk (written {where})", au["disk"])]
    if "sync" in au:
        rows.append(Row(n, "  all of it on the GUI thread", au["sync"], target="(for comparison)"))
    return rows
