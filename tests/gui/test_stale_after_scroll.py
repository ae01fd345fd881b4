"""Scroll steps with the pointer resting on the map show what a full repaint shows: no second row
of stage names one step down, no band of lane colour beside the lane names (gui/canvas/view.py
`scrollContentsBy`, layers/pinned.py `spots`). Qt replays the mouse on every scroll step; an
arrow passing under the pointer is hovered or left, and its scene.update() makes Qt paint the
viewport before it handles the pinned headers' moves, which then repainted their old place
unshifted (bench/RESULTS.md, "Stale pixels after a rename and a scroll"). A rename or a move of
the card under the pointer, the way the fault was first seen, and the pinned-header split off."""
from __future__ import annotations

import panzoom_fixtures
import pytest
from canvas_fixtures import worst_difference
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from test_panzoom_pinned import into_middle, on_screen, repainted

from gui.canvas.layers import pinned
from gui.commands import MoveCommand, UpdateCommand


@pytest.fixture
def big(qtbot, tmp_path, monkeypatch, boxes):
    """The main window on a 300-person generated map (long arrows across many lanes)."""
    return panzoom_fixtures.open_window(qtbot, tmp_path, monkeypatch)


def pointer_on(view, card) -> None:
    """The pointer comes to rest on a card, as a person's does before scrolling with the keys or
    the wheel (Qt keeps this move and replays it on each scroll step)."""
    point = QPointF(view.mapFromScene(card.sceneBoundingRect().center()))
    move = QMouseEvent(QEvent.Type.MouseMove, point, QPointF(view.viewport().mapToGlobal(point.toPoint())),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), move)


def steps(view) -> None:
    """Two steps along the stages and one back, then two down and one up."""
    for bar, by in ((view.horizontalScrollBar(), 37), (view.verticalScrollBar(), 29)):
        for move in (by, by, -by):
            bar.setValue(bar.value() + move)
            QApplication.processEvents()


def a_card_in_sight(big):
    """The card nearest the middle of the view (arrows run past it, in and out of the pointer)."""
    view = big.view
    middle = view.mapToScene(view.viewport().rect().center())
    return min(big.scene.cards.values(),
               key=lambda card: (card.sceneBoundingRect().center() - middle).manhattanLength())


def ready(big, zoom: float = 0.88):
    """The view in the middle of the map at `zoom`, the pointer resting on a card, and one full
    repaint (where Qt records the headers as painted) after a round of scroll steps."""
    view = big.view
    view.set_zoom(zoom)
    into_middle(view)
    card = a_card_in_sight(big)
    pointer_on(view, card)
    steps(view)
    on_screen(view)
    repainted(view)
    return view, card


def scrolled_as_repainted(view, what: str) -> None:
    steps(view)
    a, b = on_screen(view), repainted(view)
    assert worst_difference(a, b) <= 8, what


@pytest.mark.parametrize("split", [True, False])
@pytest.mark.parametrize("zoom", [0.8, 0.88, 0.97])
def test_scroll_steps_with_the_pointer_on_the_map(big, monkeypatch, split, zoom):
    if not split:
        monkeypatch.setattr(pinned, "blocked", lambda _view: True)  # the scene paints the headers too
    view, _card = ready(big, zoom)
    scrolled_as_repainted(view, "scroll")
    scrolled_as_repainted(view, "scroll again")


def test_a_rename_a_move_and_an_undo_under_the_pointer_then_scroll_steps(big):
    view, card = ready(big)
    doc, stack = big.document, big.undo_stack
    big.scene.select_ids([card.pid])
    stack.push(UpdateCommand(doc, "person", card.pid, {"name": "Renamed & <b> 名前"}, "Rename person"))
    scrolled_as_repainted(view, "rename")
    old = {card.pid: doc.people[card.pid].pos}
    stack.push(MoveCommand(doc, {card.pid: (old[card.pid][0] + 200, old[card.pid][1])}, old))
    scrolled_as_repainted(view, "move")
    stack.undo()
    scrolled_as_repainted(view, "undo")
