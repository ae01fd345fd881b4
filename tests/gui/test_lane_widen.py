"""A move that makes the map wider (a card dropped near its right edge) repaints the strip
the lanes grew by, not the lanes (issue 19: each lane is as tall as hundreds of cards, and Qt
repaints all of an item whose bounds change: the drop's frame was the whole view). The lanes
still draw, and take clicks, up to the map's edge only."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF
from PySide6.QtGui import QRegion

from gui.commands import MoveCommand
from model.layout import CARD_W
from tests.gui.canvas_fixtures import calm, flush_repaints, open_big_map, worst_difference
from tests.gui.test_card_bands import on_screen


class Regions(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.regions: list = []

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.regions.append(event.region())
        return False


def _stale(view) -> int:
    """How far the screen (the backing store: partial repaints kept) is from a whole repaint. Up
    to 8: antialiased lines blend apart in partial repaints on main too (test_card_bands); a lane
    edge or card left behind differs by far more."""
    shown = on_screen(view)
    view.viewport().repaint()
    flush_repaints()
    return worst_difference(shown, on_screen(view))


def test_a_wider_map_repaints_the_new_strip_and_draws_as_a_full_repaint(qtbot) -> None:
    scene, view, doc, stack = open_big_map(qtbot, zoom=1.0, people=300)
    right = max((p for p in doc.people.values() if p.placed), key=lambda p: (p.pos[0], p.id))
    card = scene.cards[right.id]
    lane = next(item for item in scene.lane_items.values()
                if item.sceneBoundingRect().contains(card.sceneBoundingRect().center()))
    view.centerOn(card.sceneBoundingRect().topRight() + QPointF(0, 150))
    calm(qtbot, scene)
    width, widths = lane.width, list(lane.widths)
    port = view.viewport()
    regions = Regions()
    port.installEventFilter(regions)
    x, y = right.pos
    stack.push(MoveCommand(doc, {right.id: (x + 24.0, y)}, {right.id: (x, y)}))
    calm(qtbot, scene)
    assert lane.width > width and lane.widths == widths, "the move should widen the map alone"
    sight = view.mapFromScene(QRectF(0, lane.sceneBoundingRect().top(), lane.width, lane.lane.height))
    in_view = sight.boundingRect().intersected(port.rect())
    painted = sum(r.width() * r.height() for r in regions.regions[0])
    assert painted < 0.5 * in_view.width() * in_view.height(), \
        "the wider map repainted the whole lane, not its new strip and the card's arrows"
    left = lane.sceneBoundingRect().left()
    strip = view.mapFromScene(QRectF(left + width - 1, lane.sceneBoundingRect().top(),
                                     lane.width - width + 2, lane.lane.height)).boundingRect()
    strip = strip.intersected(port.rect())
    assert not strip.isEmpty()
    hidden = QRegion(view.overview.geometry())  # the overview map over the view's corner is not the view's
    assert QRegion(strip).subtracted(hidden).subtracted(regions.regions[0]).isEmpty(), \
        "the lane's new strip was not repainted"
    assert _stale(view) <= 8, "differs from a full repaint"
    edge = lane.mapToScene(QPointF(lane.width + 5, lane.lane.height / 2))
    inside = lane.mapToScene(QPointF(lane.width - 5 - CARD_W, 5))
    assert lane not in scene.items(edge) and lane in scene.items(inside), \
        "the lane takes hit tests up to the map's edge, as before"
    stack.undo()
    calm(qtbot, scene)
    assert lane.width == width
    assert _stale(view) <= 8, "after the undo: differs from a full repaint"
