"""The canvas figures of bench_gui: drag and drop, pan and zoom, tidy up and the undo of
moving many cards, each next to the bare QGraphicsScene floor (bench/gui_harness.py)."""
from __future__ import annotations

import random
import statistics
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, Qt

from bench import gui_harness as harness
from bench.common import Row, median_time
from bench.gui_harness import Floor, PaintCounter, app, longest_stall, settle, until_painted
from model.document import Document

MOVES = 40  # mouse moves per drag
FRAMES = 20  # frames per pan or zoom figure
MOVED = 200  # cards moved at once for the undo figure


class PaintEnds(QObject):
    """When each paint of a view's viewport ended: the moment a frame is done, before whatever
    timers run after it in the same pass of the event loop. An event filter on the viewport
    hands the paint to the view itself (as the view's own filter would) and notes the time."""

    def __init__(self, view: Any) -> None:
        super().__init__()
        self.ends: list[float] = []
        self.cpu: list[float] = []  # GUI-thread CPU of each paint
        self._view = view

    def __enter__(self) -> PaintEnds:
        self._view.viewport().installEventFilter(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._view.viewport().removeEventFilter(self)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        c0 = time.thread_time()
        self._view.viewportEvent(event)  # the view paints the frame
        self.ends.append(time.perf_counter())
        self.cpu.append(time.thread_time() - c0)
        return True

    def frame_after(self, t0: float, limit_s: float = 2.0) -> tuple[float, float]:
        """Run the event loop until a paint that began after `t0` has ended: (its end, the return
        of that pass of the event loop, with the timers that were due), both since `t0`."""
        a, seen = app(), len(self.ends)
        while len(self.ends) == seen and time.perf_counter() - t0 < limit_s:
            a.processEvents()
        back = time.perf_counter() - t0
        return (self.ends[seen] - t0 if len(self.ends) > seen else back), back


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
    with PaintEnds(view) as ends:
        t0, c0 = time.perf_counter(), time.thread_time()
        harness.mouse(view, QEvent.Type.MouseButtonRelease, local, Qt.MouseButton.NoButton)
        release = time.perf_counter() - t0  # Qt's release handling, the relayout, the undo step
        release_cpu = time.thread_time() - c0  # (GUI-thread CPU: steadier on a loaded machine)
        framed, drop = ends.frame_after(t0)  # its first frame painted; that pass with its timers
        drop_cpu = time.thread_time() - c0
        frame_cpu = ends.cpu[0] if ends.cpu else float("nan")  # the drop's frame alone
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
        "floor": statistics.median(floor_times), "drop": drop, "release": release, "framed": framed,
        "release_cpu": release_cpu, "drop_cpu": drop_cpu, "frame_cpu": frame_cpu,
        "stall": stall, "handoffs": len(own), "adjust_calls": len(adjusted),
        "only_own": set(adjusted) <= own, "paints": paints,
    }


IDLE_GAP_S = 0.15  # between two wheel notches or scroll steps, the app is left idle this long


def _frames(counter: PaintCounter, step: Any, idle_s: float) -> tuple[list[float], list[float], float]:
    """FRAMES steps, each with its frame: wall and CPU seconds per frame; with `idle_s`, the event
    loop runs that long before each step (the longest stall meanwhile is returned too)."""
    walls, cpus, stall = [], [], 0.0
    for i in range(FRAMES):
        if idle_s:
            stall = max(stall, longest_stall(idle_s))
        t0, c0 = time.perf_counter(), time.process_time()
        step(i)
        until_painted(counter)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return walls, cpus, stall


