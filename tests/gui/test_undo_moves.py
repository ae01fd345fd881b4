"""Cards moved without Qt calling back into Python, and arrows far from the view set apart by
their lanes (issue 19, gui/canvas/items/card_moves.py, handoff_stale.part_far).

Whatever way a card moved (a relayout's batch move, Qt's drag in C++, a call from Python), every
card must stand, and every arrow run, where a scene built afresh puts them; a drag of several
cards keeps their arrows on them at every mouse move; and an arrow drawn in the view before a
relayout is never left stale (its old pixels would stay on screen)."""
from __future__ import annotations

import random
from typing import Any

import pytest
from canvas_fixtures import mouse, sample_map
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.items import handoff_lazy
from gui.canvas.items.card import PersonCard
from gui.canvas.items.handoff import HandoffItem, route
from gui.canvas.scene import MapScene
from gui.canvas.view import MapView
from gui.commands import MoveCommand
from model.document import Document
from tests.gui import test_lazy_arrows
from tests.gui.test_undo_arrows import assert_as_built, move_across_lanes

lazy, shown = test_lazy_arrows.lazy, test_lazy_arrows.shown


def fresh_places(doc: Document, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[float, float]]:
    """Where a scene built afresh from `doc` puts every card."""
    with monkeypatch.context() as patch:
        patch.setattr(handoff_lazy, "LAZY_FROM", 10**9)
        fresh = MapScene()
        fresh.set_document(doc, None)
    try:
        fresh.finish_build()
        return {pid: card.pos().toTuple() for pid, card in fresh.cards.items()}
    finally:
        fresh.set_document(None, None)


def assert_cards_as_built(scene: MapScene, doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    scene.finish_build()
    places = fresh_places(doc, monkeypatch)
    assert scene.cards.keys() == places.keys()
    wrong = [pid for pid, card in scene.cards.items() if card.pos().toTuple() != places[pid]]
    assert not wrong, f"{len(wrong)} cards are not where a fresh build puts them, e.g. {wrong[:3]}"
    for card in scene.cards.values():  # the rectangle kept for the routing follows the card too
        box, p = card.box(), card.pos()
        assert (box.x, box.y) == (p.x(), p.y())


def test_after_moves_across_lanes_undo_redo_and_scrolling_cards_and_arrows_stand_as_built(
        shown, qtbot, monkeypatch) -> None:
    scene, view, doc, stack = shown
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    view.centerOn(scene.sceneRect().center())  # lanes above the view and below it
    move_across_lanes(scene, doc)
    assert_cards_as_built(scene, doc, monkeypatch)
    stack.undo()
    assert_cards_as_built(scene, doc, monkeypatch)
    stack.redo()
    stack.undo()
    for card in random.Random(2).sample(sorted(scene.cards.values(), key=lambda c: c.pid), 4):
        view.centerOn(card)  # scrolled about: the stale arrows met are routed before the frame
    assert_cards_as_built(scene, doc, monkeypatch)
    assert_as_built(scene, doc, monkeypatch)
    stack.redo()
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)  # the idle slices
    assert_cards_as_built(scene, doc, monkeypatch)
    assert_as_built(scene, doc, monkeypatch)


def drawn_in_view(scene: MapScene, view: MapView) -> list[HandoffItem]:
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    return [item for item in scene.handoff_items.values()
            if not item.parked and item.sceneBoundingRect().intersects(seen)]


def test_an_arrow_drawn_in_the_view_is_never_left_stale_when_its_lanes_move_away(shown, qtbot) -> None:
    """A card high up grows its lane by far more than the view, and so does the lowest card of
    the lane in the middle of the view: the lanes in sight move far below, by different amounts.
    The arrows between them moved apart, and their cards are far from the view now, but their old
    drawing is in it: each is parked with its new safe bounds (its old place repainted), none
    left stale."""
    scene, view, doc, stack = shown
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    view.centerOn(scene.sceneRect().center())
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    middle = scene.lane_at(view.mapToScene(view.viewport().rect().center()).y())
    assert middle is not None and middle is not scene.lanes[0]
    members = scene.lane_layout.table.members[middle.key]
    lowest = max(members, key=lambda pid: (doc.people[pid].pos[1], pid))
    top = min(scene.cards.values(), key=lambda c: (c.y(), c.pid)).pid
    before = drawn_in_view(scene, view)
    across = [item for item in before if {item.source.pid, item.target.pid} & members
              and not {item.source.pid, item.target.pid} <= members and lowest not in (item.source.pid,
                                                                                       item.target.pid)]
    assert across, "arrows from the middle lane to another lane should be in sight"
    old = {pid: doc.people[pid].pos for pid in (top, lowest)}
    new = {pid: (x, y + 8000.0) for pid, (x, y) in old.items()}
    stack.push(MoveCommand(doc, new, old, "Move two cards"))
    assert any(item.stale for item in scene.handoff_items.values()), "arrows far away should be left stale"
    left = [item.hid for item in before if item.stale]
    assert not left, f"arrows drawn in the view were left stale (their old pixels stay): {left[:5]}"
    assert not [item.hid for item in drawn_in_view(scene, view) if item.stale]
    stack.undo()  # and back: the arrows now in the view came from far below
    assert not [item.hid for item in drawn_in_view(scene, view) if item.stale]


