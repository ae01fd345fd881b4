"""Level of detail of the arrows (issue 19, session 10): zoomed far out, below the "fit" zoom of
the example map, an arrow's line and heads are drawn without antialiasing (thousands of long
hairlines are in sight there); at 100 % and at that fit zoom, antialiased as before, badge and all."""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from gui.canvas.items import handoff_paint
from tests.gui.canvas_fixtures import open_big_map
from tests.gui.test_long_arrows import long_arrow_in_the_open

EXAMPLE_FIT = 0.225  # Fit to Window on the example map in a 1366x768 window


def shades(item, scale: float) -> set[int]:
    """The colours a whole paint of the arrow puts around the middle of its line at `scale`."""
    image = QImage(240, 240, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)  # as the view sets it
    middle = item.path().pointAtPercent(0.5)
    painter.setWorldTransform(QTransform().translate(120, 120).scale(scale, scale)
                              .translate(-middle.x(), -middle.y()))
    handoff_paint.paint(item, painter, QRectF(item.bounds()))
    painter.end()
    return {image.pixel(x, y) for x in range(240) for y in range(240)}


def test_far_out_a_line_is_drawn_plain_and_at_readable_zooms_smooth(qtbot) -> None:
    scene, _view, _doc, _stack = open_big_map(qtbot)
    scene.lazy_arrows.settle_all()
    item, _point = long_arrow_in_the_open(scene)
    assert handoff_paint.ROUGH_BELOW < EXAMPLE_FIT
    far = shades(item, 0.1)
    assert len(far) == 2, "far out: the line in its own colour on white, no antialiased shades"
    for scale in (1.0, EXAMPLE_FIT):
        assert len(shades(item, scale)) > 2, f"antialiased at {scale}"


def test_a_line_met_alone_is_plain_far_out_too(qtbot) -> None:
    """The arrow layer's run of lines met alone (a scroll step's strip) chooses as paint() does."""
    scene, _view, _doc, _stack = open_big_map(qtbot)
    scene.lazy_arrows.settle_all()
    item, _point = long_arrow_in_the_open(scene)
    image = QImage(60, 60, QImage.Format.Format_ARGB32_Premultiplied)
    for scale, smooth in ((0.1, False), (0.15, False), (EXAMPLE_FIT, True), (1.0, True)):
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not smooth)  # the opposite first
        painter.setWorldTransform(QTransform().scale(scale, scale))
        handoff_paint.LineRun(painter).stroke(item)
        assert painter.testRenderHint(QPainter.RenderHint.Antialiasing) == smooth, f"at {scale}"
        painter.end()
