"""Mixed-direction sentences read back as typed: an Arabic or Hebrew name inside a Latin
sentence, with brackets around it or after it, extracts in logical order with its brackets
paired (PDFium, Chrome's viewer: search and copy), and its letters and words in typed order
(pypdf, which reads no ActualText). Brackets follow rule N0 of the bidi algorithm on paper."""
from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from export import fonts, textline
from export.pdf import styles as pdf_styles
from export.pdf.bidi import bidi_para
from export.playbook import write_playbook
from tests.pdftext import pdf_text
from tests.playbook_maps import hostile_map

SENTENCES = [
    "Every route runs through فاطمة الزهراء (المالية) at the Invoice step.",
    "Hands on the order to فاطمة الزهراء (one-way, at Procure)",
    "You have never been in touch with فاطمة الزهراء (المالية), 4 hand-offs from you.",
    "فاطمة الزهراء: the order & notes from 王小明 (Procure, one-way)",
    "Renée Dubois (المالية) hands the order to فاطمة الزهراء",
    "hands the order to فاطمة الزهراء (المالية): the contract crosses here.",
    "Talked with דנה לוי (מכירות) about terms",
    "Ann (فاطمة) Bob, then 12 فاطمة 34 x",
    "Renée Dubois (المالية), 5 hand-offs from you.",
    "Roles — فاطمة الزهراء (cont.)",
    "the (فاطمة), 12% more and x (فاطمة)). y",
]


def _typed(text: str) -> str:
    """What a reader gives, compared as typed: presentation forms folded (NFKC), the
    invisible left-to-right marks of the ActualText dropped."""
    return unicodedata.normalize("NFKC", text).replace("\u200e", "")


def _letters(text: str) -> str:
    """Letters and digits in order, without spaces and brackets."""
    return re.sub(r"[\s()\u200e]", "", unicodedata.normalize("NFKC", text))


def _pdf(sentence: str, how: str) -> bytes:
    """The sentence as a paragraph, or drawn as one line on the canvas (running headers,
    table cells: export.textline.draw_string)."""
    out = io.BytesIO()
    if how == "line":
        canv = Canvas(out, pagesize=(700, 300))
        textline.draw_string(canv, 40, 200, sentence, 10)
        canv.save()
        return out.getvalue()
    style = pdf_styles.make_styles().body
    markup = pdf_styles.markup(sentence)
    para = bidi_para(markup, style, lambda: Paragraph(markup, style), own=False)
    assert para is not None
    SimpleDocTemplate(out, pagesize=(700, 300)).build([para])
    return out.getvalue()


# a line drawn on the canvas reads in the direction of its first strong letter: these begin left to right
CASES = [(sentence, "paragraph") for sentence in SENTENCES] + [
    (sentence, "line") for sentence in SENTENCES if not fonts.base_is_rtl(sentence)]


@pytest.mark.parametrize(("sentence", "how"), CASES)
def test_a_mixed_direction_sentence_extracts_as_typed(sentence: str, how: str) -> None:
    data = _pdf(sentence, how)
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0].get_textpage()
        assert _typed(page.get_text_range()) == sentence  # search and copy: as typed, brackets paired
        for name in ("فاطمة الزهراء", "דנה לוי", "المالية"):
            if name in sentence:  # searchable as typed (not as presentation forms)
                assert page.search(name).get_next() is not None, name
    finally:
        pdf.close()
    pypdf_text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert _letters(pypdf_text) == _letters(sentence)


def test_brackets_pair_on_paper_as_the_bidi_algorithm_says() -> None:
    """Rule N0: "(المالية)" after an Arabic name takes the name's direction (both brackets
    inside the right-to-left run), "(one-way)" after it stays left to right."""
    text = "runs through فاطمة (المالية) at"
    levels = textline.bidi_levels(text, 0)
    assert levels[text.index("(")] == levels[text.index(")")] == 1
    text = "to فاطمة (one-way) now"
    levels = textline.bidi_levels(text, 0)
    assert levels[text.index("(")] == levels[text.index(")")] == 0


def test_the_hostile_playbook_reads_back_its_sentences_as_typed(tmp_path: Path) -> None:
    out = tmp_path / "hostile.pdf"
    write_playbook(hostile_map(long_story=False), out, today=dt.date(2026, 11, 23),
                   sections=["map", "walk", "insights", "roles"])
    text = _typed(pdf_text(out))
    flat = " ".join(text.split())
    assert "runs through فاطمة الزهراء (المالية) at the Invoice" in flat
    assert "never been in touch with فاطمة الزهراء (المالية), 4 hand-offs from you." in flat
    assert "notes from 王小明 to فاطمة الزهراء (المالية): the contract" in flat
    assert "Roles — فاطمة الزهراء (cont.)" in flat  # the running header of her second page
    # a hand-off label on a lane page, cut short to keep clear of the next label on its line
    # (export.drawing.mapstubs.LABEL_CLEAR) and still read in typed order
    assert "4: to فاطمة الزهر" in flat
    for line in text.splitlines():
        if not re.search("[\u0590-\u06ff]", line):
            continue
        depth = 0
        for ch in line:  # every bracket closes one opened before it on the line
            depth += (ch == "(") - (ch == ")")
            assert depth >= 0, line


def test_a_map_label_draws_its_brackets_facing_the_right_way() -> None:
    """A bracket pair inside a right-to-left stretch of a drawn line (a hand-off label on the
    map) is mirrored (rule L4): read left to right on paper, "(" comes before ")"."""
    for text in ("4: to فاطمة الزهراء (المالية) x", "runs through فاطمة (المالية)"):
        drawn = "".join(unicodedata.normalize("NFKC", run.text) for run in textline.visual_runs(text, 8))
        assert [ch for ch in drawn if ch in "()"] == ["(", ")"], drawn
