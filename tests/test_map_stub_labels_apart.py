"""Two stubs' labels on one line of a lane page (one leaving a card, the next coming into a card
further on) keep a clear gap: on the hostile map they touched, "4: to فاطمة الزهراء
(المالية)6: from Renée…", and read, on paper and in PDFium, as one label."""
from __future__ import annotations

import ctypes
import datetime as dt
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from export.playbook import write_playbook
from tests.playbook_maps import hostile_map

LABEL = re.compile(r"\d+: (?:to|from) ")


def _box(tp: pdfium.PdfTextPage, k: int) -> tuple[float, float, float, float]:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    raw.FPDFText_GetCharBox(tp.raw, k, *(ctypes.byref(v) for v in (left, right, bottom, top)))
    return left.value, bottom.value, right.value, top.value


def test_stub_labels_on_one_line_keep_apart(tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    write_playbook(hostile_map(long_story=False), out, sections=["map"], today=dt.date(2026, 11, 23))
    pdf = pdfium.PdfDocument(str(out))
    gaps: list[tuple[int, str, float]] = []
    try:
        for number, page in enumerate(pdf, start=1):
            tp = page.get_textpage()
            text = tp.get_text_range()
            assert len(text) == raw.FPDFText_CountChars(tp.raw)  # one character per index
            # drawn text as the page's text objects (a right-to-left stretch's characters are its
            # ActualText, whose boxes are not where its glyphs are)
            drawn = [obj.get_bounds() for obj in page.get_objects(max_depth=4)
                     if obj.type == raw.FPDF_PAGEOBJ_TEXT]
            for m in LABEL.finditer(text):
                here = _box(tp, m.start())  # the label's step number: its glyph's box
                left_of = [box[2] for box in drawn  # text ending left of it on its line
                           if box[2] <= here[0] + 1.0 and box[0] < here[0] - 1.0
                           and not (box[3] < here[1] or here[3] < box[1])]
                if left_of:
                    gaps.append((number, text[m.start():m.end()], here[0] - max(left_of)))
    finally:
        pdf.close()
    assert gaps, "the hostile map's lane pages have labels side by side"
    assert all(gap >= 4.0 for _n, _t, gap in gaps), [g for g in gaps if g[2] < 4.0]
