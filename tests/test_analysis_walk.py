"""The walk in order, "you", the JSON and text shapes, and the awkward maps (empty, one
person, two customers, disconnected groups, duplicate names, hostile text, big maps)."""
from __future__ import annotations

import json

from bench.mapgen import make_big_map
from model.analysis.insights import KIND_ORDER, STAT_LABELS, analyse, report_text
from model.stages import STAGE_IDS
from model.storage.serialize import to_data
from tests.analysis_maps import TODAY, MapBuilder, keys, kinds, of_kind, walk_keys


def test_walk_follows_handoffs_with_stage_as_tie_breaker_then_customers():
    m = MapBuilder()
    m.customer("Z")  # first in the map, last in the walk
    m.person("Eng", "Engineering", stage="specify")
    m.person("Law", "Legal", stage="contract")
    m.person("Sal", "Sales", stage="sell")
    m.person("Bld", "Production", stage="build")
    m.person("Idle", "Production", stage="sell")  # no hand-offs: not in the walk
    m.hand("Sal", "Eng")
    m.hand("Sal", "Law")
    m.hand("Law", "Bld")
    m.hand("Eng", "Bld")
    m.hand("Bld", "Z")
    r = m.analyse()
    assert walk_keys(m, r) == ["Sal", "Law", "Eng", "Bld", "Z"]
    assert [s.step for s in r.walk] == [1, 2, 3, 4, 5]
    assert [s.depth for s in r.walk] == [0, 1, 1, 2, 3]
    bld = r.walk[3]
    assert keys(m, bld.receives_from) == ["Law", "Eng"] and keys(m, bld.hands_to) == ["Z"]
    assert len(bld.incoming) == 2 and len(bld.outgoing) == 1
    assert r.walk[-1].is_customer and r.walk[-1].department_id is None
    assert r.walk[0].department_id == m.depts["Sales"]


def test_handoff_order_beats_stage_order():
    m = MapBuilder()
    m.person("Late", "Ops", stage="renew")
    m.person("Early", "Ops", stage="sell")
    m.hand("Late", "Early")
    assert walk_keys(m, m.analyse()) == ["Late", "Early"]


def test_person_without_stage_takes_the_stage_of_their_handoff():
    m = MapBuilder()
    m.person("A")
    m.person("B")
    m.hand("A", "B", stage="invoice")
    r = m.analyse()
    assert [s.stage for s in r.walk] == ["invoice", "invoice"]


def test_empty_map():
    m = MapBuilder()
    r = m.analyse()
    assert r.walk == [] and r.findings == [] and r.you is None
    assert r.stats["people"] == 0 and r.stats["stages_covered"] == 0
    data = r.to_json()
    assert data == {"walk": [], "findings": [], "stats": r.stats}
    text = report_text(m.doc, r)
    assert "The walk is empty" in text and "Findings: none" in text


def test_one_person():
    m = MapBuilder()
    m.person("Solo", "Ops", stage="sell")
    m.you("Solo")
    r = m.analyse()
    assert r.walk == []
    assert kinds(r) == {"isolated", "missing_stage"}
    assert len(of_kind(r, "missing_stage")) == 9
    assert r.you is not None and r.you.customer_distance is None and r.you.next_people == []
    assert "You have no hand-offs yet" in report_text(m.doc, r)


def test_two_customers_come_last_in_the_order_they_are_reached():
    m = MapBuilder()
    m.customer("Z2")
    m.customer("Z1")
    for k in ("S", "X", "Y"):
        m.person(k, "Ops")
    m.chain("S", "X", "Z1")
    m.chain("X", "Y", "Z2")
    r = m.analyse()
    assert walk_keys(m, r) == ["S", "X", "Y", "Z1", "Z2"]
    assert [keys(m, f.people) for f in of_kind(r, "single_point_of_failure")] == [["X"]]
    assert r.stats["customers"] == 2