def measure_pan_zoom(window: Any, floor: Floor) -> dict[str, float]:
    """Over the busiest colleague (a dense part of the map), scroll by 40 px or zoom by
    10 % and let the view repaint; median per frame. First the arrows still waiting to be
    routed in idle slices are left to finish: each frame would otherwise wait for a slice.
    The view's figures are taken twice: steps back to back (each frame right after the one
    before: "cold", nothing rendered ahead), then with IDLE_GAP_S of idle time before each step,
    as a user's wheel or scroll bar leaves it ("after idle", the figure the rows report). The
    floor has no idle work: back to back."""
    out: dict[str, float] = {}
    lazy, limit = window.scene.lazy_arrows, time.perf_counter() + 120
    while lazy.pending() and time.perf_counter() < limit:
        app().processEvents()
    view = window.view
    view.centerOn(busiest_card(window, False))
    until_painted(PaintCounter(view.viewport()))
    floor.like = view
    floor.build()
    until_painted(floor.counter)  # type: ignore[arg-type]
    assert floor.view is not None
    bar, floor_bar = view.horizontalScrollBar(), floor.view.horizontalScrollBar()
    counter, floor_counter = PaintCounter(view.viewport()), PaintCounter(floor.view.viewport())

    def pan(target: Any) -> Any:
        return lambda i: target.setValue(target.value() + (40 if i % 2 == 0 else -40))

    def zoom(i: int) -> None:
        view.set_zoom(view.zoom() * (1.1 if i % 2 == 0 else 1 / 1.1))

    def floor_zoom(i: int) -> None:
        factor = 1.1 if i % 2 == 0 else 1 / 1.1
        floor.view.scale(factor, factor)  # type: ignore[union-attr]

    for name, idle_s in (("cold", 0.0), ("idle", IDLE_GAP_S)):
        pans, pan_cpu, pan_stall = _frames(counter, pan(bar), idle_s)
        zooms, zoom_cpu, zoom_stall = _frames(counter, zoom, idle_s)
        out[f"{name}_pan"], out[f"{name}_zoom"] = statistics.median(pans), statistics.median(zooms)
        print(f"  pan / zoom frame, {name}: wall {statistics.median(pans) * 1000:.1f} / "
              f"{statistics.median(zooms) * 1000:.1f} ms, CPU {statistics.median(pan_cpu) * 1000:.1f} / "
              f"{statistics.median(zoom_cpu) * 1000:.1f} ms (median of {FRAMES}); slowest "
              f"{max(pans) * 1000:.1f} / {max(zooms) * 1000:.1f} ms"
              + (f"; longest stall while idle {max(pan_stall, zoom_stall) * 1000:.1f} ms" if idle_s else ""),
              flush=True)
    pieces_ab(counter, pan(bar), zoom)
    floor_pans, _, _ = _frames(floor_counter, pan(floor_bar), 0.0)
    floor_zooms, _, _ = _frames(floor_counter, floor_zoom, 0.0)
    out["view_pan"], out["view_zoom"] = out["idle_pan"], out["idle_zoom"]
    out["floor_pan"], out["floor_zoom"] = statistics.median(floor_pans), statistics.median(floor_zooms)
    return out


def pieces_ab(counter: PaintCounter, pan: Any, zoom: Any) -> None:
    """The arrow layer told the repaint's pieces (gui/canvas/layers/near.py, on as shipped): the same
    cold steps with it off and on, alternately in this process (GUI CPU per frame, median)."""
    from gui.canvas.layers import near

    was = near.ENABLED
    cpu: dict[tuple[str, bool], list[float]] = {}
    try:
        for on in (False, True, False, True):
            near.ENABLED = on
            for name, step in (("pan", pan), ("zoom", zoom)):
                cpu.setdefault((name, on), []).extend(_frames(counter, step, 0.0)[1])
    finally:
        near.ENABLED = was
    def ms(name: str, on: bool) -> str:
        return f"{statistics.median(cpu[name, on]) * 1000:.1f}"

    print("  arrow pieces off / on (near.ENABLED), CPU per frame (median): " + ", ".join(
        f"{name} {ms(name, False)} / {ms(name, True)} ms" for name in ("pan", "zoom")), flush=True)


def jitter(doc: Document, seed: int = 7) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    return {p.id: (p.pos[0] + rng.uniform(-40, 40), max(4.0, p.pos[1] + rng.uniform(0, 60)))
            for p in doc.people.values() if p.placed}


