"""Coaching helpers: staleness, who to reach out to next, the walk one hand-off at a time,
action items, check-up series."""
from __future__ import annotations

import datetime as dt

from model import coaching
from model.entities import ActionItem, Checkup, OutreachEntry, Person, Session
from model.stages import STAGES
from tests.coaching_sample import coaching_doc

TODAY = dt.date(2026, 3, 1)


def test_contact_age_and_staleness() -> None:
    doc, ids = coaching_doc()
    bob = doc.person(ids["bob"])
    assert coaching.contact_age_days(bob, TODAY) == (TODAY - dt.date(2026, 1, 10)).days
    assert coaching.contact_age_days(doc.person(ids["cyd"]), TODAY) is None
    assert coaching.staleness(doc.person(ids["cyd"]), 90, TODAY) == 1.0
    age = coaching.contact_age_days(bob, TODAY)
    assert coaching.staleness(bob, 90, TODAY) == age / 90
    assert coaching.staleness(bob, 10, TODAY) == 1.0
    # a contact dated in the future counts as today, never negative
    doc.add_outreach(ids["cyd"], OutreachEntry("2026-04-01", "email"))
    assert coaching.contact_age_days(doc.person(ids["cyd"]), TODAY) == 0
    assert coaching.staleness(doc.person(ids["cyd"]), 90, TODAY) == 0.0
    assert coaching.describe_age(None) == "never"
    assert coaching.describe_age(1) == "yesterday"
    assert coaching.describe_age(90) == "3 months ago"


def test_reach_out_next_orders_never_first_and_leaves_out_you() -> None:
    doc, ids = coaching_doc()
    order = [c.person_id for c in coaching.reach_out_next(doc, TODAY)]
    assert ids["ann"] not in order  # "you"
    assert order[:2] == [ids["cyd"], ids["cus"]]  # never contacted; colleague before customer
    assert order[-1] == ids["bob"]
    assert coaching.reach_out_next(doc, TODAY, limit=1)[0].stale
    doc.add_outreach(ids["cyd"], OutreachEntry(TODAY.isoformat(), "coffee"))
    contacts = coaching.reach_out_next(doc, TODAY)
    assert contacts[-1].person_id == ids["cyd"] and contacts[-1].age_days == 0 and not contacts[-1].stale


def test_walk_handoffs_follow_the_walk_and_prompts_name_the_stage() -> None:
    doc, ids = coaching_doc()
    walk = coaching.walk_handoffs(doc)
    assert [h.id for h in walk] == [ids["h1"], ids["h2"], ids["h3"]]
    prompts = coaching.step_prompts(doc, doc.handoffs[ids["h1"]])
    assert prompts[0] == STAGES[1].question
    assert coaching.CROSSING_PROMPT in prompts
    assert any("Bob" in p and "story" in p for p in prompts)  # Bob has no story
    assert coaching.OUTSOURCED_PROMPT in coaching.step_prompts(doc, doc.handoffs[ids["h3"]])


def test_action_items_overdue_first_and_done_hidden() -> None:
    doc, _ids = coaching_doc()
    sid = next(iter(doc.sessions))
    doc.add_action_item(sid, ActionItem("Later", due="2026-12-01"))
    items = coaching.action_items(doc, TODAY)
    assert [o.item.text for o in items] == ["Call Bob", "Later"]
    assert items[0].overdue and not items[1].overdue
    assert len(coaching.action_items(doc, TODAY, include_done=True)) == 3
    assert coaching.open_action_count(doc) == 2
    assert not coaching.is_overdue(ActionItem("x", due="2026-01-01", done=True), TODAY)
    assert not coaching.is_overdue(ActionItem("x"), TODAY)


def test_session_on_a_day_and_checkup_series() -> None:
    doc, _ids = coaching_doc()
    assert coaching.session_on(doc, dt.date(2026, 1, 15)).title == "Kick-off"
    assert coaching.session_on(doc, TODAY) is None
    doc.add("session", Session(TODAY.isoformat(), "Second"))
    assert coaching.sessions_by_date(doc)[0].title == "Second"
    doc.add("checkup", Checkup("2026-02-15", answers={"heroes": 4}, areas={"churn": 3, "quality": 5}))
    doc.add("checkup", Checkup("2026-01-01", answers={"heroes": 1}))
    statements, areas = coaching.checkup_series(doc)
    heroes = next(s for s in statements if s.key == "heroes")
    assert heroes.points == (("2026-01-01", 1), ("2026-01-15", 2), ("2026-02-15", 4))
    assert {s.key for s in statements} == {"heroes", "voices"}  # core_customers never answered
    assert [s.key for s in areas] == ["area:quality", "area:churn"]
    assert coaching.latest_checkup(doc).date == "2026-02-15"


def test_unplaced_people_come_after_placed_ones() -> None:
    doc, ids = coaching_doc()
    new = doc.add("person", Person("Zed", placed=False))
    order = [c.person_id for c in coaching.reach_out_next(doc, TODAY)]
    assert order.index(new.id) > order.index(ids["cyd"])


def test_with_you_marked_the_due_people_on_your_walk_come_first_nearest_first() -> None:
    doc, ids = coaching_doc()
    zoe = doc.add("person", Person("Zoe", department_id=ids["ops"], stage="build"))  # no hand-offs
    later = dt.date(2026, 9, 1)  # Bob's last contact is now stale
    contacts = coaching.reach_out_next(doc, later)
    order = [c.person_id for c in contacts]
    assert order[:2] == [ids["bob"], ids["cyd"]]  # on your walk and due: 1 and 2 hand-offs away
    assert contacts[0].distance == 1 and contacts[1].distance == 2
    assert order[2:] == [zoe.id, ids["cus"]]  # then never contacted, colleague before customer
    # without "you", never-contacted people lead
    doc.update_meta(you_id=None)
    plain = [c.person_id for c in coaching.reach_out_next(doc, later)]
    assert plain[0] != ids["bob"] and plain[-1] == ids["bob"]
    assert all(c.distance is None for c in coaching.reach_out_next(doc, later))
