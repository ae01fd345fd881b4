"""Pan frames under the pinned headers (gui/canvas/layers/pinned.py): the scene is no longer
asked to paint the cards and arrows hidden under the lane names and stage names on each scroll
step, and what shows on screen after scrolling is pixel for pixel what it was without the split,
at several zooms, after a selection, a hover, an undo and a change of palette."""
from __future__ import annotations

import panzoom_fixtures
import pytest
from canvas_fixtures import idle_work_done, worst_difference
from panzoom_fixtures import record_scene_paints
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

from gui.canvas.layers import pinned
from model import layout


@pytest.fixture
def big(qtbot, tmp_path, monkeypatch, boxes):
    """The main window on a 300-person generated map (long arrows across many lanes)."""
    return panzoom_fixtures.open_window(qtbot, tmp_path, monkeypatch)


def on_screen(view: QGraphicsView) -> QImage:
    """The viewport's pixels as the screen shows them (the backing store, not a fresh render),
    once the label pass (which runs in idle slices) has placed what the steps asked of it."""
    idle_work_done(view)
    port = view.viewport()
    corner = port.mapToGlobal(QPoint(0, 0))
    shot = QGuiApplication.primaryScreen().grabWindow(0).toImage()
    return shot.copy(QRect(corner, port.size())).convertToFormat(QImage.Format.Format_RGB32)


def repainted(view) -> QImage:
    """The same viewport repainted whole by the scene, as before the split."""
    view.split_headers = False
    try:
        view.viewport().repaint()
        return on_screen(view)
    finally:
        view.split_headers = True


def pan(view, steps: int = 6) -> None:
    """Scroll as a user does with the scroll bars: sideways both ways, then down and up."""
    for bar, step in ((view.horizontalScrollBar(), 37), (view.verticalScrollBar(), 29)):
        for i in range(steps):
            bar.setValue(bar.value() + (step if i < steps // 2 + 1 else -step))
            QApplication.processEvents()


def panned(view, split: bool, steps: int) -> QImage:
    """The screen after a full repaint and the same scroll steps, with the split on or off."""
    view.split_headers = split
    try:
        start = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        view.viewport().repaint()
        pan(view, steps)
        shown = on_screen(view)
        view.horizontalScrollBar().setValue(start[0])
        view.verticalScrollBar().setValue(start[1])
        QApplication.processEvents()
        return shown
    finally:
        view.split_headers = True


def same_as_without_split(view, steps: int = 6) -> None:
    """Scrolling shows pixel for pixel what it showed without the split; and no stale part:
    what a full repaint draws (partial repaints of overlapping smoothed lines blend a few
    levels apart, with or without the split)."""
    panned(view, False, steps)  # arrows and labels coming into sight are placed by a first pass
    without = panned(view, False, steps)
    shown = panned(view, True, steps)
    assert shown == without
    pan(view, steps)
    assert worst_difference(on_screen(view), repainted(view)) <= 8


def into_middle(view) -> None:
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        bar.setValue((bar.minimum() + bar.maximum()) // 2)
    QApplication.processEvents()


@pytest.mark.parametrize("zoom", [1.0, 0.55, 1.7, 0.2])
def test_a_pan_shows_what_a_full_repaint_shows(big, zoom):
    view = big.view
    view.set_zoom(zoom)
    into_middle(view)
    same_as_without_split(view)


def test_the_scene_is_not_asked_to_paint_under_the_lane_names(big, monkeypatch):
    """A sideways step repaints the lane-name column (it moves with the view) and the strip that
    scrolled in; the scene paints only the strip, the headers paint their column."""
    view = big.view
    view.set_zoom(1.0)
    into_middle(view)
    asked = record_scene_paints(monkeypatch)
    bar = view.horizontalScrollBar()
    for step in (40, -40, 40):
        bar.setValue(bar.value() + step)
        QApplication.processEvents()
    monkeypatch.undo()
    header = view.mapFromScene(QPointF(view.mapToScene(0, 0).x(), 0)).x()
    column = QRect(header + 2, layout.HEADER_H * 2, layout.LABEL_W - 4, view.viewport().height() // 2)
    assert asked, "no frame was painted"
    assert all(not region.intersects(column) for region in asked)
    same_as_without_split(view)


def test_selected_and_hovered_lane_names_pan_as_repainted(big, qtbot):
    view = big.view
    view.set_zoom(1.0)
    into_middle(view)
    header = next(h for h in big.scene.lane_headers.values()
                  if h.flags() & h.GraphicsItemFlag.ItemIsSelectable
                  and view.mapFromScene(h.sceneBoundingRect().center()).y() > 0)
    header.setSelected(True)
    QApplication.processEvents()
    point = view.mapFromScene(header.sceneBoundingRect().topLeft() + QPointF(40, 20))
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(point), QPointF(view.viewport().mapToGlobal(point)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), move)
    assert header.isSelected()
    same_as_without_split(view, 4)


def test_after_an_undo_and_a_palette_change(big, qapp):
    view = big.view
    view.set_zoom(0.8)
    into_middle(view)
    card = next(iter(big.scene.cards.values()))
    big.scene.select_ids([card.pid])
    QApplication.processEvents()
    pan(view, 4)
    from gui.commands import MoveCommand

    doc = big.document
    old = {card.pid: doc.people[card.pid].pos}
    big.undo_stack.push(MoveCommand(doc, {card.pid: (old[card.pid][0] + 60, old[card.pid][1] + 20)}, old))
    QApplication.processEvents()
    big.undo_stack.undo()
    same_as_without_split(view, 4)
    palette = qapp.palette()
    dark = panzoom_fixtures.dark_palette(palette)
    try:
        qapp.setPalette(dark)
        QApplication.processEvents()
        same_as_without_split(view, 4)
    finally:
        qapp.setPalette(palette)


def test_a_rubber_band_or_the_drill_marks_leave_the_painting_to_the_scene(big):
    view = big.view
    assert not pinned.blocked(view)
    big.scene.set_ghosted(people=[next(iter(big.scene.cards))])
    assert pinned.blocked(view)  # its marks share the lane names' height in the stack
    big.scene.set_ghosted()
    assert not pinned.blocked(view)
