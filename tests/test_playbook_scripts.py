"""Indic names (Devanagari, Bengali, Tamil) in the playbook, the map and its SVG: they
print in their own embedded fonts, shaped (conjuncts, vowel signs placed), in bold where
the text is bold, and read back from the PDF as typed."""
from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from export import fonts, textline
from export.drawing import images
from export.playbook import write_playbook
from model.document import Document
from model.entities import CUSTOMER, DEPARTMENT_COLORS, Department, Handoff, MapInfo, Person, Story
from model.layout import auto_layout
from tests.pdftext import pdf_text

HINDI = "प्रियंका शर्मा"  # a conjunct (प्र), a vowel sign drawn before its consonant (ि), a reph (र्मा)
BENGALI = "রবীন্দ্রনাথ ঠাকুর"
TAMIL = "கார்த்திகேயன் சுப்பிரமணியம்"
DEPT = "बिक्री विभाग"


def _indic_map() -> Document:
    doc = Document.with_standard_statements(MapInfo(title="Indic names", prepared_for=HINDI))
    dept = Department(name=DEPT, color=DEPARTMENT_COLORS[0])
    doc.add("department", dept)
    a = Person(name=HINDI, title="क्षेत्रीय प्रबंधक", department_id=dept.id, stage="sell",
               story=Story(hand_on="मैं हस्ताक्षरित अनुबंध आगे भेजती हूँ।"))
    b = Person(name=BENGALI, title="Contract admin", department_id=dept.id, stage="contract")
    c = Person(name=TAMIL, title="Billing", stage="invoice")
    customer = Person(name="Kiran Customer", kind=CUSTOMER)
    for p in (a, b, c, customer):
        doc.add("person", p)
    doc.add("handoff", Handoff(source=a.id, target=b.id, what="हस्ताक्षरित अनुबंध", stage="sell"))
    doc.add("handoff", Handoff(source=b.id, target=c.id, what="চুক্তি", stage="contract"))
    doc.add("handoff", Handoff(source=c.id, target=customer.id, what="the invoice", stage="invoice"))
    doc.move_people(auto_layout(doc))
    return doc


def _text_of(path: Path) -> str:
    return pdf_text(path)


def _font_names(path: Path) -> set[str]:
    """The registered names of the bundled fonts the PDF uses (its base fonts are the files' names)."""
    by_file = {Path(file).stem: name for name, file in fonts.FONT_FILES.items()}
    names: set[str] = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            base = str(font.get_object()["/BaseFont"]).split("+")[-1]
            names.add(by_file.get(base, base))
    return names


def test_indic_letters_have_their_own_bundled_font() -> None:
    assert fonts.font_for_char("क") == fonts.DEVANAGARI
    assert fonts.font_for_char("ক") == fonts.BENGALI
    assert fonts.font_for_char("க") == fonts.TAMIL
    assert fonts.font_for_char("क", bold=True) == fonts.DEVANAGARI_BOLD
    assert fonts.REPLACEMENT not in "".join(t for t, _f, _r in fonts.split_runs(f"{HINDI} {BENGALI} {TAMIL}"))


def test_a_drawn_indic_name_is_shaped_and_keeps_its_typed_text() -> None:
    runs = textline.visual_runs(HINDI, 10)
    assert [r.font for r in runs] == [fonts.DEVANAGARI]
    assert runs[0].logical == HINDI
    assert runs[0].text != HINDI  # glyphs: प्र is one, ि comes first
    assert len(runs[0].text) < len(HINDI)


def test_a_drawn_indic_line_reads_back_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "line.pdf"
    canvas = Canvas(str(path))
    textline.draw_string(canvas, 40, 700, f"{HINDI} and {TAMIL}", 12)
    textline.draw_string(canvas, 40, 680, BENGALI, 12, bold=True)
    canvas.save()
    text = _text_of(path)
    assert f"{HINDI} and {TAMIL}" in text
    assert BENGALI in text
    assert {fonts.DEVANAGARI, fonts.TAMIL, fonts.BENGALI_BOLD} <= _font_names(path)


def test_indic_names_in_the_playbook_print_embedded_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "indic.pdf"
    write_playbook(_indic_map(), path)
    text = " ".join(_text_of(path).split())
    for typed in (HINDI, BENGALI, TAMIL, DEPT, "मैं हस्ताक्षरित अनुबंध आगे भेजती हूँ।", f"Prepared for {HINDI}"):
        assert typed in text, typed
    assert fonts.REPLACEMENT not in text
    used = _font_names(path)
    # bold names (role cards, "hands on to") use the bold cut of the script's font
    assert {fonts.DEVANAGARI, fonts.DEVANAGARI_BOLD, fonts.BENGALI_BOLD, fonts.TAMIL_BOLD} <= used
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), font["/BaseFont"]


def test_bold_markup_reaches_runs_in_other_scripts() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    fonts.register_fonts()
    body = fonts.bold_markup(fonts.markup(f"{HINDI} & Ann"))
    para = Paragraph(body, ParagraphStyle("t", fontName=fonts.SANS))
    used = {f.fontName for f in para.frags if f.text.strip()}
    assert used == {fonts.DEVANAGARI_BOLD, fonts.SANS_BOLD}


def test_the_svg_map_carries_indic_names_as_typed() -> None:
    svg = images.svg_text(_indic_map())
    assert HINDI in svg and BENGALI in svg and TAMIL.split()[0] in svg  # (the Tamil name is cut on its card)
    assert "Noto Sans Devanagari" in svg


def test_the_png_map_draws_indic_names(tmp_path: Path) -> None:
    data, info = images.png_bytes(_indic_map())
    assert info.width > 0 and data.startswith(b"\x89PNG")
    drawn = io.BytesIO()
    from reportlab.graphics import renderPDF

    from export.drawing.mapdraw import map_drawing

    renderPDF.drawToFile(map_drawing(_indic_map()), drawn)
    out = tmp_path / "map.pdf"
    out.write_bytes(drawn.getvalue())
    assert HINDI in _text_of(out)


def test_a_cut_indic_name_keeps_whole_letters() -> None:
    full = textline.text_width(HINDI, 10)
    for step in range(1, 30):
        cut = textline.fit_text(HINDI, 10, full * step / 30)
        if not cut.endswith(fonts.ELLIPSIS) or cut == fonts.ELLIPSIS:
            continue
        kept = cut[:-1]
        nxt = HINDI[len(kept):]
        assert HINDI.startswith(kept)
        assert not kept.endswith("\u094d"), cut  # no dangling virama
        assert not nxt or not unicodedata.category(nxt[0]).startswith("M"), cut  # no vowel sign left behind
