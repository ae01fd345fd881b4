"""The undo of a move that changes many lanes' heights (issue 19): arrows whose two cards moved
apart are parked all at once (`LazyRouting.park_moved`), then routed in sight, on scrolling or
in idle slices. Whatever way an arrow got there, each one must run, end and carry its badge and
label exactly where a scene built afresh from the same map puts them: after the move, its undo,
its redo, and after scrolling to arrows that were out of sight."""
from __future__ import annotations

import random
from typing import Any

import pytest
from PySide6.QtCore import QRectF

from gui.canvas.items import handoff_labels, handoff_lazy, handoff_stale
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.scene import MapScene
from gui.commands import MoveCommand
from model import layout as map_layout
from model.document import Document
from tests.gui import test_lazy_arrows
from tests.gui.test_lazy_arrows import far_card, in_sight, route_of, unrouted_in_sight

# the 300-person map open in a view, "big" for the lazy arrows (its threshold lowered)
lazy, shown = test_lazy_arrows.lazy, test_lazy_arrows.shown


def drawn(item: HandoffItem) -> list[Any]:
    """The arrow's curve, ends, heads, and its badge and label (place and text)."""
    marks = item.marks()
    return [*route_of(item), marks.badge, marks.label or (), marks.text]


def fresh_build(doc: Document, monkeypatch: pytest.MonkeyPatch,
                steps: dict[str, int | None] | None = None) -> dict[str, list[Any]]:
    """Every arrow of `doc` as a scene built afresh draws it, every label placed; `steps`: the
    step numbers (worked out off the GUI thread from the map alone) the other scene shows."""
    with monkeypatch.context() as patch:
        patch.setattr(handoff_lazy, "LAZY_FROM", 10**9)
        fresh = MapScene()
        fresh.set_document(doc, None)
    try:
        for hid, step in (steps or {}).items():
            fresh.handoff_items[hid].set_step(step)
        handoff_labels.place_all(fresh)
        return {hid: drawn(item) for hid, item in fresh.handoff_items.items()}
    finally:
        fresh.set_document(None, None)


def assert_as_built(scene: MapScene, doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every arrow routed (whether routed in sight, on scrolling or on asking) runs as in a fresh
    build; with every mark placed again in one pass (an incremental pass leaves the marks of
    arrows that did not move where they stood), the badges and labels match it too."""
    scene.lazy_arrows.settle_all()
    routes = {hid: route_of(item) for hid, item in scene.handoff_items.items()}
    handoff_labels.place_all(scene)
    full = fresh_build(doc, monkeypatch, {hid: item.step for hid, item in scene.handoff_items.items()})
    assert scene.handoff_items.keys() == full.keys()
    for hid, item in scene.handoff_items.items():
        assert not item.parked
        assert flat(routes[hid]) == pytest.approx(flat(full[hid][:5]), rel=0, abs=1e-6), \
            f"{hid} does not run where a fresh build runs it"
        got, want = drawn(item), full[hid]
        assert got[-1] == want[-1], f"{hid}: label text {got[-1]!r}, a fresh build shows {want[-1]!r}"
        assert flat(got[:-1]) == pytest.approx(flat(want[:-1]), rel=0, abs=1e-6), \
            f"{hid} is not where a fresh build draws it"


def flat(value: Any) -> list[float]:
    if isinstance(value, (int, float)):
        return [float(value)]
    return [x for part in value for x in flat(part)]


def move_across_lanes(scene: MapScene, doc: Document, count: int = 60) -> dict[str, tuple[float, float]]:
    """Move cards picked across every lane down and right: their lanes grow by different
    amounts, so the lanes below move apart and most arrows' ends move relative to each other."""
    ids = random.Random(5).sample(sorted(scene.cards), count)
    new = {pid: (doc.people[pid].pos[0] + 30.0, doc.people[pid].pos[1] + 90.0) for pid in ids}
    scene.push(MoveCommand(doc, new, {pid: doc.people[pid].pos for pid in ids}, f"Move {count} cards"))
    return new


def test_arrows_whose_cards_moved_apart_are_parked_at_once_and_settle_where_a_fresh_build_draws_them(
        shown, qtbot, monkeypatch) -> None:
    scene, view, doc, stack = shown
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    parked: list[list[HandoffItem]] = []
    original = handoff_lazy.LazyRouting.park_moved

    def watched(self: handoff_lazy.LazyRouting, items: list[HandoffItem],
                far: list[HandoffItem] | None = None) -> None:
        parked.append([*items, *(far or ())])  # (far: found far by their lanes, left stale at once)
        original(self, items, far)

    monkeypatch.setattr(handoff_lazy.LazyRouting, "park_moved", watched)
    move_across_lanes(scene, doc)
    assert parked and len(parked[-1]) > len(scene.handoff_items) // 4, "the move should park many at once"
    assert not unrouted_in_sight(scene, view), "an arrow in sight was left unrouted"
    assert_as_built(scene, doc, monkeypatch)

    stack.undo()
    assert len(parked) == 2, "the undo should park its arrows at once too"
    assert any(item.stale for item in parked[-1]), "arrows far from the view should be left stale"
    assert not unrouted_in_sight(scene, view)
    card = far_card(scene)
    waiting = [item for item in card.handoffs if item.parked]
    assert waiting, "arrows far from the view should still wait after the undo"
    view.centerOn(card)  # scrolled to them: routed before the frame that shows them
    assert not [i.hid for i in waiting if i.parked]
    full = fresh_build(doc, monkeypatch)
    for item in waiting:
        assert flat(route_of(item)) == pytest.approx(flat(full[item.hid][:5]), rel=0, abs=1e-6)
    assert_as_built(scene, doc, monkeypatch)

    stack.redo()
    assert len(parked) == 3
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)  # the idle slices
    assert_as_built(scene, doc, monkeypatch)


