"""On the printed map, a hand-off's label ("what is handed over", a stub's far end) and its step
number never sit on a card (issue 15: a badge or label lay on a card's subtitle), and labels
never cover each other. Read back from the PDF: card outlines are its path objects, labels
and numbers its glyphs (PDFium), on every map page of the example and of a 300-person map."""
from __future__ import annotations

import ctypes
import datetime as dt
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from reportlab.graphics import renderPDF

from bench.mapgen import make_big_map
from export.drawing.mapdraw import map_drawing
from export.drawing.mapshapes import MUTED, STEP_SIZE, WHAT_SIZE
from export.playbook import write_playbook
from model.document import Document
from model.entities import Department, Handoff, Person
from model.layout import CARD_H, CARD_W
from model.storage.store import load

TODAY = dt.date(2026, 11, 23)
EXAMPLE = Path(__file__).resolve().parents[1] / "assets" / "example.cwalk"
Box = tuple[float, float, float, float]


def _rgb(color: object) -> tuple[int, int, int]:
    return tuple(round(255 * c) for c in color.rgb())  # type: ignore[attr-defined, return-value]


def _cards(page: pdfium.PdfPage) -> list[Box]:
    """Card outlines: path objects shaped like a card (170 x 64 map units at the page's scale)."""
    out = []
    for obj in page.get_objects(max_depth=4):
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if w > 60 and h > 0 and abs(w / h - CARD_W / CARD_H) < 0.08:
            out.append((left, bottom, right, top))
    return out


def _glyphs(page: pdfium.PdfPage) -> list[tuple[Box, float, tuple[int, int, int], int]]:
    """(box, size in points, fill colour, index) of every visible character."""
    tp = page.get_textpage()
    out = []
    for i in range(raw.FPDFText_CountChars(tp.raw)):
        if not chr(raw.FPDFText_GetUnicode(tp.raw, i)).strip() or raw.FPDFText_IsGenerated(tp.raw, i):
            continue
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        raw.FPDFText_GetCharBox(tp.raw, i, *(ctypes.byref(v) for v in (left, right, bottom, top)))
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        raw.FPDFText_GetFillColor(tp.raw, i, *(ctypes.byref(v) for v in (r, g, b, a)))
        matrix = raw.FS_MATRIX()
        raw.FPDFText_GetMatrix(tp.raw, i, ctypes.byref(matrix))
        size = raw.FPDFText_GetFontSize(tp.raw, i) * (matrix.c**2 + matrix.d**2) ** 0.5
        out.append(((left.value, bottom.value, right.value, top.value), size, (r.value, g.value, b.value), i))
    return out


def _inside(glyph: Box, card: Box) -> bool:
    x0, y0, x1, y1 = glyph
    return x0 + 0.3 < card[2] and card[0] < x1 - 0.3 and y0 + 0.3 < card[3] and card[1] < y1 - 0.3


def marks_on_cards(path: Path) -> tuple[int, list[str]]:
    """How many label and step-number glyphs the map pages hold, and each one found on a card."""
    pdf = pdfium.PdfDocument(str(path))
    seen, found = 0, []
    for number, page in enumerate(pdf, start=1):
        cards = _cards(page)
        if not cards:
            continue
        scale = (cards[0][2] - cards[0][0]) / CARD_W
        for box, size, colour, _i in _glyphs(page):
            label = colour == _rgb(MUTED) and abs(size - WHAT_SIZE * scale) < 0.15
            step = colour == (255, 255, 255) and abs(size - STEP_SIZE * scale) < 0.15
            if not (label or step):
                continue
            seen += 1
            if any(_inside(box, card) for card in cards):
                found.append(f"page {number}: {'label' if label else 'step'} at {box[0]:.0f},{box[1]:.0f}")
    pdf.close()
    return seen, found


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("marks")
    out = {}
    for name, doc in (("example", load(EXAMPLE)), ("big", make_big_map(300, 1))):
        assert isinstance(doc, Document)
        out[name] = folder / f"{name}.pdf"
        write_playbook(doc, out[name], sections=["map"], today=TODAY)
    return out


@pytest.mark.parametrize("name", ["example", "big"])
def test_no_label_or_step_number_sits_on_a_card(printed: dict[str, Path], name: str) -> None:
    seen, found = marks_on_cards(printed[name])
    assert seen > 100  # the lane pages' labels and numbers were read
    assert found == [], found[:10]


def neighbours() -> Document:
    """Two cards side by side in one lane, each with hand-offs to a lane printed elsewhere:
    their stubs meet in the narrow gap between the cards."""
    doc = Document.with_standard_statements()
    doc.add("department", Department("Sales", "#4E79A7", id="s"))
    doc.add("department", Department("Legal", "#F28E2B", id="l"))
    doc.add("person", Person("Ana Seller", "Seller", "s", stage="sell", pos=(175.0, 14.0), id="a"))
    doc.add("person", Person("Bo Next", "Admin", "s", stage="contract", pos=(375.0, 14.0), id="b"))
    doc.add("person", Person("Cy Lawyer With A Long Name", "Lawyer", "l", stage="contract", id="c",
                             pos=(375.0, 14.0)))
    doc.add("person", Person("Di Counsel", "Lawyer", "l", stage="specify", pos=(575.0, 14.0), id="d"))
    doc.add("handoff", Handoff("a", "c", "x", "sell", id="h1"))
    doc.add("handoff", Handoff("a", "d", "y", "sell", id="h2"))
    doc.add("handoff", Handoff("c", "b", "z", "contract", id="h3"))
    doc.add("handoff", Handoff("b", "d", "w", "contract", id="h4"))
    return doc


def test_stub_labels_between_close_cards_cover_neither_card_nor_each_other(tmp_path: Path) -> None:
    path = tmp_path / "lane.pdf"
    renderPDF.drawToFile(map_drawing(neighbours(), lane_keys=["s"], legend=False), str(path))
    seen, found = marks_on_cards(path)
    assert found == []
    pdf = pdfium.PdfDocument(str(path))
    labels = [g for g in _glyphs(pdf[0]) if g[2] == _rgb(MUTED) and abs(g[1] - WHAT_SIZE) < 0.15]
    pdf.close()
    assert seen >= 3  # every stub still says its step number at least
    clashes = [(a[3], b[3]) for a in labels for b in labels
               if a[3] < b[3] and _inside(a[0], b[0]) and abs(a[3] - b[3]) > 1]
    assert clashes == []
