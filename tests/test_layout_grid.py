"""model.layout: Tidy Up's grid packing and the stage column widths that follow from it."""
from __future__ import annotations

from model import layout as L
from model.document import Document
from model.entities import Department, Person


def crowded(n: int) -> Document:
    doc = Document.with_standard_statements()
    doc.add("department", Department("Sales", "#4E79A7", id="sales"))
    for i in range(n):
        doc.add("person", Person(f"P{i:02d}", "", "sales", stage="contract", pos=(375.0, 14.0 + 80 * i)))
    doc.add("person", Person("Later", "", "sales", stage="build", pos=(965.0, 14.0), id="later"))
    return doc


def test_few_people_keep_one_column_and_the_old_widths():
    doc = crowded(4)
    assert L.stage_widths(doc) == [L.COL_W] * len(L.STAGE_IDS)
    assert L.auto_layout(doc, grid=True) == L.auto_layout(doc)


def test_a_crowd_becomes_a_grid_and_its_column_widens_to_hold_it():
    doc = crowded(30)
    assert L.auto_layout(doc)["later"] == (L.card_x_for_stage("build"), L.PAD)  # no grid: as before
    new = L.auto_layout(doc, grid=True)
    doc.move_people(new)
    widths = L.stage_widths(doc)
    cols = L.grid_columns(30)
    assert cols >= 3 and widths[1] == cols * L.COL_W and widths[0] == L.COL_W
    xs = sorted({x for pid, (x, _y) in new.items() if pid != "later"})
    assert len(xs) == cols
    for p in doc.people.values():  # each card in its own stage's column
        assert L.stage_at(p.pos[0] + L.CARD_W / 2, widths) == p.stage
    assert new["later"][0] == L.column_x(4, widths) + L.CARD_INSET > L.card_x_for_stage("build")
    assert L.auto_layout(doc, grid=True) == {p.id: p.pos for p in doc.people.values()}  # stable
