"""Every public Document mutation announces exactly one event of a documented type, and so does its
undo (model/events.py). The mutations are found by introspection: a new one fails the census test
until it is driven here too."""
from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from model.document import Document, DocumentError, Removal
from model.entities import (
    ActionItem,
    Checkup,
    Department,
    Handoff,
    MapInfo,
    OutreachEntry,
    Person,
    Session,
    Statement,
)
from model.events import ENTITIES, Action, Event, Observable
from model.storage.serialize import to_data

# public methods that only read (or build a new document): everything else must be driven below
READERS = {"collection", "get", "person", "colleagues", "customers", "handoffs_of", "find_people",
           "problems", "clone", "with_standard_statements"}

Undo = Callable[[], Any]


def sample() -> Document:
    """A small map where every kind of link exists, so a removal has something to take along."""
    doc = Document(MapInfo(title="Acme <&> 李"))
    doc.add("department", Department("Sales", id="d1"))
    doc.add("department", Department("Delivery", id="d2"))
    doc.add("person", Person("Boss", department_id="d1", id="boss", pos=(10.0, 10.0)))
    doc.add("person", Person("Ann", department_id="d1", reports_to="boss", id="ann",
                             outreach=[OutreachEntry(date="2026-01-02", note="call", id="o1")]))
    doc.add("person", Person("Cat", department_id="d2", reports_to="boss", id="cat"))
    doc.add("person", Person("Client", kind="customer", id="cust"))
    doc.add("handoff", Handoff("boss", "ann", what="the deal", id="h1"))
    doc.add("handoff", Handoff("ann", "cat", id="h2"))
    doc.add("handoff", Handoff("cat", "cust", id="h3"))
    doc.add("handoff", Handoff("cust", "boss", id="h4"))
    doc.add("statement", Statement("We know our customers", id="st"))
    doc.add("checkup", Checkup(date="2026-01-05", answers={"st": 4}, id="c1"))
    doc.add("session", Session(date="2026-01-06", action_items=[ActionItem("Call", id="a1")], id="s1"))
    doc.set_you("boss")
    return doc


def _remove(entity: str, item_id: str) -> Callable[[Document], Undo]:
    def drive(doc: Document) -> Undo:
        removal = doc.remove(entity, item_id)
        return lambda: doc.restore(removal)
    return drive


def _restore(doc: Document) -> Undo:
    doc.restore(TAKEN.pop(id(doc)))
    return lambda: doc.remove("person", "boss")


# removals made before the test listens, for the case that drives `restore` (by id of the document)
TAKEN: dict[int, Removal] = {}
SETUP: dict[str, Callable[[Document], None]] = {
    "restore": lambda d: TAKEN.__setitem__(id(d), d.remove("person", "boss")),
}


def _remove_outreach(doc: Document) -> Undo:
    index, entry = doc.remove_outreach("ann", "o1")
    return lambda: doc.add_outreach("ann", entry, index)


def _remove_action(doc: Document) -> Undo:
    index, item = doc.remove_action_item("s1", "a1")
    return lambda: doc.add_action_item("s1", item, index)


def _reorder(doc: Document) -> Undo:
    old = doc.reorder_departments(["d2", "d1"])
    return lambda: doc.reorder_departments(old)


def _move(doc: Document) -> Undo:
    old = doc.move_people({"boss": (300.0, 40.0), "ann": (500.0, 40.0)})
    return lambda: doc.move_people(old)


# (method, case) -> drive the mutation, return its undo (the inverse mutation)
CASES: dict[tuple[str, str], Callable[[Document], Undo]] = {
    ("add", "a department"): lambda d: (d.add("department", Department("Finance", id="d3")),
                                        lambda: d.remove("department", "d3"))[1],
    ("add", "a hand-off at a place"): lambda d: (d.add("handoff", Handoff("ann", "cust", id="h9"), 0),
                                                 lambda: d.remove("handoff", "h9"))[1],
    ("update", "a name"): lambda d: (lambda old: lambda: d.update("person", "ann", **old))(
        d.update("person", "ann", name="Ann 🙂 آن", department_id="d2")),
    ("update_many", "three people at once"): lambda d: (lambda old: lambda: d.update_many("person", old))(
        d.update_many("person", {"ann": {"department_id": "d2", "sourcing": "outsourced"},
                                 "cat": {"department_id": "d1"}, "boss": {"stage": "build"}})),
    ("remove", "a person with hand-offs, reports and 'you'"): _remove("person", "boss"),
    ("remove", "a department with people"): _remove("department", "d1"),
    ("remove", "a statement with answers"): _remove("statement", "st"),
    ("remove", "a hand-off"): _remove("handoff", "h2"),
    ("remove", "a session"): _remove("session", "s1"),
    ("restore", "a person with everything"): _restore,
    ("update_meta", "the title"): lambda d: (lambda old: lambda: d.update_meta(**old))(
        d.update_meta(title="Acme 2", stale_days=30)),
    ("move_people", "two cards"): _move,
    ("reorder_departments", "the lanes"): _reorder,
    ("set_you", "somebody else"): lambda d: (lambda old: lambda: d.set_you(old))(d.set_you("ann")),
    ("add_outreach", "an entry"): lambda d: (d.add_outreach("cat", OutreachEntry(date="2026-02-01", id="o2")),
                                             lambda: d.remove_outreach("cat", "o2"))[1],
    ("remove_outreach", "an entry"): _remove_outreach,
    ("add_action_item", "an item"): lambda d: (d.add_action_item("s1", ActionItem("Write", id="a2"), 0),
                                               lambda: d.remove_action_item("s1", "a2"))[1],
    ("update_action_item", "done"): lambda d: (lambda old: lambda: d.update_action_item("s1", "a1", **old))(
        d.update_action_item("s1", "a1", done=True, owner="Ann")),
    ("remove_action_item", "an item"): _remove_action,
}


