"""The arrow-label pass worked off in idle slices (issue 19, gui/canvas/items/handoff_labels.py).

Two views of the same 300-person map (lazy from 50 hand-offs, so it is "big"): on one the pass
runs in slices of a single step each, on the other as one whole pass (`LabelPass.run`), after
the same drop, undo and zoom-in. Every arrow's badge and
label must end where the whole pass puts them; an edit arriving while a pass is under way
must still be placed."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from canvas_fixtures import open_big_map
from PySide6.QtGui import QUndoStack

from gui.canvas.items import handoff_labels, handoff_lazy
from gui.canvas.scene import MapScene
from gui.canvas.view import MapView
from gui.commands import MoveCommand, UpdateCommand
from model.document import Document

Shown = tuple[MapScene, MapView, Document, QUndoStack]


@pytest.fixture
def lazy(monkeypatch):
    monkeypatch.setattr(handoff_lazy, "LAZY_FROM", 50)
    monkeypatch.setattr(handoff_labels, "SLICE_S", 0.0)  # one step a slice: the most interleaving


def show(qtbot: Any, zoom: float) -> Shown:
    scene, view, doc, stack = open_big_map(qtbot, zoom)
    view.centerOn(scene.cards[busiest(doc)])  # the drop below happens in sight, as a user's does
    idle(scene, qtbot)
    handoff_labels.run_now(scene)  # every arrow placed by one whole pass: both sides start alike
    return scene, view, doc, stack


@pytest.fixture
def pair(qtbot, lazy) -> Iterator[tuple[Shown, Shown]]:
    """The map twice: one for slices, one for whole passes; each settled."""
    sliced, whole = show(qtbot, 1.0), show(qtbot, 1.0)
    yield sliced, whole
    for scene, *_ in (sliced, whole):
        scene.set_document(None, None)


def idle(scene: MapScene, qtbot: Any) -> None:
    runner = handoff_labels.runner_of(scene)
    qtbot.waitUntil(lambda: not runner.busy() and scene.lazy_arrows.pending() == 0, timeout=30000)


def marks(scene: MapScene) -> dict[str, Any]:
    """Every arrow's badge, label box and shown text (routed first: `marks` settles it)."""
    return {hid: (m.badge, m.label, m.text) for hid, item in scene.handoff_items.items()
            for m in [item.marks()]}


def busiest(doc: Document) -> str:
    counts: dict[str, int] = {}
    for handoff in doc.handoffs.values():
        for pid in (handoff.source, handoff.target):
            counts[pid] = counts.get(pid, 0) + 1
    return max(counts, key=lambda pid: (counts[pid], pid))


def drop_command(doc: Document, pid: str, dx: float, dy: float) -> MoveCommand:
    x, y = doc.people[pid].pos
    return MoveCommand(doc, {pid: (x + dx, y + dy)}, {pid: (x, y)})


def sliced_pass(scene: MapScene, qtbot: Any, spy: list[int]) -> None:
    """Let the pass a change asked for run in its idle slices, to its end."""
    scene.lazy_arrows.settle_all()  # the routing's own slices out of the way: same asks both sides
    idle(scene, qtbot)
    assert len(spy) > 20, "the pass was not spread over slices"


def whole_pass(scene: MapScene) -> None:
    """One pass at once."""
    scene.lazy_arrows.settle_all()
    handoff_labels.runner_of(scene).run()


@pytest.fixture
def ticks(monkeypatch) -> list[int]:
    seen: list[int] = []
    tick = handoff_labels.LabelPass._tick

    def counting(self: handoff_labels.LabelPass) -> None:
        seen.append(1)
        tick(self)

    monkeypatch.setattr(handoff_labels.LabelPass, "_tick", counting)
    return seen


