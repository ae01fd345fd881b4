"""Every kind of finding, part one (crossings, conflicts, single points, bottlenecks): a hand-built
map that has the problem reports it, one without does not; part two is tests/test_analysis_gaps.py."""
from __future__ import annotations

import pytest

from model.analysis.insights import KIND_ORDER, KIND_SEVERITY, KIND_TITLES
from tests.analysis_maps import MapBuilder, keys, kinds, of_kind


def test_every_kind_has_a_title_a_severity_and_a_place():
    assert set(KIND_ORDER) == set(KIND_TITLES) == set(KIND_SEVERITY)
    assert set(KIND_SEVERITY.values()) <= {"high", "medium", "low"}
    for kind in ("cross_department_handoff", "experience_conflict", "single_point_of_failure", "bottleneck",
                 "missing_stage", "dead_end", "isolated", "unplaced", "missing_story", "stale_contact",
                 "outsourced_without_owner", "rework_loop"):
        assert kind in KIND_ORDER


# ----- cross_department_handoff ------------------------------------------------
def test_cross_department_handoff_one_per_handoff_naming_both_people_and_departments():
    m = MapBuilder()
    m.person("Dana Lee", "Legal", stage="contract")
    m.person("Omar", "Engineering", stage="specify")
    m.person("Mei", "Engineering", stage="specify")
    m.customer("Acme")
    h = m.hand("Dana Lee", "Omar", stage="contract", what="the signed terms")
    m.hand("Omar", "Mei")  # same department: no crossing
    m.hand("Mei", "Acme")  # to a customer: no department line
    r = m.analyse()
    found = of_kind(r, "cross_department_handoff")
    assert len(found) == 1
    f = found[0]
    assert f.handoffs == [h] and keys(m, f.people) == ["Dana Lee", "Omar"]
    assert f.message == ("Dana Lee (Legal) hands the signed terms to Omar (Engineering): "
                         "the contract crosses from Legal to Engineering here.")
    assert f.stages == ["contract"] and f.severity == "low"
    assert set(f.departments) == {m.depts["Legal"], m.depts["Engineering"]}
    assert r.stats["department_crossings"] == 1


def test_no_crossing_within_a_department_or_without_departments():
    m = MapBuilder()
    m.person("A", "Sales")
    m.person("B", "Sales")
    m.person("C")  # no department
    m.customer("Z")
    m.chain("A", "B", "C", "Z")
    assert "cross_department_handoff" not in kinds(m.analyse())


def test_two_way_crossing_reads_as_back_and_forth():
    m = MapBuilder()
    m.person("A", "Sales")
    m.person("B", "Engineering")
    m.hand("A", "B", what="the scope", two_way=True)
    (f,) = of_kind(m.analyse(), "cross_department_handoff")
    assert "back and forth between Sales and Engineering" in f.message


# ----- experience_conflict -----------------------------------------------------
def _two_departments(kpis_a, kpis_b, serving_a="We keep promises.", serving_b="We keep promises."):
    m = MapBuilder()
    m.dept("Sales", kpis=kpis_a, serving=serving_a)
    m.dept("Finance", kpis=kpis_b, serving=serving_b)
    m.person("S", "Sales")
    m.person("F", "Finance")
    m.person("S2", "Sales")
    m.customer("Z")
    m.hand("S", "F")
    m.hand("F", "S2")  # back the other way: still one pair
    m.hand("S2", "Z")
    return m


def test_experience_conflict_when_kpis_never_overlap_one_per_pair():
    m = _two_departments(("Win rate",), ("Days sales outstanding",))
    found = of_kind(m.analyse(), "experience_conflict")
    assert len(found) == 1
    f = found[0]
    assert "Sales and Finance hand work to each other" in f.message
    assert "never overlap" in f.message and "Win rate" in f.message and "Days sales outstanding" in f.message
    assert set(f.departments) == set(m.depts.values()) and len(f.handoffs) == 2
    assert f.severity == "medium"


def test_shared_kpi_compared_case_and_space_insensitively_is_no_conflict():
    m = _two_departments(("Win rate", "Customer  Satisfaction "), (" customer satisfaction",))
    assert "experience_conflict" not in kinds(m.analyse())


