"""The walk's findings, part two: what is missing or stuck (stages nobody covers, dead ends,
customers, isolated and unplaced people, stories, stale contacts, outsourcing, loops);
the first part (crossings, conflicts, single points, bottlenecks) is tests/test_analysis.py."""
from __future__ import annotations

import pytest

from tests.analysis_maps import MapBuilder, keys, kinds, of_kind


def test_missing_stage_one_per_stage_nobody_is_mapped_to():
    m = MapBuilder()
    stages = ["sell", "contract", "specify", "build", "deliver", "implement", "invoice", "collect", "renew"]
    for s in stages:
        m.person(s, "Ops", stage=s)
    found = of_kind(m.analyse(), "missing_stage")
    assert [f.stages for f in found] == [["procure"]]
    assert "Procure" in found[0].message and found[0].severity == "medium"


def test_a_handoff_stage_covers_a_stage():
    m = MapBuilder()
    m.person("A", "Ops", stage="sell")
    m.person("B", "Ops", stage="contract")
    m.hand("A", "B", stage="procure")
    r = m.analyse()
    missing = {f.stages[0] for f in of_kind(r, "missing_stage")}
    assert missing == {"specify", "build", "deliver", "implement", "invoice", "collect", "renew"}
    assert r.stats["stages_covered"] == 3 and r.stats["stages_total"] == 10


# ----- dead_end ----------------------------------------------------------------
def test_dead_end_where_work_never_reaches_a_customer():
    m = MapBuilder()
    for k in ("S", "X", "Y"):
        m.person(k, "Ops")
    m.customer("Z")
    m.hand("S", "X", what="the order")
    m.hand("S", "Y")
    m.hand("Y", "Z")
    (f,) = of_kind(m.analyse(), "dead_end")
    assert keys(m, f.people) == ["X"] and f.severity == "high"
    assert f.message.startswith("Work stops at X (Ops): they receive the order from S (Ops)")


def test_no_dead_end_when_the_work_goes_on_to_the_customer():
    m = MapBuilder()
    for k in ("S", "X"):
        m.person(k, "Ops")
    m.customer("Z")
    m.chain("S", "X", "Z")
    assert "dead_end" not in kinds(m.analyse())


def test_dead_end_reported_where_the_work_stops_naming_who_else_it_strands():
    m = MapBuilder()
    for k in ("S", "A", "B", "C"):
        m.person(k, "Ops")
    m.customer("Z")
    m.chain("S", "A", "B", "C")
    m.hand("S", "Z")
    (f,) = of_kind(m.analyse(), "dead_end")
    assert keys(m, f.people) == ["C", "A", "B"]
    assert "Work stops at C" in f.message and "The work of A (Ops) and B (Ops) ends here too" in f.message


def test_two_way_handoff_with_a_customer_reaches_the_customer():
    m = MapBuilder()
    m.person("S", "Ops")
    m.person("X", "Ops")
    m.customer("Z")
    m.hand("S", "X")
    m.hand("Z", "X", two_way=True)  # drawn from the customer's side: still both ways
    assert "dead_end" not in kinds(m.analyse())


def test_no_customer_at_all_is_one_finding_not_a_dead_end_each():
    m = MapBuilder()
    for k in ("S", "A", "B"):
        m.person(k, "Ops")
    m.chain("S", "A", "B")
    r = m.analyse()
    assert [f.kind for f in r.findings if f.severity == "high"] == ["no_customer"]
    assert "dead_end" not in kinds(r)


def test_customer_nobody_hands_to_is_named_in_no_customer():
    m = MapBuilder()
    m.person("S", "Ops")
    m.person("A", "Ops")
    m.customer("Zed")
    m.hand("S", "A")
    m.hand("Zed", "S")  # the customer's signed order: not a delivery to them
    (f,) = of_kind(m.analyse(), "no_customer")
    assert keys(m, f.people) == ["Zed"] and "nobody hands them anything" in f.message


