"""The arrow layer told the repaint's own pieces (gui/canvas/layers/near.py, on as shipped):
with it on, a scroll step hands only the arrows its strip meets to Python, the list of arrows around
the view is kept through a gesture and asked again when an arrow comes near or leaves, and a
line met alone is stroked as paint() strokes it."""
from __future__ import annotations

import panzoom_fixtures
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtWidgets import QApplication
from test_panzoom_pinned import into_middle, same_as_without_split

from gui.canvas.items import handoff_paint
from gui.canvas.layers import near


@pytest.fixture
def big(qtbot, tmp_path, monkeypatch, boxes):
    """The main window on a 300-person generated map (long arrows across many lanes)."""
    return panzoom_fixtures.open_window(qtbot, tmp_path, monkeypatch)


def counted_paints(monkeypatch) -> list[int]:
    """How many arrows the layer hands to Python drawing (a whole paint or a line alone)."""
    seen = [0]
    paint, stroke = handoff_paint.paint, handoff_paint.LineRun.stroke

    def painting(*args, **kwargs):
        seen[0] += 1
        return paint(*args, **kwargs)

    def stroking(self, item):
        seen[0] += 1
        return stroke(self, item)

    monkeypatch.setattr(handoff_paint, "paint", painting)
    monkeypatch.setattr(handoff_paint.LineRun, "stroke", stroking)
    return seen


def step_aside(view, by: int = 29) -> None:
    """One scroll step along the stages: its strip is a column, which the lanes' long vertical
    arrows mostly pass by (a step down crosses every one of them: there the pieces save little,
    77 -> 75 arrows on this map, and a 2 px shift of the viewport evens it)."""
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + by)
    QApplication.processEvents()


@pytest.mark.parametrize("zoom", [1.0, 0.55, 0.3, 0.18])  # (far out: no marks; plain lines)
def test_with_the_pieces_a_pan_shows_what_a_full_repaint_shows(big, monkeypatch, zoom):
    monkeypatch.setattr(near, "ENABLED", True)
    view = big.view
    view.set_zoom(zoom)
    into_middle(view)
    same_as_without_split(view)


def test_a_scroll_step_hands_fewer_arrows_to_python_with_the_pieces(big, monkeypatch):
    view = big.view
    view.set_zoom(0.55)
    into_middle(view)
    step_aside(view)  # labels and covers of what came into sight are made first
    seen = counted_paints(monkeypatch)
    figures = {}
    for on in (False, True, False, True):
        monkeypatch.setattr(near, "ENABLED", on)
        seen[0] = 0
        step_aside(view)
        figures[on] = seen[0]
        step_aside(view, -29)
    assert figures[False] > 0 and figures[True] < figures[False]


def test_the_arrows_near_the_view_are_asked_again_when_one_comes_or_goes(big, monkeypatch):
    monkeypatch.setattr(near, "ENABLED", True)
    view, scene = big.view, big.scene
    view.set_zoom(2.0)  # a small part of the map in sight
    into_middle(view)
    view.viewport().repaint()
    kept = scene.arrow_layer.layer.near
    assert kept.window is not None and kept.items, "a frame keeps the arrows around the view"
    member = kept.items[0]
    kept.moved(member)
    assert kept.window is not None, "an arrow of the list that moves changes nothing"
    kept.members.discard(member)  # as if it had been far from the view when the list was made
    kept.moved(member)
    assert kept.window is None, "an arrow that comes near is not in the list: asked again"
    view.viewport().repaint()
    assert kept.window is not None and kept.items
    scene.arrow_layer.leave(kept.items[0])  # (as when it leaves the map)
    assert kept.window is None


def test_a_line_met_alone_is_stroked_as_paint_strokes_it(big):
    scene = big.scene
    item = max((i for i in scene.handoff_items.values() if not i.parked), key=lambda i: i._bounds.height())
    item.settle()
    handoff_paint.build_cover(item)
    from PySide6.QtGui import QRegion

    def strip_at(point, scale):
        transform = QTransform().translate(150, 60).scale(scale, scale).translate(-point.x(), -point.y())
        return transform, transform.inverted()[0].mapRect(QRectF(0, 40, 300, 40))

    scales = (1.0, 0.7, 0.3)
    middle = next(point for point in (item._path.pointAtPercent(t / 20) for t in range(4, 17))
                  if not any(handoff_paint.ends_reach(item, QRegion(strip_at(point, s)[1].toAlignedRect()))
                             for s in scales))  # the line alone crosses the strip
    for scale in scales:
        images = []
        for alone in (False, True):
            image = QImage(300, 120, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(QColor("white"))
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            transform, strip = strip_at(middle, scale)
            painter.setWorldTransform(transform)
            painter.setClipRect(strip)
            if alone:
                run = handoff_paint.LineRun(painter)
                run.stroke(item)
            else:
                handoff_paint.paint(item, painter, strip.intersected(item._bounds))
            painter.end()
            images.append(image)
        assert images[0] == images[1], f"the same pixels at {scale}"
        assert images[0].pixelColor(150, 60) != QColor("white"), "the line crosses the strip"


def test_heads_and_marks_are_told_apart_from_the_line(big):
    from PySide6.QtGui import QRegion

    scene = big.scene
    item = next(i for i in scene.handoff_items.values() if not i.parked and i._label_text)
    handoff_paint.build_cover(item)

    assert handoff_paint.ends_reach(item, QRegion(item._label_box.toAlignedRect()))
    assert handoff_paint.ends_reach(item, QRegion(item._head_boxes[0].toAlignedRect()))
    far = QRegion(item._bounds.toAlignedRect().translated(0, int(item._bounds.height()) + 100))
    assert not handoff_paint.ends_reach(item, far)
