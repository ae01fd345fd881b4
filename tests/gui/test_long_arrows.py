"""A long arrow on a big map (issue 19, session 7): the pointer finds it along all its length.

Its bounding rectangle spans a lane's column, and its line is what a press, the pointer and the
reconnect grips answer to: a press on the middle of its line selects it (not the lane behind),
the pointer there lights it, a press beside its line, inside its bounding rectangle, does not,
and selecting it repaints what a full repaint shows."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QImage

from gui.canvas.items.card import PersonCard
from gui.canvas.items.handoff import HandoffItem
from tests.gui.canvas_fixtures import calm, click, mouse, open_big_map, worst_difference

LONG = 1600.0  # scene px: an arrow this tall spans two views' height at 100 %


def on_screen(view) -> QImage:
    """The viewport as it is on screen now (the backing store, not a fresh render)."""
    port = view.viewport()
    corner = port.mapTo(view.window(), port.rect().topLeft())
    return QGuiApplication.primaryScreen().grabWindow(view.window().winId(), corner.x(), corner.y(),
                                                      port.width(), port.height()).toImage()


def long_arrow_in_the_open(scene) -> tuple[HandoffItem, QPointF]:
    """A long arrow and a point at the middle of its line where nothing else is on top."""
    for item in sorted(scene.handoff_items.values(), key=lambda i: -i.bounds().height()):
        if item.bounds().height() < LONG:
            break
        for share in (0.5, 0.45, 0.55, 0.4, 0.6):
            point = item.path().pointAtPercent(share)
            top = next((found for found in scene.items(point)
                        if isinstance(found, (HandoffItem, PersonCard))), None)
            if top is item:
                return item, point
    raise AssertionError("the generated map has no long arrow with an open middle")


def test_a_press_on_the_middle_of_a_long_arrow_selects_it(qtbot) -> None:
    scene, view, _doc, _stack = open_big_map(qtbot)
    scene.lazy_arrows.settle_all()
    item, point = long_arrow_in_the_open(scene)
    view.centerOn(point)
    calm(qtbot, scene)
    mouse(view, QEvent.Type.MouseMove, point, button=Qt.MouseButton.NoButton, buttons=Qt.MouseButton.NoButton)
    assert item._hover, "the pointer on its line lights it"
    click(view, point)
    assert scene.selected_handoff_ids() == [item.hid]
    calm(qtbot, scene)  # the frame after the selection, and the marks placed in idle slices
    shown = on_screen(view)
    view.viewport().repaint()
    # a curve repainted in parts may round an antialiased pixel by a level of 255 against one
    # stroke whole (Qt clips the stroke to the update); a selection not repainted differs by far more
    assert worst_difference(shown, on_screen(view)) <= 2, "the selection repainted all it changed"


def test_a_press_beside_a_long_arrow_inside_its_bounds_does_not_select_it(qtbot) -> None:
    scene, view, _doc, _stack = open_big_map(qtbot)
    scene.lazy_arrows.settle_all()
    item, point = long_arrow_in_the_open(scene)
    bounds = item.bounds()
    xs = (bounds.left() + 2, bounds.right() - 2, point.x() + 60, point.x() - 60)
    tries = [QPointF(x, point.y()) for x in xs]
    beside = next(p for p in tries if bounds.contains(p) and item not in scene.items(p))
    view.centerOn(beside)
    qtbot.wait(50)
    click(view, beside)
    assert item.hid not in scene.selected_handoff_ids()