def measure_layout_undo(window: Any, floor: Floor, repeat: int) -> dict[str, Any]:
    """Tidy up (the undoable action) on an untidy map; undo of moving MOVED cards at once
    (down a little, so their lanes grow and the lanes below move too). Each with its frame."""
    from gui.canvas.items import handoff as handoff_item
    from gui.canvas.items import handoff_lazy
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
    undo_frames, undo_passes = [], []
    with PaintEnds(window.view) as ends:
        for _ in range(repeat):
            stack.redo()
            a.processEvents()
            t0 = time.perf_counter()
            stack.undo()
            frame, back = ends.frame_after(t0, 0.5)
            undo_frames.append(frame)  # the frame that shows the undo, painted
            undo_passes.append(back)  # with the timers that ran in that pass of the event loop
    stack.redo()
    a.processEvents()
    before = {pid: card.pos() for pid, card in window.scene.cards.items()}
    adjusted: list[Any] = []
    translated: list[Any] = []
    parked: list[Any] = []
    original, shift = handoff_item.HandoffItem.adjust, handoff_item.HandoffItem.translate
    park = handoff_lazy.LazyRouting.park_moved

    def counting(self: Any) -> None:
        adjusted.append(self)
        original(self)

    def counting_shift(self: Any, dx: float, dy: float) -> None:
        translated.append(self)
        shift(self, dx, dy)

    def counting_park(self: Any, items: list[Any], far: list[Any] | None = None) -> None:
        park(self, items, far)
        both = [*items, *(far or ())]  # (far: found far by their lanes, left stale at once)
        parked.extend(both)
        stale.extend(item for item in both if item.stale)

    stale: list[Any] = []
    handoff_item.HandoffItem.adjust = counting  # type: ignore[method-assign]
    handoff_item.HandoffItem.translate = counting_shift  # type: ignore[method-assign]
    handoff_lazy.LazyRouting.park_moved = counting_park  # type: ignore[method-assign]
    try:
        stack.undo()  # counted without its frame: the idle slices that follow un-stale arrows
        sketched = sum(1 for item in window.scene.handoff_items.values() if item.sketch)  # (routed next)
    finally:
        handoff_item.HandoffItem.adjust = original  # type: ignore[method-assign]
        handoff_item.HandoffItem.translate = shift  # type: ignore[method-assign]
        handoff_lazy.LazyRouting.park_moved = park  # type: ignore[method-assign]
    a.processEvents()
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
            "undo": statistics.median(undo_frames), "undo_pass": statistics.median(undo_passes),
            "undo_floor": median_time(floor_some, repeat),
            "undo_cards": shifted, "undo_arrows": len(adjusted), "undo_translated": len(translated),
            "undo_parked": len(parked), "undo_stale": len(stale), "undo_sketched": sketched}

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
    rows.append(Row(n, "drop card (one undo step): release + first frame", drag["framed"],
                    target="<=16 ms (issue 19)"))
    rows.append(Row(n, "  of which the release, before its frame", drag["release"]))
    rows.append(Row(n, "  release + that pass of the event loop (its timers too)", drag["drop"]))
    rows.append(Row(n, "  GUI-thread CPU of the release", drag["release_cpu"]))
    rows.append(Row(n, "  GUI-thread CPU of the release + that pass", drag["drop_cpu"]))
    rows.append(Row(n, "  GUI-thread CPU of the drop's frame (its paint alone)", drag["frame_cpu"]))
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
          f"{lu['undo_arrows']} arrows re-routed, {lu['undo_translated']} translated (ends moved alike), "
          f"{lu['undo_parked']} parked at once (ends moved apart), {lu['undo_stale']} of them left "
          f"stale (far from the view), {lu['undo_sketched']} sketched for the first frame (in sight)",
          flush=True)
    rows.append(Row(n, "auto-layout (undoable) + frame", lu["layout"], "bare: move every rect + lines",
                    lu["layout_floor"], "<=2x bare (issue 19)"))
    rows.append(Row(n, f"undo moving {MOVED} cards + frame", lu["undo"], f"bare: move {MOVED} rects + lines",
                    lu["undo_floor"], "<=2x bare (issue 19)"))
    rows.append(Row(n, "  with the timers run in the frame's pass", lu["undo_pass"],
                    f"bare: move {MOVED} rects + lines", lu["undo_floor"]))
    return rows
