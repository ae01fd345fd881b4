"""The map section chooses by what prints legibly: a walk that fits one page with no text
under 6 pt prints as one picture (the stage columns it reaches, its lanes named at the
left); a bigger one (the example's 17 people across ten stages) as the departments x
stages summary and lane pages, still with no text under 6 pt. Read back glyph by glyph."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from export.playbook import write_playbook
from model.document import Document
from model.entities import DEPARTMENT_COLORS, Department, Handoff, MapInfo, Person
from model.example import load_example
from model.layout import auto_layout
from tests.pdftext import pdf_text
from tests.test_playbook_map_print import glyph_sizes

TODAY = dt.date(2026, 11, 23)


def _small() -> Document:
    doc = Document(MapInfo(title="Small"))
    sales = doc.add("department", Department(name="Sales", color=DEPARTMENT_COLORS[0]))
    legal = doc.add("department", Department(name="Legal", color=DEPARTMENT_COLORS[1]))
    ann = doc.add("person", Person(name="Ann Lee", title="AE", department_id=sales.id, stage="sell"))
    bob = doc.add("person", Person(name="Bob Ray", title="Counsel", department_id=legal.id, stage="contract"))
    doc.add("handoff", Handoff(source=ann.id, target=bob.id, what="the signed deal", stage="sell"))
    doc.move_people(auto_layout(doc))
    return doc


def _smallest(path: Path) -> float:
    return min(size for _page, size, _ch in glyph_sizes(path))


def test_a_small_walk_prints_as_one_picture_with_no_text_under_6_pt(tmp_path: Path) -> None:
    out = tmp_path / "small.pdf"
    write_playbook(_small(), out, sections=["map"], today=TODAY)
    pages = pdf_text(out).split("\f")
    assert len(pages) == 1  # the heading, the lead and the picture on one page
    text = " ".join(pages[0].split())
    assert "too many to print whole" not in text and "HAND-OFFS BETWEEN DEPARTMENTS" not in text
    for seen in ("Ann Lee", "Bob Ray", "Sales", "Legal", "the signed deal", "Sell", "Contract"):
        assert seen in text, seen
    assert _smallest(out) >= 5.99


def test_the_example_prints_the_summary_and_lane_pages_with_no_text_under_6_pt(tmp_path: Path) -> None:
    out = tmp_path / "example.pdf"
    write_playbook(load_example(today=TODAY), out, sections=["map"], today=TODAY)
    pages = pdf_text(out).split("\f")
    assert "too many to print whole" in " ".join(pages[0].split())  # the whole walk needs ~2 pt text
    first_lane = next(i for i, page in enumerate(pages) if page.startswith("Lane"))
    assert all(page.startswith("Lane") for page in pages[first_lane:])  # every lane page names its lanes
    # the customers' lane, two small parts, shares one page instead of two nearly empty ones
    assert any("Customers (part 1 of 2)" in page and "Customers (part 2 of 2)" in page for page in pages)
    assert _smallest(out) >= 5.99
