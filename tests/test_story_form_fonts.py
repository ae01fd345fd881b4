"""Answers typed into a story form in another script print as typed: the fields use the
playbook's fonts (embedded whole), not reportlab's Helvetica, which has no Cyrillic, CJK or Arabic."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader

from export.story_form import write_story_form
from model.document import Document
from model.entities import Department, Person, Story
from tests.test_story_form import fill  # what a colleague's PDF program does

LATIN_ANSWER = "Привет, Ελλάδα — naïve <terms> & co"  # typed in a Latin map's form: Noto Sans has these


def a_map(name: str, title: str, dept: str, hand_on: str) -> tuple[Document, str]:
    doc = Document.with_standard_statements()
    department = doc.add("department", Department(name=dept))
    person = doc.add("person", Person(name=name, title=title, department_id=department.id,
                                      story=Story(hand_on=hand_on)))
    return doc, person.id


def printed_text(path: Path) -> str:
    """The page as printed (the fields flattened into it by PDFium, Chrome's PDF engine), read back."""
    pdf = pdfium.PdfDocument(path)
    pdf.init_forms()
    page = pdf[0]
    page.flatten()
    page.close()
    text: str = pdf[0].get_textpage().get_text_range()
    pdf.close()
    return text


def field_font(form: Path) -> str:
    reader = PdfReader(form)
    widgets = [a.get_object() for a in reader.pages[0]["/Annots"]]
    widget = next(w for w in widgets if w["/T"] == "story_moment")
    resource = str(widget["/DA"]).split()[0]
    font = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"][resource].get_object()
    descendant = font["/DescendantFonts"][0].get_object()
    assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded, never the reader's own copy
    return str(font["/BaseFont"])


def test_cyrillic_and_greek_typed_into_a_latin_maps_form_print_as_typed(tmp_path: Path) -> None:
    doc, pid = a_map("Priya Raman", "Legal manager", "Legal", "Approved terms")
    form, filled = tmp_path / "form.pdf", tmp_path / "filled.pdf"
    write_story_form(doc, pid, form)
    assert field_font(form) == "/NotoSans-Regular"
    fill(form, filled, {"hand_on": LATIN_ANSWER})
    assert LATIN_ANSWER in printed_text(filled)  # with Helvetica: '??????, ?????? — naïve ...'
    assert PdfReader(filled).get_fields()["story_hand_on"]["/V"] == LATIN_ANSWER


def test_a_chinese_maps_form_takes_chinese_answers(tmp_path: Path) -> None:
    doc, pid = a_map("李雷", "采购经理", "采购部", "批准的采购订单")
    form, filled = tmp_path / "form.pdf", tmp_path / "filled.pdf"
    write_story_form(doc, pid, form)
    assert field_font(form) == "/DroidSansFallback"
    answer = "客户更早签字，因为条款清楚"  # none of these characters is in the map: the whole font is there
    fill(form, filled, {"moment": answer})
    text = printed_text(filled)
    assert answer in text and "批准的采购订单" in text  # the typed answer and the prefilled one


def test_an_arabic_maps_form_uses_the_arabic_face(tmp_path: Path) -> None:
    doc, pid = a_map("ليلى حداد", "مديرة المشتريات", "المشتريات", "أوامر شراء معتمدة")
    form, filled = tmp_path / "form.pdf", tmp_path / "filled.pdf"
    write_story_form(doc, pid, form)
    assert field_font(form) == "/NotoSansArabic-Regular"
    widgets = [a.get_object() for a in PdfReader(form).pages[0]["/Annots"]]
    assert {w.get("/Q") for w in widgets if str(w["/T"]).startswith("story_")} == {2}  # right-aligned
    fill(form, filled, {"why_good": "أستمع جيدا"})
    assert set("أستمع جيدا") - {" "} <= set(printed_text(filled))  # every letter drawn by a real glyph
