"""Random runs of the edits that move cards (drops into other lanes and stages, moves of many
cards, Tidy Up, lane order), with undo and redo in between: the canvas lays out only what each
edit reached (issue 19), so after every step each card's place and each lane's band must be what
a scene built afresh from the same document shows (tests/gui/test_scene_incremental.py)."""
from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QUndoStack

from bench.mapgen import make_big_map
from gui.canvas.scene import MapScene
from gui.commands import MoveCommand, ReorderLanesCommand, UpdateCommand
from model import layout as map_layout
from tests.gui.test_scene_incremental import assert_as_rebuilt


def random_step(scene: MapScene, stack: QUndoStack, rng: random.Random) -> str:
    """One thing a user does; returns what, for the failure message."""
    doc = scene.doc
    assert doc is not None
    kind = rng.choice(["drop", "drop", "many", "tidy", "order", "undo", "undo", "redo"])
    placed = sorted(pid for pid, p in doc.people.items() if p.placed)
    if kind == "drop":  # a card dragged somewhere in the map and let go (the scene's own drop)
        pid = rng.choice(placed)
        card = scene.cards[pid]
        start = card.pos()
        lane = rng.choice(scene.lanes)
        card.setPos(rng.uniform(map_layout.LABEL_W, scene.sceneRect().width() - 300),
                    rng.uniform(lane.top, lane.bottom + 40))
        scene.commit_card_moves({pid: start})
    elif kind == "many":  # a selection moved down or up a little, often its lanes' lowest cards
        some = rng.sample(placed, min(len(placed), 40))
        dy = rng.choice([-60.0, 12.0, 200.0])
        new = {p: (doc.people[p].pos[0], max(4.0, doc.people[p].pos[1] + dy)) for p in some}
        stack.push(MoveCommand(doc, new, {p: doc.people[p].pos for p in some}))
    elif kind == "tidy":
        new = map_layout.auto_layout(doc, grid=True)
        changed = {p: pos for p, pos in new.items() if pos != doc.people[p].pos}
        if changed:
            stack.push(MoveCommand(doc, changed, {p: doc.people[p].pos for p in changed}))
    elif kind == "order":
        order = list(doc.departments)
        rng.shuffle(order)
        stack.push(ReorderLanesCommand(doc, order))
    elif kind == "undo" and stack.canUndo():
        stack.undo()
    elif kind == "redo" and stack.canRedo():
        stack.redo()
    return kind


@pytest.mark.parametrize("seed", [11, 12])
def test_random_moves_undo_redo_and_tidy_up_leave_the_map_as_a_rebuild_would(qtbot, seed: int) -> None:
    rng = random.Random(seed)
    doc = make_big_map(120, seed=seed)
    stack = QUndoStack()
    scene = MapScene()
    scene.set_document(doc, stack)
    try:
        done = []
        for _ in range(30):
            done.append(random_step(scene, stack, rng))
            assert_as_rebuilt(scene, " then ".join(done[-4:]))
        while stack.canUndo():
            stack.undo()
        assert_as_rebuilt(scene, "undoing everything")
        assert {"drop", "many", "tidy", "undo"} <= set(done)
    finally:
        scene.set_document(None, None)


def test_a_person_moved_to_another_lane_by_an_edit_is_placed_as_a_rebuild_would(qtbot) -> None:
    """An edit of the department (the inspector) moves a card between lanes that both change height."""
    doc = make_big_map(80, seed=3)
    stack = QUndoStack()
    scene = MapScene()
    scene.set_document(doc, stack)
    try:
        depts = list(doc.departments)
        pid = next(p.id for p in doc.people.values() if p.placed and p.department_id == depts[0])
        stack.push(MoveCommand(doc, {pid: (doc.people[pid].pos[0], 900.0)}, {pid: doc.people[pid].pos}))
        stack.push(UpdateCommand(doc, "person", pid, {"department_id": depts[-1]}))
        assert_as_rebuilt(scene, "a department change")
        stack.undo()
        assert_as_rebuilt(scene, "its undo")
    finally:
        scene.set_document(None, None)


def test_a_cards_box_for_its_arrows_follows_every_way_it_moves(qtbot) -> None:
    """The card keeps its rectangle for the arrow routing until it moves (issue 19): every kind
    of move must drop it, or an arrow is routed from where the card was."""
    doc = make_big_map(40, seed=2)
    scene = MapScene()
    scene.set_document(doc, QUndoStack())
    try:
        card = next(c for c in scene.cards.values() if c.handoffs)
        lonely_moves = [lambda: card.setPos(card.pos().x() + 37, card.pos().y() + 11),
                        lambda: card.moveBy(-12.5, 40.0), lambda: card.setX(612.0), lambda: card.setY(77.0)]
        for move in lonely_moves:
            card.box()  # asked (and kept) before the move
            move()
            box = card.box()
            assert (box.x, box.y, box.w, box.h) == (card.pos().x(), card.pos().y(),
                                                   map_layout.CARD_W, map_layout.CARD_H)
        arrow = next(iter(card.handoffs))
        arrow.settle()
        end = arrow.ends()[0] if arrow.source is card else arrow.ends()[1]
        assert card.sceneBoundingRect().adjusted(-2, -2, 2, 2).contains(end), \
            "the arrow should start or end at the card's new place"
    finally:
        scene.set_document(None, None)