def public_mutations() -> set[str]:
    names = {name for name, value in inspect.getmembers(Document)
             if not name.startswith("_") and (inspect.isfunction(value) or inspect.ismethod(value))}
    return names - set(vars(Observable)) - READERS


def test_every_public_mutation_is_driven_here() -> None:
    """A method added to Document must either only read (READERS) or be driven in CASES."""
    assert public_mutations() == {method for method, _case in CASES}


def _documented(event: Event) -> bool:
    return (isinstance(event.action, Action) and event.action.name in (Action.__doc__ or "")
            and event.entity in ENTITIES)


def _heard(doc: Document) -> list[Event]:
    events: list[Event] = []
    doc.subscribe(events.append)
    return events


@pytest.mark.parametrize("key", list(CASES), ids=[f"{m}: {c}" for m, c in CASES])
def test_a_mutation_and_its_undo_each_announce_exactly_one_documented_event(key: tuple[str, str]) -> None:
    doc = sample()
    SETUP.get(key[0], lambda _d: None)(doc)
    before = to_data(doc)
    events = _heard(doc)
    undo = CASES[key](doc)
    assert to_data(doc) != before  # the case really changed something
    assert len(events) == 1, [(e.action, e.entity, e.id) for e in events]
    assert all(_documented(part) for part in events[0].each())
    events.clear()
    undo()
    assert len(events) == 1, [(e.action, e.entity, e.id) for e in events]
    assert all(_documented(part) for part in events[0].each())
    assert to_data(doc) == before  # and the undo put everything back, in its place


def test_a_removal_carries_everything_it_took_along_and_its_undo_everything_it_put_back() -> None:
    doc = sample()
    events = _heard(doc)
    removal = doc.remove("person", "boss")
    (event,) = events
    assert (event.action, event.entity, event.id) == (Action.REMOVED, "person", "boss")
    parts = {(e.action, e.entity, e.id, e.fields) for e in event.parts}
    assert parts == {
        (Action.REMOVED, "handoff", "h1", ()), (Action.REMOVED, "handoff", "h4", ()),
        (Action.CHANGED, "person", "ann", ("reports_to",)),
        (Action.CHANGED, "person", "cat", ("reports_to",)),
        (Action.CHANGED, "meta", "", ("you_id",)),
    }
    assert event.each()[-1] == Event(Action.REMOVED, "person", "boss")  # the parts went first
    events.clear()
    doc.restore(removal)
    (back,) = events
    assert back.each()[0] == Event(Action.ADDED, "person", "boss")  # the person first, then the rest
    assert {(e.action, e.id) for e in back.parts} == {
        (Action.ADDED, "h1"), (Action.ADDED, "h4"), (Action.CHANGED, "ann"), (Action.CHANGED, "cat"),
        (Action.CHANGED, ""),
    }


def test_removing_a_department_is_one_event_naming_the_people_who_lost_it() -> None:
    doc = sample()
    events = _heard(doc)
    doc.remove("department", "d1")
    assert len(events) == 1
    assert [(e.entity, e.id, e.fields) for e in events[0].parts] == [
        ("person", "boss", ("department_id",)), ("person", "ann", ("department_id",))]


@pytest.mark.parametrize("refused", [
    lambda d: d.add("handoff", Handoff("ann", "nobody")),
    lambda d: d.update("person", "ann", reports_to="nobody"),
    lambda d: d.update("person", "ann", shoe_size=9),
    lambda d: d.remove("person", "nobody"),
    lambda d: d.update_meta(stale_days=0),
    lambda d: d.move_people({"ann": (float("nan"), 0.0)}),
    lambda d: d.reorder_departments(["d1"]),
    lambda d: d.update_action_item("s1", "a1", colour="red"),
    lambda d: d.remove_outreach("ann", "nothing"),
])
def test_a_refused_edit_announces_nothing_and_changes_nothing(refused: Callable[[Document], Any]) -> None:
    doc = sample()
    before = to_data(doc)
    events = _heard(doc)
    with pytest.raises(DocumentError):
        refused(doc)
    assert events == [] and to_data(doc) == before
