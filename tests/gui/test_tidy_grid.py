"""Tidy Up on a big imported roster: thirty people of one department in one stage are packed
into a grid (rows and columns inside their cell), the stage column widens to hold it, the walk
still reads left to right, and the sticky lane name stays in sight in a tall lane."""
from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QPointF

from model import layout
from model.roster.to_map import import_roster
from model.stages import STAGE_IDS
from model.storage.serialize import to_data


def crowded_roster(path: Path, departments: int = 10, each: int = 30) -> Path:
    """An HR export: every department works in one stage, `each` people per department."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "title", "department", "stage"])
        for d in range(departments):
            for i in range(each):
                out.writerow([f"Person {d:02d}-{i:02d}", f"Role {i % 7}", f"Department {d}", STAGE_IDS[d]])
    return path


def stacked(doc) -> dict[str, tuple[float, float]]:
    """Where an older Tidy Up put them: one column per cell, thirty cards tall."""
    rows: dict[str, int] = {}
    out = {}
    for p in sorted(doc.people.values(), key=lambda p: p.name):
        key = layout.lane_key(p)
        rows[key] = rows.get(key, 0) + 1
        out[p.id] = (layout.card_x_for_stage(p.stage), layout.PAD + (rows[key] - 1) * layout.ROW_H)
    return out


def test_tidy_up_packs_a_crowded_roster_into_grids_and_undoes(window, tmp_path):
    w = window
    doc = import_roster(crowded_roster(tmp_path / "hr.csv")).document
    doc.move_people(stacked(doc))
    w.set_document(doc, None, modified=True)
    doc = w.document
    tall_before = max(lane.height for lane in w.scene.lanes)
    assert tall_before > 29 * layout.ROW_H
    before = to_data(doc)
    w.edit.auto_layout.trigger()
    assert w.statusBar().currentMessage().startswith("Tidied")
    # lanes a quarter as tall; fitted to a 1100x600 canvas, the map shows at least 3x larger
    tall_after = max(lane.height for lane in w.scene.lanes)
    assert tall_after <= tall_before / 4
    width, height = layout.map_size(doc)
    fit_before = min(1100 / layout.map_width(), 600 / (layout.HEADER_H + 11 * tall_before))
    assert min(1100 / width, 600 / height) >= 3 * fit_before
    # rows and columns inside a cell: several cards side by side in one lane and stage
    sell = [pid for pid, p in doc.people.items() if p.stage == "sell"]
    assert len({w.scene.cards[pid].pos().x() for pid in sell}) >= 3
    assert len({w.scene.cards[pid].pos().y() for pid in sell}) >= 3
    # nothing overlaps, every card sits in its own lane and in its own stage column
    rects = sorted((c.scene_card_rect().adjusted(1, 1, -1, -1) for c in w.scene.cards.values()),
                   key=lambda r: (r.left(), r.top()))
    for i, a in enumerate(rects):
        for b in rects[i + 1: i + 60]:
            assert not a.intersects(b)
    for pid, card in w.scene.cards.items():
        p = doc.people[pid]
        lane = w.scene.lane(layout.lane_key(p))
        assert lane.top <= card.pos().y() and card.pos().y() + layout.CARD_H <= lane.bottom
        assert layout.stage_at(card.scene_card_rect().center().x(), w.scene.widths) == p.stage
    # the walk reads left to right: every column starts right of the one before
    lefts = [layout.column_x(i, w.scene.widths) for i in range(len(STAGE_IDS))]
    assert lefts == sorted(lefts) and w.scene.widths[0] >= 3 * layout.COL_W
    # Tidy Up again: already in place
    w.edit.auto_layout.trigger()
    assert "already in place" in w.statusBar().currentMessage()
    w.undo_stack.undo()
    assert to_data(doc) == before


def test_the_lane_name_stays_in_sight_in_a_tall_lane(window, tmp_path):
    w = window
    doc = import_roster(crowded_roster(tmp_path / "hr.csv", departments=2, each=30)).document
    doc.move_people(stacked(doc))
    w.set_document(doc, None)
    w.view.reset_zoom()
    lane = w.scene.lanes[0]
    assert lane.height > 20 * layout.ROW_H
    w.view.centerOn(QPointF(600, lane.top + lane.height / 2))  # the middle of the tall lane
    header = w.scene.lane_headers[lane.key]
    seen_top = w.view.mapToScene(w.view.viewport().rect()).boundingRect().top()
    assert header.sticky_top >= seen_top + layout.HEADER_H - lane.top - 1 > 0
