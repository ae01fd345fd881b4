"""Headings and contents lines with Arabic read back in reading order (PDFium: search and copy):
a lane page's first heading and the contents page's role line are set by export.pdf.bidi
like the paragraphs, not by reportlab's Paragraph (which put "(part 1 of 2)" inside out)."""
from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium

from export.playbook import write_playbook
from model.layout import auto_layout
from tests.playbook_maps import hostile_map


def _pages(path: Path) -> list[str]:
    """Each page's text as typed: presentation forms folded, the invisible marks dropped."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [unicodedata.normalize("NFKC", page.get_textpage().get_text_range()).replace("\u200e", "")
                for page in pdf]
    finally:
        pdf.close()


def test_lane_headings_and_contents_lines_with_arabic_read_as_typed(tmp_path: Path) -> None:
    out = tmp_path / "hostile.pdf"
    doc = hostile_map(long_story=False)
    # the Arabic lane at Invoice and Renew: too wide for one page (at Invoice and Collect it fits)
    renee = next(p for p in doc.people.values() if p.name.startswith("Renée"))
    doc.update("person", renee.id, stage="renew")
    doc.move_people(auto_layout(doc))
    write_playbook(doc, out, today=dt.date(2026, 11, 23))
    pages = _pages(out)
    lines = [line.strip() for page in pages for line in page.splitlines()]
    assert "Lane: المالية (part 1 of 2)" in lines  # the first heading of the lane's pages
    assert "Lane: المالية (part 2 of 2)" in lines
    contents = next(page for page in pages if "Contents" in page)
    assert "فاطمة الزهراء" in contents  # her role's contents line, not "الزهراء فاطمة"
    pdf = pdfium.PdfDocument(str(out))
    try:  # the bookmark keeps the typed order too
        titles = [item.get_title() for item in pdf.get_toc()]
    finally:
        pdf.close()
    assert "فاطمة الزهراء" in titles