def test_a_sliced_pass_ends_where_one_whole_pass_does_after_a_drop_and_its_undo(ticks, pair, qtbot) -> None:
    (scene_a, _view_a, doc_a, stack_a), (scene_b, _view_b, doc_b, stack_b) = pair
    assert marks(scene_a) == marks(scene_b)
    before = marks(scene_a)
    pid = busiest(doc_a)
    for doc, scene in ((doc_a, scene_a), (doc_b, scene_b)):
        scene.push(drop_command(doc, pid, 0.0, 260.0))
    whole_pass(scene_b)
    ticks.clear()
    sliced_pass(scene_a, qtbot, ticks)
    after = marks(scene_a)
    assert after != before, "the drop moved no label: nothing was compared"
    assert after == marks(scene_b)
    stack_a.undo()
    stack_b.undo()
    whole_pass(scene_b)
    ticks.clear()
    sliced_pass(scene_a, qtbot, ticks)
    assert marks(scene_a) == marks(scene_b)


def test_a_sliced_pass_ends_where_one_whole_pass_does_after_a_zoom_in(qtbot, lazy, ticks) -> None:
    sides = [show(qtbot, 0.4), show(qtbot, 0.4)]  # too small to read: labels wait for a zoom-in
    try:
        for scene, _view, doc, _stack in sides:
            scene.push(drop_command(doc, busiest(doc), 0.0, 260.0))
            scene.lazy_arrows.settle_all()
            idle(scene, qtbot)
        (scene_a, view_a, _, _), (scene_b, view_b, _, _) = sides
        assert handoff_labels.runner_of(scene_a)._asked, "nothing waited for the zoom-in"
        view_b.set_zoom(1.0)
        whole_pass(scene_b)
        ticks.clear()
        view_a.set_zoom(1.0)
        sliced_pass(scene_a, qtbot, ticks)
        assert marks(scene_a) == marks(scene_b)
    finally:
        for scene, *_ in sides:
            scene.set_document(None, None)


def test_an_edit_arriving_mid_pass_is_placed_as_one_pass_after_both_would(ticks, pair, qtbot) -> None:
    (scene_a, _view_a, doc_a, _), (scene_b, _view_b, doc_b, _) = pair
    pid = busiest(doc_a)
    in_sight = [item for item in scene_a.handoff_items.values()
                if item.rect().intersects(scene_a.visible) and pid not in (item.source.pid, item.target.pid)]
    hid = in_sight[0].hid
    text = "Signed contract & <PO> 契約 ✓"
    edit = {"what": text}
    # the whole side: both changes, then one pass
    scene_b.push(drop_command(doc_b, pid, 0.0, 260.0))
    scene_b.push(UpdateCommand(doc_b, "handoff", hid, edit))
    whole_pass(scene_b)
    # the sliced side: the edit arrives while the drop's pass is working out its marks
    scene_a.push(drop_command(doc_a, pid, 0.0, 260.0))
    scene_a.lazy_arrows.settle_all()
    runner = handoff_labels.runner_of(scene_a)
    ticks.clear()
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=10000)
    assert runner.busy() and runner._steps is not None and handoff_labels.APPLYING not in runner._placing
    scene_a.push(UpdateCommand(doc_a, "handoff", hid, edit))
    scene_a.lazy_arrows.settle_all()
    idle(scene_a, qtbot)
    assert doc_a.handoffs[hid].what == text
    assert scene_a.handoff_items[hid].marks().text, "the edited arrow's label was not placed"
    assert marks(scene_a) == marks(scene_b)


def test_the_cards_and_arrows_near_a_pass_are_what_the_scene_finds_there(ticks, pair) -> None:
    (scene, view, _doc, _stack), _ = pair
    from PySide6.QtCore import QRectF, Qt

    from gui.canvas.items.card import PersonCard
    from gui.canvas.items.handoff import HandoffItem

    region = QRectF(view.mapToScene(view.viewport().rect()).boundingRect()).adjusted(-300, -300, 300, 300)
    cards: list[PersonCard] = []
    others: dict[str, HandoffItem] = {}
    for _ in handoff_labels.nearby(scene, region, cards, others):
        pass
    found = scene.items(region, Qt.ItemSelectionMode.IntersectsItemBoundingRect, Qt.SortOrder.AscendingOrder)
    assert set(cards) == {item for item in found if isinstance(item, PersonCard)}
    assert others == {item.hid: item for item in found if isinstance(item, HandoffItem) and not item.parked}
    assert cards and others and len(cards) < len(scene.cards)
