"""model.layout: Tidy Up's grid packing and the stage column widths that follow from it."""
from __future__ import annotations

from model import layout
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
    assert layout.stage_widths(doc) == [layout.COL_W] * len(layout.STAGE_IDS)
    assert layout.auto_layout(doc, grid=True) == layout.auto_layout(doc)


def test_a_crowd_becomes_a_grid_and_its_column_widens_to_hold_it():
    doc = crowded(30)
    assert layout.auto_layout(doc)["later"] == (
        layout.card_x_for_stage("build"),
        layout.PAD,
    )  # no grid: as before
    new = layout.auto_layout(doc, grid=True)
    doc.move_people(new)
    widths = layout.stage_widths(doc)
    cols = layout.grid_columns(30)
    assert cols >= 3 and widths[1] == cols * layout.COL_W and widths[0] == layout.COL_W
    xs = sorted({x for pid, (x, _y) in new.items() if pid != "later"})
    assert len(xs) == cols
    for p in doc.people.values():  # each card in its own stage's column
        assert layout.stage_at(p.pos[0] + layout.CARD_W / 2, widths) == p.stage
    assert (
        new["later"][0] == layout.column_x(4, widths) + layout.CARD_INSET > layout.card_x_for_stage("build")
    )
    assert layout.auto_layout(doc, grid=True) == {p.id: p.pos for p in doc.people.values()}  # stable


def test_the_layout_type_checks_strictly_on_its_own():
    """model/layout.py (shared by the canvas and every export) passes `mypy --strict`: it reads
    the map through a narrow protocol, so the check does not pull in the whole document."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "model/layout.py"]
    run = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=240, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-500:]
