"""A department's "where it measures the customer differently" lines are the app's own sentences
around department names: they read left to right even when the first name is Arabic (they were
set as the user's free text, right to left and flush right, the sentence's words in reverse)."""
from __future__ import annotations

from pathlib import Path

from export.playbook import write_playbook
from model.document import Document
from model.entities import DEPARTMENT_COLORS, Department, Handoff, MapInfo, Person
from tests.pdftext import page_chars

FINANCE = "المالية"


def _map() -> Document:
    doc = Document(MapInfo(title="Conflict"))
    fin = doc.add("department", Department(name=FINANCE, color=DEPARTMENT_COLORS[0]))
    sales = doc.add("department", Department(name="Sales", color=DEPARTMENT_COLORS[1]))
    a = doc.add("person", Person(name="Ann Lee", title="Clerk", department_id=fin.id, stage="sell"))
    b = doc.add("person", Person(name="Bob Ray", title="Rep", department_id=sales.id, stage="contract"))
    doc.add("handoff", Handoff(source=a.id, target=b.id, what="the deal", stage="sell"))
    return doc


def test_a_conflict_line_starting_with_an_arabic_name_reads_left_to_right(tmp_path: Path) -> None:
    out = tmp_path / "conflict.pdf"
    write_playbook(_map(), out, sections=["departments"])
    chars = [(ch, x, round(y)) for ch, x, y, _size in page_chars(out, "hand work to each other")]
    text = "".join(ch for ch, _x, _y in chars)
    start = text.index("hand work to each other")  # the sentence: "<Arabic> and Sales hand work ..."
    line_y = chars[start][2]
    on_line = sorted((x, ch) for ch, x, y in chars if y == line_y and ch.strip() and ch.isprintable())
    leftmost = on_line[0][1]
    assert "\u0600" <= leftmost <= "\u06ff", on_line[:12]  # the sentence starts at the left with the name
    assert on_line[-1][1] != "."  # and does not end at the right with a period carried over
