"""Step numbers on a big map are worked out on a worker thread (the walk graph takes seconds
at 10,000 people), from a snapshot, and end exactly as numbering on the GUI thread would;
an edit made while the worker runs is numbered again once it is done."""
from __future__ import annotations

import threading

from PySide6.QtGui import QUndoStack

from bench.mapgen import make_big_map
from gui.canvas.mirror import step_worker
from gui.canvas.scene import MapScene
from gui.canvas.step_numbers import handoff_steps
from gui.commands import AddCommand, RemoveCommand
from model.entities import Handoff


def shown(scene: MapScene) -> dict[str, int | None]:
    return {hid: item.step for hid, item in scene.handoff_items.items()}


def expected(scene: MapScene) -> dict[str, int | None]:
    assert scene.doc is not None
    steps = handoff_steps(scene.doc)
    return {hid: steps.get(hid) for hid in scene.handoff_items}


def test_a_big_map_is_numbered_off_the_gui_thread_and_ends_as_numbering_at_once(qtbot, monkeypatch):
    doc = make_big_map(1100, seed=3)
    assert len(doc.handoffs) >= step_worker.ON_A_WORKER_FROM
    threads: list[bool] = []
    real = step_worker.handoff_steps

    def watched(d):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(d)

    monkeypatch.setattr(step_worker, "handoff_steps", watched)
    stack = QUndoStack()
    scene = MapScene()
    scene.set_document(doc, stack)
    qtbot.waitUntil(lambda: bool(threads) and not scene.sync.steps.busy() and shown(scene) == expected(scene),
                    timeout=30000)
    threads.clear()
    people = [p.id for p in doc.people.values() if p.placed and not p.is_customer]
    first, second = Handoff(people[0], people[1], "a note", "sell", id="x1"), \
        Handoff(people[2], people[0], "two", "sell", id="x2")
    stack.push(AddCommand(doc, "handoff", first))
    scene.sync.steps.timer.timeout.emit()  # the debounce ends: the worker starts
    stack.push(AddCommand(doc, "handoff", second))  # an edit while it runs
    stack.push(RemoveCommand(doc, "handoff", next(iter(doc.handoffs))))
    assert scene.sync.steps.busy()
    qtbot.waitUntil(lambda: not scene.sync.steps.busy() and shown(scene) == expected(scene), timeout=60000)
    assert len(threads) >= 2 and not any(threads), "the walk was numbered on the GUI thread"
    scene.set_document(None, None)
