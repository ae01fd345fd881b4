"""A right-to-left paragraph (user text that begins with Arabic or Hebrew letters) reads back
as typed in PDFium (Chrome's viewer: search and copy): Latin words inside it keep their order
("SAP Business One", not "One Business SAP") and brackets around them stay paired ("(SAP)",
not "عبر( SAP (إلى"). Each line is one ActualText span (export.pdf.actualtext.rtl_line_actual)."""
from __future__ import annotations

import io
import unicodedata

import pypdfium2 as pdfium
import pytest
from reportlab.platypus import Paragraph, SimpleDocTemplate

from export.pdf import styles as pdf_styles
from export.pdf.bidi import bidi_para
from tests.playbook_maps import RTL_STORIES

SENTENCES = [
    "أرسل الفاتورة عبر (SAP) إلى العميل",
    "أرسل الفاتورة عبر SAP Business One إلى العميل",
    "فاطمة الزهراء does <things> & stuff",
    "أرسل 12 فاتورة (SAP, 3) الآن",
    "أرسل (الفاتورة) الآن.",
    "אני שולחת את ההצעה ללקוח ב-Salesforce ובודקת 50% [a]",
    "ال 1,234.5 ريال (مع «SAP»)؟",
    "فاطمة: the order from Renée (one-way)",
    "ملاحظة: SAP, Oracle و Salesforce.",
    "فاطمة الزهراء (المالية)",
    "نص 3 (ب) و [SAP] ثم «x»",
    "أ (b (c) d) هـ",
    "فاطمة (SAP Business One Test) x",
    "فاطمة الزهراء (CEO) of ACME Corp Ltd",
    "דנה לוי (מכירות) שולחת את ההצעה ב-Salesforce.",
]


def _read(text: str, width: float = 700) -> str:
    """`text` as the user's own paragraph (right to left, flush right), read back by PDFium."""
    out = io.BytesIO()
    style = pdf_styles.make_styles().body
    markup = pdf_styles.markup(text)
    para = bidi_para(markup, style, lambda: Paragraph(markup, style), own=True, flush=True)
    assert para is not None and para.base == 1
    SimpleDocTemplate(out, pagesize=(width, 800)).build([para])
    pdf = pdfium.PdfDocument(out.getvalue())
    try:
        return unicodedata.normalize("NFKC", pdf[0].get_textpage().get_text_range())
    finally:
        pdf.close()


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_right_to_left_line_reads_as_typed(sentence: str) -> None:
    assert _read(sentence) == sentence


def test_a_right_to_left_story_of_several_lines_reads_as_typed() -> None:
    story = RTL_STORIES["فاطمة الزهراء"]
    read = _read(story, width=400)
    assert len(read.splitlines()) > 3
    assert " ".join(read.split()) == " ".join(story.split())
    assert "عبر SAP Business One" in " ".join(read.split())
