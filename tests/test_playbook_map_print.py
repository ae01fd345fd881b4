"""The map on paper, read back from the PDF: no text under 6 pt, lanes named on every lane
page, no card cut between two tiles, no hidden text in the text layer, and an overview a
reader can take in when the whole walk does not fit a page."""
from __future__ import annotations

import ctypes
import datetime as dt
import math
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from bench.mapgen import make_big_map
from export.drawing.mapdraw import map_drawing
from export.pdf.parts.map_pages import LEGIBLE_SCALE
from export.pdf.parts.map_tiles import balanced_cuts, tiles, visible_part
from export.playbook import write_playbook
from model.document import Document
from model.layout import HEADER_H
from tests.export_maps import drawn_strings

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path, list[str]]:
    doc = make_big_map(300, 1)
    path: Path = tmp_path_factory.mktemp("print") / "map.pdf"
    write_playbook(doc, path, sections=["map"], today=TODAY)
    pdf = pdfium.PdfDocument(str(path))
    texts = [page.get_textpage().get_text_range() for page in pdf]
    pdf.close()
    return doc, path, texts


def glyph_sizes(path: Path) -> list[tuple[int, float, str]]:
    """(page, printed size in points, character) of every visible character."""
    out: list[tuple[int, float, str]] = []
    pdf = pdfium.PdfDocument(str(path))
    for index, page in enumerate(pdf):
        tp = page.get_textpage()
        for i in range(raw.FPDFText_CountChars(tp.raw)):
            ch = chr(raw.FPDFText_GetUnicode(tp.raw, i))
            if not ch.strip() or raw.FPDFText_IsGenerated(tp.raw, i):
                continue
            matrix = raw.FS_MATRIX()
            raw.FPDFText_GetMatrix(tp.raw, i, ctypes.byref(matrix))
            size = raw.FPDFText_GetFontSize(tp.raw, i) * math.hypot(matrix.c, matrix.d)
            out.append((index, size, ch))
    pdf.close()
    return out


def test_no_text_on_a_map_page_is_smaller_than_6_pt(printed: tuple[Document, Path, list[str]]) -> None:
    _doc, path, _texts = printed
    sizes = glyph_sizes(path)
    assert len(sizes) > 10_000
    small = [(page + 1, round(size, 2), ch) for page, size, ch in sizes if size < 5.99]
    assert not small, small[:10]


def test_the_overview_is_departments_by_stages_with_the_flows(
    printed: tuple[Document, Path, list[str]]
) -> None:
    doc, _path, texts = printed
    first = texts[0] + texts[1]
    assert "too many to print whole" in first
    assert "HAND-OFFS BETWEEN DEPARTMENTS" in first
    for dept in list(doc.departments.values())[:5]:
        assert dept.name in first


def test_every_lane_page_names_its_lanes(printed: tuple[Document, Path, list[str]]) -> None:
    """The heading names the lane, and the lane band at the tile's left names it again with its
    head count (on the later parts of a tall lane too)."""
    doc, _path, texts = printed
    names = [d.name for d in doc.departments.values()] + ["Customers", "No department"]
    lane_pages = [t for t in texts if t.lstrip().startswith("Lane")]
    assert len(lane_pages) > 20
    for text in lane_pages:
        head = text.splitlines()[0]
        lane = next(n for n in sorted(names, key=len, reverse=True) if n in head)
        assert " ".join(text.split()).count(lane) >= 2, head  # the band may wrap a long name
        assert " people" in text or " person" in text, head


def test_hidden_parts_of_the_map_are_not_in_the_text_layer(printed: tuple[Document, Path, list[str]]) -> None:
    """A card's name is on the one lane page that shows the card: not, invisibly, on every
    page of the lane (a search would find it where it is not)."""
    doc, _path, texts = printed
    sales = next(d for d in doc.departments.values() if d.name == "Sales")
    pages = [t for t in texts if t.lstrip().startswith("Lane: Sales")]
    assert len(pages) >= 3
    counts = Counter(p.name for p in doc.people.values())
    people = [p for p in doc.people.values()
              if p.department_id == sales.id and p.placed and counts[p.name] == 1]
    assert len(people) >= 10
    for person in people:
        assert sum(t.count(person.name) for t in pages) == 1, person.name


