"""A lane too wide for one page prints in parts, and every stage column in one part only: the
stubs of hand-offs that leave a part sit beside it, in a stretch of the neighbouring column
whose name is left out when another part prints that column (the example's customers' lane
printed "9 Collect" at the end of part 1 and again at the start of part 2)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from export.playbook import write_playbook
from model.document import Document
from model.entities import DEPARTMENT_COLORS, Department, Handoff, MapInfo, Person
from model.example import load_example
from model.layout import auto_layout
from model.stages import STAGES
from tests.pdftext import pdf_text

TODAY = dt.date(2026, 11, 23)
STAGE_LABEL = re.compile(r"\b(\d{1,2})  ?([A-Z][a-z]+)\b")


def _parts(path: Path, lane: str) -> list[list[str]]:
    """The stage names printed in each part of `lane`, part by part (the text between one part's
    heading and the next heading)."""
    text = pdf_text(path)
    labels = {f"{i + 1} {s.label}" for i, s in enumerate(STAGES)}
    chunks = re.split(r"Lanes?: ", text)
    out = []
    for chunk in chunks:
        if not re.match(rf"{re.escape(lane)} \(part \d+ of \d+\)", chunk):
            continue
        body = chunk.split("\n", 1)[1] if "\n" in chunk else ""
        body = body.split("Page ", 1)[0]
        out.append([f"{m.group(1)} {m.group(2)}" for m in STAGE_LABEL.finditer(body)
                    if f"{m.group(1)} {m.group(2)}" in labels])
    return out


def _once_each(parts: list[list[str]]) -> None:
    seen = [label for part in parts for label in part]
    assert len(parts) >= 2 and seen, parts
    assert len(seen) == len(set(seen)), f"a stage printed in two parts: {parts}"


def test_the_examples_customers_lane_prints_each_stage_in_one_part(tmp_path: Path) -> None:
    out = tmp_path / "example.pdf"
    write_playbook(load_example(today=TODAY), out, sections=["map"], today=TODAY)
    parts = _parts(out, "Customers")
    _once_each(parts)
    assert "10 Renew" in parts[-1] and "8 Invoice" in parts[0]


def _chain() -> Document:
    """One department with a person at every stage, each handing on to the next: the lane's
    parts meet at cards on both sides, so their stubs go beside them without whole columns."""
    doc = Document(MapInfo(title="Chain"))
    ops = doc.add("department", Department(name="Operations", color=DEPARTMENT_COLORS[2]))
    people = [doc.add("person", Person(name=f"Worker {i + 1}", title="Clerk", department_id=ops.id,
                                       stage=s.id)) for i, s in enumerate(STAGES)]
    for a, b in zip(people, people[1:], strict=False):
        doc.add("handoff", Handoff(source=a.id, target=b.id, what="the order", stage=a.stage))
    doc.move_people(auto_layout(doc))
    return doc


def test_a_lane_with_a_card_at_every_stage_prints_each_stage_once_with_its_stubs(tmp_path: Path) -> None:
    out = tmp_path / "chain.pdf"
    write_playbook(_chain(), out, sections=["map"], today=TODAY)
    parts = _parts(out, "Operations")
    _once_each(parts)
    assert sorted(label for part in parts for label in part) == sorted(
        f"{i + 1} {s.label}" for i, s in enumerate(STAGES))
    text = " ".join(pdf_text(out).split())
    # a hand-off across a part's edge ends in a labelled stub on both sides of the cut
    cut = [n for n in range(1, len(STAGES)) if f"{n}: to Worker {n + 1} (Operations)" in text]
    assert len(cut) == len(parts) - 1, text
    for n in cut:
        assert f"{n}: from Worker {n} (Operations)" in text


def test_a_part_whose_cards_fit_a_page_is_not_cut_in_two_by_its_stubs_room(tmp_path: Path) -> None:
    """People at Deliver, Invoice and Collect in turn: the Invoice and Collect cards print as one
    part with their arrows whole (a whole column taken for the stubs on the left and the stubs'
    room on the right made the part too wide, and the page's edge cut the arrows between them)."""
    doc = Document(MapInfo(title="Cycle"))
    fin = doc.add("department", Department(name="Finance", color=DEPARTMENT_COLORS[4]))
    stages = ("deliver", "invoice", "collect")
    people = [doc.add("person", Person(name=f"Clerk {i + 1}", title="Clerk", department_id=fin.id,
                                       stage=stages[i % 3])) for i in range(9)]
    for a, b in zip(people, people[1:], strict=False):
        doc.add("handoff", Handoff(source=a.id, target=b.id, what="the invoice", stage=a.stage))
    doc.move_people(auto_layout(doc))
    out = tmp_path / "cycle.pdf"
    write_playbook(doc, out, sections=["map"], today=TODAY)
    parts = _parts(out, "Finance")
    _once_each(parts)
    assert any("8 Invoice" in part and "9 Collect" in part for part in parts), parts
