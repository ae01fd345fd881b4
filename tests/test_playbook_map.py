"""The playbook's map pages for a big map: lane tiles keep the stage-column labels, narrow
tiles share a page, nobody is lost between tiles, stubs of one card do not overlap."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from bench.mapgen import make_big_map
from export.drawing.mapdraw import map_drawing
from export.playbook import write_playbook
from model.document import Document
from model.entities import Department, Handoff, MapInfo, Person
from model.layout import auto_layout
from model.stages import STAGES
from tests.export_maps import drawn_strings

TODAY = dt.date(2026, 11, 23)
STAGE_LABEL = re.compile(r"\b(\d+)\s+(" + "|".join(re.escape(s.label) for s in STAGES) + r")\b")


@pytest.fixture(scope="module")
def map_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    doc = make_big_map(300, 1)
    path: Path = tmp_path_factory.mktemp("map") / "map.pdf"
    write_playbook(doc, path, sections=["map"], today=TODAY)
    return doc, path


@pytest.fixture(scope="module")
def map_pages(map_pdf: tuple[Document, Path]) -> tuple[Document, list[str]]:
    doc, path = map_pdf
    return doc, [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def test_every_lane_tile_shows_the_stage_columns(map_pages: tuple[Document, list[str]]) -> None:
    """Every lane page, the later parts of a tall lane too, prints the stage-column band
    above its tile (hidden text is not in the text layer, so what is read is on the page)."""
    _doc, pages = map_pages
    later = 0
    for text in pages:
        match = re.search(r"\(part (\d+) of \d+\)", text)
        if "Lane" not in text[:200]:
            continue
        found = STAGE_LABEL.findall(text)
        assert found, text[:80]
        for number, label in found:  # the right number with the right stage
            assert STAGES[int(number) - 1].label == label
        if match and int(match.group(1)) > 1:
            later += 1
    assert later >= 3  # the map really is tiled


def test_nobody_is_lost_between_tiles(map_pages: tuple[Document, list[str]]) -> None:
    doc, pages = map_pages
    text = " ".join(pages)
    for p in doc.people.values():
        if p.placed:
            assert p.name in text, p.name


def test_stubs_of_one_card_are_drawn_one_above_another() -> None:
    doc = Document(MapInfo(title="Stubs"))
    a = doc.add("department", Department(name="Sales"))
    b = doc.add("department", Department(name="Legal"))
    seller = doc.add("person", Person(name="Seller", department_id=a.id, stage="sell"))
    for i in range(4):
        lawyer = doc.add("person", Person(name=f"Lawyer {i}", department_id=b.id, stage="contract"))
        doc.add("handoff", Handoff(source=seller.id, target=lawyer.id, what="terms"))
    doc.move_people(auto_layout(doc))
    drawing = map_drawing(doc, lane_keys=[a.id], legend=False)
    stubs = [
        s for s in drawn_strings(drawing) if re.match(r"\d+: to Lawyer", str(getattr(s, "logical", s.text)))
    ]
    assert len(stubs) == 4
    assert len({round(s.y, 1) for s in stubs}) == 4
