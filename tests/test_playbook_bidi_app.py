"""The app's own sentences read left to right even when they begin with an Arabic name: the
paragraph direction comes from the language the app writes in, not from the first strong
letter (that rule is for what the user typed)."""
from __future__ import annotations

import ctypes
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from export.playbook import write_playbook
from model.document import Document
from model.entities import Department, Handoff, MapInfo, Person, Story

ARABIC_DEPT = "الخدمة"


def _doc() -> Document:
    doc = Document(MapInfo(title="RTL"))
    service = doc.add("department", Department(name=ARABIC_DEPT))
    sales = doc.add("department", Department(name="Sales"))
    layla = doc.add("person", Person(name="ليلى حداد", title="Lead", department_id=service.id, stage="sell",
                                     story=Story(hand_on="أسلم الطلب إلى فريق المبيعات كل صباح.")))
    dana = doc.add("person", Person(name="Dana Lee", title="AE", department_id=sales.id, stage="deliver"))
    doc.add("handoff", Handoff(source=layla.id, target=dana.id, what="order", stage="sell"))
    return doc


def _lines(path: Path) -> list[list[tuple[float, str]]]:
    """Every printed line: its characters (x, NFKC letter) left to right on the page."""
    out: list[list[tuple[float, str]]] = []
    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        tp = page.get_textpage()
        rows: dict[int, list[tuple[float, str]]] = {}
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if not ch.strip():
                continue
            left, _bottom, _right, _top = tp.get_charbox(i)
            x, y = ctypes.c_double(), ctypes.c_double()  # glyph boxes of Arabic letters differ in height
            raw.FPDFText_GetCharOrigin(tp.raw, i, ctypes.byref(x), ctypes.byref(y))
            baseline = y.value
            rows.setdefault(round(baseline), []).append((left, unicodedata.normalize("NFKC", ch)))
        out += [sorted(row) for _y, row in sorted(rows.items(), reverse=True)]
    pdf.close()
    return out


def test_an_app_sentence_starting_with_an_arabic_name_reads_left_to_right(tmp_path: Path) -> None:
    out = tmp_path / "rtl.pdf"
    write_playbook(_doc(), out, sections=["insights"])
    lines = _lines(out)
    found = 0
    for row in lines:
        text = "".join(ch for _x, ch in row)
        if "andSaleshandwork" not in text:
            continue
        found += 1
        arabic = [x for x, ch in row if "\u0600" <= ch <= "\u06ff"]
        latin_and = next(x for x, ch in row if ch == "a")  # the 'a' of "and", after the name
        assert min(arabic) < latin_and  # the Arabic name first, at the left: read left to right
    assert found
    # the sentence's end is at the right of its last line, full stop last ("...feels it.")
    end = next(row for row in lines if "feelsit." in "".join(ch for _x, ch in row))
    assert end[-1][1] == "." and "".join(ch for _x, ch in end).endswith("it.")


def test_user_text_takes_its_direction_from_its_first_letter(tmp_path: Path) -> None:
    out = tmp_path / "story.pdf"
    write_playbook(_doc(), out, sections=["roles"])
    lines = _lines(out)
    story = next(row for row in lines if "ب" in "".join(ch for _x, ch in row) and
                 len([c for _x, c in row if "\u0600" <= c <= "\u06ff"]) > 15)
    page_right = max(x for row in lines for x, _c in row)
    assert story[-1][0] > page_right - 40  # an Arabic story is set flush right


def test_arabic_text_extracts_in_the_order_it_was_typed(tmp_path: Path) -> None:
    """Search and copy (PDFium: Chrome's viewer) take a right-to-left paragraph's words in
    reading order, and the letters as typed (not presentation forms)."""
    from tests.pdftext import pdf_text

    out = tmp_path / "story.pdf"
    write_playbook(_doc(), out, sections=["roles"])
    text = unicodedata.normalize("NFKC", pdf_text(out))
    assert "أسلم الطلب إلى فريق المبيعات" in text  # the story, word for word
    assert "ليلى حداد" in text  # the name on its card