def test_disconnected_groups():
    m = MapBuilder()
    for k in ("S1", "X1", "S2", "X2", "S3", "Y"):
        m.person(k, "Ops")
    m.customer("Z")
    m.chain("S1", "X1", "Z")
    m.chain("S2", "X2", "Z")
    m.chain("S3", "Y")  # a group that never reaches the customer
    r = m.analyse()
    assert "single_point_of_failure" not in kinds(r)
    assert [keys(m, f.people) for f in of_kind(r, "dead_end")] == [["Y"]]
    assert set(walk_keys(m, r)) == {"S1", "X1", "S2", "X2", "S3", "Y", "Z"}
    assert walk_keys(m, r)[-1] == "Z"


def test_people_without_department():
    m = MapBuilder()
    m.person("A")
    m.person("B", stage="build")
    m.customer("Z")
    m.chain("A", "B", "Z")
    r = m.analyse()
    assert [f.message for f in of_kind(r, "single_point_of_failure")][0].startswith(
        "Every route from first touch to the customer runs through B at the Build stage:")
    assert all(s.department_id is None for s in r.walk)
    assert r.to_json()["walk"][0]["department"] is None


def test_duplicate_names_stay_distinguishable():
    m = MapBuilder()
    m.person("sam-legal", "Legal", name="Sam Park")
    m.person("sam-eng", "Engineering", name="Sam Park")
    m.person("sam-eng2", "Engineering", name=" sam park ", title="Designer")
    m.person("sam-eng3", "Engineering", name="Sam Park", title="Designer")
    m.customer("Z")
    m.chain("sam-legal", "sam-eng", "sam-eng2", "sam-eng3", "Z")
    r = m.analyse()
    names = [w["person"] for w in r.to_json()["walk"]]
    assert len({n.casefold() for n in names}) == len(names) == 5
    assert names[0] == "Sam Park (Legal)" and names[1] == "Sam Park (Engineering)"
    crossing = of_kind(r, "cross_department_handoff")[0].message
    assert crossing.startswith("Sam Park (Legal) hands work to Sam Park (Engineering):")
    spofs = [f.message for f in of_kind(r, "single_point_of_failure")]
    assert len(set(spofs)) == 3


def test_a_handoff_both_ways_counts_both_ways_for_distance():
    m = MapBuilder()
    for k in ("S", "A", "B"):
        m.person(k, "Ops")
    m.customer("Z")
    m.hand("S", "A")
    m.hand("B", "A", two_way=True)  # B is reached from A through the two-way hand-off
    m.hand("A", "Z")
    m.you("B")
    r = m.analyse()
    assert r.you is not None
    assert r.you.customer_distance == 2 and keys(m, [r.you.nearest_customer_id]) == ["Z"]
    assert {m.key_of(p): d for p, d in r.you.distances.items()} == {"S": 2, "A": 1, "B": 0, "Z": 2}
    assert "dead_end" not in kinds(r)
    # for ordering it is one edge, source -> target
    assert walk_keys(m, r).index("B") < walk_keys(m, r).index("A")


