"""Property tests: on any small map the analysis does not crash, and its walk, single points
of failure, dead ends and isolated people agree with a brute-force check of the same map."""
from __future__ import annotations

import json

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.analysis.insights import KIND_ORDER, analyse, report_text
from model.document import Document
from model.entities import CUSTOMER, Department, Handoff, Person, Story
from model.stages import STAGE_IDS
from tests.analysis_maps import TODAY
from tests.strategies import documents

names = st.sampled_from(["Ann", "Bo", "Cy", "Ann", "", " ", "Zoë 😀", "<&>", "a\nb"])


@st.composite
def graph_maps(draw: st.DrawFn) -> Document:
    doc = Document()
    depts = [doc.add("department", Department(name=f"D{i}", kpis=[draw(st.sampled_from(["x", "y"]))])).id
             for i in range(draw(st.integers(0, 3)))]
    n = draw(st.integers(0, 12))
    for i in range(n):
        doc.add("person", Person(
            name=draw(names), department_id=draw(st.sampled_from([None, *depts])),
            kind=CUSTOMER if draw(st.integers(0, 4)) == 0 else "colleague",
            sourcing=draw(st.sampled_from(["insourced", "outsourced"])),
            stage=draw(st.none() | st.sampled_from(STAGE_IDS)), placed=draw(st.integers(0, 6)) > 0,
            story=Story(hand_on="x") if draw(st.booleans()) else Story(),
            id=f"p{i}",
        ))
    if n >= 2:
        for _ in range(draw(st.integers(0, 25))):
            a = draw(st.integers(0, n - 1))
            b = draw(st.integers(0, n - 1))
            if a != b:
                stage = draw(st.none() | st.sampled_from(STAGE_IDS))
                two_way = draw(st.integers(0, 4)) == 0
                doc.add("handoff", Handoff(f"p{a}", f"p{b}", stage=stage, two_way=two_way))
    if n and draw(st.booleans()):
        doc.set_you(f"p{draw(st.integers(0, n - 1))}")
    return doc


def _check_shapes(doc: Document) -> None:
    r = analyse(doc, today=TODAY)
    data = r.to_json()
    json.dumps(data, ensure_ascii=False).encode("utf-8")
    report_text(doc, r).encode("utf-8")
    assert [s.step for s in r.walk] == list(range(1, len(r.walk) + 1))
    for f in r.findings:
        assert f.kind in KIND_ORDER and f.message and "\n" not in f.message
        assert all(p in doc.people for p in f.people)
        assert all(s in STAGE_IDS for s in f.stages)
        assert all(h in doc.handoffs for h in f.handoffs)
        assert all(d in doc.departments for d in f.departments)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_document_analyses(doc):
    _check_shapes(doc)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph_maps())
def test_walk_and_findings_agree_with_brute_force(doc):
    _check_shapes(doc)
    r = analyse(doc, today=TODAY)
    placed = {pid for pid, p in doc.people.items() if p.placed}
    customers = {pid for pid in placed if doc.people[pid].is_customer}
    hs = [h for h in doc.handoffs.values() if h.source in placed and h.target in placed]
    touched = {h.source for h in hs} | {h.target for h in hs}

    # the walk: everyone with a hand-off once, colleagues first; isolated = placed without hand-offs
    assert sorted(s.person_id for s in r.walk) == sorted(touched)
    flags = [s.is_customer for s in r.walk]
    assert flags == sorted(flags)
    isolated = {f.people[0] for f in r.findings if f.kind == "isolated"}
    assert isolated == placed - touched

    # hand-off order is kept where there is no loop and no two-way pair
    step = {s.person_id: s.step for s in r.walk}
    two_way_pairs = {frozenset((h.source, h.target)) for h in hs if h.two_way}
    if not any(f.kind == "rework_loop" for f in r.findings):
        for h in hs:
            if h.source not in customers and frozenset((h.source, h.target)) not in two_way_pairs:
                assert step[h.source] < step[h.target]

    # single points of failure: removing them, and only them, cuts every path
    walk = nx.DiGraph()
    walk.add_nodes_from(touched)
    first: dict[frozenset, tuple[str, str]] = {}
    for h in hs:
        if h.two_way and frozenset((h.source, h.target)) not in first:
            s, t = h.source, h.target
            if s in customers and t not in customers:
                s, t = t, s
            first[frozenset((s, t))] = (s, t)
    for h in hs:
        s, t = first.get(frozenset((h.source, h.target)), (h.source, h.target))
        if s not in customers:
            walk.add_edge(s, t)
    colleagues = walk.subgraph(n for n in walk if n not in customers)
    cond = nx.condensation(colleagues)
    sources = {m for c in cond if cond.in_degree(c) == 0 for m in cond.nodes[c]["members"]}
    targets = {c for c in customers if c in walk and walk.in_degree(c) > 0}

    def connected(graph: nx.DiGraph) -> bool:
        return any(s in graph and t in graph and nx.has_path(graph, s, t) for s in sources for t in targets)

    spofs = {f.people[0] for f in r.findings if f.kind == "single_point_of_failure"}
    if connected(walk):
        for pid in walk:
            if pid in sources or pid in customers:
                assert pid not in spofs
                continue
            cut = walk.copy()
            cut.remove_node(pid)
            assert (pid in spofs) == (not connected(cut)), pid
    else:
        assert not spofs

    # dead ends: the people named can reach no customer, even through two-way hand-offs
    reach = nx.DiGraph()
    reach.add_nodes_from(touched)
    for h in hs:
        reach.add_edge(h.source, h.target)
        if h.two_way:
            reach.add_edge(h.target, h.source)
    for f in r.findings:
        if f.kind == "dead_end":
            for pid in f.people:
                assert pid not in customers
                assert not any(nx.has_path(reach, pid, c) for c in targets if c in reach)
    if targets:
        stranded = {
            pid for pid in reach
            if pid not in customers and reach.in_degree(pid) > 0
            and not any(nx.has_path(reach, pid, c) for c in targets)
        }
        named = {p for f in r.findings if f.kind == "dead_end" for p in f.people}
        assert named == stranded
