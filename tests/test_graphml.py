"""GraphML: typed attributes, hostile text, reads back with the same nodes, edges and labels;
yEd's graphics place and colour the cards without its Properties Mapper."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export.drawing.mapdraw import handoff_numbers
from export.graphml import EDGE_GRAPHICS, NODE_GRAPHICS, Y_NS, build_graph, text, write_graphml
from model.document import Document
from model.entities import CUSTOMER_COLOR, Handoff, Person
from model.layout import CARD_H, CARD_W, absolute_pos
from model.naming import names
from tests.export_maps import HOSTILE_NAMES, small_map

G = "{http://graphml.graphdrawing.org/xmlns}"
Y = f"{{{Y_NS}}}"


def _yed(path: Path) -> tuple[dict[str, ET.Element], dict[str, ET.Element]]:
    """Parse (well-formed or raise) and return node id -> y:ShapeNode, edge id -> y:PolyLineEdge."""
    root = ET.parse(path).getroot()
    graphics = {k.get("id"): k.get("yfiles.type") for k in root.iterfind(f"{G}key") if k.get("yfiles.type")}
    assert graphics == {NODE_GRAPHICS: "nodegraphics", EDGE_GRAPHICS: "edgegraphics"}
    node_path = f"{G}data[@key='{NODE_GRAPHICS}']/{Y}ShapeNode"
    edge_path = f"{G}data[@key='{EDGE_GRAPHICS}']/{Y}PolyLineEdge"
    nodes = {n.get("id"): n.find(node_path) for n in root.iter(f"{G}node")}
    edges = {e.get("id"): e.find(edge_path) for e in root.iter(f"{G}edge")}
    assert all(v is not None for v in [*nodes.values(), *edges.values()])
    return nodes, edges  # type: ignore[return-value]


def _written(tmp_path: Path, redact: bool = False) -> tuple[Document, Path]:
    doc = small_map()
    path = tmp_path / "map.graphml"
    write_graphml(doc, path, redact=redact)
    return doc, path


def _text_of(parent: ET.Element, tag: str) -> str:
    element = parent.find(f"{Y}{tag}")
    assert element is not None and element.text is not None
    return element.text


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
    nodes, edges = _yed(path)
    assert _text_of(nodes[a.id], "NodeLabel") == expected
    (edge,) = edges.values()
    assert _text_of(edge, "EdgeLabel") == data["label"]


def test_yed_draws_each_card_where_the_map_has_it_in_its_department_colour(tmp_path: Path) -> None:
    doc, path = _written(tmp_path)
    nodes, _edges = _yed(path)
    label = names(doc)
    placed = [p for p in doc.people.values() if p.placed]
    assert set(nodes) == {p.id for p in placed}
    fills: dict[str, set[str]] = {}
    for p in placed:
        shape = nodes[p.id]
        geometry = shape.find(f"{Y}Geometry")
        assert geometry is not None
        x, y = absolute_pos(doc, p)
        box = [float(geometry.get(k, "nan")) for k in ("x", "y", "width", "height")]
        assert box == [x, y, CARD_W, CARD_H]
        node_label = _text_of(shape, "NodeLabel")
        assert node_label.split("\n")[0] == text(label[p.id])
        if p.title:
            assert text(p.title) in node_label
        shape_type = shape.find(f"{Y}Shape")
        assert shape_type is not None
        assert shape_type.get("type") == ("ellipse" if p.is_customer else "roundrectangle")
        fill = shape.find(f"{Y}Fill")
        border = shape.find(f"{Y}BorderStyle")
        assert fill is not None and border is not None
        colour = CUSTOMER_COLOR if p.is_customer else doc.departments[p.department_id or ""].color
        if doc.meta.you_id != p.id:
            assert border.get("color", "").upper() == colour.upper()
        fills.setdefault(colour, set()).add(fill.get("color", ""))
    # one fill per colour, each a real #RRGGBB, and the customers' unlike any department's
    assert all(len(v) == 1 for v in fills.values())
    assert all(len(c) == 7 and c.startswith("#") for v in fills.values() for c in v)
    departments = set().union(*(v for k, v in fills.items() if k != CUSTOMER_COLOR))
    assert departments and fills[CUSTOMER_COLOR].isdisjoint(departments)


def test_yed_edges_carry_step_and_what_with_two_way_heads_at_both_ends(tmp_path: Path) -> None:
    doc, path = _written(tmp_path)
    _nodes, edges = _yed(path)
    graph = build_graph(doc)
    assert set(edges) == {h.id for h in doc.handoffs.values()}
    assert any(h.two_way for h in doc.handoffs.values()) and not all(h.two_way for h in doc.handoffs.values())
    for _u, _v, key, data in graph.edges(keys=True, data=True):
        edge = edges[key]
        arrows = edge.find(f"{Y}Arrows")
        assert arrows is not None
        assert arrows.get("target") == "standard"
        assert arrows.get("source") == ("standard" if doc.handoffs[key].two_way else "none")
        assert _text_of(edge, "EdgeLabel") == data["label"]


def test_networkx_reads_our_typed_data_not_the_yed_graphics(tmp_path: Path) -> None:
    """networkx's reader decodes yEd graphics too (label, x, y as strings, shape_type): ours must win."""
    doc, path = _written(tmp_path)
    back = nx.read_graphml(path, force_multigraph=True)
    graph = build_graph(doc)
    assert back.graph["name"] == graph.graph["name"]
    for node, attrs in graph.nodes(data=True):
        read = dict(back.nodes[node])
        assert read.pop("shape_type") in ("roundrectangle", "ellipse")
        assert read == attrs
        assert {k: type(v) for k, v in read.items()} == {k: type(v) for k, v in attrs.items()}
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        assert back.edges[u, v, key] == attrs
        read_types = {k: type(x) for k, x in back.edges[u, v, key].items()}
        assert read_types == {k: type(x) for k, x in attrs.items()}


def test_key_ids_keep_clear_of_the_ids_gephi_takes_for_labels(tmp_path: Path) -> None:
    """Gephi maps key id d3 (node) and d7 (edge), yEd's defaults, to the label whatever their
    attr.name says; every other key must reach Gephi under its own name."""
    doc, path = _written(tmp_path)
    keys = list(ET.parse(path).getroot().iterfind(f"{G}key"))
    ids = [k.get("id", "") for k in keys]
    assert len(ids) == len(set(ids))
    assert not {i.lower() for i in ids} & {"d3", "d7"}
    assert {k.get("attr.name") for k in keys if k.get("for") == "node"} >= {"label", "x", "y", "r", "g", "b"}


def test_redacted_yed_labels_name_nobody(tmp_path: Path) -> None:
    doc, path = _written(tmp_path, redact=True)
    nodes, _edges = _yed(path)
    label = names(doc, redact=True)
    for pid, shape in nodes.items():
        node_label = _text_of(shape, "NodeLabel")
        assert node_label == text(label[pid]).strip()
        assert not any(text(name) in node_label for name in HOSTILE_NAMES)