def test_you_next_people_due_first_closest_first():
    m = MapBuilder()
    m.person("Me", "Ops")
    m.person("N1", "Ops")  # never, 1 away
    m.person("Fresh", "Ops", contacts=("2026-11-20",))  # 1 away, not due
    m.person("N2", "Ops")  # never, 2 away
    m.person("Old2", "Ops", contacts=("2025-11-01",))  # stale, 2 away
    m.person("Mid3", "Ops", contacts=("2026-10-01",))  # 3 away, not due, older than Fresh
    m.person("N3", "Ops")  # never, 3 away
    m.person("Stranger", "Ops")  # not connected to me
    m.person("Other", "Ops")
    m.customer("Z")
    m.hand("Me", "N1")
    m.hand("Me", "Fresh")
    m.hand("N1", "N2")
    m.hand("Fresh", "Old2")
    m.hand("N2", "Mid3")
    m.hand("Old2", "N3")
    m.hand("N3", "Z")
    m.hand("Stranger", "Other")
    m.you("Me")
    r = m.analyse()
    nxt = r.you.next_people
    # never contacted counts as least recent: N2 before Old2 at the same distance
    assert keys(m, [n.person_id for n in nxt]) == ["N1", "N2", "Old2", "N3", "Mid3"]
    assert [n.distance for n in nxt] == [1, 2, 2, 3, 3]
    assert nxt[0].last_contact is None and nxt[2].days_since == 387 and nxt[2].due and not nxt[4].due
    assert r.you.customer_distance == 4
    data = r.to_json()["you"]
    assert data["person"] == "Me" and data["hand_offs_to_customer"] == 4 and data["nearest_customer"] == "Z"
    assert [x["person"] for x in data["reach_out_next"]] == ["N1", "N2", "Old2", "N3", "Mid3"]
    assert {"step", "person", "hand_offs_away"} <= set(data["steps"][0])
    text = report_text(m.doc, r)
    assert "For you (Me):" in text and "You are 4 hand-offs from the customer (nearest: Z)." in text
    assert "1. N1: 1 hand-off away, never contacted" in text
    assert "[you]" in text and "[1 from you]" in text


def test_json_follows_the_contract():
    m = MapBuilder()
    m.person("Dana Lee", "Legal", stage="contract", story=False)
    m.person("Omar", "Engineering", stage="specify")
    m.customer("Acme")
    m.chain("Dana Lee", "Omar", "Acme")
    m.person("Roster", placed=False)
    r = m.analyse()
    data = json.loads(json.dumps(r.to_json()))
    assert set(data) == {"walk", "findings", "stats"}
    assert [w["person"] for w in data["walk"]] == ["Dana Lee", "Omar", "Acme"]
    first = data["walk"][0]
    assert first["stage"] == "contract" and first["step"] == 1 and first["department"] == "Legal"
    assert first["hands_to"] == ["Omar"] and first["kind"] == "colleague"
    assert data["walk"][2]["kind"] == "customer"
    for f in data["findings"]:
        assert f["kind"] in KIND_ORDER and f["severity"] in ("high", "medium", "low")
        assert isinstance(f["message"], str) and f["message"]
        assert all(isinstance(p, str) for p in f["people"])
        assert all(s in STAGE_IDS for s in f["stages"])
    assert [f["kind"] for f in data["findings"]] == sorted(
        (f["kind"] for f in data["findings"]), key=KIND_ORDER.index)
    unplaced = [f for f in data["findings"] if f["kind"] == "unplaced"]
    assert unplaced[0]["people"] == ["Roster"]
    assert set(data["stats"]) == set(STAT_LABELS)
    assert data["stats"]["people"] == 4 and data["stats"]["in_walk"] == 3


def test_stats_can_be_checked_against_the_map():
    m = MapBuilder()
    m.person("A", "Sales", stage="sell")
    m.person("B", "Legal", stage="contract", story=False)
    m.person("C", "Legal")
    m.customer("Z")
    m.hand("A", "B", two_way=True)
    m.hand("B", "C")
    m.hand("C", "Z", stage="deliver")
    r = m.analyse()
    assert r.stats == {
        "people": 4, "colleagues": 3, "customers": 1, "in_walk": 4, "departments": 2, "handoffs": 3,
        "linear_handoffs": 2, "two_way_handoffs": 1, "department_crossings": 1, "stories_written": 2,
        "stories_expected": 3, "stages_covered": 3, "stages_total": 10, "unplaced": 0,
    }


