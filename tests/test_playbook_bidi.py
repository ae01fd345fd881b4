"""Right-to-left paragraphs in the playbook (export.pdf.bidi): the first strong letter
decides the direction, lines read and wrap in reading order, and a word that changes
script inside a shaped paragraph gets no stray space (pdf_styles.separate_font_changes)."""
from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.platypus import Paragraph, SimpleDocTemplate

from export import fonts
from export.pdf import actualtext
from export.pdf import styles as pdf_styles
from export.pdf.bidi import BidiPara, bidi_para, has_rtl_run
from export.playbook import write_playbook
from tests.playbook_maps import RTL_STORIES, rtl_map

STORY = "فاطمة الزهراء does things for the customer"


@pytest.fixture(scope="module")
def styles() -> pdf_styles.Styles:
    return pdf_styles.make_styles()


def _para(text: str, style: object, own: bool = True, flush: bool = True) -> BidiPara:
    markup = pdf_styles.markup(text)
    para = bidi_para(markup, style, lambda: Paragraph(markup, style), own, flush)
    assert para is not None
    return para


@pytest.mark.parametrize(("text", "base"), [
    (STORY, 1),
    ("Omar hands on to فاطمة الزهراء", 0),
    ("12, 13: שלום and more", 1),  # digits and punctuation are not strong: the Hebrew is first
    ("«Zoë» فاطمة", 0),
    ("— 12 —", 0),  # no strong letter at all: left to right
])
def test_the_first_strong_letter_chooses_the_direction(
    styles: pdf_styles.Styles, text: str, base: int
) -> None:
    para = _para(text, styles.body)
    assert para.base == base
    assert para.flush_right == bool(base)
    assert _para(text, styles.body, own=False).base == 0  # a line we compose reads left to right
    assert not _para(text, styles.body, flush=False).flush_right  # a card name keeps its alignment


def test_only_markup_with_a_right_to_left_run_goes_this_way() -> None:
    assert has_rtl_run(pdf_styles.markup(STORY)) and has_rtl_run(pdf_styles.bold(pdf_styles.markup("שלום")))
    assert not has_rtl_run(pdf_styles.markup("王小明 and Zoë")) and not has_rtl_run("plain")


