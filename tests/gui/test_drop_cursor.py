"""The pointer's shape after a drop on a big map (issue 19): on release a view looks for the
item under the pointer over every item of the unindexed scene, inside the drop's frame. The
drop lets go of the view's cursor and sets it, from the same item, once the frame is shown."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt

from tests.gui import test_lazy_arrows
from tests.gui.canvas_fixtures import mouse

lazy, shown = test_lazy_arrows.lazy, test_lazy_arrows.shown


def test_after_a_drop_the_pointer_takes_the_shape_of_the_item_under_it_after_the_frame(
        shown, qtbot) -> None:
    scene, view, _doc, stack = shown
    with_arrows = sorted((c for c in scene.cards.values() if c.handoffs), key=lambda c: c.pid)
    card = with_arrows[len(with_arrows) // 2]
    view.centerOn(card)
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    port = view.viewport()
    start = card.sceneBoundingRect().center() + QPointF(-20, 0)
    mouse(view, QEvent.Type.MouseMove, start, button=Qt.MouseButton.NoButton, buttons=Qt.MouseButton.NoButton)
    assert port.testAttribute(Qt.WidgetAttribute.WA_SetCursor), "hovering the card sets the pointer"
    port.setCursor(Qt.CursorShape.WaitCursor)  # a shape no item has: to see what the drop sets
    mouse(view, QEvent.Type.MouseButtonPress, start)
    for i in range(1, 6):
        mouse(view, QEvent.Type.MouseMove, start + QPointF(4 * i, 0), button=Qt.MouseButton.NoButton)
        qtbot.wait(20)
    end = start + QPointF(20, 0)
    mouse(view, QEvent.Type.MouseButtonRelease, end, buttons=Qt.MouseButton.NoButton)
    assert stack.count() == 1, "the drop is one undo step"
    assert not port.testAttribute(Qt.WidgetAttribute.WA_SetCursor), \
        "the view looked for the item under the pointer inside the drop's frame"
    qtbot.waitUntil(lambda: port.testAttribute(Qt.WidgetAttribute.WA_SetCursor), timeout=2000)
    under = next(item for item in view.items(view.mapFromScene(end)) if item.isEnabled() and item.hasCursor())
    assert port.cursor().shape() == under.cursor().shape() != Qt.CursorShape.WaitCursor