@pytest.fixture
def small_view(qtbot: Any) -> Any:
    """The sample map in a shown 900 x 600 view: (document, undo stack, scene, view)."""
    doc, stack = sample_map(), QUndoStack()
    scene = MapScene()
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    scene.set_document(doc, stack)
    yield doc, stack, scene, view
    stack.setClean()
    scene.set_document(None, None)


def test_a_drag_of_several_cards_brings_their_arrows_along_at_every_move(small_view, qtbot) -> None:
    """Qt's drag moves the selected cards in C++ (a card hears of no move itself: it has no
    itemChange): the scene has their arrows follow after each mouse move."""
    assert "itemChange" not in vars(PersonCard)
    doc, stack, scene, view = small_view
    ana, luc = scene.cards["ana"], scene.cards["luc"]
    assert not ana.flags() & QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
    scene.select_ids(["ana", "luc"], centre=False)
    start = ana.scene_card_rect().center() - QPointF(30, 0)
    mouse(view, QEvent.Type.MouseButtonPress, start)
    assert ana.isSelected() and luc.isSelected()
    for i in range(1, 6):
        step = QPointF(25 * i, 40 * i)
        mouse(view, QEvent.Type.MouseMove, start + step, button=Qt.MouseButton.NoButton)
        assert ana.pos() != QPointF(175.0, 14.0)
        for item in scene.handoff_items.values():  # h1 joins the two dragged cards, h2 one
            a, _c1, _c2, b = route(item.source.scene_card_rect(), item.target.scene_card_rect())
            assert item.ends() == (a, b), f"{item.hid} did not follow at move {i}"
            assert item.sceneBoundingRect().contains(QPointF(a)), f"{item.hid}'s bounds lag at move {i}"
    end = start + QPointF(125, 200)
    mouse(view, QEvent.Type.MouseButtonRelease, end, buttons=Qt.MouseButton.NoButton)
    assert stack.count() == 1  # one drag of two cards, one undo step
    stack.undo()
    for item in scene.handoff_items.values():
        a, _c1, _c2, b = route(item.source.scene_card_rect(), item.target.scene_card_rect())
        assert item.ends() == (a, b)
    sales = scene.lane("sales")
    assert sales is not None
    assert scene.cards["ana"].pos().toTuple() == (175.0, doc.people["ana"].pos[1] + sales.top)


def test_moves_made_from_python_bring_the_arrows_along(qtbot) -> None:
    """setPos, moveBy, setX and setY on a card: its arrows follow, its kept box too."""
    doc = sample_map()
    scene = MapScene()
    scene.set_document(doc, QUndoStack())
    try:
        luc, h2 = scene.cards["luc"], scene.handoff_items["h2"]
        moves: list[Any] = [lambda: luc.setPos(luc.pos() + QPointF(37, 11)), lambda: luc.setPos(500.0, 300.0),
                            lambda: luc.moveBy(-12.5, 40.0), lambda: luc.setX(612.0), lambda: luc.setY(77.0)]
        for move in moves:
            move()
            a, _c1, _c2, b = route(h2.source.scene_card_rect(), h2.target.scene_card_rect())
            assert h2.ends() == (a, b)
            assert (luc.box().x, luc.box().y) == luc.pos().toTuple()
    finally:
        scene.set_document(None, None)


def test_selecting_a_card_shows_its_outline_and_letting_go_takes_it_away(small_view, qtbot) -> None:
    """The card repaints when it is selected and let go of (Qt's own update: it has no itemChange)."""
    _doc, _stack, scene, view = small_view
    card = scene.cards["eli"]
    box = view.mapFromScene(card.sceneBoundingRect()).boundingRect()

    def picture() -> Any:
        qtbot.wait(20)
        return view.viewport().grab(box).toImage()

    plain = picture()
    card.setSelected(True)
    selected = picture()
    assert selected != plain, "the selection outline should show"
    card.setSelected(False)
    assert picture() == plain
