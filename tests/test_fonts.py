"""Bundled fonts: every script prints, embedded, nothing dropped, markup is safe."""

from __future__ import annotations

import io
import unicodedata

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from export import fonts, textline

SCRIPTS = {
    "latin": "Zoë Ångström-Łukasz",
    "cyrillic": "Ирина Петрова",
    "greek": "Ελένη Παπαδοπούλου",
    "cjk": "王小明 日本語",
    "korean": "김민준 한국어",
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום עולם",
    "thai": "สวัสดี",
}


def _pdf_of(paragraphs: list[object]) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out).build(paragraphs)  # type: ignore[arg-type]
    return out.getvalue()


def _fonts_in(data: bytes) -> dict[str, bool]:
    """Base font name -> embedded, for every font any page uses."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            desc_font = descendants[0].get_object() if descendants else font
            descriptor = desc_font.get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


@pytest.fixture(scope="module")
def style() -> ParagraphStyle:
    fonts.register_fonts()
    return ParagraphStyle("body", fontName=fonts.SANS, fontSize=10, leading=14)


def test_every_script_prints_with_embedded_fonts_only(style: ParagraphStyle) -> None:
    paras = [fonts.paragraph(f"{name}: {text}", style) for name, text in SCRIPTS.items()]
    paras.append(fonts.paragraph("Ahmed — مرحبا — Sales manager", style, bold=True))
    data = _pdf_of(paras)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for name in ("latin", "cyrillic", "greek", "cjk", "korean", "thai"):
        assert SCRIPTS[name] in text, name
    used = _fonts_in(data)
    assert used and all(used.values()), used
    names = " ".join(used)
    assert "Helvetica" not in names and "Times" not in names
    for expected in ("NotoSans", "NotoSansArabic", "NotoSansHebrew", "DroidSansFallback", "NanumSquare"):
        assert expected in names, expected


def test_markup_escapes_user_text_and_keeps_every_character(style: ParagraphStyle) -> None:
    hostile = "x<y>z & <b>unclosed \"q\" 's' a\x00b\x07c"
    para = Paragraph(fonts.markup(hostile), style)
    data = _pdf_of([para])
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "x<y>z & <b>unclosed \"q\" 's' abc" in text


def test_newlines_become_line_breaks() -> None:
    assert fonts.markup("one\ntwo") == "one<br/>two"


def test_characters_no_font_has_become_one_visible_mark_each() -> None:
    runs = fonts.split_runs("ok 😀 and 👍🏽 and 👨\u200d👩\u200d👧 and 🇩🇪 తె end")
    joined = "".join(t for t, _f, _r in runs)
    # an emoji (with its modifiers and joiners) is one named placeholder, anything else U+FFFD
    assert joined == ("ok [grinning face] and [thumbs up sign + skin tone] and [man + woman + girl] and "
                      "[flag DE] \ufffd\ufffd end")  # two Telugu letters: no bundled font
    assert fonts.has_glyph(fonts.SANS, fonts.REPLACEMENT)


def test_every_run_character_is_in_its_fonts_cmap() -> None:
    text = " ".join(SCRIPTS.values()) + " 😀 \u200f 12,5% — “quotes”"
    for run, font, _rtl in fonts.split_runs(text):
        for ch in run:
            if unicodedata.category(ch) != "Cf":
                assert fonts.has_glyph(font, ch), (ch, font)


def test_runs_pick_the_script_font_and_direction() -> None:
    runs = fonts.split_runs("Ana — مرحبا 12 — 王 שלום")
    by_font = {font: (text, rtl) for text, font, rtl in runs}
    assert by_font[fonts.ARABIC][1] is True
    assert "12" in by_font[fonts.ARABIC][0]  # digits stay inside the Arabic run
    assert by_font[fonts.HEBREW][1] is True
    assert by_font[fonts.CJK] == ("王 ", False)
    assert fonts.split_runs("Bold", bold=True)[0][1] == fonts.SANS_BOLD


def _visual_order(text: str) -> str:
    """The characters of one drawn line, left to right as printed (presentation forms folded)."""
    drawing = Drawing(600, 40)
    textline.draw_text(drawing, 5, 15, text, 12)
    page = pdfium.PdfDocument(renderPDF.drawToString(drawing))[0]
    tp = page.get_textpage()
    chars = [(tp.get_charbox(i)[0], tp.get_text_range(i, 1)) for i in range(tp.count_chars())]
    return "".join(unicodedata.normalize("NFKC", t) for _x, t in sorted(chars) if t.strip())


def test_drawn_arabic_reads_right_to_left_between_latin() -> None:
    # letters of each word reversed in visual order, the first word at the right
    expected = "Ahmed—لماعلاب" + "ابحرم" + "—Sales"
    assert _visual_order("Ahmed — مرحبا بالعالم — Sales") == expected
    assert _visual_order("غرفة 12 واحد") == "دحاو" + "12" + "ةفرغ"
    # a line that starts right to left reads right to left: the Latin words go to its left end
    assert _visual_order("שלום עולם and more") == "andmore" + "םלוע" + "םולש"
    drawn = _visual_order("فاطمة الزهراء — Sales manager")
    assert drawn.startswith("Salesmanager—" + "ءارهزلا")  # the first Arabic word at the right end
    assert sorted(drawn[-5:]) == sorted("فاطمة")  # (a ligature may swap two letters' boxes)


@pytest.mark.parametrize("text", [
    "שלום עולם and more",
    "Dana hands 12 items to שלום עולם today",
    "מחלקה 3: Sales, Legal ו-Finance",
    "abc ש 1.5 ג def",
    "אבג DEF 123 הוז",
])
def test_drawn_order_is_the_unicode_bidi_order(text: str) -> None:
    """Hebrew has no joining forms: what is drawn, left to right, is python-bidi's display
    order of the same line (spaces aside)."""
    from bidi import get_display

    assert _visual_order(text) == "".join(get_display(text).split())


def test_drawn_arabic_is_shaped_into_joined_forms() -> None:
    runs = textline.visual_runs("مرحبا", 12)
    assert len(runs) == 1 and runs[0].rtl
    # shaping maps letters to their joined (presentation or private) forms
    assert runs[0].text != "مرحبا"[::-1] and runs[0].logical == "مرحبا"


def test_fit_text_truncates_with_an_ellipsis_to_the_width() -> None:
    long = "Contract administrator and specification engineer " * 20
    fitted = textline.fit_text(long, 9, 120)
    assert fitted.endswith(fonts.ELLIPSIS)
    assert textline.text_width(fitted, 9) <= 120
    assert textline.fit_text("Short", 9, 120) == "Short"
    for text in SCRIPTS.values():
        assert textline.text_width(textline.fit_text(text * 10, 9, 60), 9) <= 60


def test_register_is_idempotent_and_sets_the_base_font() -> None:
    from reportlab import rl_config

    fonts.register_fonts()
    fonts.register_fonts()
    assert rl_config.canvas_basefontname == fonts.SANS


def test_clean_text_handles_non_text_and_surrogates() -> None:
    assert fonts.clean_text(None) == ""
    assert fonts.clean_text("a\ud800b") == "a\ufffdb"
    assert fonts.clean_text("a\r\nb", keep_newlines=True) == "a\nb"


def test_draw_string_on_a_pdf_canvas_prints_any_script() -> None:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    width = textline.draw_string(canvas, 40, 700, "Ирина 王小明 김민준 — مرحبا", 12, bold=True)
    canvas.save()
    page = pdfium.PdfDocument(out.getvalue())[0]
    text = page.get_textpage().get_text_range()
    assert "Ирина 王小明 김민준" in text and width > 100
    used = _fonts_in(out.getvalue())
    assert all(used.values()) and not any("Helvetica" in name for name in used)


FAST_PATH_SAMPLES = (
    "Chloé García (Sales East)",
    "Ирина Петрова — Юрист",
    "Ελένη Παπαδοπούλου",
    "e\u0301cole \u0301x",  # combining marks, one at the start
    "Zoë\u00a0Ångström-Łukasz: 12,5 %",
    "a\u200db \ufe0f\u00adc",  # format marks and a variation selector: not the fast path
    "Renée 😀 Dubois",
    "王小明 (Sales)",
    "فاطمة الزهراء — Sales",
)


@pytest.mark.parametrize("text", FAST_PATH_SAMPLES)
def test_fast_paths_split_text_as_the_character_by_character_path(text: str) -> None:
    slow = list(fonts._split_mixed(fonts.clean_text(text), True, False))
    assert fonts.split_runs(text, bold=True) == slow
    if fonts.all_in_sans(text):
        assert len(slow) == 1 and slow[0][1] == fonts.SANS_BOLD


def test_clean_text_fast_path_still_removes_every_control_character() -> None:
    assert fonts.clean_text("plain Zoë text") == "plain Zoë text"
    assert fonts.clean_text("a\x85b\x7fc\x9fd\x00e\tf\ng") == "abcde f g"


@pytest.mark.parametrize("text", ["Chloé García Contract administration South " * 3, "Ирина Петрова " * 8,
                                  "王小明 and Zoë " * 6, "Short"])
def test_fit_text_gives_the_longest_start_that_fits(text: str) -> None:
    width = 95.0
    fitted = textline.fit_text(text, 6.5, width)
    clean = text.strip()
    if textline.text_width(clean, 6.5) <= width:
        assert fitted == clean
        return
    fits = [n for n in range(1, len(clean) + 1)
            if textline.text_width(clean[:n].rstrip() + fonts.ELLIPSIS, 6.5) <= width]
    assert fitted == clean[: max(fits)].rstrip() + fonts.ELLIPSIS