def test_a_tile_never_cuts_a_card() -> None:
    doc = make_big_map(300, 1)
    lane = next(iter(doc.departments))
    drawing = map_drawing(doc, lane_keys=[lane], legend=False)
    cards = drawing._cw_cards
    window = (0.0, 0.0, float(drawing.width), float(drawing.height))
    parts = tiles(drawing, window, 740.0, 420.0, LEGIBLE_SCALE, HEADER_H + 8)
    assert len(parts) >= 3
    for x0, y0, x1, y1 in cards:
        holding = []
        for tx, ty, tw, th in parts:
            if x0 < tx + tw and x1 > tx and y0 < ty + th and y1 > ty:  # touches the tile
                assert tx - 0.01 <= x0 and x1 <= tx + tw + 0.01 and ty - 0.01 <= y0 and y1 <= ty + th + 0.01
                holding.append((tx, ty))
        assert len(holding) == 1
    heights = sorted(round(t[3]) for t in parts)
    assert heights[-1] - heights[0] <= 90  # even tiles: at most a card row apart
    # what a tile prints is inside it: no line of text half in, half out
    for part in parts:
        tx, ty, tw, th = part
        for s in drawn_strings(visible_part(drawing, part)):
            x1, y1, x2, y2 = s.getBounds()
            assert tx - 0.6 <= x1 and x2 <= tx + tw + 0.6 and ty - 0.6 <= y1 and y2 <= ty + th + 0.6


def test_balanced_cuts_are_even_and_use_the_candidates() -> None:
    cuts = balanced_cuts(0.0, 1000.0, [float(x) for x in range(0, 1000, 80)], 450.0)
    assert len(cuts) == 3 and cuts[-1] == 1000.0
    pieces = [b - a for a, b in zip([0.0, *cuts[:-1]], cuts, strict=True)]
    assert max(pieces) <= 450 and max(pieces) - min(pieces) <= 80
    assert all(c in range(0, 1001, 80) or c == 1000.0 for c in cuts)


def _char_boxes(page: pdfium.PdfPage) -> list[tuple[float, float, float, float, int]]:
    tp = page.get_textpage()
    out = []
    for k in range(raw.FPDFText_CountChars(tp.raw)):
        if not chr(raw.FPDFText_GetUnicode(tp.raw, k)).strip():
            continue
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        raw.FPDFText_GetCharBox(tp.raw, k, *(ctypes.byref(v) for v in (left, right, bottom, top)))
        out.append((left.value, bottom.value, right.value, top.value, k))
    return out


def test_no_text_on_a_map_page_is_written_over_other_text(printed: tuple[Document, Path, list[str]]) -> None:
    """Glyph boxes of different text (not neighbours in one word) never cover each other by
    more than a third: stub labels beside a busy card, badges and labels are kept apart."""
    _doc, path, _texts = printed
    pdf = pdfium.PdfDocument(str(path))
    found: list[tuple[int, int, int]] = []
    for index, page in enumerate(pdf):
        boxes = _char_boxes(page)
        grid: dict[tuple[int, int], list[tuple[float, float, float, float, int]]] = {}
        for box in boxes:
            grid.setdefault((int(box[0] // 20), int(box[1] // 20)), []).append(box)
        for a in boxes:
            cx, cy = int(a[0] // 20), int(a[1] // 20)
            for gx in (cx - 1, cx, cx + 1):
                for gy in (cy - 1, cy, cy + 1):
                    for b in grid.get((gx, gy), []):
                        if b[4] <= a[4] + 1:
                            continue
                        w = min(a[2], b[2]) - max(a[0], b[0])
                        h = min(a[3], b[3]) - max(a[1], b[1])
                        smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])) or 1.0
                        if w > 0.5 and h > 0.5 and w * h / smaller > 0.3:
                            found.append((index + 1, round(a[0]), round(a[1])))
    pdf.close()
    assert not found, found[:10]
