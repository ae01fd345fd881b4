"""Page-level typesetting of the playbook: the footer and very long text."""
from __future__ import annotations

from pathlib import Path

from export.pdf import styles
from export.playbook import write_playbook
from model.document import Document
from model.entities import Handoff, MapInfo, Person
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


def test_a_long_footer_for_nobody_fills_its_first_line(tmp_path: Path) -> None:
    """Prepared by a long name, for nobody: the footer breaks after the last word that fits,
    every word printed ("Prepared" stood alone on line 1, the name under it)."""
    by = "Coach Zoë Ødegård-Lindqvist & 김민준, customer-experience facilitators for the northern region"
    doc = Document.with_standard_statements(MapInfo(title="Footer", prepared_by=by))
    doc.add("person", Person(name="Ann", stage="sell"))
    path = tmp_path / "f.pdf"
    write_playbook(doc, path, sections=["walk", "roles"])
    lines = [line.strip() for line in _text_of(path).splitlines()]
    assert "Prepared" not in lines
    first = next(line for line in lines if line.startswith("Prepared by Coach"))
    assert len(first) > len("Prepared by Coach Zoë")
    assert f"Prepared by {by} on " in " ".join(" ".join(lines).split())  # every word of it


def test_a_chosen_contents_page_prints_even_for_one_section(tmp_path: Path) -> None:
    """Only a blank map's playbook leaves its contents page out: asked for with one section, it prints."""
    doc = Document.with_standard_statements(MapInfo(title="One"))
    ann = doc.add("person", Person(name="Ann", stage="sell"))
    bo = doc.add("person", Person(name="Bo", stage="contract"))
    doc.add("handoff", Handoff(source=ann.id, target=bo.id, what="the deal", stage="sell"))
    path = tmp_path / "c.pdf"
    write_playbook(doc, path, sections=["contents", "walk"])
    pages = _text_of(path).split("\f")
    assert pages[0].startswith("Contents") and "The walk, step by step" in pages[0]
