"""Changing one field of several items at once (the inspector's "change all"): one event, all or
nothing, and cards moved together never share a row."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.document import Document, DocumentError, batch
from model.entities import Department, Handoff, Person
from model.events import Action
from model.layout import (
    CARD_H,
    CARD_W,
    PAD,
    ROW_H,
    FreeSlots,
    card_x_for_stage,
    free_slot,
    lane_key,
    stage_widths,
)
from model.storage.serialize import to_data


def _map() -> Document:
    doc = Document()
    doc.add("department", Department("Sales", id="d1"))
    doc.add("department", Department("Legal", id="d2"))
    for i, (dept, stage) in enumerate([("d1", "sell"), ("d1", "sell"), ("d2", "contract"), (None, None)]):
        doc.add("person", Person(f"P{i}", department_id=dept, stage=stage, id=f"p{i}",
                                 pos=(card_x_for_stage(stage), PAD + i * ROW_H)))
    doc.add("person", Person("Client", kind="customer", id="c", vendor="Acme"))
    doc.add("handoff", Handoff("p0", "p2", id="h1", two_way=True))
    doc.add("handoff", Handoff("p2", "c", id="h2", what="the goods"))
    return doc


def test_a_batch_is_one_event_whose_parts_are_the_items_that_changed():
    doc = _map()
    heard = []
    doc.subscribe(heard.append)
    old = doc.update_many("person", {"p0": {"stage": "build"}, "p1": {"stage": "build"}, "p2": {"title": ""}})
    (event,) = heard
    assert (event.action, event.entity, event.id, event.ids) == (Action.CHANGED, "person", "", ("p0", "p1"))
    assert [(p.id, p.fields) for p in event.each()] == [("p0", ("stage",)), ("p1", ("stage",))]
    assert old == {"p0": {"stage": "sell"}, "p1": {"stage": "sell"}, "p2": {"title": ""}}


def test_undo_gives_each_item_back_its_own_value():
    doc = _map()
    before = to_data(doc)
    changes = batch.person_changes(doc, ["p0", "p2", "p3", "c"], "department_id", "d2")
    assert set(changes) == {"p0", "p3"}  # p2 is in Legal already; a customer has no department
    old = doc.update_many("person", changes)
    assert [doc.people[p].department_id for p in ("p0", "p2", "p3")] == ["d2", "d2", "d2"]
    doc.update_many("person", old)
    assert to_data(doc) == before


def test_one_refusal_changes_nothing_and_tells_nothing():
    doc = _map()
    before = to_data(doc)
    heard = []
    doc.subscribe(heard.append)
    with pytest.raises(DocumentError):
        doc.update_many("handoff", {"h1": {"stage": "build"}, "h2": {"stage": "no such stage"}})
    assert to_data(doc) == before and heard == []


def test_a_single_change_is_told_as_a_plain_event():
    doc = _map()
    heard = []
    doc.subscribe(heard.append)
    doc.update_many("handoff", batch.field_changes(doc, "handoff", ["h1", "h2"], "two_way", True))
    assert [(e.id, e.fields, e.parts) for e in heard] == [("h2", ("two_way",), ())]


def test_the_vendor_is_set_for_the_outsourced_only_and_values_say_when_they_differ():
    doc = _map()
    doc.update("person", "p1", sourcing="outsourced", vendor="Old Co")
    assert batch.values(doc, "person", ["p0", "p1", "c"], "vendor") == ["Old Co"]  # only p1 has one
    assert batch.person_changes(doc, ["p0", "p1", "c"], "vendor", "New Co") == {"p1": {"vendor": "New Co"}}
    assert batch.values(doc, "person", ["p0", "p1", "p2"], "stage") == ["sell", "contract"]
    assert batch.values(doc, "handoff", ["h1", "h2"], "two_way") == [True, False]


def test_cards_moved_together_take_free_rows_one_after_another():
    doc = _map()
    changes = batch.person_changes(doc, ["p0", "p1", "p3"], "stage", "contract")
    assert changes["p0"]["pos"] != changes["p1"]["pos"]  # one lane, one column: two rows
    doc.update_many("person", changes)
    cards = [(lane_key(p), p.pos) for p in doc.people.values() if p.placed]
    assert len(set(cards)) == len(cards)  # no two cards of a lane on one spot


def _reference_free_slot(doc: Document, lane: str, stage: str | None, exclude: str) -> tuple[float, float]:
    """free_slot as it was written before FreeSlots: every card of the lane compared per row."""
    x = card_x_for_stage(stage, stage_widths(doc))
    taken = [p.pos[1] for p in doc.people.values()
             if p.placed and p.id != exclude and lane_key(p) == lane and abs(p.pos[0] - x) < CARD_W]
    row = 0
    while any(abs(y - (PAD + row * ROW_H)) < CARD_H for y in taken):
        row += 1
    return x, PAD + row * ROW_H


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["d1", None]), st.sampled_from(["sell", "contract", None]),
                          st.floats(-200, 900, allow_nan=False)), max_size=12),
       st.sampled_from(["d1", "__unassigned__"]), st.sampled_from(["sell", "contract", None]))
def test_free_slot_finds_the_row_it_always_found(cards, lane, stage):
    doc = Document()
    doc.add("department", Department("Sales", id="d1"))
    for i, (dept, card_stage, y) in enumerate(cards):
        doc.add("person", Person(f"P{i}", department_id=dept, stage=card_stage, id=f"p{i}",
                                 pos=(card_x_for_stage(card_stage), y)))
    exclude = "p0" if cards else ""
    assert free_slot(doc, lane, stage, exclude) == _reference_free_slot(doc, lane, stage, exclude)
    slots = FreeSlots(doc)
    taken = [slots.take(lane, stage) for _ in range(5)]
    assert len(set(taken)) == 5
