"""Pages that are used, read back from a 300-person playbook: the lane pages are evenly full
(lanes flow down the pages, cut between card rows), every card on them prints whole exactly
once, no page is under a quarter full unless it ends a part, and the Departments part does
not end on a page holding just the last department's people list."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from bench.mapgen import make_big_map
from export.playbook import write_playbook
from model.document import Document
from model.layout import lane_key, lanes
from tests.page_fill import page_depths, page_fills
from tests.pdftext import pdf_text
from tests.test_playbook_map_print import glyph_sizes

TODAY = dt.date(2026, 11, 23)
QUARTER = 0.25


@pytest.fixture(scope="module")
def big() -> Document:
    return make_big_map(300, 1)


@pytest.fixture(scope="module")
def map_pdf(big: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = tmp_path_factory.mktemp("fill") / "map.pdf"
    write_playbook(big, path, sections=["map"], today=TODAY)
    return path


@pytest.fixture(scope="module")
def full_pdf(big: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = tmp_path_factory.mktemp("fill") / "playbook.pdf"
    write_playbook(big, path, today=TODAY)
    return path


def _lane_chunks(texts: list[str]) -> list[tuple[int, str, str]]:
    """(page index, heading, text) of every lane piece, split at the "Lane: ..." headings."""
    out: list[tuple[int, str, str]] = []
    for index, text in enumerate(texts):
        parts = re.split(r"(?m)^(Lanes?: .*)$", text)
        for head, body in zip(parts[1::2], parts[2::2], strict=True):
            out.append((index, head.strip(), body))
    return out


def test_lane_pages_are_on_average_three_quarters_full(map_pdf: Path) -> None:
    texts = pdf_text(map_pdf).split("\f")
    fills = page_fills(map_pdf)
    depths = page_depths(map_pdf)
    lane = [i for i, text in enumerate(texts) if text.startswith("Lane")]
    assert len(lane) > 30
    mean = sum(fills[i] for i in lane) / len(lane)
    print(f"{len(texts)} map pages, {len(lane)} lane pages, {mean:.0%} full on average")
    assert mean >= 0.75, [round(fills[i], 2) for i in lane]
    thin = [(i + 1, round(depths[i], 2)) for i in lane[:-1] if depths[i] < QUARTER]
    assert not thin  # only the map's last page may be short
    assert sum(1 for i in lane if texts[i].count("Lane") >= 2) >= 5  # short lanes share pages


def test_every_card_prints_whole_once_and_parts_are_numbered_in_order(big: Document, map_pdf: Path) -> None:
    chunks = _lane_chunks(pdf_text(map_pdf).split("\f"))
    by_lane: dict[str, list[tuple[str, str]]] = {}
    for _index, head, body in chunks:
        name = re.sub(r" \(part \d+ of \d+\)$", "", head)
        by_lane.setdefault(name, []).append((head, body))
    counts = Counter(p.name for p in big.people.values())
    checked = 0
    for ln in lanes(big):
        pieces = by_lane[f"Lane: {ln.name}"]
        n = len(pieces)
        expected = [f"Lane: {ln.name}" + (f" (part {k} of {n})" if n > 1 else "") for k in range(1, n + 1)]
        assert [head for head, _body in pieces] == expected
        text = "\n".join(body for _head, body in pieces)
        for p in big.people.values():
            if p.placed and lane_key(p) == ln.key and counts[p.name] == 1:
                assert text.count(p.name) == 1, (ln.name, p.name)
                checked += 1
    assert checked >= 150


def test_no_text_on_the_filled_lane_pages_is_under_6_pt(map_pdf: Path) -> None:
    small = [(page + 1, round(size, 2), ch) for page, size, ch in glyph_sizes(map_pdf) if size < 5.99]
    assert not small, small[:10]


def _part(text: str, title: str) -> str:
    """The part of the playbook a page belongs to, from its running header ("" on the cover)."""
    for line in text.splitlines():
        if line.startswith(title):
            return line[len(title):].split(" \u2014 ")[0].strip()
    return ""


def test_no_page_is_under_a_quarter_full_unless_it_ends_a_part(big: Document, full_pdf: Path) -> None:
    texts = pdf_text(full_pdf).split("\f")
    depths = page_depths(full_pdf)
    parts = [_part(text, big.meta.title) for text in texts]
    assert parts.count("Departments") >= 3 and parts.count("The map") >= 30
    thin = [(i + 1, parts[i], round(depths[i], 2)) for i in range(len(texts) - 1)
            if depths[i] < QUARTER and parts[i + 1] == parts[i]]
    assert not thin


def test_the_departments_part_ends_on_a_page_a_quarter_full(big: Document, full_pdf: Path) -> None:
    """The last department moves whole to a new page rather than leave its people list alone."""
    texts = pdf_text(full_pdf).split("\f")
    depths = page_depths(full_pdf)
    pages = [i for i, text in enumerate(texts) if _part(text, big.meta.title) == "Departments"]
    thin = [(i + 1, round(depths[i], 2)) for i in pages if depths[i] < QUARTER]
    assert not thin
    last = list(big.departments.values())[-1].name
    assert texts[pages[-1]].lstrip().startswith(last)  # it starts with the department's card


def test_a_long_one_column_lane_prints_on_portrait_pages(big: Document, map_pdf: Path) -> None:
    """Sales' cards sit in one stage column: its pieces go on portrait pages (eight card rows
    a page), the three-column lanes stay landscape."""
    texts = pdf_text(map_pdf).split("\f")
    pdf = pdfium.PdfDocument(str(map_pdf))
    sizes = [pdf[i].get_size() for i in range(len(pdf))]
    pdf.close()
    sales = [i for i, text in enumerate(texts) if text.startswith("Lane: Sales")]
    legal = [i for i, text in enumerate(texts) if text.startswith("Lane: Legal")]
    assert sales and legal
    assert all(sizes[i][0] < sizes[i][1] for i in sales)
    assert all(sizes[i][0] > sizes[i][1] for i in legal)
    assert len(sales) <= 3  # 22 people, one column: five landscape pages before


def test_a_department_playbook_of_a_big_organisation_has_full_lane_pages(tmp_path: Path) -> None:
    doc = make_big_map(2000, 1)
    team = next(iter(doc.departments.values()))
    out = write_playbook(doc, tmp_path / "team.pdf", departments=[team.name], today=TODAY)
    texts = pdf_text(out).split("\f")
    fills = page_fills(out)
    lane = [i for i, text in enumerate(texts) if text.startswith("Lane")]
    assert len(lane) >= 5
    mean = sum(fills[i] for i in lane) / len(lane)
    print(f"{team.name}: {len(texts)} pages, {len(lane)} lane pages, {mean:.0%} full on average")
    assert mean >= 0.8
