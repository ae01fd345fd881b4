"""The canvas keeps each lane's lowest card, each lane's rightmost card and each stage column's
rightmost card per edit (gui/canvas/mirror/lane_table.py, issue 19) instead of asking
model.layout about all 10,000 people. After any run of random edits (moves up and down, new
lanes and stages, placing and taking off, adding and deleting, tidy up) its lanes, column widths
and map size must be the ones model.layout works out from the whole map."""
from __future__ import annotations

import random

import pytest

from bench.mapgen import make_big_map
from gui.canvas.mirror.lane_table import LaneTable
from model import layout as map_layout
from model.document import Document
from model.entities import Person
from model.stages import STAGE_IDS


def full_shape(doc: Document) -> tuple[list[map_layout.Lane], list[float], tuple[float, float]]:
    return map_layout.lanes(doc), map_layout.stage_widths(doc), map_layout.map_size(doc)


def random_edit(doc: Document, rng: random.Random, serial: list[int]) -> list[str]:
    """One edit a user could make; returns the people it touched (what the canvas is told)."""
    people = sorted(doc.people)
    pid = rng.choice(people)
    person = doc.people[pid]
    kind = rng.choice(["move", "move", "move_many", "lane", "stage", "place", "add", "remove", "tidy"])
    if kind == "move":  # often the lowest or rightmost card itself, up or down, left or right
        dx, dy = rng.choice([-400.0, -30.0, 0.0, 30.0, 600.0]), rng.choice([-300.0, -10.0, 10.0, 500.0])
        doc.move_people({pid: (max(154.0, person.pos[0] + dx), max(4.0, person.pos[1] + dy))})
        return [pid]
    if kind == "move_many":  # a drag of a selection, or its undo
        some = rng.sample(people, min(len(people), rng.randint(2, 60)))
        dy = rng.choice([-200.0, -10.0, 10.0, 250.0])
        doc.move_people({p: (doc.people[p].pos[0], max(4.0, doc.people[p].pos[1] + dy)) for p in some})
        return some
    if kind == "lane" and not person.is_customer:
        doc.update("person", pid, department_id=rng.choice([*doc.departments, None]))
        return [pid]
    if kind == "stage":
        doc.update("person", pid, stage=rng.choice([*STAGE_IDS, None]))
        return [pid]
    if kind == "place":
        doc.update("person", pid, placed=not person.placed)
        return [pid]
    if kind == "add":
        serial[0] += 1
        new = Person(f"New {serial[0]}", "Clerk", rng.choice([*doc.departments, None]),
                     stage=rng.choice([*STAGE_IDS, None]),
                     pos=(rng.uniform(154.0, 3000.0), rng.uniform(4.0, 900.0)), id=f"new{serial[0]}")
        doc.add("person", new)
        return [new.id]
    if kind == "remove" and len(people) > 5:
        doc.remove("person", pid)
        return [pid]
    if kind == "tidy":
        new_places = map_layout.auto_layout(doc, grid=rng.random() < 0.5)
        doc.move_people(new_places)
        return list(new_places)
    return []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_lane_table_after_random_edits_matches_a_full_layout(seed: int) -> None:
    rng = random.Random(seed)
    doc = make_big_map(150, seed=seed)
    table = LaneTable()
    table.reset(doc)
    serial = [0]
    for step in range(150):
        touched = random_edit(doc, rng, serial)
        table.update(doc, touched)
        shape = table.shape(doc)
        lanes, widths, size = full_shape(doc)
        assert shape.lanes == lanes, f"step {step}: the lanes differ from a full layout"
        assert shape.widths == widths, f"step {step}: the column widths differ from a full layout"
        assert (shape.width, shape.height) == size, f"step {step}: the map's size differs"


def test_the_lowest_card_moving_up_shrinks_its_lane_to_the_next_lowest() -> None:
    """The case a per-lane maximum gets wrong if it only compares the edited card with the old
    lowest one: the old lowest card itself moves up, and another card now decides the height."""
    doc = make_big_map(60, seed=5)
    table = LaneTable()
    table.reset(doc)
    key = next(k for k, members in table.members.items() if len(members) > 2)
    members = sorted(table.members[key], key=lambda p: doc.people[p].pos[1])
    low, second = members[-1], members[-2]
    doc.move_people({low: (doc.people[low].pos[0], doc.people[low].pos[1] + 700.0)})
    table.update(doc, [low])
    grown = {lane.key: lane.height for lane in table.shape(doc).lanes}[key]
    doc.move_people({low: (doc.people[low].pos[0], 4.0)})
    table.update(doc, [low])
    height = {lane.key: lane.height for lane in table.shape(doc).lanes}[key]
    assert height < grown
    expected = max(map_layout.MIN_LANE_H, doc.people[second].pos[1] + map_layout.CARD_H + map_layout.PAD,
                   doc.departments[key].lane_height if key in doc.departments else 0.0)
    assert height == expected
    assert table.lowest[key] != low or doc.people[low].pos[1] >= doc.people[second].pos[1]