# ----- isolated / unplaced -----------------------------------------------------
def test_isolated_one_per_placed_person_without_handoffs():
    m = MapBuilder()
    m.person("S", "Ops")
    m.customer("Z")
    m.hand("S", "Z")
    m.person("Lone", "Ops")
    m.customer("Far")
    m.person("Roster", "Ops", placed=False)
    found = of_kind(m.analyse(), "isolated")
    assert sorted(keys(m, f.people)[0] for f in found) == ["Far", "Lone"]
    assert all(f.severity == "low" for f in found)
    assert any("customer Far" in f.message for f in found)


def test_nobody_isolated_when_everyone_hands_off():
    m = MapBuilder()
    m.person("S", "Ops")
    m.customer("Z")
    m.hand("S", "Z")
    assert "isolated" not in kinds(m.analyse())


def test_unplaced_is_one_finding_listing_everyone_on_the_roster_only():
    m = MapBuilder()
    m.person("S", "Ops")
    m.customer("Z")
    m.hand("S", "Z")
    m.person("R1", "Ops", placed=False)
    m.person("R2", placed=False)
    r = m.analyse()
    (f,) = of_kind(r, "unplaced")
    assert keys(m, f.people) == ["R1", "R2"] and "2 people on the roster" in f.message
    assert r.stats["unplaced"] == 2
    assert "R1" not in [m.key_of(s.person_id) for s in r.walk]


def test_no_unplaced_finding_when_everyone_is_placed():
    m = MapBuilder()
    m.person("S", "Ops")
    assert "unplaced" not in kinds(m.analyse())


# ----- missing_story -----------------------------------------------------------
def test_missing_story_for_colleagues_in_the_walk_only():
    m = MapBuilder()
    m.person("Told", "Ops")
    m.person("Untold", "Ops", story=False)
    m.person("Lone", "Ops", story=False)  # isolated: not in the walk
    m.customer("Z")  # customers have no role story
    m.chain("Told", "Untold", "Z")
    r = m.analyse()
    found = of_kind(r, "missing_story")
    assert [keys(m, f.people) for f in found] == [["Untold"]]
    assert r.stats["stories_written"] == 1 and r.stats["stories_expected"] == 2


def test_no_missing_story_when_stories_are_written():
    m = MapBuilder()
    m.person("A", "Ops")
    m.customer("Z")
    m.hand("A", "Z")
    assert "missing_story" not in kinds(m.analyse())


# ----- stale_contact -----------------------------------------------------------
def _contacts_map() -> MapBuilder:
    m = MapBuilder()
    m.person("Me", "Ops")
    m.person("Never", "Ops")
    m.person("Recent", "Ops", contacts=("2026-11-13",))  # 10 days before TODAY
    m.person("Old", "Ops", contacts=("2025-01-01", "2026-08-01"))  # last 114 days ago
    m.customer("Z")
    m.chain("Me", "Never", "Recent", "Old", "Z")
    return m


def test_stale_contact_never_or_longer_than_the_limit():
    m = _contacts_map()
    m.you("Me")
    found = of_kind(m.analyse(), "stale_contact")
    assert [keys(m, f.people) for f in found] == [["Never"], ["Old"]]
    assert found[0].message == "You have never been in touch with Never (Ops), 1 hand-off from you."
    assert "114 days ago (2026-08-01)" in found[1].message and "90 days" in found[1].message


def test_stale_days_override_and_map_setting():
    m = _contacts_map()
    m.you("Me")
    assert [keys(m, f.people) for f in of_kind(m.analyse(stale_days=200), "stale_contact")] == [["Never"]]
    assert len(of_kind(m.analyse(stale_days=5), "stale_contact")) == 3
    m.doc.update_meta(stale_days=300)
    assert len(of_kind(m.analyse(), "stale_contact")) == 1


def test_no_stale_contact_without_a_you():
    assert "stale_contact" not in kinds(_contacts_map().analyse())


