"""Arrows routed when they come into sight (issue 19, gui/canvas/items/handoff_lazy.py).

A big map's relayout parks the arrows out of sight; whatever is lazy must be exactly right
when it is looked at or asked about: an arrow scrolled into view, or routed in the idle
slices, runs where a scene routing every arrow at once runs it; labels placed after the first
frame keep off the cards; a click on a parked arrow finds it. The threshold is lowered so a
300-person map (about 480 arrows) is "big"."""
from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from canvas_fixtures import numbers, open_big_map
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QUndoStack

from bench.mapgen import make_big_map
from gui.canvas.items import Z_CARD, Z_HANDOFF, Z_HANDOFF_SELECTED, handoff_labels, handoff_lazy
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.scene import MapScene
from gui.canvas.view import MapView
from gui.commands import MoveCommand
from model import arrows
from model import layout as map_layout
from model.document import Document


@pytest.fixture
def lazy(monkeypatch):
    monkeypatch.setattr(handoff_lazy, "LAZY_FROM", 50)


@pytest.fixture
def shown(qtbot, lazy) -> Iterator[tuple[MapScene, MapView, Document, QUndoStack]]:
    """A 300-person map open in a view at 100 %, as the window opens one."""
    scene, view, doc, stack = open_big_map(qtbot)
    yield scene, view, doc, stack
    scene.set_document(None, None)


def route_of(item: HandoffItem) -> list[Any]:
    """Where the arrow's line and heads are drawn, as plain numbers."""
    path = item.path()
    return [[(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())],
            item.plan().route.points, item.ends()[0].toTuple(), item.ends()[1].toTuple(),
            [[p.toTuple() for p in head] for head in item.heads()]]


def assert_same_routes(now: dict[str, HandoffItem] | list[HandoffItem], full: dict[str, list[Any]]) -> None:
    """As a full routing draws them (an arrow translated with its lane may differ in the 13th digit)."""
    items = list(now.values()) if isinstance(now, dict) else now
    if isinstance(now, dict):
        assert now.keys() == full.keys()
    for item in items:
        expected = pytest.approx(list(numbers(full[item.hid])), rel=0, abs=1e-6)
        assert list(numbers(route_of(item))) == expected, f"{item.hid} is not where a full routing puts it"


def fresh_routes(doc: Document, monkeypatch) -> dict[str, list[Any]]:
    """Every arrow of `doc` as a scene that routes each at once draws it."""
    with monkeypatch.context() as patch:
        patch.setattr(handoff_lazy, "LAZY_FROM", 10**9)
        fresh = MapScene()
        fresh.set_document(doc, None)
    try:
        assert fresh.lazy_arrows.pending() == 0
        return {hid: route_of(item) for hid, item in fresh.handoff_items.items()}
    finally:
        fresh.set_document(None, None)


def in_sight(scene: MapScene, view: MapView) -> list[HandoffItem]:
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    return [item for item in scene.handoff_items.values() if item.sceneBoundingRect().intersects(seen)]


def unrouted_in_sight(scene: MapScene, view: Any, items: list[HandoffItem] | None = None) -> list[str]:
    """Of `items` (those whose bounds meet the view), the arrows a relayout left stale, or parked
    though they draw in sight once routed: the frame would miss them. One parked whose safe box
    meets the view but whose curve and marks do not may wait for the idle slices
    (handoff_lazy.sketch); each is routed here to see."""
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    waiting = [item for item in (in_sight(scene, view) if items is None else items) if item.parked]
    stale = [item.hid for item in waiting if item.stale]
    for item in waiting:
        item.settle(quiet=True)
    return stale + [item.hid for item in waiting if item.sceneBoundingRect().intersects(seen)]


def far_card(scene: MapScene) -> Any:
    """The card furthest down and right that has hand-offs: out of sight of the opening view."""
    with_arrows = (c for c in scene.cards.values() if c.handoffs)
    return max(with_arrows, key=lambda c: (c.pos().y() + c.pos().x(), c.pid))


def assert_boxes_clear(scene: MapScene, items: list[HandoffItem]) -> None:
    cards = [c.scene_card_rect() for c in scene.cards.values()]
    for item in items:
        marks = item.marks()
        if marks.label is None:
            continue
        x0, y0, x1, y1 = marks.label
        label = QRectF(x0, y0, x1 - x0, y1 - y0).adjusted(0.5, 0.5, -0.5, -0.5)
        hit = [c for c in cards if c.intersects(label)]
        assert not hit, f"the label of {item.hid} ({item.what!r}) covers a card"


