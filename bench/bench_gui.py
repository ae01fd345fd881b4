"""The canvas at scale: open, drag, pan and zoom, tidy up, undo, typing and memory,
each next to a bare Qt floor measured in the same run on the same data.

    .venv/bin/python bench/bench_gui.py [--sizes 200 2000] [--repeat 5] [--canvas-only | --autosave-only]

Runs in-process with QT_QPA_PLATFORM=offscreen (painting goes to a raster
surface, so frame times are real). The floor for the canvas is a bare
QGraphicsScene (no index) holding one rectangle and two texts per card and
one line per hand-off at the same places, shown in a view of the same size,
zoom and scroll, and driven the same way. Memory is measured in a fresh
process per map (`--rss N` / `--rss-floor N`), so earlier figures don't count.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtTest import QTest

from bench import gui_harness as harness
from bench.bench_store import _measure_size as _measure_store
from bench.common import Row, format_rows, median_time
from bench.gui_autosave import autosave_rows
from bench.gui_harness import Floor, PaintCounter, app, longest_stall, new_window, settle, until_painted
from bench.mapgen import make_big_map
from model.document import Document
from model.storage.store import save

ROOT = Path(__file__).resolve().parent.parent
MOVES = 40  # mouse moves per drag
FRAMES = 20  # frames per pan or zoom figure
MOVED = 200  # cards moved at once for the undo figure


# ----- the figures -------------------------------------------------------------------
def measure_open(window: Any, paths: list[Path], small: Path, repeat: int) -> float:
    """load + the window mirrors the map + the first painted frame (an earlier map is closed untimed)."""
    counter = PaintCounter(window.view.viewport())
    times = []
    for path in paths[:repeat]:
        window.open_path(small, ask=False)
        until_painted(counter)
        settle(window)
        start = time.perf_counter()
        assert window.open_path(path, ask=False), path
        until_painted(counter)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def busiest_card(window: Any, customer: bool) -> Any:
    """The colleague (or customer) with the most hand-offs: the worst case for a drag."""
    doc = window.document
    cards = [c for c in window.scene.cards.values() if doc.people[c.pid].is_customer == customer]
    return max(cards, key=lambda c: (len(c.handoffs), c.pid))


def measure_drag(window: Any, floor: Floor, customer: bool) -> dict[str, Any]:
    """Bring the busiest card into view, press on it, move it MOVES times (one frame
    each), release; count the hand-off updates and the frames painted."""
    from gui.canvas.items import handoff as handoff_item
    view, a = window.view, app()
    settle(window)
    card = busiest_card(window, customer)
    counter = PaintCounter(view.viewport())
    view.centerOn(card)
    until_painted(counter)
    floor.like = view
    floor.build()  # the same scroll position
    until_painted(floor.counter)  # type: ignore[arg-type]
    start_local = QPointF(view.mapFromScene(card.sceneBoundingRect().center() + QPointF(-30, 0)))
    adjusted: list[Any] = []
    original = handoff_item.HandoffItem.adjust

    def counting(self: Any) -> None:
        adjusted.append(self)
        original(self)

    harness.mouse(view, QEvent.Type.MouseButtonPress, start_local, Qt.MouseButton.LeftButton)
    a.processEvents()
    assert window.scene.mouseGrabberItem() is card, "the press did not catch the card"
    times, handled, paints = [], [], counter.count
    handoff_item.HandoffItem.adjust = counting  # type: ignore[method-assign]
    try:
        for i in range(1, MOVES + 1):
            local = start_local + QPointF(3 * i, 2 * (i % 3))
            t0, seen = time.perf_counter(), counter.count
            harness.mouse(view, QEvent.Type.MouseMove, local, Qt.MouseButton.LeftButton)
            handled.append(time.perf_counter() - t0)  # items moved, hand-offs adjusted; no frame yet
            until_painted(counter, 1.0, since=seen)
            times.append(time.perf_counter() - t0)
    finally:
        handoff_item.HandoffItem.adjust = original  # type: ignore[method-assign]
    paints = counter.count - paints
    t0 = time.perf_counter()
    harness.mouse(view, QEvent.Type.MouseButtonRelease, local, Qt.MouseButton.NoButton)
    a.processEvents()
    drop = time.perf_counter() - t0
    stall = longest_stall(2.0)
    window.undo_stack.undo()
    a.processEvents()
    own = set(card.handoffs)
    # the floor: one rectangle and its lines moved, one frame each
    floor_times = []
    base = floor.items[card.pid].pos()
    assert floor.counter is not None and floor.view is not None
    for i in range(1, MOVES + 1):
        t0 = time.perf_counter()
        floor.move(card.pid, base + QPointF(3 * i, 2 * (i % 3)))
        until_painted(floor.counter, 1.0)
        floor_times.append(time.perf_counter() - t0)
    floor.move(card.pid, base)
    return {
        "move": statistics.median(times), "handled": statistics.median(handled),
        "floor": statistics.median(floor_times), "drop": drop,
        "stall": stall, "handoffs": len(own), "adjust_calls": len(adjusted),
        "only_own": set(adjusted) <= own, "paints": paints,
    }


def measure_pan_zoom(window: Any, floor: Floor) -> dict[str, float]:
    """Over the busiest colleague (a dense part of the map), scroll by 40 px or zoom by
    10 % and let the view repaint; median per frame."""
    out = {}
    window.view.centerOn(busiest_card(window, False))
    until_painted(PaintCounter(window.view.viewport()))
    floor.like = window.view
    floor.build()
    until_painted(floor.counter)  # type: ignore[arg-type]
    for name, target in (("view", window.view), ("floor", floor.view)):
        assert target is not None
        counter = PaintCounter(target.viewport())
        bar = target.horizontalScrollBar()
        pans, zooms = [], []
        for i in range(FRAMES):
            step = 40 if i % 2 == 0 else -40
            t0 = time.perf_counter()
            bar.setValue(bar.value() + step)
            until_painted(counter)
            pans.append(time.perf_counter() - t0)
        for i in range(FRAMES):
            factor = 1.1 if i % 2 == 0 else 1 / 1.1
            t0 = time.perf_counter()
            if name == "view":
                target.set_zoom(target.zoom() * factor)
            else:
                target.scale(factor, factor)
            until_painted(counter)
            zooms.append(time.perf_counter() - t0)
        out[f"{name}_pan"], out[f"{name}_zoom"] = statistics.median(pans), statistics.median(zooms)
    return out


def jitter(doc: Document, seed: int = 7) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    return {p.id: (p.pos[0] + rng.uniform(-40, 40), max(4.0, p.pos[1] + rng.uniform(0, 60)))
            for p in doc.people.values() if p.placed}


def measure_layout_undo(window: Any, floor: Floor, repeat: int) -> dict[str, Any]:
    """Tidy up (the undoable action) on an untidy map; undo of moving MOVED cards at once
    (down a little, so their lanes grow and the lanes below move too). Each with its frame."""
    from gui.canvas.items import handoff as handoff_item
    from gui.commands import MoveCommand

    a, doc, stack = app(), window.document, window.undo_stack
    counter = PaintCounter(window.view.viewport())
    untidy = jitter(doc)
    stack.push(MoveCommand(doc, untidy, {pid: doc.people[pid].pos for pid in untidy}, "untidy"))
    until_painted(counter, 2.0)

    def framed(action: Any) -> None:
        seen = counter.count
        action()
        until_painted(counter, 0.5, since=seen)

    def tidy() -> None:
        framed(window.edit.do_auto_layout)

    def undo_tidy() -> None:
        framed(stack.undo)

    times = []
    for _ in range(repeat):
        while stack.index() > 1:
            undo_tidy()
        t0 = time.perf_counter()
        tidy()
        times.append(time.perf_counter() - t0)
    layout_s = statistics.median(times)
    while stack.index() > 0:
        undo_tidy()

    ids = sorted(window.scene.cards)[:MOVED]
    new = {pid: (doc.people[pid].pos[0] + 30.0, doc.people[pid].pos[1] + 10.0) for pid in ids}
    stack.push(MoveCommand(doc, new, {pid: doc.people[pid].pos for pid in ids}))
    a.processEvents()
    undo_s = median_time(undo_tidy, repeat, setup=lambda: (stack.redo(), a.processEvents()))
    stack.redo()
    a.processEvents()
    before = {pid: card.pos() for pid, card in window.scene.cards.items()}
    adjusted: list[Any] = []
    original = handoff_item.HandoffItem.adjust
    def counting(self: Any) -> None:
        adjusted.append(self)
        original(self)

    handoff_item.HandoffItem.adjust = counting  # type: ignore[method-assign]
    try:
        undo_tidy()
    finally:
        handoff_item.HandoffItem.adjust = original  # type: ignore[method-assign]
    shifted = sum(1 for pid, card in window.scene.cards.items() if card.pos() != before[pid])

    every = list(floor.items)

    def floor_all() -> None:
        for pid in every:
            floor.move(pid, floor.items[pid].pos() + QPointF(1, 0))
        a.processEvents()

    def floor_some() -> None:
        for pid in ids:
            floor.move(pid, floor.items[pid].pos() + QPointF(1, 0))
        a.processEvents()

    return {"layout": layout_s, "layout_floor": median_time(floor_all, repeat),
            "undo": undo_s, "undo_floor": median_time(floor_some, repeat),
            "undo_cards": shifted, "undo_arrows": len(adjusted)}


def measure_typing(window: Any) -> dict[str, Any]:
    """Type a person's name in the inspector with the insights and autosave live:
    time per keystroke, and the longest the GUI thread was busy while the debounced
    refreshes and the autosave ran in the pauses."""
    import model.analysis.insights as analysis_module
    from gui import insights_panel

    a = app()
    card = busiest_card(window, False)
    window.scene.select_ids([card.pid], centre=False)
    a.processEvents()
    form = window.inspector.person_form
    field = form.name
    field.setFocus()
    field.end(False)
    on_gui: list[str] = []
    real = analysis_module.analyse

    def watched(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is threading.main_thread():
            on_gui.append("analyse")
        return real(*args, **kwargs)

    analysis_module.analyse = watched  # type: ignore[assignment]
    insights_panel.analyse = watched  # type: ignore[attr-defined]
    keys, stalls, pauses = [], [], []
    try:
        for word in ("Quick", "brown", "fox"):
            for ch in " " + word:
                t0 = time.perf_counter()
                QTest.keyClick(field, ch)
                a.processEvents()
                keys.append(time.perf_counter() - t0)
                stalls.append(longest_stall(0.08))  # a fast typist: ~12 keys a second
            pauses.append(longest_stall(2.6))  # a pause: the debounced insights and autosave run
        window.insights.wait_for_idle()
    finally:
        analysis_module.analyse = real  # type: ignore[assignment]
        insights_panel.analyse = real  # type: ignore[attr-defined]
    typed = window.document.people[card.pid].name
    return {"key": statistics.median(keys), "key_max": max(keys), "stall": max(stalls), "pause": max(pauses),
            "analyse_on_gui": len(on_gui), "typed_ok": typed.endswith("Quick brown fox")}


def measure_save(window: Any, folder: Path, repeat: int) -> tuple[float, float]:
    """Save from the window (atomic write, fsync) next to json.dump of the same data, already built."""
    from model.storage.serialize import to_data

    target = folder / "saved-from-window.cwalk"
    floor_path = folder / "floor.json"

    data = to_data(window.document)

    def floor() -> None:
        with open(floor_path, "w", encoding="utf-8") as handle:
            json.dump(data, handle)

    return median_time(lambda: window.save_as(target), repeat), median_time(floor, repeat)


# ----- memory, each in a fresh process ---------------------------------------------------
def _rss_child(n: int, floor_only: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="cwalk-rss-"))
    doc = make_big_map(n, seed=1)
    path = folder / f"map{n}.cwalk"
    save(doc, path, backups=0)
    if floor_only:
        app()
        floor = Floor(doc)
        del doc
        floor.open()
    else:
        del doc
        window = new_window()
        window.open_path(path, ask=False)
        until_painted(PaintCounter(window.view.viewport()))
        settle(window)  # the insights have run and are shown
    now, peak = harness.rss_mb()
    print(json.dumps({"rss": now, "peak": peak}))
    shutil.rmtree(folder, ignore_errors=True)


def measure_rss(n: int) -> dict[str, float]:
    out = {}
    for flag, key in (("--rss", "app"), ("--rss-floor", "floor")):
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), flag, str(n)], cwd=ROOT,
                              capture_output=True, text=True, check=True, timeout=600)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        out[key], out[key + "_peak"] = figures["rss"], figures["peak"]
    return out


# ----- all of it ------------------------------------------------------------------------
def measure(sizes: list[int], repeat: int = 5) -> list[Row]:
    """For bench/run.py: every GUI figure per map size, next to its floor."""
    rows: list[Row] = []
    scratch = harness.temp_dir()
    window = new_window()
    for n in sizes:
        folder = scratch / f"n{n}"
        folder.mkdir(exist_ok=True)
        doc = make_big_map(n, seed=1)
        runs = max(1, min(repeat, 3 if n > 2000 else repeat))
        paths = harness.copies(doc, folder, n, runs + 1)
        small = folder / "small.cwalk"
        save(make_big_map(10, seed=2), small, backups=0)
        print(f"  {n} people, {len(doc.handoffs)} hand-offs", flush=True)
        at = "at 2,000: " if n != 2000 else ""
        open_s = measure_open(window, paths[:runs], small, runs)
        settle(window)
        floor = Floor(doc, like=window.view)
        floor_s = median_time(floor.open, runs)
        rows.append(Row(n, "open: load + window + first frame", open_s, "bare scene: build + frame", floor_s,
                        "<=1.5x bare (issue 19)"))
        rows.append(_measure_store(n, folder, runs)[1])  # load (validated) next to json.load
        window.open_path(paths[runs], ask=False)  # a fresh copy for the edits below
        until_painted(PaintCounter(window.view.viewport()))
        settle(window)
        rows.extend(canvas_rows(n, window, floor, runs))
        settle(window)
        save_s, dump_s = measure_save(window, folder, runs)
        rows.append(Row(n, "save from the window", save_s, "json.dump of the data (built)", dump_s,
                        f"{at}<=0.3 s, <=3x"))
        settle(window)
        typing = measure_typing(window)
        rows.append(Row(n, "typing a name: per keystroke", typing["key"], target="<=8 ms, flat (issue 19)"))
        rows.append(Row(n, "  slowest keystroke", typing["key_max"]))
        rows.append(Row(n, "typing: longest stall between keys", typing["stall"], target="never waits"))
        rows.append(Row(n, "  longest stall in a pause", typing["pause"],
                        target="<=50 ms (issue 19; insights, autosave)"))
        print(f"  typing: the analysis ran on the GUI thread {typing['analyse_on_gui']} times; "
              f"the text arrived: {typing['typed_ok']}", flush=True)
        settle(window)
        rows.extend(autosave_rows(n, window, runs))
        floor.close()
        if n == max(sizes):
            mem = measure_rss(n)
            rows.append(Row(n, "memory: RSS with the map open", mem["app"], "bare scene, same items",
                            mem["floor"], "<=2x bare (issue 19)", unit="MB"))
            rows.append(Row(n, "memory: peak RSS", mem["app_peak"], "bare scene, peak",
                            mem["floor_peak"], unit="MB"))
        window.undo_stack.clear()
        window.undo_stack.setClean()
    window.undo_stack.setClean()
    window.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--autosave-only", action="store_true", help="only the autosave figures")
    parser.add_argument("--canvas-only", action="store_true",
                        help="only the canvas figures: drag, pan, zoom, undo of moving cards")
    parser.add_argument("--rss", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rss-floor", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss or args.rss_floor:
        _rss_child(args.rss or args.rss_floor, floor_only=bool(args.rss_floor))
        return 0
    if args.autosave_only:
        print(format_rows(measure_only(args.sizes, args.repeat, "autosave")))
        return 0
    if args.canvas_only:
        print(format_rows(measure_only(args.sizes, args.repeat, "canvas")))
        return 0
    print(format_rows(measure(args.sizes, args.repeat)))
    return 0


def canvas_rows(n: int, window: Any, floor: Floor, repeat: int) -> list[Row]:
    """Drag, drop, pan, zoom, tidy up and the undo of moving many cards, on the map open in `window`."""
    at = "at 2,000: " if n != 2000 else ""
    rows: list[Row] = []
    for who, customer in (("colleague", False), ("customer", True)):
        drag = measure_drag(window, floor, customer)
        rows.append(Row(n, f"drag {who} ({drag['handoffs']} hand-offs)/move", drag["move"],
                        "bare: move rect + lines, frame", drag["floor"], f"{at}<=8 ms"))
        rows.append(Row(n, "  of which the move without the frame", drag["handled"]))
        print(f"  drag {who}: {drag['adjust_calls']} hand-off updates over {MOVES} moves, card has "
              f"{drag['handoffs']} hand-offs; only its own: {drag['only_own']}; "
              f"{drag['paints']} frames painted",
              flush=True)
    rows.append(Row(n, "drop card (one undo step)", drag["drop"], target="<=16 ms (issue 19)"))
    rows.append(Row(n, "longest GUI stall after a drop", drag["stall"], target="<=50 ms (issue 19)"))
    settle(window)
    pz = measure_pan_zoom(window, floor)
    rows.append(Row(n, "pan: scroll 40 px + frame", pz["view_pan"], "bare scene, same", pz["floor_pan"],
                    "<=16 ms (issue 19)"))
    rows.append(Row(n, "zoom: 10 % + frame", pz["view_zoom"], "bare scene, same", pz["floor_zoom"],
                    "<=16 ms (issue 19)"))
    settle(window)
    lu = measure_layout_undo(window, floor, repeat)
    print(f"  undo of moving {MOVED} cards: {lu['undo_cards']} cards moved (their lanes changed height), "
          f"{lu['undo_arrows']} arrows re-routed", flush=True)
    rows.append(Row(n, "auto-layout (undoable) + frame", lu["layout"], "bare: move every rect + lines",
                    lu["layout_floor"], "<=2x bare (issue 19)"))
    rows.append(Row(n, f"undo moving {MOVED} cards + frame", lu["undo"], f"bare: move {MOVED} rects + lines",
                    lu["undo_floor"], "<=2x bare (issue 19)"))
    return rows


def measure_only(sizes: list[int], repeat: int, part: str) -> list[Row]:
    """Just one part of the figures (the whole GUI run takes a while): "autosave", or
    "canvas" (drag, pan, zoom, tidy up, undo) next to the bare scene."""
    rows: list[Row] = []
    scratch = harness.temp_dir()
    window = new_window()
    for n in sizes:
        folder = scratch / f"n{n}"
        folder.mkdir(exist_ok=True)
        doc = make_big_map(n, seed=1)
        path = harness.copies(doc, folder, n, 1)[0]
        window.open_path(path, ask=False)
        until_painted(PaintCounter(window.view.viewport()))
        settle(window)
        if part == "canvas":
            floor = Floor(doc, like=window.view)
            floor.open()
            rows.extend(canvas_rows(n, window, floor, repeat))
            floor.close()
            window.undo_stack.clear()
        else:
            rows.extend(autosave_rows(n, window, repeat))
        window.undo_stack.setClean()
    window.close()
    return rows


if __name__ == "__main__":
    sys.exit(main())
