"""Any text the map accepts prints: a 30,000-character name, title, department or map title
is cut with an ellipsis where it cannot fit (a contents line, a heading, a lane label) and
never fails the playbook; the SVG prints user text that looks like CSS as typed."""
from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from export.drawing.images import svg_text
from export.playbook import write_playbook
from model.example import build_example
from tests.pdftext import pdf_text

HUGE = 30_000


def long_words(n: int, word: str) -> str:
    return (word * (n // len(word) + 1))[:n]


@pytest.mark.parametrize("field", ["name", "title", "department", "map"])
def test_a_30000_character_text_prints(field: str, tmp_path: Path) -> None:
    doc = build_example()
    pid = next(iter(doc.people))
    text = long_words(HUGE, "Wolfgang-")  # one unbreakable word
    if field == "name":
        doc.update("person", pid, name=text)
    elif field == "title":
        doc.update("person", pid, title=text)
    elif field == "department":
        doc.update("department", next(iter(doc.departments)), name=long_words(4_000, "Wolf gang "))
    else:
        doc.update_meta(title=text, prepared_for=text, prepared_by=text, organisation=text)
    out = tmp_path / "long.pdf"
    write_playbook(doc, out, redact=field == "title")  # redacted: the title is in the role's name
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) > 5
    contents = pdf_text(out).split("\f")
    assert any("\u2026" in page for page in contents[:4])  # cut with an ellipsis on the contents page


def test_a_huge_department_name_prints_on_the_map(tmp_path: Path) -> None:
    doc = build_example()
    doc.update("department", next(iter(doc.departments)), name=long_words(HUGE, "Wolfgang-"))
    out = tmp_path / "dept.pdf"
    write_playbook(doc, out, sections=["contents", "map", "departments"])
    assert "The map" in pdf_text(out)


def test_svg_keeps_text_that_looks_like_css() -> None:
    doc = build_example()
    pid = next(iter(doc.people))
    doc.update("person", pid, name="Ann font-family: Evil; Smith", title='style="font-family: X;"')
    svg = svg_text(doc)
    assert ">Ann font-family: Evil; Smith</text>" in svg
    assert "font-family: X;" in svg and "&quot;font-family: X;&quot;" in svg
    assert "Evil, sans-serif" not in svg  # it was rewritten into a CSS font list


def test_a_30000_character_map_title_keeps_the_cover_to_one_page(tmp_path: Path) -> None:
    from model.document import Document
    from model.entities import MapInfo, Person

    doc = Document.with_standard_statements(MapInfo(title="Riverside pump order " * 1500,
                                                    organisation="Halvorsen " * 3000))
    doc.add("person", Person(name="Ann", stage="sell"))
    out = tmp_path / "cover.pdf"
    write_playbook(doc, out, sections=["cover"])
    assert len(pypdf.PdfReader(out).pages) == 1
