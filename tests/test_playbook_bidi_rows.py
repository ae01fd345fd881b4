"""Text side by side on one baseline reads back in its order, each piece as typed (PDFium,
Chrome's viewer: search and copy). PDFium takes a table row's cells, or a running header's map
title and section name, as one line and runs its own bidi pass over all of it: with Arabic
cells it gave the cells in the wrong order, and an Arabic map title merged, reversed, into the
section name ("العقد خريطة The walk"). export.pdf.bidi.draw_row draws them in one ActualText span."""
from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from export import fonts, textline
from export.pdf.table import TableRow, TextTable
from export.playbook import write_playbook
from tests.pdftext import pdf_text
from tests.playbook_maps import rtl_map
from tests.test_playbook_bidi_rtl_lines import SENTENCES as RTL_SENTENCES

ROWS = [
    ["فاطمة الزهراء", "דנה לוי", "الفاتورة (SAP)", "Invoice"],
    ["فاطمة الزهراء", "المالية", "العقد الموقع", "Collect"],
    ["Omar Haddad", "فاطمة الزهراء", "the order & notes", "Sell, two-way"],
    ["דנה לוי", "Renée Dubois", "ההצעה ב-Salesforce", "12 مارس"],
    ["المالية", "المبيعات", "الفاتورة", "التحصيل"],
]


def _lines(text: str) -> list[str]:
    """Lines as compared: presentation forms folded, invisible marks and extra spaces dropped."""
    folded = unicodedata.normalize("NFKC", text).replace("\u200e", "")
    return [" ".join(line.split()) for line in folded.split("\n")]


def test_a_table_row_of_arabic_cells_reads_cell_by_cell_in_order() -> None:
    fonts.register_fonts()
    out = io.BytesIO()
    table = TextTable(["From", "To", "What is handed over", "Stage"], [0.27, 0.27, 0.3, 0.16],
                      [TableRow(list(cells)) for cells in ROWS])
    SimpleDocTemplate(out).build([table])
    pdf = pdfium.PdfDocument(out.getvalue())
    try:
        read = _lines(pdf[0].get_textpage().get_text_range().replace("\r\n", "\n"))
    finally:
        pdf.close()
    assert read[0] == "From To What is handed over Stage"
    for cells in ROWS:
        assert " ".join(cells) in read


@pytest.mark.parametrize("title", ["خريطة العقد", "خريطة العقد (SAP) 2026", "Walk of فاطمة الزهراء"])
def test_a_running_header_reads_the_map_title_then_the_section(tmp_path: Path, title: str) -> None:
    doc = rtl_map()
    doc.meta.title = title
    out = tmp_path / "header.pdf"
    write_playbook(doc, out, today=dt.date(2026, 11, 23), sections=["walk", "roles"])
    lines = _lines(pdf_text(out))
    assert f"{title} The walk" in lines
    assert any(line.startswith(f"{title} Roles") for line in lines)


@pytest.mark.parametrize("sentence", RTL_SENTENCES)
def test_a_right_to_left_line_drawn_on_the_canvas_reads_as_typed(sentence: str) -> None:
    """A map label or a lone table cell that begins with Arabic or Hebrew (export.textline.draw_string):
    before, PDFium gave "عبر( SAP (إلى" and "One Business SAP"."""
    fonts.register_fonts()
    out = io.BytesIO()
    canv = Canvas(out, pagesize=(700, 300))
    textline.draw_string(canv, 40, 200, sentence, 10)
    canv.save()
    pdf = pdfium.PdfDocument(out.getvalue())
    try:
        read = pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert _lines(read) == [sentence]
