"""Big groups of findings set as tables (export/pdf/table.py, export/pdf/parts/insight_tables.py):
every hand-off and every name still printed as typed, in any script, long text split
over pages rather than cut or raising LayoutError."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from export.pdf.table import TableRow, TextTable, wrap_text
from export.playbook import write_playbook
from model.document import Document
from model.entities import DEPARTMENT_COLORS, Department, Handoff, MapInfo, Person
from model.layout import auto_layout

TODAY = dt.date(2026, 11, 23)
NAMES = ["Zoë <b>O'Brien</b>", "Анна & Кузнецова", "王小明", "فاطمة الزهراء", "Renée 😀 Dubois", "Νίκος"]
LONG_WHAT = " ".join(f"part{i} of <the> spec & more" for i in range(700))  # ~19,000 characters


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def crossing_map() -> Document:
    """Two departments, 18 people in each, every hand-off crossing between them."""
    doc = Document(MapInfo(title="Crossings"))
    left = Department(name="Sales & <Marketing>", color=DEPARTMENT_COLORS[0])
    right = Department(name="المالية", color=DEPARTMENT_COLORS[1])
    doc.add("department", left)
    doc.add("department", right)
    pairs = []
    for i in range(18):
        a = Person(name=f"{NAMES[i % len(NAMES)]} {i}", title="Seller", department_id=left.id, stage="sell")
        b = Person(name=f"Receiver {i} {NAMES[(i + 3) % len(NAMES)]}", department_id=right.id,
                   stage="invoice")
        doc.add("person", a)
        doc.add("person", b)
        pairs.append((a, b))
    for i, (a, b) in enumerate(pairs):
        what = LONG_WHAT if i == 5 else f"the <order> & notes {i}"
        doc.add("handoff", Handoff(source=a.id, target=b.id, what=what, stage="sell", two_way=i == 2))
    doc.move_people(auto_layout(doc))
    return doc


@pytest.fixture(scope="module")
def crossing_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, list[str]]:
    doc = crossing_map()
    path = tmp_path_factory.mktemp("tables") / "crossings.pdf"
    write_playbook(doc, path, sections=["insights"], today=TODAY)
    return doc, [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def test_every_crossing_prints_both_people_and_what_is_handed_over(
    crossing_pdf: tuple[Document, list[str]],
) -> None:
    doc, pages = crossing_pdf
    flat = squash("".join(pages))
    assert "FromToWhatishandedoverStage" in flat
    assert squash("Sales & <Marketing>") in flat
    for h in doc.handoffs.values():
        for pid in (h.source, h.target):
            name = doc.people[pid].name.replace("😀", "[grinning face]")
            for word in name.split():
                if any("\u0600" <= ch <= "\u06ff" for ch in word):
                    assert squash(word) in flat or squash(word)[::-1] in flat, word
                else:
                    assert squash(word) in flat, word
        if h.what != LONG_WHAT:
            assert squash(h.what) in flat, h.what
    assert "two-way" in flat


def test_a_row_taller_than_a_page_flows_on_to_the_next_pages(
    crossing_pdf: tuple[Document, list[str]],
) -> None:
    _doc, pages = crossing_pdf
    flat = squash("".join(pages))
    for i in range(700):  # every piece of it printed (page headers and footers come in between)
        assert f"part{i}of<the>spec&more" in flat, i
    assert sum("part300of" in squash(p) or "part600of" in squash(p) for p in pages) >= 2


def test_split_keeps_every_row_and_repeats_the_header() -> None:
    rows = [TableRow(group="Group A")] + [TableRow([f"name {i}", "x " * (i % 40)]) for i in range(120)]
    table = TextTable(["Who", "What"], [0.4, 0.6], rows)
    width, height = A4[0] - 100, 300.0
    parts, rest = [], table
    while True:
        rest.wrap(width, height)
        pieces = rest.split(width, height)
        if not pieces:
            parts.append(rest)
            break
        first, rest = pieces
        first.wrap(width, height)
        assert first.height <= height + 0.01
        assert first.headers == ["Who", "What"]
        parts.append(first)
    lines = [" ".join(" ".join(c) for c in r.lines) for p in parts for r in p.rows]
    whole = " ".join(lines)
    for i in range(120):
        assert f"name {i}" in whole
    assert len(parts) > 3


def test_wrap_text_drops_no_character() -> None:
    text = "Supercalifragilistic" * 12 + " and 王小明 فاطمة Zoë " * 5
    lines = wrap_text(text, 80)
    assert squash("".join(lines)) == squash(text)
    assert wrap_text("", 80) == [""]
