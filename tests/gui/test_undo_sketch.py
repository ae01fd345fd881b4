"""The first frame of an undo on a big map (issue 19, session 8): the arrows in sight whose cards
moved apart are sketched, not routed (their exact new curve, their heads and marks moved along:
`handoff_lazy.sketch`), and routed exactly in the idle slices that follow. Once those have run,
nothing sketched is left, the screen equals a full repaint (no sketched pixels stay behind), and
every arrow runs, ends and carries its marks where a scene built afresh puts them."""
from __future__ import annotations

import pytest
from canvas_fixtures import calm, worst_difference
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QImage

from gui.canvas.items import handoff_lazy
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.items.handoff_shape import box_of
from model import arrows
from tests.gui import test_lazy_arrows
from tests.gui.canvas_fixtures import mouse
from tests.gui.test_undo_arrows import assert_as_built, move_across_lanes

lazy, shown = test_lazy_arrows.lazy, test_lazy_arrows.shown


@pytest.fixture
def sketchy(monkeypatch) -> None:
    """The 300-person map's view holds far fewer arrows than a big map's: sketch from one."""
    monkeypatch.setattr(handoff_lazy, "SKETCH_FROM", 1)


def on_screen(view) -> QImage:
    """The viewport as it is on screen now (the backing store, not a fresh render)."""
    port = view.viewport()
    corner = port.mapTo(view.window(), port.rect().topLeft())
    return QGuiApplication.primaryScreen().grabWindow(view.window().winId(), corner.x(), corner.y(),
                                                      port.width(), port.height()).toImage()


def sketched(scene) -> list[HandoffItem]:
    return [item for item in scene.handoff_items.values() if item.sketch]


def assert_settled_as_built(scene, view, doc, qtbot, monkeypatch) -> None:
    calm(qtbot, scene)  # the idle slices route the sketches, the labels are placed, all painted
    assert not sketched(scene), "the idle slices should route every sketched arrow exactly"
    shown_now = on_screen(view)
    view.viewport().repaint()
    # (a curve repainted in parts may round an antialiased pixel by a level against one stroke
    # whole; a sketch's pixels left behind differ by far more)
    assert worst_difference(shown_now, on_screen(view)) <= 2, "the screen should equal a full repaint"
    assert_as_built(scene, doc, monkeypatch)


def test_an_undo_sketches_the_arrows_in_sight_and_settles_as_a_fresh_build(
        sketchy, shown, qtbot, monkeypatch) -> None:
    scene, view, doc, stack = shown
    view.centerOn(scene.sceneRect().center())  # lanes above the view and below it
    calm(qtbot, scene)
    move_across_lanes(scene, doc)
    calm(qtbot, scene)
    stack.undo()
    drawn = sketched(scene)
    assert drawn, "the undo's first frame should sketch the arrows in sight, not route them"
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert any(item.sceneBoundingRect().intersects(seen) for item in drawn)
    for item in drawn:  # the curve is the exact new one; the bounds hold all the sketch draws
        exact = arrows.route(box_of(item.source), box_of(item.target))
        assert item._route == exact
        bounds = item.sceneBoundingRect()
        assert bounds.contains(item._path.controlPointRect())
        assert all(bounds.contains(head.boundingRect()) for head in item._heads)
        assert bounds.contains(item._badge)
        assert item._label_rect.isNull() or bounds.contains(item._label_rect)
        assert not item.parked
    asked = drawn[0]
    asked.shape()  # a hit test: where is it really? routed exactly first
    assert not asked.sketch
    assert_settled_as_built(scene, view, doc, qtbot, monkeypatch)
    stack.redo()
    assert sketched(scene)
    for card in list(scene.cards.values())[::97]:
        view.centerOn(card)  # scrolled about before the slices ran: sketches and parked arrows met
    assert_settled_as_built(scene, view, doc, qtbot, monkeypatch)


def test_a_sketched_arrow_moved_again_before_its_slice_still_settles_as_built(
        sketchy, shown, qtbot, monkeypatch) -> None:
    """Two relayouts in a row (an undo, then a redo before any idle slice): a sketch is parked or
    moved along again, and still ends exactly where a fresh build puts it."""
    scene, view, doc, stack = shown
    view.centerOn(scene.sceneRect().center())
    calm(qtbot, scene)
    move_across_lanes(scene, doc)
    calm(qtbot, scene)
    stack.undo()
    assert sketched(scene)
    stack.redo()
    stack.undo()
    assert_settled_as_built(scene, view, doc, qtbot, monkeypatch)


def drag_and_drop(scene, view, qtbot) -> list[HandoffItem]:
    """Drag the busiest card down (its lane grows, the lanes below move) and drop it; its arrows
    follow it at every move. Returns its arrows."""
    calm(qtbot, scene)
    card = max(scene.cards.values(), key=lambda c: (len(c.handoffs), c.pid))
    view.centerOn(card)
    calm(qtbot, scene)
    start = card.sceneBoundingRect().center()
    mouse(view, QEvent.Type.MouseButtonPress, start)
    for step in range(1, 6):
        mouse(view, QEvent.Type.MouseMove, start + QPointF(8 * step, 40 * step),
              button=Qt.MouseButton.NoButton)
        for item in card.handoffs:
            assert not item.parked and not item.sketch
            own = card.sceneBoundingRect().adjusted(-1, -1, 1, 1)
            assert any(own.contains(end) for end in item.ends()), "its arrows follow the dragged card"
    mouse(view, QEvent.Type.MouseButtonRelease, start + QPointF(40, 200), button=Qt.MouseButton.LeftButton,
          buttons=Qt.MouseButton.NoButton)
    return list(card.handoffs)


def test_a_drop_routes_its_few_arrows_in_sight_exactly_and_settles_as_built(
        shown, qtbot, monkeypatch) -> None:
    """A drop moves one card's arrows (and those of the lanes below, mostly along): fewer than
    SKETCH_FROM in sight, routed exactly at once, so no second frame repaints them."""
    scene, view, doc, _stack = shown
    drag_and_drop(scene, view, qtbot)
    assert not sketched(scene)
    assert_settled_as_built(scene, view, doc, qtbot, monkeypatch)


def test_a_drop_with_its_arrows_sketched_settles_as_built(sketchy, shown, qtbot, monkeypatch) -> None:
    scene, view, doc, _stack = shown
    drag_and_drop(scene, view, qtbot)
    assert sketched(scene)
    assert_settled_as_built(scene, view, doc, qtbot, monkeypatch)
