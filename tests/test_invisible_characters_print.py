"""Invisible format characters pasted with names and titles (from web pages, spreadsheets,
word processors) print as nothing: a soft hyphen printed '-' inside a word ("Soft-ware
en-gineer"), a zero-width space, word joiner or byte-order mark printed a gap ("Sa les"),
a right-to-left override a box (and, honoured, it would spoof the order of the letters).
Data exports (GraphML) keep them as typed, and a roster's references match names pasted
with them."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from export import fonts
from export.graphml import write_graphml
from export.playbook import write_playbook
from model.document import Document
from model.entities import Department, Handoff, Person
from tests.pdftext import pdf_text

SHY, ZWSP, WJ, BOM, RLO, PDF = "\u00ad", "\u200b", "\u2060", "\ufeff", "\u202e", "\u202c"


def _doc() -> Document:
    doc = Document()
    sales = doc.add("department", Department(name=f"Sa{ZWSP}les"))
    ops = doc.add("department", Department(name="Ops"))
    dana = doc.add("person", Person(name=f"{BOM}Dana {RLO}Cohen{PDF}", title=f"Soft{SHY}ware en{SHY}gineer",
                                    department_id=sales.id, stage="sell", placed=True))
    omar = doc.add("person", Person(name="Omar", title=f"Head{BOM} of {WJ}ops", department_id=ops.id,
                                    stage="contract", placed=True))
    doc.add("handoff", Handoff(source=dana.id, target=omar.id, what="the order"))
    return doc


def test_clean_text_drops_them_for_print_only() -> None:
    typed = f"Soft{SHY}ware Sa{ZWSP}les{BOM} x{WJ}y {RLO}Cohen{PDF} \u2066iso\u2069"
    assert fonts.clean_text(typed) == "Software Sales xy Cohen iso"
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


def test_a_roster_reference_matches_a_name_pasted_with_invisible_characters(tmp_path: Path) -> None:
    from tests.cli_harness import run

    roster = tmp_path / "roster.csv"
    roster.write_text(f"name,hands_off_to\nAnn{ZWSP},Omar{ZWSP}\n{BOM}Omar,\u200eAnn\n", "utf-8")
    proc = run("import-csv", roster, "-o", tmp_path / "m.cwalk", cwd=tmp_path)
    assert proc.returncode == 0 and "2 hand-offs" in proc.stdout, proc.stderr
