"""The map's arrows are painted by one layer item (issue 19, session 7): the screen is the same
as when each arrow painted itself, at every zoom and after a rename, a drop, a selection and the
pointer over an arrow; and a rename's frame reaches no arrow at all, where before every arrow
whose bounding rectangle crossed the card's name line was asked to paint."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage

from gui.canvas.items import card_face, handoff_layer, handoff_paint
from gui.canvas.items.card import PersonCard
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.items.handoff_shape import BADGE_R
from gui.commands import UpdateCommand
from tests.gui.canvas_fixtures import calm, click, drag, mouse, open_big_map
from tests.gui.test_long_arrows import long_arrow_in_the_open

ZOOMS = (2.0, 1.0, 0.7, 0.33, 0.1)


def on_screen(view) -> QImage:
    """The viewport as it is on screen now (the backing store, not a fresh render)."""
    port = view.viewport()
    corner = port.mapTo(view.window(), port.rect().topLeft())
    return QGuiApplication.primaryScreen().grabWindow(view.window().winId(), corner.x(), corner.y(),
                                                      port.width(), port.height()).toImage()


def fresh(view) -> QImage:
    """The viewport painted whole, now."""
    view.viewport().repaint()
    return on_screen(view)


def busy_card(scene) -> Any:
    """The card whose name line the most arrows' bounding rectangles cross."""
    items = list(scene.handoff_items.values())

    def crossing(card) -> int:
        line = card_face.NAME_LINE.translated(card.pos())
        return sum(1 for item in items if item.bounds().intersects(line))

    return max(scene.cards.values(), key=lambda card: (crossing(card), card.pid))


def big_map(qtbot, zoom: float = 1.0) -> tuple:
    scene, view, doc, stack = open_big_map(qtbot, zoom)
    scene.lazy_arrows.settle_all()
    qtbot.wait(50)
    return scene, view, doc, stack


