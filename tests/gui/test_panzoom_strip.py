"""A scroll step repaints the strip that scrolled in and the pinned headers, nothing more
(issue 19, session 9): the headers' bounds stop Qt's 2-px antialiasing margin short of their
fill (gui/canvas/layers/pinned.py `set_insets`), so no 2-px slivers of map beside the lane
names and under the stage names are repainted on every step, and the scene is asked for the
strip alone. The screen stays what a full repaint shows, at whole and fractional zooms."""
from __future__ import annotations

import panzoom_fixtures
import pytest
from canvas_fixtures import worst_difference
from panzoom_fixtures import record_scene_paints
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QApplication
from test_panzoom_pinned import into_middle, on_screen, repainted, same_as_without_split

from gui.canvas.layers import pinned

STEP = 40


@pytest.fixture
def big(qtbot, tmp_path, monkeypatch, boxes):
    """The main window on a 300-person generated map (long arrows across many lanes)."""
    return panzoom_fixtures.open_window(qtbot, tmp_path, monkeypatch)


class Regions(QObject):
    """Every region the viewport is asked to repaint (the whole paint event's)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[QRegion] = []

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen.append(QRegion(event.region()))  # type: ignore[attr-defined]
        return False


def step(view, bar, monkeypatch) -> tuple[list[QRegion], list[QRegion]]:
    """One scroll step of STEP px: the regions of the paint events, and those the scene painted."""
    regions = Regions()
    view.viewport().installEventFilter(regions)
    asked = record_scene_paints(monkeypatch)
    bar.setValue(bar.value() + STEP)
    QApplication.processEvents()
    monkeypatch.undo()
    view.viewport().removeEventFilter(regions)
    assert regions.seen, "no frame was painted"
    return regions.seen, asked


def overview_area(view) -> QRegion:
    """The overview in the viewport's corner: scrolled with the viewport and put back, it
    repaints its old place (not a header's doing)."""
    overview = view.overview
    if not overview.isVisible():
        return QRegion()
    return QRegion(overview.geometry().adjusted(-STEP, -STEP, STEP, STEP))


def filled(view, headers) -> QRegion:
    """The viewport pixels the headers' fill touches (its edge pixels too, at a fractional zoom)."""
    transform, region = view.viewportTransform(), QRegion()
    for item in headers:
        region = region.united(QRegion(transform.mapRect(pinned.painted_rect(item)).toAlignedRect()))
    return region


@pytest.mark.parametrize("zoom", [1.0, 0.7, 0.55])
def test_a_scroll_step_repaints_the_strip_and_the_headers_alone(big, monkeypatch, zoom):
    view = big.view
    view.set_zoom(zoom)
    into_middle(view)
    on_screen(view)  # the label pass and the arrows routed late are done: nothing else repaints
    port = view.viewport().rect()
    strips = {view.horizontalScrollBar(): QRect(port.width() - STEP, 0, STEP, port.height()),
              view.verticalScrollBar(): QRect(0, port.height() - STEP, port.width(), STEP)}
    for bar, strip in strips.items():
        seen, asked = step(view, bar, monkeypatch)
        headers = pinned.headers(view)
        fill = filled(view, headers)  # whole pixels and a fractional edge's pixels
        edges = fill.subtracted(pinned.cover(view, headers))  # those edge pixels alone
        extra = overview_area(view)
        for region in seen:  # the headers' fill and the strip: no sliver of map beside a header
            left = region.subtracted(QRegion(strip)).subtracted(fill).subtracted(extra)
            assert left.isEmpty(), f"repainted beyond the strip and the headers: {list(left)}"
        for region in asked:  # the scene is asked for the strip (and a header's part-covered pixels)
            left = region.subtracted(QRegion(strip)).subtracted(edges).subtracted(extra)
            assert left.isEmpty(), f"the scene painted beyond the strip: {list(left)}"
        assert any(region.intersects(strip) for region in asked), "the strip was not painted"
    assert worst_difference(on_screen(view), repainted(view)) <= 8
    same_as_without_split(view)


def test_the_headers_bounds_follow_the_zoom(big):
    """The inset is the view's 2 px at every zoom, so Qt's margin is the fill; zoomed far out,
    never more than half a header."""
    view = big.view
    header = next(iter(big.scene.lane_headers.values()))
    for zoom in (1.0, 0.55, 2.0, 0.02):
        view.set_zoom(zoom)
        QApplication.processEvents()
        fill = view.mapFromScene(pinned.painted_rect(header)).boundingRect()
        bounds = view.mapFromScene(header.sceneBoundingRect()).boundingRect()
        if zoom > 0.05:
            assert abs((fill.width() - bounds.width()) - 2) <= 1
        assert header.boundingRect().width() >= pinned.painted_rect(header).width() / 2
        stage = big.scene.stage_header
        assert stage.boundingRect().height() >= stage.height / 2


def test_with_the_arrow_pieces_every_change_shows_what_a_full_repaint_shows(big, monkeypatch):
    """The arrow layer told the repaint's pieces (layers/near.py) through zoom steps, a selection,
    a hover, then a rename, a move and its undo of the card under the pointer, each followed by
    scroll steps both ways: the screen is what a full repaint draws (the pointer resting on the
    map: test_stale_after_scroll.py)."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    from gui.canvas.layers import near
    from gui.commands import MoveCommand, UpdateCommand

    monkeypatch.setattr(near, "ENABLED", True)
    view = big.view
    view.set_zoom(0.8)
    into_middle(view)
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    card = next(c for c in big.scene.cards.values()
                if seen.adjusted(200, 100, -50, -50).contains(c.sceneBoundingRect()))

    def scrolled_as_repainted(what: str) -> None:
        for bar, by in ((view.horizontalScrollBar(), 37), (view.verticalScrollBar(), 29)):
            for move in (by, by, -by):
                bar.setValue(bar.value() + move)
                QApplication.processEvents()
        assert worst_difference(on_screen(view), repainted(view)) <= 8, what

    for factor in (1.1, 1.1, 1 / 1.1):
        view.set_zoom(view.zoom() * factor)
        QApplication.processEvents()
    scrolled_as_repainted("zoom")
    big.scene.select_ids([card.pid])
    scrolled_as_repainted("selection")
    point = view.mapFromScene(card.sceneBoundingRect().center())
    where = QPointF(view.viewport().mapToGlobal(point))
    move = QMouseEvent(QMouseEvent.Type.MouseMove, QPointF(point), where, Qt.MouseButton.NoButton,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), move)
    scrolled_as_repainted("hover")
    doc, stack = big.document, big.undo_stack
    stack.push(UpdateCommand(doc, "person", card.pid, {"name": "Renamed person"}, "Rename person"))
    scrolled_as_repainted("rename")
    old = {card.pid: doc.people[card.pid].pos}
    stack.push(MoveCommand(doc, {card.pid: (old[card.pid][0] + 90, old[card.pid][1] + 40)}, old))
    scrolled_as_repainted("move")
    stack.undo()
    scrolled_as_repainted("undo")