def test_an_open_routes_what_is_in_sight_and_an_arrow_scrolled_into_view_is_routed_before_its_frame(
        shown, monkeypatch) -> None:
    scene, view, doc, _stack = shown
    assert scene.lazy_arrows.pending() > len(scene.handoff_items) // 3, "most arrows should wait"
    assert in_sight(scene, view)
    assert not [i.hid for i in in_sight(scene, view) if i.parked], "an arrow in sight was left unrouted"
    card = far_card(scene)
    waiting = [item for item in card.handoffs if item.parked]
    assert waiting, "the far card's arrows should still wait"
    view.centerOn(card)  # no event loop in between: routed by the scroll itself
    assert not [i.hid for i in waiting if i.parked]
    full = fresh_routes(doc, monkeypatch)
    assert_same_routes(waiting, full)


def test_after_the_idle_slices_every_arrow_runs_where_a_full_routing_runs_it(shown, qtbot, monkeypatch):
    scene, _view, doc, _stack = shown
    assert scene.lazy_arrows.pending()
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    full = fresh_routes(doc, monkeypatch)
    assert_same_routes(scene.handoff_items, full)


def test_undo_and_tidy_up_park_what_is_out_of_sight_and_route_it_as_a_full_routing_would(
        shown, qtbot, monkeypatch) -> None:
    scene, view, doc, stack = shown
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    rng = random.Random(3)
    ids = rng.sample(sorted(scene.cards), 60)
    new = {pid: (doc.people[pid].pos[0] + 30.0, doc.people[pid].pos[1] + 90.0) for pid in ids}
    scene.push(MoveCommand(doc, new, {pid: doc.people[pid].pos for pid in ids}, "Move 60 cards"))
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    stack.undo()
    assert scene.lazy_arrows.pending(), "the undo should have parked the arrows out of sight"
    assert not unrouted_in_sight(scene, view)
    card = far_card(scene)
    view.centerOn(card)
    full = fresh_routes(doc, monkeypatch)
    assert_same_routes(list(card.handoffs), full)
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    assert_same_routes(scene.handoff_items, full)

    tidy = map_layout.auto_layout(doc, grid=True)
    old = {pid: doc.people[pid].pos for pid in tidy}
    scene.push(MoveCommand(doc, tidy, old, "Tidy up the map"))
    assert scene.lazy_arrows.pending()
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    assert_same_routes(scene.handoff_items, fresh_routes(doc, monkeypatch))


def test_labels_placed_after_the_first_frame_keep_off_the_cards_in_sight_and_then_where_the_view_goes(
        shown, qtbot) -> None:
    scene, view, _doc, _stack = shown
    runner = scene.findChild(handoff_labels.LabelPass)
    assert runner is not None
    qtbot.waitUntil(lambda: not runner._timer.isActive(), timeout=5000)
    here = [item for item in in_sight(scene, view) if item.what]
    assert here
    assert_boxes_clear(scene, here)
    card = far_card(scene)
    view.centerOn(card)
    qtbot.waitUntil(lambda: not runner._timer.isActive(), timeout=5000)
    there = [item for item in in_sight(scene, view) if item.what]
    assert set(there) - set(here)
    assert_boxes_clear(scene, there)


def test_a_parked_arrow_is_found_by_a_click_and_ends_inside_its_safe_box(qtbot, lazy, monkeypatch) -> None:
    doc = make_big_map(300, seed=4)
    scene = MapScene()  # no view: nothing is in sight, every arrow waits
    scene.set_document(doc, None)
    try:
        items = list(scene.handoff_items.values())
        assert all(item.parked for item in items)
        safe = {item.hid: item.safe for item in items}
        full = fresh_routes(doc, monkeypatch)
        hid, points = next((h, r[1]) for h, r in sorted(full.items()))
        middle = arrows.Route(points, "right", "left").at(0.5)
        found = [i for i in scene.items(QPointF(*middle)) if isinstance(i, HandoffItem)]
        assert hid in {i.hid for i in found}, "a click on a waiting arrow's line should find it"
        handoff_labels.run_now(scene)  # every arrow routed and placed, labels and badges too
        for item in items:
            assert not item.parked
            x0, y0, x1, y1 = safe[item.hid]
            assert QRectF(x0, y0, x1 - x0, y1 - y0).contains(item.boundingRect()), \
                f"arrow {item.hid} draws outside the box it was parked with"
    finally:
        scene.set_document(None, None)


