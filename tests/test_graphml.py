"""GraphML: typed attributes, hostile text, reads back with the same nodes, edges and labels."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export.graphml import build_graph, text, write_graphml
from export.mapdraw import handoff_numbers
from model.document import Document
from model.entities import Handoff, Person
from model.naming import names
from tests.export_maps import HOSTILE_NAMES, small_map


def test_reads_back_with_the_same_nodes_edges_and_labels(tmp_path: Path) -> None:
    doc = small_map()
    path = tmp_path / "map.graphml"
    write_graphml(doc, path)
    back = nx.read_graphml(path, force_multigraph=True)
    placed = {pid for pid, p in doc.people.items() if p.placed}
    assert set(back.nodes) == placed
    label = names(doc)
    for pid in placed:
        assert back.nodes[pid]["label"] == text(label[pid])
    numbers = handoff_numbers(doc)
    edges = {(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)}
    assert len(edges) == len(doc.handoffs)
    for h in doc.handoffs.values():
        data = edges[(h.source, h.target, h.id)]
        assert data["what"] == h.what
        assert data["step"] == numbers[h.id]
        assert data["two_way"] is h.two_way


def test_attributes_are_typed_for_graph_tools(tmp_path: Path) -> None:
    doc = small_map()
    path = tmp_path / "map.graphml"
    write_graphml(doc, path)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {
        (k.get("for"), k.get("attr.name")): k.get("attr.type")
        for k in ET.parse(path).getroot().iterfind("g:key", ns)
    }
    assert keys[("node", "label")] == "string"
    assert keys[("node", "x")] in ("double", "float")
    assert keys[("node", "story_written")] == "boolean"
    assert keys[("node", "r")] in ("int", "long")
    assert keys[("edge", "step")] in ("int", "long")
    back = nx.read_graphml(path, force_multigraph=True)
    for _n, data in back.nodes(data=True):
        assert isinstance(data["x"], float) and isinstance(data["sweet_spot"], bool)
        assert all(value is not None for value in data.values())


def test_control_characters_are_stripped_so_the_file_reads_back(tmp_path: Path) -> None:
    doc = small_map()
    nul = next(p for p in doc.people.values() if "Nul" in p.name)
    doc.update("person", nul.id, title="tab\there\x0bvt\x1besc\ufffe")
    path = tmp_path / "m.graphml"
    write_graphml(doc, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.nodes[nul.id]["label"] == "NulByteName"
    assert back.nodes[nul.id]["title"] == "tab herevtesc"


def test_redacted_graphml_names_nobody(tmp_path: Path) -> None:
    doc = small_map()
    path = tmp_path / "r.graphml"
    write_graphml(doc, path, redact=True)
    content = path.read_text(encoding="utf-8")
    for name in HOSTILE_NAMES:
        assert text(name) not in content and name not in content


def test_unplaced_people_and_their_handoffs_are_left_out() -> None:
    doc = small_map()
    unplaced = next(p for p in doc.people.values() if not p.placed)
    placed = next(p for p in doc.people.values() if p.placed)
    doc.add("handoff", Handoff(source=placed.id, target=unplaced.id, what="nothing"))
    graph = build_graph(doc)
    assert unplaced.id not in graph
    assert graph.number_of_edges() == len(doc.handoffs) - 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=40), what=st.text(max_size=40))
def test_any_text_round_trips(tmp_path: Path, name: str, what: str) -> None:
    doc = Document()
    a = doc.add("person", Person(name=name, stage="sell"))
    b = doc.add("person", Person(name="Other", stage="build"))
    doc.add("handoff", Handoff(source=a.id, target=b.id, what=what))
    path = tmp_path / "h.graphml"
    write_graphml(doc, path)
    back = nx.read_graphml(path, force_multigraph=True)
    expected = text(name).strip() or "(unnamed)"
    assert back.nodes[a.id]["label"] == expected
    ((_u, _v, data),) = back.edges(data=True)
    assert data["what"] == text(what)
