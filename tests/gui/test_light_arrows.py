"""Lighter arrows (issue 19, gui/canvas/items/handoff.py): an arrow keeps its state in slots
(no attribute dict per arrow), reads its curve and ends from its route's numbers, and is
parked from its cards' bounding rectangles. Whatever is asked of an arrow made lazily (its
path, ends, heads, marks, tooltip, clickable shape, the boxes that skip parts of it, and how
it is drawn selected or under the pointer) is what an arrow routed at once answers.
The lazy threshold is lowered so an 80-person map is "big"."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from canvas_fixtures import mouse, open_big_map
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt

from bench.mapgen import make_big_map
from gui.canvas.items import handoff_labels, handoff_lazy, handoff_paint
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.scene import MapScene
from gui.canvas.view import MapView


def answers(item: HandoffItem) -> list[Any]:
    """Everything an arrow tells the rest of the app about itself, as plain values."""
    path = item.path()
    shape = item.shape().boundingRect()
    return [
        [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())],
        [end.toTuple() for end in item.ends()],
        [[point.toTuple() for point in head] for head in item.heads()],
        item.marks(),
        handoff_paint.tooltip(item),
        shape.getCoords(),
        [box.getCoords() for box in item.cover()],
        item.bounds().getCoords(),
    ]


def built(doc: Any, lazy: bool, monkeypatch: pytest.MonkeyPatch) -> MapScene:
    """`doc` in a scene without a view, every arrow routed and placed; made lazily (all parked
    first) or routed at once."""
    with monkeypatch.context() as patch:
        patch.setattr(handoff_lazy, "LAZY_FROM", 50 if lazy else 10**9)
        scene = MapScene()
        scene.set_document(doc, None)
        if lazy:
            assert all(item.parked for item in scene.handoff_items.values())
        handoff_labels.run_now(scene)
    return scene


def test_an_arrow_made_lazily_answers_as_one_routed_at_once(qtbot, monkeypatch) -> None:
    doc = make_big_map(80, seed=3)
    lazy, eager = built(doc, True, monkeypatch), built(doc, False, monkeypatch)
    try:
        assert lazy.handoff_items.keys() == eager.handoff_items.keys()
        assert len(lazy.handoff_items) >= 50
        for hid, item in lazy.handoff_items.items():
            assert answers(item) == answers(eager.handoff_items[hid]), f"arrow {hid} differs"
    finally:
        lazy.set_document(None, None)
        eager.set_document(None, None)


@pytest.fixture
def parked(qtbot, monkeypatch) -> Iterator[MapScene]:
    """An 80-person map in a scene without a view: nothing in sight, every arrow parked."""
    monkeypatch.setattr(handoff_lazy, "LAZY_FROM", 50)
    scene = MapScene()
    scene.set_document(make_big_map(80, seed=3), None)
    yield scene
    scene.set_document(None, None)


def park_all(scene: MapScene) -> list[HandoffItem]:
    """Every arrow parked again, as by a relayout (the idle slices may have routed some
    between the fixture and the test)."""
    with scene.lazy_arrows.bulk():
        for item in scene.handoff_items.values():
            item.adjust()
    items = list(scene.handoff_items.values())
    assert all(item.parked for item in items)
    return items


def test_an_arrow_keeps_no_attribute_dict_parked_routed_hovered_or_selected(parked) -> None:
    """Its state lives in slots: a dict per arrow cost ~400-800 B (15,735 arrows at 10,000
    people). (Qt's wrapper still has a dict, made on the first attribute outside the slots.)"""
    scene = parked
    items = park_all(scene)
    assert not [item.hid for item in items if item.__dict__], "a parked arrow grew a dict"
    handoff_labels.run_now(scene)
    for item in items:
        item.hover_started()
        item.cover()
        item.shape()
    scene.select_ids([], [items[0].hid], centre=False)
    assert not [item.hid for item in items if item.__dict__], "a routed arrow grew a dict"


@pytest.fixture
def viewed(qtbot, monkeypatch) -> Iterator[tuple[MapScene, MapView]]:
    monkeypatch.setattr(handoff_lazy, "LAZY_FROM", 50)
    scene, view, _doc, _stack = open_big_map(qtbot, people=80, seed=2, size=(700, 500))
    scene.sync.steps.now()  # the step numbers now, not off a timer between two pictures
    handoff_labels.run_now(scene)  # (placed by them)
    yield scene, view
    scene.set_document(None, None)


def test_a_selected_and_a_hovered_arrow_look_the_same_after_being_parked_and_routed_again(
        viewed, qtbot) -> None:
    scene, view = viewed
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    shown = [item for item in scene.handoff_items.values() if item.bounds().intersects(seen)]
    assert len(shown) >= 2
    hovered = None
    for item in shown:  # the pointer on the middle of an arrow's line (not under a card)
        spot = item.path().pointAtPercent(0.5)
        if view.viewport().rect().contains(view.mapFromScene(spot)):
            mouse(view, QEvent.Type.MouseMove, spot, button=Qt.MouseButton.NoButton,
                  buttons=Qt.MouseButton.NoButton)
            hit = [other for other in shown if other._hover]
            if hit:  # (arrows overlap: the one on top lights up)
                hovered = hit[0]
                break
    assert hovered is not None, "no arrow in sight could be pointed at"
    selected = next(item for item in shown if item is not hovered)
    scene.select_ids([], [selected.hid], centre=False)
    assert hovered._hover and selected.isSelected()
    before = view.viewport().grab().toImage()
    with scene.lazy_arrows.bulk():  # a relayout: every arrow parked, routed again when it ends
        for item in scene.handoff_items.values():
            item.adjust()
            assert item.parked
    assert not selected.parked and not hovered.parked, "arrows in sight are routed when it ends"
    handoff_labels.run_now(scene)
    after = view.viewport().grab().toImage()
    assert before == after
    selected.setSelected(False)
    assert view.viewport().grab().toImage() != after, "the selected arrow should have looked different"


def test_a_parked_arrows_box_holds_its_cards_and_what_it_draws_once_routed(parked) -> None:
    scene = parked
    items = park_all(scene)
    boxes = {item.hid: QRectF(item.bounds()) for item in items}
    for item in items:
        box = boxes[item.hid]
        assert box.contains(item.source.scene_card_rect()) and box.contains(item.target.scene_card_rect())
        assert item.sceneBoundingRect() == box
    handoff_labels.run_now(scene)
    for item in items:
        assert boxes[item.hid].contains(item.boundingRect()), f"{item.hid} draws outside its box"
        end = item.ends()[1]
        assert boxes[item.hid].contains(QPointF(end))