@pytest.mark.parametrize("which", ["a", "b"])
def test_experience_conflict_when_serving_the_customer_is_not_defined(which):
    m = _two_departments(("NPS",), ("nps",), serving_a="" if which == "a" else "x",
                         serving_b="  " if which == "b" else "x")
    (f,) = of_kind(m.analyse(), "experience_conflict")
    missing = "Sales" if which == "a" else "Finance"
    assert f"{missing} has not said what serving the customer means to it" in f.message


def test_experience_conflict_when_a_department_has_no_kpis():
    m = _two_departments((), ("NPS",))
    (f,) = of_kind(m.analyse(), "experience_conflict")
    assert "Sales has no KPIs written down" in f.message


# ----- single_point_of_failure -------------------------------------------------
def test_single_point_of_failure_is_the_person_every_path_runs_through():
    m = MapBuilder()
    for k in ("S1", "S2", "X", "Y1", "Y2"):
        m.person(k, "Ops")
    m.customer("Z")
    m.hand("S1", "X")
    m.hand("S2", "X")
    m.hand("X", "Y1")
    m.hand("X", "Y2")
    m.hand("Y1", "Z")
    m.hand("Y2", "Z")
    found = of_kind(m.analyse(), "single_point_of_failure")
    assert [keys(m, f.people) for f in found] == [["X"]]
    assert "musical chairs" in found[0].message and found[0].severity == "high"


def test_no_single_point_when_there_is_a_way_round():
    m = MapBuilder()
    for k in ("S", "X1", "X2"):
        m.person(k, "Ops")
    m.customer("Z")
    m.chain("S", "X1", "Z")
    m.chain("S", "X2", "Z")
    assert "single_point_of_failure" not in kinds(m.analyse())


def test_first_touch_and_customers_are_not_single_points():
    m = MapBuilder()
    m.person("S", "Ops")
    m.customer("Z")
    m.hand("S", "Z")
    assert "single_point_of_failure" not in kinds(m.analyse())


def test_a_chain_reports_everyone_between_first_touch_and_customer_in_walk_order():
    m = MapBuilder()
    for k in ("S", "A", "B"):
        m.person(k, "Ops")
    m.customer("Z")
    m.chain("S", "A", "B", "Z")
    r = m.analyse()
    assert [keys(m, f.people) for f in of_kind(r, "single_point_of_failure")] == [["A"], ["B"]]
    assert "bottleneck" not in kinds(r)  # not reported twice


# ----- bottleneck --------------------------------------------------------------
def _hub_map() -> MapBuilder:
    m = MapBuilder()
    for k in ("S1", "S2", "S3", "S4", "H", "T1", "T2", "T3", "T4"):
        m.person(k, "Ops")
    m.customer("Z")
    for s in ("S1", "S2", "S3", "S4"):
        m.hand(s, "H")
    for t in ("T1", "T2", "T3", "T4"):
        m.hand("H", t)
        m.hand(t, "Z")
    return m


def test_bottleneck_is_the_hub_most_routes_pass_through():
    m = _hub_map()
    m.hand("S1", "T1")  # a way round, so H is not a single point of failure
    r = m.analyse()
    assert "single_point_of_failure" not in kinds(r)
    found = of_kind(r, "bottleneck")
    assert [keys(m, f.people) for f in found] == [["H"]]
    assert "4 people upstream to 5 downstream" in found[0].message
    assert found[0].severity == "medium"


def test_no_bottleneck_in_parallel_lanes_of_equal_weight():
    m = MapBuilder()
    for i in range(3):
        m.person(f"S{i}", "Ops")
        m.person(f"X{i}", "Ops")
        m.customer(f"Z{i}")
        m.chain(f"S{i}", f"X{i}", f"Z{i}")
    assert "bottleneck" not in kinds(m.analyse())


def test_a_hub_that_is_a_single_point_is_not_also_a_bottleneck():
    r = _hub_map().analyse()
    assert len(of_kind(r, "single_point_of_failure")) == 1
    assert "bottleneck" not in kinds(r)


# ----- missing_stage -----------------------------------------------------------
