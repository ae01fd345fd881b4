"""Invisible format characters pasted with names and titles (from web pages, spreadsheets,
word processors) print as nothing: a soft hyphen printed '-' inside a word ("Soft-ware
en-gineer"), a zero-width space, word joiner or byte-order mark printed a gap ("Sa les").
Data exports (GraphML) keep them as typed."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from export import fonts
from export.graphml import write_graphml
from export.playbook import write_playbook
from model.document import Document
from model.entities import Department, Handoff, Person
from tests.pdftext import pdf_text

SHY, ZWSP, WJ, BOM = "\u00ad", "\u200b", "\u2060", "\ufeff"


def _doc() -> Document:
    doc = Document()
    sales = doc.add("department", Department(name=f"Sa{ZWSP}les"))
    ops = doc.add("department", Department(name="Ops"))
    dana = doc.add("person", Person(name=f"{BOM}Dana Cohen", title=f"Soft{SHY}ware en{SHY}gineer",
                                    department_id=sales.id, stage="sell", placed=True))
    omar = doc.add("person", Person(name="Omar", title=f"Head{BOM} of {WJ}ops", department_id=ops.id,
                                    stage="contract", placed=True))
    doc.add("handoff", Handoff(source=dana.id, target=omar.id, what="the order"))
    return doc


def test_clean_text_drops_them_for_print_only() -> None:
    typed = f"Soft{SHY}ware Sa{ZWSP}les{BOM} x{WJ}y"
    assert fonts.clean_text(typed) == "Software Sales xy"
    assert fonts.clean_text(typed, for_print=False) == typed
    assert fonts.clean_text("Zoë\u200d👩 \u200eשלום") == "Zoë\u200d👩 \u200eשלום"  # joiners and marks stay


def test_the_playbook_prints_them_as_nothing(tmp_path: Path) -> None:
    out = write_playbook(_doc(), tmp_path / "book.pdf", sections=["map", "roles"])
    text = pdf_text(out)
    for word in ("Software engineer", "Sales", "Head of ops", "Dana Cohen"):
        assert word in text, word
    for broken in ("Soft-ware", "en-gineer", "Sa les", "Head  of"):
        assert broken not in text, broken


def test_graphml_keeps_them_as_typed(tmp_path: Path) -> None:
    out = tmp_path / "map.graphml"
    write_graphml(_doc(), out)
    titles = {data.get("title") for _n, data in nx.read_graphml(out).nodes(data=True)}
    assert f"Soft{SHY}ware en{SHY}gineer" in titles, titles