def test_text_report_lists_walk_findings_grouped_with_counts_and_figures():
    m = MapBuilder()
    m.person("Dana", "Legal", stage="contract")
    m.person("Omar", "Engineering", stage="specify", story=False)
    m.customer("Acme")
    m.chain("Dana", "Omar", "Acme")
    r = m.analyse()
    text = report_text(m.doc, r)
    assert "  1. Dana (Legal), Contract \u2192 Omar" in text
    assert "  3. Acme (Customer) [customer]" in text
    assert "Hand-offs that cross department lines (1):" in text
    assert "Roles without a line-of-sight story (1):" in text
    counts = r.severity_counts()
    assert f"Findings ({len(r.findings)}): {counts['high']} high" in text
    assert text.index("The walk") < text.index("Findings") < text.index("Figures:")
    assert "For you" not in text


def test_hostile_text_is_kept_on_one_line_and_encodable():
    m = MapBuilder()
    m.dept("R&D <core>\n\"team\"")
    m.person("A", "R&D <core>\n\"team\"", name="<b>Zoë</b> & \u0000co\n\u202eevil 😀 \ud800")
    m.person("B", "Sales", name="علي 王芳 " + "x" * 30000)
    m.customer("Z")
    m.hand("A", "B", what="the\nterms \u0007" + "y" * 30000)
    m.hand("B", "Z")
    r = m.analyse()
    for f in r.findings:
        assert "\n" not in f.message and "\u0000" not in f.message and "\u202e" not in f.message
        assert len(f.message) < 1500
    out = json.dumps(r.to_json(), ensure_ascii=False).encode("utf-8")
    assert "😀".encode() in out and "王芳".encode() in out
    text = report_text(m.doc, r)
    text.encode("utf-8")
    assert "<b>Zoë</b> & co evil 😀 \ufffd" in text


def test_redacted_report_names_roles_not_people():
    m = MapBuilder()
    m.person("Dana Lee", "Legal", title="Counsel")
    m.person("Omar Haddad", "Engineering", title="Design engineer")
    m.customer("Acme Buyer", vendor="Acme")
    m.chain("Dana Lee", "Omar Haddad", "Acme Buyer")
    r = analyse(m.doc, today=TODAY, redact=True)
    blob = json.dumps(r.to_json()) + report_text(m.doc, r)
    assert "Dana" not in blob and "Omar" not in blob and "Buyer" not in blob
    assert "Counsel (Legal) hands work to Design engineer (Engineering)" in blob


def test_analysis_changes_nothing_and_is_repeatable():
    doc = make_big_map(150, seed=5)
    before = to_data(doc)
    first = analyse(doc, today=TODAY).to_json()
    assert to_data(doc) == before
    assert analyse(doc, today=TODAY).to_json() == first


def test_big_map_sampled_betweenness_is_deterministic_and_sane():
    doc = make_big_map(700, seed=3)
    a = analyse(doc, today=TODAY)
    b = analyse(doc, today=TODAY)
    assert [f.message for f in a.findings] == [f.message for f in b.findings]
    assert 0 < len([f for f in a.findings if f.kind == "bottleneck"]) <= 5
    assert a.stats["in_walk"] == len(a.walk) > 600
    assert [s.step for s in a.walk] == list(range(1, len(a.walk) + 1))
    seen = [s.person_id for s in a.walk]
    assert len(seen) == len(set(seen))
    customers = [s.is_customer for s in a.walk]
    assert customers == sorted(customers)  # colleagues first, then customers
    assert a.you is not None and len(a.you.next_people) == 5


def test_templates_start_as_a_walk_that_reaches_the_customer():
    from model.templates.catalog import build_template

    for name in ("order-to-cash", "services"):
        doc = build_template(name)
        r = analyse(doc, today=TODAY)
        placed = {pid for pid, p in doc.people.items() if p.placed}
        assert {s.person_id for s in r.walk} == placed, name
        assert not kinds(r) & {"no_customer", "dead_end", "isolated", "rework_loop"}, name
        assert all(p in doc.people for f in r.findings for p in f.people)
        assert r.stats["stages_covered"] == 10
    assert analyse(build_template("blank"), today=TODAY).findings == []
