"""The Document: every change validated, announced, and reversible."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.document import Document, DocumentError
from model.entities import ActionItem, Checkup, Department, Handoff, OutreachEntry, Person, Session
from model.events import Event
from model.storage.serialize import from_data, to_data
from tests.strategies import documents, text


def small_doc() -> tuple[Document, dict[str, str]]:
    doc = Document.with_standard_statements()
    sales = doc.add("department", Department("Sales"))
    legal = doc.add("department", Department("Legal"))
    ann = doc.add("person", Person("Ann", department_id=sales.id, stage="sell"))
    bob = doc.add("person", Person("Bob", department_id=legal.id, stage="contract"))
    cus = doc.add("person", Person("Cleo", kind="customer"))
    h1 = doc.add("handoff", Handoff(ann.id, bob.id, what="deal"))
    h2 = doc.add("handoff", Handoff(bob.id, cus.id, what="terms"))
    return doc, {"sales": sales.id, "legal": legal.id, "ann": ann.id, "bob": bob.id, "cus": cus.id,
                 "h1": h1.id, "h2": h2.id}


def test_events_announce_every_change() -> None:
    doc, ids = small_doc()
    seen: list[Event] = []
    doc.subscribe(seen.append)
    doc.update("person", ids["ann"], title="Account executive")
    doc.move_people({ids["ann"]: (10.0, 20.0)})
    doc.remove("handoff", ids["h1"])
    assert [(e.action, e.entity) for e in seen] == [
        ("changed", "person"), ("moved", "person"), ("removed", "handoff")
    ]
    assert seen[0].fields == ("title",)
    doc.unsubscribe(seen.append)
    doc.update("person", ids["ann"], title="x")
    assert len(seen) == 3


def test_update_returns_old_values_and_unchanged_values_are_silent() -> None:
    doc, ids = small_doc()
    seen: list[Event] = []
    doc.subscribe(seen.append)
    old = doc.update("person", ids["ann"], title="CEO", name="Ann")
    assert old == {"title": "", "name": "Ann"}
    assert seen[-1].fields == ("title",)
    doc.update("person", ids["ann"], **old)
    assert doc.people[ids["ann"]].title == ""


def test_removing_a_person_takes_their_handoffs_and_restore_puts_all_back() -> None:
    doc, ids = small_doc()
    doc.set_you(ids["bob"])
    doc.update("person", ids["ann"], reports_to=ids["bob"])
    before = to_data(doc)
    removal = doc.remove("person", ids["bob"])
    assert ids["h1"] not in doc.handoffs and ids["h2"] not in doc.handoffs
    assert doc.meta.you_id is None and doc.people[ids["ann"]].reports_to is None
    assert doc.problems() == []
    doc.restore(removal)
    assert to_data(doc) == before


def test_removing_a_department_unassigns_members_and_restore_reassigns() -> None:
    doc, ids = small_doc()
    before = to_data(doc)
    removal = doc.remove("department", ids["sales"])
    assert doc.people[ids["ann"]].department_id is None
    doc.restore(removal)
    assert to_data(doc) == before


def test_removing_a_statement_drops_its_answers_and_restore_brings_them_back() -> None:
    doc, _ids = small_doc()
    doc.add("checkup", Checkup("2026-01-05", answers={"heroes": 2, "voices": 5}))
    before = to_data(doc)
    removal = doc.remove("statement", "heroes")
    assert doc.problems() == []
    doc.restore(removal)
    assert to_data(doc) == before


@pytest.mark.parametrize(
    "entity, changes, words",
    [
        ("person", {"kind": "robot"}, "kind"),
        ("person", {"sourcing": "maybe"}, "sourcing"),
        ("person", {"stage": "lunch"}, "stage"),
        ("person", {"department_id": "nope"}, "department"),
        ("person", {"pos": (float("nan"), 0.0)}, "position"),
        ("person", {"name": 5}, "text"),
        ("person", {"favourite": "tea"}, "no field"),
        ("handoff", {"target": "nobody"}, "two people"),
        ("department", {"kpis": "revenue"}, "KPIs"),
        ("department", {"lane_height": -3.0}, "lane height"),
    ],
)
def test_invalid_updates_are_refused_and_change_nothing(entity: str, changes: dict, words: str) -> None:
    doc, ids = small_doc()
    target = {"person": ids["ann"], "handoff": ids["h1"], "department": ids["sales"]}[entity]
    before = to_data(doc)
    with pytest.raises(DocumentError, match=words):
        doc.update(entity, target, **changes)
    assert to_data(doc) == before


def test_invalid_additions_are_refused() -> None:
    doc, ids = small_doc()
    before = to_data(doc)
    with pytest.raises(DocumentError):
        doc.add("handoff", Handoff(ids["ann"], ids["ann"]))
    with pytest.raises(DocumentError):
        doc.add("person", Person("Dup", id=ids["ann"]))
    with pytest.raises(DocumentError):
        doc.add("checkup", Checkup("2026-13-45"))
    with pytest.raises(DocumentError):
        doc.add("checkup", Checkup("2026-01-01", answers={"heroes": 9}))
    with pytest.raises(DocumentError):
        doc.add("checkup", Checkup("2026-01-01", answers={"nobody-asked": 3}))
    with pytest.raises(DocumentError):
        doc.add_outreach(ids["ann"], OutreachEntry("yesterday"))
    with pytest.raises(DocumentError):
        doc.update_meta(you_id="ghost")
    with pytest.raises(DocumentError):
        doc.reorder_departments([ids["sales"]])
    assert to_data(doc) == before


def test_outreach_and_action_items_round_trip() -> None:
    doc, ids = small_doc()
    entry = OutreachEntry("2026-10-01", "coffee", "talked about renewals")
    doc.add_outreach(ids["ann"], entry)
    assert doc.people[ids["ann"]].last_contact() == "2026-10-01"
    assert doc.remove_outreach(ids["ann"], entry.id) == (0, entry)
    session = doc.add("session", Session("2026-11-01", "first"))
    item = ActionItem("Call legal", owner="Ann", due="2026-12-01")
    doc.add_action_item(session.id, item)
    old = doc.update_action_item(session.id, item.id, done=True)
    assert old == {"done": False} and doc.sessions[session.id].action_items[0].done
    with pytest.raises(DocumentError):
        doc.update_action_item(session.id, item.id, due="soon")
    assert doc.sessions[session.id].action_items[0].due == "2026-12-01"


def test_reorder_departments_and_back() -> None:
    doc, ids = small_doc()
    old = doc.reorder_departments([ids["legal"], ids["sales"]])
    assert list(doc.departments) == [ids["legal"], ids["sales"]]
    doc.reorder_departments(old)
    assert list(doc.departments) == [ids["sales"], ids["legal"]]


def test_clone_is_deep_and_silent() -> None:
    doc, ids = small_doc()
    seen: list[Event] = []
    doc.subscribe(seen.append)
    twin = doc.clone()
    twin.update("person", ids["ann"], name="Changed")
    assert doc.people[ids["ann"]].name == "Ann" and seen == []
    assert to_data(from_data(to_data(doc))) == to_data(doc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents(), data=st.data())
def test_any_sequence_of_operations_keeps_the_document_valid(doc: Document, data: st.DataObject) -> None:
    removals = []
    for _ in range(data.draw(st.integers(1, 25))):
        op = data.draw(st.sampled_from([
            "add_person", "rename", "remove", "restore", "handoff", "move", "you", "dept", "bad", "reorder",
        ]))
        people = list(doc.people)
        before = to_data(doc)
        try:
            if op == "add_person":
                dept = data.draw(st.sampled_from([None, *doc.departments]))
                doc.add("person", Person(data.draw(text), department_id=dept))
            elif op == "rename" and people:
                doc.update("person", data.draw(st.sampled_from(people)), name=data.draw(text))
            elif op == "remove" and people:
                removals.append(doc.remove("person", data.draw(st.sampled_from(people))))
            elif op == "restore" and removals:
                doc.restore(removals.pop())
            elif op == "handoff" and len(people) >= 2:
                a, b = data.draw(st.permutations(people))[:2]
                doc.add("handoff", Handoff(a, b, what=data.draw(text)))
            elif op == "move" and people:
                doc.move_people({data.draw(st.sampled_from(people)): (1.5, 2.5)})
            elif op == "you":
                doc.set_you(data.draw(st.sampled_from([None, *people])))
            elif op == "dept":
                if doc.departments and data.draw(st.booleans()):
                    removals.append(
                        doc.remove("department", data.draw(st.sampled_from(list(doc.departments))))
                    )
                else:
                    doc.add("department", Department(data.draw(text)))
            elif op == "reorder" and doc.departments:
                doc.reorder_departments(data.draw(st.permutations(list(doc.departments))))
            elif op == "bad" and people:
                doc.update("person", people[0], stage="not-a-stage")
        except DocumentError:
            assert to_data(doc) == before  # a refused edit changes nothing
        assert doc.problems() == []
    # everything that was taken out can be put back
    while removals:
        doc.restore(removals.pop())
        assert doc.problems() == []