def test_the_layer_paints_what_each_arrow_painted_itself_at_every_zoom(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(handoff_layer, "ENABLED", True)
    monkeypatch.setattr(handoff_paint, "MARKS_ABOVE", False)  # (each arrow's badge in its own turn)
    scene, view, _doc, _stack = big_map(qtbot)
    item, point = long_arrow_in_the_open(scene)
    view.centerOn(point)
    mouse(view, QEvent.Type.MouseMove, point, button=Qt.MouseButton.NoButton, buttons=Qt.MouseButton.NoButton)
    other = next(i for i in scene.handoff_items.values() if i is not item and not i.parked)
    scene.select_ids([], [other.hid], centre=False)  # one selected (it paints itself, raised)
    assert item._hover and item.in_layer and not other.in_layer
    for zoom in ZOOMS:
        view.set_zoom(zoom)
        view.centerOn(point)
        qtbot.wait(20)
        layered = view.viewport().grab().toImage()
        assert scene.handoff_items and all(i.in_layer for i in scene.handoff_items.values() if i is not other)
        handoff_layer.set_enabled(scene, False)
        assert not any(i.in_layer for i in scene.handoff_items.values())
        itself = view.viewport().grab().toImage()
        handoff_layer.set_enabled(scene, True)
        assert layered == itself, f"the layer's screen differs at zoom {zoom}"


def test_a_rename_frame_asks_no_arrow_to_paint(qtbot) -> None:
    scene, view, doc, _stack = big_map(qtbot)
    card = busy_card(scene)
    line = card_face.NAME_LINE.translated(card.pos())
    crossing = [i for i in scene.handoff_items.values() if i.bounds().intersects(line)]
    beneath = [i for i in crossing if i.path().intersects(line)]
    assert len(crossing) >= 10 and beneath, "a card with long arrows beneath its name line"
    view.centerOn(card)
    calm(qtbot, scene)
    asked: list[HandoffItem] = []
    real = handoff_paint.paint

    def counting(item: HandoffItem, painter: Any, exposed: QRectF, *later: Any) -> None:
        if painter.device() is view.viewport():
            asked.append(item)
        real(item, painter, exposed, *later)

    handoff_paint.paint = counting  # type: ignore[assignment]
    try:
        for name in ("Renamed", "Renamed & <b> ü 名前"):
            asked.clear()
            scene.push(UpdateCommand(doc, "person", card.pid, {"name": name}, "Rename person"))
            qtbot.wait(30)  # the frame
            assert card.face.name == name
            assert asked == [], "the rename's frame asked arrows to paint"
        # the same update elsewhere in the view, where no card hides what is beneath, does
        # reach them (the count above could fail)
        scene.update(line.translated(0, card_face.NAME_LINE.height() + 200))
        scene.update(line.adjusted(-40, 0, 0, 0))  # off the card's left edge: no longer hidden
        qtbot.wait(30)
        assert asked, "an update beside the card should paint the arrows there"
    finally:
        handoff_paint.paint = real  # type: ignore[assignment]


def test_after_a_rename_a_drop_and_a_selection_the_screen_is_a_full_repaint(qtbot) -> None:
    scene, view, doc, stack = big_map(qtbot)
    card = busy_card(scene)
    view.centerOn(card)
    calm(qtbot, scene)
    scene.push(UpdateCommand(doc, "person", card.pid, {"name": "Jr & <b> ü 名前"}, "Rename person"))
    qtbot.wait(30)
    shown = on_screen(view)
    assert shown == fresh(view), "after a rename"
    item, point = long_arrow_in_the_open(scene)
    view.centerOn(point)
    calm(qtbot, scene)
    click(view, point)
    qtbot.wait(30)
    assert scene.selected_handoff_ids() == [item.hid] and not item.in_layer
    shown = on_screen(view)
    assert shown == fresh(view), "after selecting a long arrow"
    scene.select_ids([], [], centre=False)  # the selection let go (as Escape does)
    calm(qtbot, scene)
    assert not scene.selected_handoff_ids() and item.in_layer
    shown = on_screen(view)
    assert shown == fresh(view), "after letting it go"
    mouse(view, QEvent.Type.MouseMove, point, button=Qt.MouseButton.NoButton, buttons=Qt.MouseButton.NoButton)
    qtbot.wait(30)
    assert item._hover
    shown = on_screen(view)
    assert shown == fresh(view), "with the pointer over it"
    away = next(p for p in (point + QPointF(dx, dy) for dx in (60, -60, 120, -120) for dy in (0, 60, -60))
                if item not in scene.items(p))
    mouse(view, QEvent.Type.MouseMove, away, button=Qt.MouseButton.NoButton, buttons=Qt.MouseButton.NoButton)
    qtbot.wait(30)
    shown = on_screen(view)
    assert not item._hover and shown == fresh(view), "the pointer gone"
    mover = next(c for c in (item.source, item.target) if c.scene() is scene)
    view.centerOn(mover)
    calm(qtbot, scene)
    start = mover.sceneBoundingRect().center() + QPointF(-20, 0)
    drag(view, start, start + QPointF(30, 90))
    calm(qtbot, scene)  # the drop's frame, the smoothing after it and the marks' placement
    assert stack.count() >= 2, "the drop is an undo step"
    shown = on_screen(view)
    assert shown == fresh(view), "after a drop"


def badge_patch(view, item: HandoffItem, at: QPointF) -> list[int]:
    """The pixels inside the arrow's step badge, put at `at` (whole scene pixels), painted whole."""
    from model.arrows import Marks

    item.set_marks(Marks((at.x(), at.y())), announce=True)
    image = fresh(view)
    centre = view.mapFromScene(at)
    inner = int(BADGE_R) - 2  # within the ring: the badge's own opaque pixels
    return [image.pixel(centre.x() + dx, centre.y() + dy) for dx in range(-inner, inner + 1)
            for dy in range(-inner, inner + 1) if dx * dx + dy * dy <= inner * inner]


def open_spot(scene, line: HandoffItem, badge: HandoffItem) -> QPointF:
    """A point of `line` (whole pixels at 100 %: the same raster as any other) where no card,
    nor any badge or label but `badge`'s, is near."""
    for share in range(5, 96):
        at = line.path().pointAtPercent(share / 100)
        at = QPointF(round(at.x()), round(at.y()))
        box = QRectF(at.x() - 16, at.y() - 16, 32, 32)
        near = scene.items(box)
        if any(isinstance(i, PersonCard) for i in near):
            continue
        if not any(type(i) is HandoffItem and i is not badge and not i.parked
                   and (box.contains(i._badge) or (i._label_text and i._label_rect.intersects(box)))
                   for i in near) and line.path().intersects(QRectF(at.x() - 1, at.y() - 1, 2, 2)):
            return at
    raise AssertionError("no open spot on the long arrow")


def test_a_step_badge_is_drawn_above_every_line(qtbot, monkeypatch) -> None:
    """A badge's number and ring stay whole where a line stacked above its arrow runs through
    it (seen on X screens: a thick line across a badge hid part of its number)."""
    scene, view, _doc, _stack = big_map(qtbot)
    line, _point = long_arrow_in_the_open(scene)
    calm(qtbot, scene)  # (the step numbers too)
    stack = [i for i in scene.items(scene.sceneRect(), Qt.ItemSelectionMode.IntersectsItemBoundingRect,
                                    Qt.SortOrder.AscendingOrder) if type(i) is HandoffItem]
    beneath = next(i for i in stack[:stack.index(line)] if not i.parked and i.step is not None)
    point = open_spot(scene, line, beneath)
    view.centerOn(point)
    calm(qtbot, scene)
    seen = view.mapToScene(view.viewport().rect()).boundingRect().adjusted(200, 60, -40, -40)
    clear = next(QPointF(x, y) for x in range(int(seen.left()), int(seen.right()), 15)
                 for y in range(int(seen.top()), int(seen.bottom()), 15)
                 if not any(isinstance(i, (HandoffItem, PersonCard))
                            for i in scene.items(QRectF(x - 20, y - 20, 40, 40))))
    for above in (True, False):
        monkeypatch.setattr(handoff_paint, "MARKS_ABOVE", above)
        alone, crossed = badge_patch(view, beneath, clear), badge_patch(view, beneath, point)
        if above:
            assert alone == crossed, "a line drawn over the badge"
        else:  # (the test could fail: each badge in its own turn lies under the lines after it)
            assert alone != crossed