@pytest.fixture
def glyphs_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build without the ActualText spans of right-to-left lines: PDFium then gives each drawn
    glyph its own box (inside a span it spreads the span's text over one piece's box), so a
    test can see where the glyphs are."""
    monkeypatch.setattr(actualtext, "open_span", lambda text_object, actual: None)
    monkeypatch.setattr(actualtext, "close_span", lambda text_object: None)


def _chars(pdf: bytes, page: int = 0) -> list[tuple[float, float, str]]:
    """Each printed character: (left, baseline-ish bottom, the character as NFKC)."""
    tp = pdfium.PdfDocument(pdf)[page].get_textpage()
    out = []
    for i in range(tp.count_chars()):
        t = unicodedata.normalize("NFKC", tp.get_text_range(i, 1))
        if t.strip():
            left, bottom, _right, _top = tp.get_charbox(i)
            out.append((left, round(bottom), t))
    return out


def _build(flowables: list[object], width: float = 300) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=(width + 72, 600), leftMargin=36, rightMargin=36).build(flowables)
    return out.getvalue()


def _x_of(chars: list[tuple[float, float, str]], letters: str) -> float:
    """The left edge of the printed letters (all of them: shaping may reorder inside a word)."""
    xs = [x for x, _y, t in chars if t in letters]
    assert xs, letters
    return min(xs)


@pytest.mark.usefixtures("glyphs_only")
def test_a_right_to_left_paragraph_starts_at_the_right(styles: pdf_styles.Styles) -> None:
    para = _para(STORY, styles.body)
    chars = _chars(_build([para]))
    arabic_first = _x_of(chars, "فطم")  # فاطمة, the first word typed (letters only it has)
    arabic_second = min(x for x, _y, t in chars if t == "ز")  # الزهراء
    latin = _x_of(chars, "does")
    assert latin < arabic_second < arabic_first  # read from the right: فاطمة, الزهراء, then the Latin
    right = max(x for x, _y, _t in chars)
    assert right > 36 + 300 - 20  # set flush right


def test_a_left_to_right_paragraph_keeps_its_arabic_in_its_own_order(styles: pdf_styles.Styles) -> None:
    para = _para("Ann hands on to فاطمة الزهراء today", styles.body)
    chars = _chars(_build([para]))
    assert para.base == 0
    # the Arabic run carries an ActualText (its letters as typed, spread over the run's box):
    # the run sits between "Ann" and "today", its glyphs drawn right to left (second word at the left)
    arabic_xs = [x for x, _y, t in chars if "\u0600" <= t <= "\u06ff"]
    assert _x_of(chars, "Ann") < min(arabic_xs) and max(arabic_xs) < _x_of(chars, "y")
    (placed,) = para.placed_lines()
    (arabic,) = [unicodedata.normalize("NFKC", run.text) for _x, run, _c, level in placed if level == 1]
    assert arabic.index("ز") < arabic.index("ف")  # drawn from the right: الزهراء at the left


def _rows(chars: list[tuple[float, float, str]]) -> list[list[tuple[float, str]]]:
    """The printed characters by line, top line first (a gap of 6 pt between boxes' bottoms
    starts a new line: descenders move a box's bottom by less)."""
    rows: list[list[tuple[float, float, str]]] = []
    for x, y, t in sorted(chars, key=lambda c: -c[1]):
        if rows and rows[-1][-1][1] - y < 6:
            rows[-1].append((x, y, t))
        else:
            rows.append([(x, y, t)])
    return [[(x, t) for x, _y, t in row] for row in rows]


def test_wrapped_right_to_left_lines_continue_in_reading_order(styles: pdf_styles.Styles) -> None:
    text = RTL_STORIES["דנה לוי"]
    para = _para(text, styles.body)
    rows = _rows(_chars(_build([para], width=250)))
    assert len(para._lines) >= 3 and len(rows) == len(para._lines)
    logical = [" ".join("".join(p[0] for p in w[0]) for w in line) for line in para._lines]
    assert " ".join(logical).split() == text.split()  # no word lost, moved or repeated
    for row, line in zip(rows, logical, strict=True):
        assert max(row)[1] in line.split()[0], (line, max(row))  # a line's first word is its rightmost


def test_a_right_to_left_paragraph_splits_across_pages(styles: pdf_styles.Styles) -> None:
    para = _para(RTL_STORIES["فاطمة الزهراء"] * 3, styles.body)
    para.wrap(200, 10_000)
    lines = len(para._lines)
    first, rest = para.split(200, styles.body.leading * 3)
    assert isinstance(first, BidiPara) and isinstance(rest, BidiPara) and first.base == rest.base == 1
    first.wrap(200, 1000)
    rest.wrap(200, 10_000)
    assert len(first._lines) == 3 and len(first._lines) + len(rest._lines) == lines


@pytest.mark.usefixtures("glyphs_only")
def test_the_playbook_prints_right_to_left_stories_from_the_right(tmp_path: Path) -> None:
    path = tmp_path / "rtl.pdf"
    write_playbook(rtl_map(), path, today=dt.date(2026, 11, 23), sections=["roles"])
    data = path.read_bytes()
    found = False
    for page in range(len(pdfium.PdfDocument(data))):
        chars = _chars(data, page)
        text = "".join(t for _x, _y, t in chars)
        if "doesthingsforthecustomer" not in text.replace("<", "").replace(">", ""):
            continue
        for _x, y, t in chars:
            if t == "d" and any(c == "o" for _x2, y2, c in chars if y2 == y):
                row = [(x, c) for x, y2, c in chars if y2 == y]
                if any(c in "דנהלוי" for _x2, c in row):  # "דנה לוי does <things> ..."
                    hebrew = min(x for x, c in row if c in "דנהלוי")
                    assert min(x for x, c in row if c == "d") < hebrew
                    found = True
                    break
    assert found


def test_no_stray_space_where_the_script_changes_inside_a_word(styles: pdf_styles.Styles) -> None:
    bengali, hindi = "রবীন্দ্রনাথ ঠাকুর", "बिक्री विभाग"
    markup = f"{pdf_styles.bold(pdf_styles.markup(bengali))}: the order ({pdf_styles.markup(hindi)}, one-way)"
    para = Paragraph(markup, fonts.shaped_style(styles.body))
    typed = "".join(f.text for f in para.frags)
    pdf_styles.separate_font_changes(para)
    assert "".join(f.text for f in para.frags) == typed  # nothing added: "ঠাকুর:", "(बिक्री"
    _each_word_in_one_font(para)
    # letters of two scripts touching still need the space (the bug it avoids: empty boxes)
    para = Paragraph(pdf_styles.markup("王小明नमस्ते"), fonts.shaped_style(styles.body))
    pdf_styles.separate_font_changes(para)
    _each_word_in_one_font(para)


def _each_word_in_one_font(para: Paragraph) -> None:
    word_fonts: set[str] = set()
    for f in para.frags:
        for ch in f.text:
            if ch.isspace():
                assert len(word_fonts) <= 1, word_fonts
                word_fonts = set()
            else:
                word_fonts.add(f.fontName)
    assert len(word_fonts) <= 1, word_fonts
