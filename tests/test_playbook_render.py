"""The lean map renderer (export.pdf.render) draws what reportlab's renderPDF draws."""
from __future__ import annotations

import io

import pytest
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Rect, String, Wedge
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from export import fonts
from export.drawing.mapdraw import map_drawing
from export.pdf.render import draw_drawing
from model.layout import lanes
from tests.playbook_maps import hostile_map


def _pixels(drawing: Drawing, lean: bool) -> tuple[int, int, bytes]:
    import pypdfium2 as pdfium

    out = io.BytesIO()
    canv = Canvas(out, pagesize=(drawing.width, drawing.height))
    canv.setFillColor(colors.red)  # a page state the drawing must not inherit
    canv.setStrokeColor(colors.green)
    canv.setLineWidth(7)
    canv.setDash(3, 9)
    if lean:
        draw_drawing(drawing, canv)
    else:
        renderPDF.draw(drawing, canv, 0, 0, showBoundary=False)
    canv.showPage()
    canv.save()
    pdf = pdfium.PdfDocument(out.getvalue())
    try:
        image = pdf[0].render(scale=1.5, fill_color=(255, 255, 255, 255)).to_pil().convert("L")
    finally:
        pdf.close()
    return image.width, image.height, image.tobytes()


def _differing(a: tuple[int, int, bytes], b: tuple[int, int, bytes]) -> float:
    """The share of pixels whose grey level differs by more than a quarter."""
    assert a[:2] == b[:2]
    far = sum(1 for x, y in zip(a[2], b[2], strict=True) if abs(x - y) > 64)
    return far / len(a[2])


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    fonts.register_fonts()
    return hostile_map(long_story=False)


def test_whole_map_draws_as_renderpdf_does(doc) -> None:  # type: ignore[no-untyped-def]
    drawing = map_drawing(doc, title="A title")
    lean, full = _pixels(drawing, True), _pixels(drawing, False)
    assert _differing(lean, full) < 0.0005
    blank = _pixels(Drawing(drawing.width, drawing.height), True)
    assert _differing(lean, blank) > 0.01  # the comparison can tell a map from nothing


def test_lane_pages_with_stubs_draw_as_renderpdf_does(doc) -> None:  # type: ignore[no-untyped-def]
    keys = [lane.key for lane in lanes(doc)][:1]
    drawing = map_drawing(doc, lane_keys=keys, legend=False)
    assert _differing(_pixels(drawing, True), _pixels(drawing, False)) < 0.0005


def test_transforms_alpha_and_anchors() -> None:
    d = Drawing(200, 120)
    g = Group(Rect(10, 10, 60, 40, fillColor=colors.Color(0, 0, 1, 0.4), strokeColor=None),
              String(40, 60, "middle", fontName=fonts.SANS, fontSize=12, textAnchor="middle"))
    g.transform = (1.5, 0, 0, 1.5, 20, 5)
    d.add(g)
    d.add(Rect(120, 10, 60, 40, fillColor=colors.black, strokeColor=colors.red, strokeWidth=3,
               strokeDashArray=(4, 2)))
    d.add(String(190, 90, "end", fontName=fonts.SANS_BOLD, fontSize=10, textAnchor="end"))
    assert _differing(_pixels(d, True), _pixels(d, False)) < 0.001


def test_a_node_it_does_not_know_goes_to_renderpdf() -> None:
    d = Drawing(100, 100)
    d.add(Wedge(50, 50, 40, 0, 120, fillColor=colors.black))
    lean = _pixels(d, True)
    assert _differing(lean, _pixels(d, False)) < 0.001
    assert _differing(lean, _pixels(Drawing(100, 100), True)) > 0.05
