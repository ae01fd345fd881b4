"""The light paragraph (export.pdf.lines): the same lines, heights and splits as reportlab's
Paragraph for the markup the playbook makes, the full Paragraph for anything else, and
text that prints as typed."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph, SimpleDocTemplate

from export.pdf import styles as pdf_styles
from export.pdf.lines import FastPara, fast_para

SAMPLES = [
    "Short label",
    "CONTACT",
    (
        "A story long enough to wrap over several lines of the column, with commas, full stops and "
        "words of every length: supercalifragilistic, a, an, the; then some more words to fill it out."
    ),
    (
        "<b>Ann Lee</b>: the signed order form and the credit check "
        '<font color="0x5f6b76">(Order entry, one-way)</font>'
    ),
    (
        "<b>12 Mar 2026 \u00b7 phone</b> \u2014 called about the invoice &amp; the &lt;late&gt; payment "
        "&quot;again&quot; &#39;soon&#39;"
    ),
    "First line<br/>second line after a break<br/>third",
    "<i>Nothing yet: no KPIs.</i>",
    "Ünïcödé Grüße, Ελληνικά και Кириллица в одной строке, which the sans font sets in one run",
    "word\u00a0joined\u00a0by\u00a0no-break spaces and a few normal ones to fill the line out",
    "   spaces    everywhere   <b> bold </b>  and   after   ",
    (
        '<b><font name="DroidSansFallback">王小明</font></b>  '
        '<font color="0x5f6b76"><font name="DroidSansFallback">采购经理</font></font> '
        'and <b>Ann</b> <i>Lee</i><b> bold </b>rest <font name="NanumSquare">→ </font>next'
    ),
    "a line long enough that it only fits in the column by squeezing its spaces a little, and more",
]
WIDTHS = [60.0, 140.0, 233.5, 400.0]


@pytest.fixture(scope="module")
def styles() -> pdf_styles.Styles:
    return pdf_styles.make_styles()


def _pair(markup: str, style: object) -> tuple[FastPara, Paragraph]:
    fast = fast_para(markup, style, lambda: Paragraph(markup, style), {})
    assert fast is not None, markup
    return fast, Paragraph(markup, style)


@pytest.mark.parametrize("markup", SAMPLES)
def test_lines_and_heights_match_paragraph(styles: pdf_styles.Styles, markup: str) -> None:
    for style in (styles.body, styles.small, styles.label, styles.card_name):
        for width in WIDTHS:
            fast, real = _pair(markup, style)
            assert fast.wrap(width, 800) == real.wrap(width, 800), (markup, style.name, width)


@pytest.mark.parametrize("markup", SAMPLES[2:4])
def test_splits_like_paragraph(styles: pdf_styles.Styles, markup: str) -> None:
    for width in (60.0, 140.0):
        for room in (5.0, 14.0, 28.0, 29.0, 42.0, 70.0, 300.0):
            fast, real = _pair(markup, styles.body)
            fast.wrap(width, 800)
            real.wrap(width, 800)
            got = fast.split(width, room)
            want = real.split(width, room)
            assert len(got) == len(want), (width, room)
            assert [p.wrap(width, 800)[1] for p in got] == [p.wrap(width, 800)[1] for p in want]
            if len(got) == 2 and width > 100:  # at 60 a word is wider than the line: reportlab's own
                assert isinstance(got[0], FastPara) and isinstance(got[1], FastPara)
                # set narrower than its words, a part is split by reportlab, and only its own words
                assert got[1].wrap(30, 800) == want[1].wrap(30, 800)


def test_other_markup_and_styles_take_the_full_paragraph(styles: pdf_styles.Styles) -> None:
    assert fast_para('<font name="NoSuchFont">x</font>', styles.body, None, {}) is None
    assert fast_para('<font size="20">big</font>', styles.body, None, {}) is None
    assert fast_para('<font name="NotoSans" name="NotoSans">x</font>', styles.body, None, {}) is None
    assert fast_para("x<br/>y", pdf_styles.shaped(styles.body, "سلام"), None, {}) is None  # shaping
    assert fast_para("an <u>underline</u>", styles.body, None, {}) is None
    assert fast_para("an unclosed <b>bold", styles.body, None, {}) is None
    assert fast_para("a stray & ampersand", styles.body, None, {}) is None
    assert fast_para("right aligned", styles.right_small, None, {}) is None
    assert fast_para(pdf_styles.plain("x < y"), styles.body, None, {}) is not None


def test_a_word_wider_than_the_line_is_split_by_reportlab(styles: pdf_styles.Styles) -> None:
    markup = "before " + "x" * 400 + " after"
    fast, real = _pair(markup, styles.body)
    assert fast.wrap(200, 800) == real.wrap(200, 800)
    assert fast.height > 3 * styles.body.leading


def _page(markups: list[str], style: object, fast: bool, width: float) -> bytes:
    """The paragraphs set in a column of `width`, rasterised (grey levels)."""
    import io

    import pypdfium2 as pdfium

    out = io.BytesIO()
    story = [fast_para(m, style, None, {}) if fast else Paragraph(m, style) for m in markups]
    SimpleDocTemplate(out, pagesize=(width + 40, 1400), leftMargin=20, rightMargin=20, topMargin=20,
                      bottomMargin=20).build(story)
    pdf = pdfium.PdfDocument(out.getvalue())
    try:
        return pdf[0].render(scale=3).to_pil().convert("L").tobytes()
    finally:
        pdf.close()


@pytest.mark.parametrize("width", [233.5, 400.0])
def test_pages_look_the_same_as_with_paragraph(styles: pdf_styles.Styles, width: float) -> None:
    for style in (styles.body, styles.small_muted, styles.card_name):
        fast, real = _page(SAMPLES, style, True, width), _page(SAMPLES, style, False, width)
        far = sum(1 for a, b in zip(fast, real, strict=True) if abs(a - b) > 24)  # same page size
        assert far < 10, (style.name, far)
        assert sum(1 for a in fast if a < 128) > 2000  # there is text on the page


def test_text_prints_as_typed(tmp_path: Path, styles: pdf_styles.Styles) -> None:
    path = tmp_path / "lines.pdf"
    story = [fast_para(m, styles.body, lambda m=m: Paragraph(m, styles.body), {}) for m in SAMPLES]
    story.append(fast_para("before " + "y" * 300 + " after", styles.body,
                           lambda: Paragraph("before " + "y" * 300 + " after", styles.body), {}))
    SimpleDocTemplate(str(path)).build(story)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for expected in ("Ann Lee: the signed order form", "(Order entry, one-way)",
                     "invoice & the <late> payment", '"again" \'soon\'', "Ελληνικά και Кириллица",
                     "supercalifragilistic", "spaces everywhere bold and"):
        assert expected in flat, expected
    assert "y" * 40 in text.replace("\n", "")


def test_the_cycle_collector_is_paused_during_an_export_and_back_after(tmp_path: Path) -> None:
    import gc

    from export.playbook import ExportCancelled, write_playbook
    from tests.playbook_maps import hostile_map

    seen: list[bool] = []
    assert gc.isenabled()
    write_playbook(hostile_map(long_story=False), tmp_path / "a.pdf",
                   progress=lambda _v: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()
    with pytest.raises(ExportCancelled):
        write_playbook(hostile_map(long_story=False), tmp_path / "b.pdf", cancel=lambda: True)
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that had it off keeps it off
        write_playbook(hostile_map(long_story=False), tmp_path / "c.pdf", sections=["cover"])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_needs_shaping_only_for_right_to_left_letters() -> None:
    assert not pdf_styles.needs_shaping("Grüße, Ελληνικά, Кириллица")
    assert not pdf_styles.needs_shaping("王小明 采购经理")
    assert pdf_styles.needs_shaping("Ünïcödé שלום")
    assert pdf_styles.needs_shaping("Anna فاطمة")
