"""The insights analysis leaves no reference cycles behind (issue 19).

In the app the cyclic collector runs only on the GUI thread (gui/jobs/main_thread_gc.py), so
whatever the analysis leaves in cycles on its worker is walked there, as a stall. networkx graphs
cache their views (`G.nodes`, `G.adj`, `G.in_degree` ...), which point back at the graph: the
analysis drops them when done (`forget_views`), so reference counting frees everything on the
worker. Before that, one run on a 600-person map left ~4,000 objects for the collector.
"""
from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable

import networkx as nx
import pytest

from bench.mapgen import make_big_map
from model import collector
from model.analysis.graph import WalkGraph, forget_views
from model.analysis.insights import analyse
from model.analysis.whatif import what_if
from model.document import Document

TODAY = dt.date(2026, 1, 1)
LEFT_AT_MOST = 20  # objects a run may leave for the collector (0 here; a little slack for Python's own)


@pytest.fixture(scope="module")
def doc() -> Document:
    """A generated organisation big enough to have rework loops, dead ends and a "you"."""
    return make_big_map(600, seed=1)


def _left_for_the_collector(work: Callable[[], object]) -> int:
    """Objects only the cyclic collector can free after `work()` ran and its result was dropped."""
    with collector.paused():
        gc.collect()
        work()
        return gc.collect()


def test_the_map_exercises_every_graph_the_analysis_builds(doc: Document) -> None:
    kinds = {f.kind for f in analyse(doc, today=TODAY).findings}
    assert {"rework_loop", "dead_end", "bottleneck", "stale_contact"} <= kinds
    assert analyse(doc, today=TODAY).you is not None


def test_an_analysis_leaves_nothing_for_the_collector(doc: Document) -> None:
    analyse(doc, today=TODAY)  # imports and first-use caches are not the analysis's garbage
    assert _left_for_the_collector(lambda: analyse(doc, today=TODAY)) <= LEFT_AT_MOST


def test_a_redacted_analysis_leaves_nothing_for_the_collector(doc: Document) -> None:
    analyse(doc, today=TODAY, redact=True)
    assert _left_for_the_collector(lambda: analyse(doc, today=TODAY, redact=True)) <= LEFT_AT_MOST


def test_a_walk_graph_let_go_of_by_any_caller_leaves_nothing(doc: Document) -> None:
    """model/appearance.py and the what-if build a WalkGraph of their own and just drop it."""
    def use_and_drop() -> None:
        g = WalkGraph(doc)
        assert g.steps and g.reaching_customers() and len(g.walk.edges) and len(g.reach.nodes)

    use_and_drop()
    assert _left_for_the_collector(use_and_drop) <= LEFT_AT_MOST


def test_a_what_if_leaves_nothing_for_the_collector(doc: Document) -> None:
    leaver = analyse(doc, today=TODAY).walk[3].person_id
    what_if(doc, [leaver])
    assert _left_for_the_collector(lambda: what_if(doc, [leaver])) <= LEFT_AT_MOST


def test_the_results_do_not_depend_on_the_views_being_dropped(doc: Document) -> None:
    """Two runs agree, and a graph whose views were dropped still answers the same."""
    first, second = analyse(doc, today=TODAY), analyse(doc, today=TODAY)
    assert first.walk == second.walk and first.stats == second.stats
    assert sorted(map(repr, first.findings)) == sorted(map(repr, second.findings))
    g = WalkGraph(doc)
    before = (sorted(g.walk.nodes), sorted(g.walk.edges), dict(g.walk.in_degree))
    assert "nodes" in vars(g.walk)  # the cycle the analysis used to leave: the view caches itself
    forget_views(g.walk)
    assert not {"nodes", "edges", "in_degree", "adj", "succ", "pred"} & set(vars(g.walk))
    assert (sorted(g.walk.nodes), sorted(g.walk.edges), dict(g.walk.in_degree)) == before


def test_forget_views_frees_a_graph_by_reference_counting() -> None:
    def use_and_drop(forget: bool) -> None:
        graph = nx.DiGraph([(1, 2), (2, 3)])
        assert list(graph.successors(1)) == [2] and graph.in_degree(3) == 1 and len(graph.edges) == 2
        if forget:
            forget_views(graph)

    use_and_drop(forget=True)  # networkx's first-call set-up is not the graph's garbage
    assert _left_for_the_collector(lambda: use_and_drop(forget=False)) > 0  # the cycle, kept
    assert _left_for_the_collector(lambda: use_and_drop(forget=True)) == 0
