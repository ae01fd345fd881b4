"""The map view paints from a cache of tiles (gui/canvas/layers/tiles.py): what the screen shows
after pans, zooms, a selection, a hover, a change of palette, the label pass and the what-if
marks is, pixel for pixel, the viewport painted afresh with nothing kept."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from tilecache_fixtures import (
    big,
    changed_pixels,
    dark_palette,
    grab,
    idle,
    into_middle,
    on_screen,
    open_window,
    pan,
    same_as_afresh,
)

from gui.canvas.items import handoff_labels, handoff_lazy

__all__ = ["big"]


@pytest.mark.parametrize("zoom", [1.0, 0.55, 1.7, 0.2])
def test_pans_show_what_a_fresh_paint_shows(big, zoom):
    view = big.view
    view.set_zoom(zoom)
    into_middle(view)
    same_as_afresh(view)
    pan(view, wait=True)  # over tiles rendered ahead
    same_as_afresh(view)
    pan(view)  # step after step, tiles made in the frames that need them
    same_as_afresh(view)


def test_a_pan_over_ready_tiles_renders_nothing(big):
    """Once the ring around the view is rendered, a pan step is a copy of kept pixels."""
    view = big.view
    view.set_zoom(1.0)
    into_middle(view)
    idle(view)
    store = view.tile_cache.store
    before = store.rendered
    bar = view.horizontalScrollBar()
    for step in (40, -40, 40, -40):
        bar.setValue(bar.value() + step)
        QApplication.processEvents()
    assert store.rendered == before
    same_as_afresh(view)


def test_a_zoom_shows_crisp_tiles_once_idle(big):
    view = big.view
    view.set_zoom(0.8)
    into_middle(view)
    idle(view)
    for factor in (1.1, 1.1, 1 / 1.1, 0.5):
        view.set_zoom(view.zoom() * factor)
        QApplication.processEvents()  # the first frame: a scaled stand-in where tiles were missing
        same_as_afresh(view)


def test_selection_and_hover(big):
    view = big.view
    view.set_zoom(1.0)
    into_middle(view)
    idle(view)
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    cards = [c for c in big.scene.cards.values() if seen.contains(c.sceneBoundingRect())]
    big.scene.select_ids([cards[0].pid], centre=False)
    same_as_afresh(view)
    before = grab(view)
    point = view.mapFromScene(cards[1].sceneBoundingRect().center())
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(point), QPointF(view.viewport().mapToGlobal(point)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), move)
    assert cards[1]._hover
    same_as_afresh(view)
    assert changed_pixels(before, grab(view)) > 0, "the hover shows"
    pan(view, 4)
    same_as_afresh(view)


def test_a_palette_change(big, qapp):
    view = big.view
    view.set_zoom(0.8)
    into_middle(view)
    light = on_screen(view)
    palette = qapp.palette()
    dark = dark_palette(palette)
    try:
        qapp.setPalette(dark)
        QApplication.processEvents()
        same_as_afresh(view)
        assert changed_pixels(light, grab(view)) > light.width() * light.height() // 2
        pan(view, 4)
        same_as_afresh(view)
    finally:
        qapp.setPalette(palette)
    same_as_afresh(view)


def test_the_label_pass_shows(qtbot, tmp_path, monkeypatch, boxes):
    """Zoomed out, arrows have no labels; zoomed in, the idle label pass places them later:
    the tiles made before it ran show them once it has."""
    monkeypatch.setattr(handoff_lazy, "LAZY_FROM", 50)  # a "big" map: labels placed in idle slices
    big = open_window(qtbot, tmp_path, monkeypatch)
    view = big.view
    view.set_zoom(0.3)
    into_middle(view)
    idle(view)
    view.set_zoom(1.0)
    QApplication.processEvents()
    runner = handoff_labels.runner_of(big.scene)
    assert runner.busy(), "the label pass is still to run"
    view.tile_cache.settle()  # tiles made before the labels are placed
    same_as_afresh(view)  # (waits for the pass, then compares)


def test_the_what_if_marks(big):
    view = big.view
    view.set_zoom(0.8)
    into_middle(view)
    idle(view)
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    people = [c.pid for c in big.scene.cards.values() if seen.intersects(c.sceneBoundingRect())][:3]
    big.scene.set_ghosted(people=people)
    same_as_afresh(view)
    pan(view, 4)
    same_as_afresh(view)
    big.scene.set_ghosted()
    same_as_afresh(view)
