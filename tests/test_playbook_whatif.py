"""The playbook's keep-in-touch line in "Reach out next" and the opt-in "If someone leaves" section."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from export.playbook import write_playbook
from model.example import build_example
from tests.pdftext import pdf_text

TODAY = dt.date(2026, 12, 4)


def flat(path: Path) -> str:
    return " ".join(pdf_text(path).split())


def test_if_someone_leaves_lists_each_single_point_of_failure_with_cover(tmp_path: Path) -> None:
    doc = build_example()
    out = tmp_path / "drill.pdf"
    write_playbook(doc, out, sections=["what-if"], today=TODAY)
    text = flat(out)
    assert "If someone leaves" in text
    for name in ("Tom Becker", "Jonas Weber", "Lars Nilsson", "Elena Costa", "Marco Rossi", "Sven Aalto"):
        assert name in text
    assert "Breaks: Lars Nilsson → Elena Costa" in text
    assert "Cover: Elena Costa (same department, same stage" in text
    assert "Priya Raman Legal Manager" not in text  # off the critical path: no card of her own


def test_the_section_is_redacted_and_left_out_by_default(tmp_path: Path) -> None:
    doc = build_example()
    redacted = tmp_path / "redacted.pdf"
    write_playbook(doc, redacted, sections=["what-if"], redact=True, today=TODAY)
    text = flat(redacted)
    assert "If someone leaves" in text and "Production Planner (Production)" in text
    assert not [p.name for p in doc.people.values() if p.name in text]
    default = tmp_path / "default.pdf"
    write_playbook(doc, default, sections=None, today=TODAY)
    assert "If someone leaves" not in flat(default)


def test_reach_out_next_shows_cadence_and_next_date(tmp_path: Path) -> None:
    doc = build_example()
    aisha = doc.find_people("Aisha Okafor")[0]
    doc.update("person", aisha.id, cadence_days=14)
    out = tmp_path / "reach.pdf"
    write_playbook(doc, out, sections=["reach-out"], today=TODAY)
    text = flat(out)
    assert "keep in touch every 2 weeks: next 23 Jul 2026 (134 days overdue)" in text  # 9 Jul + 14 days
    assert "keep in touch every 90 days: due now" in text  # never contacted (said once, before it)
    assert "due now, never contacted" not in text


def test_a_30000_character_name_or_hand_off_keeps_the_drill_to_a_page(tmp_path: Path) -> None:
    """Long text never fails the playbook, and in the drill it is cut to a line (it printed
    every character of it, over dozens of pages, once per mention)."""
    from pypdf import PdfReader

    from model.document import Document
    from model.entities import CUSTOMER, Department, Handoff, MapInfo, Person

    huge = ("Wolfgang Amadeus " * 2000)[:30000]
    doc = Document(MapInfo(title="Long names"))
    dept = doc.add("department", Department(name="Ops " + "x" * 30000))
    a = doc.add("person", Person(name=huge, title="Lead " * 6000, department_id=dept.id, stage="sell"))
    b = doc.add("person", Person(name="Short Name", title="Buyer", department_id=dept.id, stage="contract"))
    c = doc.add("person", Person(name="王小明" * 10000, title="Client", kind=CUSTOMER, stage="deliver"))
    doc.add("handoff", Handoff(source=a.id, target=b.id, what="W" * 30000))
    doc.add("handoff", Handoff(source=b.id, target=c.id, what="the order"))
    out = tmp_path / "long.pdf"
    write_playbook(doc, out, sections=["what-if"], today=TODAY)
    assert len(PdfReader(out).pages) <= 2
    text = flat(out)
    assert "Wolfgang Amadeus" in text and "\u2026" in text and "Short Name" in text
