"""Typed document events (model/events.py): every change a listener must redraw is announced."""
from __future__ import annotations

from model.document import Document
from model.entities import Checkup, Department, Person, Statement
from model.events import Action, Event


def heard(doc: Document) -> list[Event]:
    events: list[Event] = []
    doc.subscribe(events.append)
    return events


def test_actions_are_typed_and_still_read_as_words() -> None:
    doc = Document()
    events = heard(doc)
    doc.add("department", Department("Sales", id="s"))
    assert events[0].action is Action.ADDED and events[0].action == "added"


def test_removing_a_manager_announces_the_people_who_lose_their_manager() -> None:
    doc = Document()
    doc.add("person", Person("Boss", id="boss"))
    doc.add("person", Person("Ann", reports_to="boss", id="ann"))
    events = heard(doc)
    removal = doc.remove("person", "boss")
    assert len(events) == 1  # one removal, one event: Ann's change rides along as a part
    assert (Action.CHANGED, "person", "ann", ("reports_to",)) in [(e.action, e.entity, e.id, e.fields)
                                                                  for e in events[0].each()]
    events.clear()
    doc.restore(removal)
    assert doc.people["ann"].reports_to == "boss"
    assert len(events) == 1 and events[0].action is Action.ADDED and events[0].id == "boss"
    assert any(e.id == "ann" and e.fields == ("reports_to",) for e in events[0].each())


def test_removing_a_statement_announces_the_check_ups_that_lose_an_answer() -> None:
    doc = Document()
    doc.add("statement", Statement("We know our customers", id="st"))
    doc.add("checkup", Checkup(date="2026-01-05", answers={"st": 4}, id="c1"))
    events = heard(doc)
    removal = doc.remove("statement", "st")
    assert len(events) == 1
    assert [(e.action, e.entity, e.id) for e in events[0].each()] == [(Action.CHANGED, "checkup", "c1"),
                                                                     (Action.REMOVED, "statement", "st")]
    doc.restore(removal)
    assert doc.checkups["c1"].answers == {"st": 4}
