"""Page-level typesetting of the playbook: the footer and very long text."""
from __future__ import annotations

from pathlib import Path

from export.pdf import styles
from export.playbook import write_playbook
from model.document import Document
from model.entities import MapInfo, Person
from tests.pdftext import pdf_text


def _text_of(path: Path) -> str:
    return pdf_text(path)


def test_a_long_footer_wraps_before_by_instead_of_cutting_a_word(tmp_path: Path) -> None:
    doc = Document.with_standard_statements(MapInfo(
        title="Footer", prepared_for="Jonas Weber, Applications Engineer for the northern region",
        prepared_by="Jordan Ellis, customer-experience coach and facilitator"))
    doc.add("person", Person(name="Ann", stage="sell"))
    path = tmp_path / "f.pdf"
    write_playbook(doc, path, sections=["contents", "roles"])
    text = _text_of(path)
    assert "\u2026" not in text
    assert text.count("by Jordan Ellis, customer-experience coach and facilitator on ") >= 2  # every page
    assert "Prepared for Jonas Weber, Applications Engineer for the northern region\n" in text


def test_a_short_footer_stays_on_one_line(tmp_path: Path) -> None:
    doc = Document.with_standard_statements(MapInfo(title="Footer", prepared_for="Ann", prepared_by="Bo"))
    path = tmp_path / "f.pdf"
    write_playbook(doc, path, sections=["contents"])
    assert "Prepared for Ann by Bo on " in _text_of(path)


def test_very_long_text_is_cut_into_paragraphs_at_sentence_ends() -> None:
    text = " ".join(f"Sentence number {i} tells the customer story once more." for i in range(400))
    parts = [src for _markup, src in styles.blocks(text)]
    assert len(parts) > 3
    assert all(p.rstrip().endswith(".") for p in parts)
    assert " ".join(p.strip() for p in parts) == text
