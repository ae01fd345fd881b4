"""Five megabytes of text, right-to-left overrides, NUL and control characters in a name and a
story: stored, checked and exported safely (and in reasonable time: no quadratic layout)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import networkx as nx
import pypdf
import pytest

from export.csv_roster import write_csv
from export.graphml import write_graphml
from export.playbook import write_playbook
from model.analysis.insights import analyse, report_text
from model.roster.to_map import import_roster
from model.storage.store import load, save
from model.templates.catalog import build_template

EVIL_NAME = "Ann \u202eevil\u202c \u0000nul \u0007bell \u200f\u05e9\u05dc\u05d5\u05dd"
TAIL = "THE-VERY-END-OF-THE-STORY"


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    doc = build_template("order-to-cash")
    pid = next(iter(doc.people))
    wall = ("a long pasted line \u202eoverride\u202c \u0000 " * 200_000)[: 5 * 1024 * 1024 - len(TAIL)] + TAIL
    doc.update("person", pid, name=EVIL_NAME, story=dataclasses.replace(doc.people[pid].story, moment=wall))
    path = tmp_path_factory.mktemp("huge") / "huge.cwalk"
    save(doc, path)
    return doc, pid, path


def test_stored_exactly(huge: tuple) -> None:
    doc, pid, path = huge
    again = load(path)
    assert again.people[pid].name == EVIL_NAME
    assert again.people[pid].story.moment == doc.people[pid].story.moment


def test_checked(huge: tuple) -> None:
    doc, _pid, _path = huge
    text = report_text(doc, analyse(doc))
    assert "\u0000" not in text and "\u202e" not in text  # one line per finding, no hidden reordering


def test_playbook_sets_all_of_it(huge: tuple, tmp_path: Path) -> None:
    doc, _pid, _path = huge
    out = tmp_path / "huge.pdf"
    write_playbook(doc, out, sections=["roles"])
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) > 500
    assert any(TAIL in page.extract_text() for page in reader.pages)  # the end made it onto a page


def test_csv_and_graphml_round_trip(huge: tuple, tmp_path: Path) -> None:
    doc, pid, _path = huge
    csv_path = tmp_path / "huge.csv"
    write_csv(doc, csv_path)
    back = import_roster(csv_path).document
    assert back.people[pid].story.moment.endswith(TAIL)
    graphml = tmp_path / "huge.graphml"
    write_graphml(doc, graphml)
    graph = nx.read_graphml(graphml)
    assert graph.number_of_nodes() == len(doc.people)
