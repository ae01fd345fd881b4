"""No part of a playbook ends on a near-empty page when the page before had room to give:
the example's Engineering playbook ended its Insights on a page holding one callout and its
Check-ups on a page holding one note, and the Letter playbook's contents on three lines. A
part's last block now breaks at one of its headings (or moves whole) instead."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from export.playbook import write_playbook
from model.storage.store import load
from tests.page_fill import page_depths
from tests.pdftext import pdf_text

EXAMPLE = Path(__file__).resolve().parents[1] / "assets" / "example.cwalk"
TODAY = dt.date(2026, 12, 4)  # the day the short tails were seen (the findings depend on the date)
NEAR_EMPTY = 0.2  # of the text area's depth


def part_ends(path: Path, title: str) -> list[tuple[str, int, float]]:
    """(part, page number, depth) of each part's last page, for parts longer than one page;
    a page's part is named at the right of its running header (map title, then the part)."""
    pages = pdf_text(path).split("\f")
    depths = page_depths(path)
    parts = []
    for text in pages:
        lines = text.split("\n")
        header = [lines[i - 1] for i in range(1, len(lines)) if lines[i].startswith("Page ")]
        part = header[0][len(title):] if header and header[0].startswith(title) else ""
        parts.append(part.replace("(cont.)", "").strip())
    out = []
    for i in range(1, len(pages)):
        last = i + 1 == len(pages) or parts[i + 1] != parts[i]
        if parts[i] and last and parts[i - 1] == parts[i]:
            out.append((parts[i], i + 1, depths[i]))
    return out


@pytest.mark.parametrize(
    ("department", "page_size"),
    [("Engineering", "a4"), ("Legal", "a4"), ("Procurement", "letter"), (None, "letter")],
)
def test_no_part_ends_on_a_near_empty_page(tmp_path: Path, department: str | None, page_size: str) -> None:
    path, doc = tmp_path / "playbook.pdf", load(EXAMPLE)
    write_playbook(doc, path, page_size=page_size, today=TODAY,
                   departments=[department] if department else None)
    ends = part_ends(path, doc.meta.title)
    assert ends  # parts over more than one page were found (the check reads the headers right)
    short = [(part, page, round(depth, 2)) for part, page, depth in ends if depth < NEAR_EMPTY]
    assert short == []