def test_an_arrow_parked_by_the_undo_draws_inside_the_box_it_was_parked_with(
        shown, qtbot, monkeypatch) -> None:
    scene, view, doc, stack = shown
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    move_across_lanes(scene, doc)
    parked: list[HandoffItem] = []
    original = handoff_lazy.LazyRouting.park_moved

    def watched(self: handoff_lazy.LazyRouting, items: list[HandoffItem],
                far: list[HandoffItem] | None = None) -> None:
        parked.extend([*items, *(far or ())])
        original(self, items, far)

    monkeypatch.setattr(handoff_lazy.LazyRouting, "park_moved", watched)
    stack.undo()
    waiting = [item for item in parked if item.parked]
    assert len(waiting) > len(scene.handoff_items) // 4
    stale = [item for item in waiting if item.stale]
    assert len(stale) > len(waiting) // 2, "most arrows far from the view should be left stale"
    spots = handoff_stale.Spots(scene)  # where the staleness check thinks each card stands
    for pid, card in scene.cards.items():
        person, lane = doc.people[pid], spots.lane_of[pid]
        assert card.pos().toTuple() == (person.pos[0], spots.tops[lane] + person.pos[1])
        band = scene.lane(lane)
        assert band is not None and band.top <= card.y() <= card.y() + map_layout.CARD_H <= band.bottom
    seen = in_sight(scene, view)  # by their bounds in the scene, old for a stale arrow
    assert not [item.hid for item in stale if item in seen]
    scene.lazy_arrows.park_in_bounds(stale)  # what the idle slices do with them (no race with them here)
    waiting = [item for item in waiting if item.parked]
    assert waiting
    safe = {item.hid: item.safe for item in waiting}
    for item in waiting:  # its box holds both cards it joins
        x0, y0, x1, y1 = safe[item.hid]
        box = QRectF(x0, y0, x1 - x0, y1 - y0)
        assert box.contains(item.source.sceneBoundingRect()) and box.contains(item.target.sceneBoundingRect())
    scene.lazy_arrows.settle_all()  # routed, its badge and label where they go between its cards
    for item in waiting:
        x0, y0, x1, y1 = safe[item.hid]
        assert QRectF(x0, y0, x1 - x0, y1 - y0).contains(item.boundingRect()), \
            f"arrow {item.hid} draws outside the box it was parked with"


def near_view(scene: MapScene, view: Any) -> list[HandoffItem]:
    """The arrows that can draw in the view. A stale arrow's bounds in the scene are old: for
    it, the box its two cards span, grown by how far an arrow reaches; for the others their
    bounds (a parked arrow's safe box, or a translated one's curve moved along)."""
    from gui.canvas.items.handoff import REACH_X, REACH_Y

    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    out = []
    for item in scene.handoff_items.values():
        box = item.sceneBoundingRect()
        if item.stale:
            both = item.source.sceneBoundingRect().united(item.target.sceneBoundingRect())
            box = both.adjusted(-REACH_X, -REACH_Y, REACH_X, REACH_Y)
        if box.intersects(seen):
            out.append(item)
    return out


def test_no_arrow_that_can_reach_the_view_is_left_stale_after_an_undo_a_move_or_a_scroll(
        shown, qtbot) -> None:
    scene, view, doc, stack = shown
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    middle = scene.sceneRect().center()
    view.centerOn(middle)  # arrows above the view and below it
    move_across_lanes(scene, doc)
    stack.undo()
    assert any(item.stale for item in scene.handoff_items.values())
    assert not unrouted_in_sight(scene, view, near_view(scene, view))
    # a card high up grows its lane by far more than the view's height: every lane below moves
    # down alike, and arrows left stale above the view come into it
    top_card = min(scene.cards.values(), key=lambda c: (c.y(), c.pid))
    pid = top_card.pid
    above = [item for item in scene.handoff_items.values() if item.stale]
    scene.push(MoveCommand(doc, {pid: (doc.people[pid].pos[0], doc.people[pid].pos[1] + 3000.0)},
                           {pid: doc.people[pid].pos}, "Move one card"))
    came = [item for item in near_view(scene, view) if item in set(above)]
    assert came, "the move should bring arrows that were stale into the view"
    assert not unrouted_in_sight(scene, view, near_view(scene, view))
    for step in range(6):  # scrolled up and down the map, no event loop between
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + (-1) ** step * (700 + 400 * step))
        assert not unrouted_in_sight(scene, view, near_view(scene, view)), f"after scroll {step}"