def test_a_selected_arrow_is_routed_drawn_above_the_cards_and_goes_back_under_them(shown) -> None:
    scene, _view, _doc, _stack = shown
    item = next(item for item in far_card(scene).handoffs if item.parked)
    scene.select_ids([], [item.hid], centre=False)
    assert not item.parked, "a selected arrow is centred by its real bounds"
    assert item.zValue() == Z_HANDOFF_SELECTED > Z_CARD
    scene.select_ids([], [], centre=False)
    assert item.zValue() == Z_HANDOFF < Z_CARD


def test_far_out_arrows_are_drawn_by_the_short_path_pixel_for_pixel_as_by_the_full_one(
        qtbot, monkeypatch) -> None:
    from gui.canvas.items import handoff_paint

    scene, view, doc, _stack = open_big_map(qtbot, zoom=None, people=80, seed=2, size=(700, 500))
    try:
        scene.select_ids([], [next(iter(scene.handoff_items))], centre=False)  # a selected one too
        pictures = []
        for far_out in (handoff_paint.FAR_OUT, 0.0):  # 0: every arrow through the full paint()
            monkeypatch.setattr(handoff_paint, "FAR_OUT", far_out)
            for zoom in (0.3, 0.12):
                view.set_zoom(zoom)
                pictures.append(view.viewport().grab().toImage())
        assert pictures[0] == pictures[2] and pictures[1] == pictures[3]
        assert pictures[0] != pictures[1]
    finally:
        scene.set_document(None, None)


def test_arrows_moved_along_with_their_lane_out_of_sight_keep_their_marks_shifted(shown, qtbot) -> None:
    scene, view, doc, stack = shown
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    handoff_labels.run_now(scene)
    before = {hid: (item.marks(), route_of(item)) for hid, item in scene.handoff_items.items()}
    spots = {pid: card.pos().toTuple() for pid, card in scene.cards.items()}
    lane = next(lane for lane in scene.lanes if lane.key in scene.lane_grips)
    lowest = max((p for p in doc.people.values() if p.placed and map_layout.lane_key(p) == lane.key),
                 key=lambda p: p.pos[1])
    new = {lowest.id: (lowest.pos[0], lowest.pos[1] + 700.0)}  # the lane grows: the lanes below move down
    scene.push(MoveCommand(doc, new, {lowest.id: lowest.pos}, "Move card"))
    shift = {pid: (card.pos().x() - spots[pid][0], card.pos().y() - spots[pid][1])
             for pid, card in scene.cards.items()}
    along = [item for item in scene.handoff_items.values()
             if shift[item.source.pid] == shift[item.target.pid] != (0.0, 0.0)]
    assert along and any(item.parked for item in along), "arrows out of sight should wait to be moved"
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    for item in along:
        dx, dy = shift[item.source.pid]
        marks, route = before[item.hid]
        now = item.marks()
        assert now.badge == pytest.approx((marks.badge[0] + dx, marks.badge[1] + dy))
        if marks.label is not None:
            x0, y0, x1, y1 = marks.label
            assert now.label == pytest.approx((x0 + dx, y0 + dy, x1 + dx, y1 + dy))
        moved = [v + (dx if i % 2 == 0 else dy) for i, v in enumerate(numbers(route))]
        assert list(numbers(route_of(item))) == pytest.approx(moved, rel=0, abs=1e-6)


def test_an_arrow_drawn_whole_in_its_first_frame_after_a_move_looks_as_when_drawn_in_parts(qtbot) -> None:
    scene, view, doc, _stack = open_big_map(qtbot, zoom=None, people=80, seed=2, size=(700, 500))
    try:
        view.set_zoom(1.0)
        scene.select_ids([], [next(iter(scene.handoff_items))], centre=False)
        for item in scene.handoff_items.values():
            item.adjust()  # routed again: its first frame draws it whole
        first = view.viewport().grab().toImage()
        assert all(item._cover is None for item in scene.handoff_items.values())
        for item in scene.handoff_items.values():
            item.cover()  # the boxes that skip parts are built
            item.update()
        again = view.viewport().grab().toImage()
        assert first == again
    finally:
        scene.set_document(None, None)


def test_the_overview_is_told_to_redraw_when_the_last_waiting_arrow_is_routed(shown, qtbot) -> None:
    scene, _view, _doc, _stack = shown
    assert scene.lazy_arrows.pending()
    with qtbot.waitSignal(scene.laidOut, timeout=20000):  # the overview map redraws on it
        pass
    assert scene.lazy_arrows.pending() == 0