def test_bad_stale_days_is_refused():
    with pytest.raises(ValueError):
        _contacts_map().analyse(stale_days=0)


# ----- outsourced_without_owner ------------------------------------------------
def test_outsourced_without_an_insourced_colleague_around_them():
    m = MapBuilder()
    m.person("Vendor", "Logistics", outsourced=True, vendor="Nordfreight")
    m.person("Sub", "Logistics", outsourced=True)
    m.customer("Z")
    m.chain("Vendor", "Sub", "Z")
    found = of_kind(m.analyse(), "outsourced_without_owner")
    assert [keys(m, f.people) for f in found] == [["Vendor"], ["Sub"]]
    assert "outsourced to Nordfreight" in found[0].message and found[0].severity == "medium"


def test_outsourced_with_an_insourced_owner_is_fine():
    m = MapBuilder()
    m.person("Owner", "Logistics")
    m.person("Vendor", "Logistics", outsourced=True)
    m.customer("Z")
    m.chain("Vendor", "Owner", "Z")  # the owner receives from the vendor
    assert "outsourced_without_owner" not in kinds(m.analyse())


# ----- rework_loop -------------------------------------------------------------
def test_rework_loop_is_a_finding_not_a_crash():
    m = MapBuilder()
    for k in ("S", "A", "B", "C"):
        m.person(k, "Ops")
    m.customer("Z")
    m.chain("S", "A", "B", "C", "A")
    m.hand("C", "Z")
    r = m.analyse()
    (f,) = of_kind(r, "rework_loop")
    assert sorted(keys(m, f.people)) == ["A", "B", "C"] and f.severity == "high"
    assert "A (Ops) \u2192 B (Ops) \u2192 C (Ops) \u2192 A (Ops)" in f.message
    assert len(f.handoffs) == 3
    assert [m.key_of(s.person_id) for s in r.walk] == ["S", "A", "B", "C", "Z"]
    assert [s.in_loop for s in r.walk] == [False, True, True, True, False]


def test_linear_handoffs_both_ways_between_a_pair_is_a_loop():
    m = MapBuilder()
    m.person("A", "Ops")
    m.person("B", "Ops")
    m.customer("Z")
    m.hand("A", "B")
    m.hand("B", "A")
    m.hand("B", "Z")
    assert len(of_kind(m.analyse(), "rework_loop")) == 1


def test_two_way_handoff_is_not_a_loop_even_with_a_reverse_one():
    m = MapBuilder()
    m.person("A", "Ops")
    m.person("B", "Ops")
    m.customer("Z")
    m.hand("A", "B", two_way=True)
    m.hand("B", "A")  # the pair already works both ways
    m.hand("B", "Z")
    r = m.analyse()
    assert "rework_loop" not in kinds(r)
    assert [m.key_of(s.person_id) for s in r.walk] == ["A", "B", "Z"]


def test_customer_feedback_does_not_make_a_loop():
    m = MapBuilder()
    m.person("S", "Sales", stage="sell")
    m.person("X", "Ops", stage="build")
    m.customer("Z")
    m.hand("Z", "S", what="the signed order")
    m.chain("S", "X", "Z")
    r = m.analyse()
    assert "rework_loop" not in kinds(r)
    assert [m.key_of(s.person_id) for s in r.walk] == ["S", "X", "Z"]
    assert "single_point_of_failure" in kinds(r)  # X: S is first touch despite the customer's hand-off


def test_handoff_labels_read_mid_sentence_but_acronyms_stay():
    m = MapBuilder()
    m.person("A", "Sales")
    m.person("B", "Legal")
    m.person("C", "Finance")
    m.hand("A", "B", what="Signed contract")
    m.hand("B", "C", what="PO number")
    found = [f.message for f in of_kind(m.analyse(), "cross_department_handoff")]
    assert found[0].startswith("A (Sales) hands signed contract to B (Legal)")
    assert found[1].startswith("B (Legal) hands PO number to C (Finance)")
