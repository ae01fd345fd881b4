"""Narrow right-to-left paragraphs read back line by line as typed in PDFium (Chrome's viewer:
search and copy). Each line is one ActualText span that PDFium's own rough bidi pass turns back
into the typed order; how it turns a line depends on which piece is leftmost and on the line
before it (export.pdf.actualtext.reverses_line), so every line of a paragraph set at many widths
is checked, not just one-line sentences."""
from __future__ import annotations

import io
import random
import unicodedata

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from export import fonts, textline
from export.pdf import actualtext
from export.pdf import styles as pdf_styles
from export.pdf.bidi import bidi_para
from tests.playbook_maps import RTL_STORIES
from tests.test_playbook_bidi_rtl_lines import SENTENCES

TEXTS = {
    "hebrew story": RTL_STORIES["דנה לוי"],
    "arabic story": RTL_STORIES["فاطمة الزهراء"],
    "mixed sentences": " ".join(SENTENCES),
}


def _typed_and_read(text: str, width: float) -> tuple[list[str], list[str]]:
    """Each line as the paragraph set it (typed order) and as PDFium reads it back."""
    out = io.BytesIO()
    style = pdf_styles.make_styles().body
    markup = pdf_styles.markup(text)
    para = bidi_para(markup, style, lambda: Paragraph(markup, style), own=True, flush=True)
    assert para is not None and para.base == 1
    SimpleDocTemplate(out, pagesize=(width, 2000), leftMargin=20, rightMargin=20).build([para])
    typed = [line.strip() for _placed, line in para._placed_and_typed()]
    pdf = pdfium.PdfDocument(out.getvalue())
    try:
        read = unicodedata.normalize("NFKC", pdf[0].get_textpage().get_text_range())
    finally:
        pdf.close()
    return typed, [line.strip() for line in read.split("\r\n")]


@pytest.mark.parametrize("name", TEXTS)
@pytest.mark.parametrize("width", [176, 204, 232, 260, 288, 309, 337, 365])
def test_every_line_of_a_narrow_right_to_left_paragraph_reads_as_typed(name: str, width: int) -> None:
    typed, read = _typed_and_read(TEXTS[name], width)
    assert len(typed) > 2
    assert read == typed


def _read_span(actual: str, leftmost: str, rtl: bool) -> str:
    """PDFium's reading of one span whose leftmost (and only) drawn piece is `leftmost`."""
    out = io.BytesIO()
    canv = Canvas(out, pagesize=(400, 100))
    tx = canv.beginText(20, 50)
    actualtext.open_span(tx, actual)
    for run in textline.visual_runs(leftmost, 10) if rtl else [textline._ltr_run(leftmost, fonts.SANS, 10)]:
        tx.setFont(run.font, 10)
        tx.textOut(run.text)
    actualtext.close_span(tx)
    canv.drawText(tx)
    canv.save()
    pdf = pdfium.PdfDocument(out.getvalue())
    try:
        return str(pdf[0].get_textpage().get_text_range())
    finally:
        pdf.close()


def test_the_model_of_pdfiums_pass_is_undone_on_random_lines() -> None:
    """export.pdf.actualtext's account of PDFium's pass, checked on random mixed lines (brackets,
    digits, separators, Hebrew, Arabic, Latin) under a left-to-right and a right-to-left piece."""
    fonts.register_fonts()
    pieces = ["ال", "فاطمة", "ab", "Zoë", " ", "ב", "גד", "12", "٣٤", "(", ")", "[", "«", "»", "-", ".",
              ",", ":", "%", "/", "<", "&"]
    chooser = random.Random(15)
    for _ in range(60):
        typed = " ".join("".join(chooser.choice(pieces) for _ in range(chooser.randint(1, 4)))
                         for _ in range(chooser.randint(1, 4))).strip()
        typed = " ".join(typed.split())
        if not typed:
            continue
        for leftmost, rtl in (("SAP", False), ("فاطمة", True)):
            assert actualtext.reads_right_to_left(textline.visual_runs(leftmost, 10)[0].text) == rtl
            actual = actualtext.rtl_line_actual(typed, rtl)
            assert _read_span(actual, leftmost, rtl) == typed, (typed, leftmost)


@pytest.mark.parametrize("heading", ["Omar Haddad", "فاطمة الزهراء", "Talks to فاطمة الزهراء"])
@pytest.mark.parametrize("width", [300, 380, 410])
def test_the_first_line_under_a_heading_that_ends_in_arabic_reads_as_typed(heading: str, width: int) -> None:
    """PDFium reverses a line's span when the piece holding the line before's last character
    reads right to left: the paragraph above is remembered on the canvas."""
    story = "أرسل الفاتورة إلى العميل عبر (SAP) إلى العميل عبر SAP Business One وأتأكد من أن كل بند"
    style = pdf_styles.make_styles().body
    head, body = pdf_styles.markup(heading), pdf_styles.markup(story)
    para = bidi_para(body, style, lambda: Paragraph(body, style), own=True, flush=True)
    above = bidi_para(head, style, lambda: Paragraph(head, style), own=False)
    assert para is not None and above is not None
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=(width, 600)).build([above, para])
    typed = [line.strip() for _placed, line in para._placed_and_typed()]
    pdf = pdfium.PdfDocument(out.getvalue())
    try:
        read = unicodedata.normalize("NFKC", pdf[0].get_textpage().get_text_range()).replace("\u200e", "")
    finally:
        pdf.close()
    assert [line.strip() for line in read.split("\r\n")][1:] == typed
