"""The map as GraphML, for yEd, Gephi and anything networkx reads.

Nodes are the placed people (id = the person's id), edges the hand-offs
(a multigraph: two hand-offs between the same pair stay two). GraphML only
takes plain typed values, so every attribute is a string, number or boolean
(never None, a list or a dict) and text is cleaned of control characters,
which networkx writes but cannot read back (docs/architecture.md, "Known traps").

One document serves every reader:
- yEd draws each node from yEd's own graphics extension (namespace
  `y`, a `nodegraphics`/`edgegraphics` key): the card where it sits on the
  map, its size, the department colour (customers as a distinct ellipse),
  name and title as its label; hand-offs with their step and what, two-way
  ones with arrows at both ends. No Properties Mapper needed.
- Gephi reads `label`, `x`, `y`, `r`, `g`, `b` as a node's label, position and
  colour; every typed attribute becomes a column. Key ids are `node_<name>`
  etc., never yEd's `d3`/`d7`, which Gephi takes for the label whatever they hold.
- networkx's reader also decodes yEd graphics (label, x, y as strings,
  `shape_type`): the graphics come first in each element, so the typed data
  after them win; only `shape_type` is added.

networkx's own writer cannot emit the graphics, so the whole document is
written here with ElementTree, from the graph build_graph makes.
"""

from __future__ import annotations

import io
import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
from reportlab.lib.colors import Color

from export.drawing import mapshapes
from export.drawing.mapdraw import handoff_numbers
from export.fonts import clean_text
from model.appearance import card_color
from model.document import Document
from model.entities import CUSTOMER, OUTSOURCED
from model.layout import CARD_H, CARD_W, absolute_pos, lanes
from model.naming import department_name, names
from model.redaction.apply import redacted
from model.stages import stage_label
from model.storage.atomic import atomic_write_bytes

log = logging.getLogger(__name__)

# characters XML 1.0 cannot carry at all, beyond the control characters clean_text removes
_NOT_XML = {0xFFFE, 0xFFFF}


def text(value: object) -> str:
    """A string GraphML can carry and read back: no control characters (newlines kept),
    no lone surrogates or XML non-characters."""
    cleaned = clean_text(value, keep_newlines=True, for_print=False)
    return "".join(ch for ch in cleaned if ord(ch) not in _NOT_XML)


def _rgb(color: str) -> tuple[int, int, int]:
    try:
        value = color.strip().lstrip("#")
        if len(value) != 6:
            raise ValueError(color)
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except (ValueError, AttributeError):
        return 154, 160, 166


def build_graph(doc: Document, redact: bool = False) -> nx.MultiDiGraph:
    """The placed people and their hand-offs as a networkx graph with GraphML-safe attributes."""
    if redact:
        doc = redacted(doc)
    label = names(doc, redact)
    by_key = {lane.key: lane for lane in lanes(doc)}
    numbers = handoff_numbers(doc)
    graph = nx.MultiDiGraph(name=text(doc.meta.title))
    for p in doc.people.values():
        if not p.placed:
            continue
        colour = card_color(doc, p)  # as the canvas and the printed map colour the card
        r, g, b = _rgb(colour)
        x, y = absolute_pos(doc, p, by_key)
        shown = text(label.get(p.id, p.name)).strip() or "(unnamed)"
        attrs: dict[str, Any] = {
            "label": shown,
            "name": shown,
            "title": text(p.title),
            "department": text(department_name(doc, p)),
            "kind": p.kind,
            "sourcing": p.sourcing,
            "vendor": text(p.vendor),
            "stage": p.stage or "",
            "stage_label": stage_label(p.stage) if p.stage else "",
            "story_written": bool(p.story.is_written()),
            "sweet_spot": bool(p.story.sweet_spot),
            "you": doc.meta.you_id == p.id,
            "x": float(x),
            "y": float(y),
            "colour": colour if isinstance(colour, str) else "",
            "r": r,
            "g": g,
            "b": b,
        }
        graph.add_node(p.id, **attrs)
    for h in doc.handoffs.values():
        if h.source not in graph or h.target not in graph:
            continue
        what = text(h.what)
        step = numbers.get(h.id, 0)
        graph.add_edge(
            h.source,
            h.target,
            key=h.id,
            label=f"{step}. {what}" if what else str(step),
            what=what,
            stage=h.stage or "",
            two_way=bool(h.two_way),
            step=int(step),
        )
    return graph


GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
Y_NS = "http://www.yworks.com/xml/graphml"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XML = "http://www.w3.org/XML/1998/namespace"
_SCHEMA = f"{GRAPHML_NS} http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"
ET.register_namespace("y", Y_NS)  # yEd looks for the y: elements by this namespace

NODE_GRAPHICS = "node_graphics"  # key ids (Gephi matches `d3`/`d7` to the label: keep clear of them)
EDGE_GRAPHICS = "edge_graphics"
_FILL_TINT = 0.35  # card fill: the department colour mixed with white, so the label stays readable


def _y(tag: str) -> str:
    return f"{{{Y_NS}}}{tag}"


def _hex(color: Color) -> str:
    return "#" + str(color.hexval())[2:].upper()


def _xml_type(value: object) -> str:
    """The GraphML attr.type of a value (bool first: it is an int too); the types networkx wrote."""
    for kind, name in ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string")):
        if isinstance(value, kind):
            return name
    raise TypeError(f"not a GraphML value: {value!r}")


def _xml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _keys(root: ET.Element, scope: str, items: list[dict[str, Any]]) -> dict[str, str]:
    """One typed <key> per attribute name of the scope; name -> key id."""
    ids: dict[str, str] = {}
    for attrs in items:
        for name, value in attrs.items():
            if name not in ids:
                ids[name] = f"{scope}_{name}"
                ET.SubElement(
                    root,
                    "key",
                    {"id": ids[name], "for": scope, "attr.name": name, "attr.type": _xml_type(value)},
                )
    return ids


def _data(parent: ET.Element, ids: dict[str, str], attrs: dict[str, Any]) -> None:
    for name, value in attrs.items():
        ET.SubElement(parent, "data", key=ids[name]).text = _xml_value(value)


def _node_label(attrs: dict[str, Any], redact: bool) -> str:
    """Name, then the card's second line (the title, a vendor); redacted: the name alone,
    which already says role and department (as on the PDF's cards)."""
    subtitle = ""
    if not redact:
        if attrs["kind"] == CUSTOMER:
            subtitle = attrs["title"] or attrs["vendor"]
        else:
            parts = [attrs["title"], attrs["vendor"] if attrs["sourcing"] == OUTSOURCED else ""]
            subtitle = " · ".join(part for part in parts if part)
    return f"{attrs['label']}\n{subtitle}" if subtitle else str(attrs["label"])


def _shape_node(parent: ET.Element, attrs: dict[str, Any], redact: bool) -> None:
    """yEd's ShapeNode: the card at its map position, in its department colour."""
    customer = attrs["kind"] == CUSTOMER
    color = Color(attrs["r"] / 255, attrs["g"] / 255, attrs["b"] / 255)
    border, width = (mapshapes.YOU, "3.0") if attrs["you"] else (color, "2.0" if customer else "1.5")
    data = ET.SubElement(parent, "data", key=NODE_GRAPHICS)
    node = ET.SubElement(data, _y("ShapeNode"))
    geometry = {"x": attrs["x"], "y": attrs["y"], "width": CARD_W, "height": CARD_H}
    ET.SubElement(node, _y("Geometry"), {k: str(float(v)) for k, v in geometry.items()})
    ET.SubElement(node, _y("Fill"), color=_hex(mapshapes.tint(color, _FILL_TINT)), transparent="false")
    ET.SubElement(node, _y("BorderStyle"), color=_hex(border), type="line", width=width)
    label = ET.SubElement(
        node,
        _y("NodeLabel"),
        {
            "alignment": "center",
            "autoSizePolicy": "content",
            "fontFamily": "Dialog",
            "fontSize": "12",
            "fontStyle": "plain",
            "modelName": "internal",
            "modelPosition": "c",
            "textColor": _hex(mapshapes.INK),
            "visible": "true",
            f"{{{_XML}}}space": "preserve",
        },
    )
    label.text = _node_label(attrs, redact)
    ET.SubElement(node, _y("Shape"), type="ellipse" if customer else "roundrectangle")


def _polyline_edge(parent: ET.Element, attrs: dict[str, Any]) -> None:
    """yEd's PolyLineEdge: an arrow (heads at both ends when two-way) labelled step and what."""
    data = ET.SubElement(parent, "data", key=EDGE_GRAPHICS)
    edge = ET.SubElement(data, _y("PolyLineEdge"))
    ET.SubElement(edge, _y("LineStyle"), color=_hex(mapshapes.ARROW), type="line", width="1.5")
    ET.SubElement(edge, _y("Arrows"), source="standard" if attrs["two_way"] else "none", target="standard")
    label = ET.SubElement(
        edge,
        _y("EdgeLabel"),
        {
            "alignment": "center",
            "backgroundColor": "#FFFFFF",
            "fontFamily": "Dialog",
            "fontSize": "10",
            "fontStyle": "plain",
            "modelName": "centered",
            "modelPosition": "center",
            "textColor": _hex(mapshapes.INK),
            "visible": "true",
            f"{{{_XML}}}space": "preserve",
        },
    )
    label.text = str(attrs["label"])
    ET.SubElement(edge, _y("BendStyle"), smoothed="false")


def graphml_document(graph: nx.MultiDiGraph, redact: bool = False) -> ET.ElementTree:
    """The GraphML tree of a build_graph graph: typed keys and data for Gephi and networkx,
    yEd's graphics first in each node and edge (networkx's reader lets the later typed data win)."""
    # GraphML's own elements are unprefixed under a plain xmlns (as networkx writes them):
    # ElementTree's default_namespace would refuse the unqualified attribute names
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS, f"{{{_XSI}}}schemaLocation": _SCHEMA})
    graph_ids = _keys(root, "graph", [graph.graph])
    node_ids = _keys(root, "node", [attrs for _n, attrs in graph.nodes(data=True)])
    ET.SubElement(root, "key", {"for": "node", "id": NODE_GRAPHICS, "yfiles.type": "nodegraphics"})
    edge_ids = _keys(root, "edge", [attrs for _u, _v, attrs in graph.edges(data=True)])
    ET.SubElement(root, "key", {"for": "edge", "id": EDGE_GRAPHICS, "yfiles.type": "edgegraphics"})
    body = ET.SubElement(root, "graph", id="G", edgedefault="directed")
    _data(body, graph_ids, graph.graph)
    for node_id, attrs in graph.nodes(data=True):
        node = ET.SubElement(body, "node", id=str(node_id))
        _shape_node(node, attrs, redact)
        _data(node, node_ids, attrs)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        edge = ET.SubElement(body, "edge", id=str(key), source=str(source), target=str(target))
        _polyline_edge(edge, attrs)
        _data(edge, edge_ids, attrs)
    tree = ET.ElementTree(root)
    ET.indent(tree, "  ")
    return tree


def graphml_bytes(doc: Document, redact: bool = False) -> bytes:
    out = io.BytesIO()
    graphml_document(build_graph(doc, redact), redact).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue()


def write_graphml(doc: Document, path: Path | str, redact: bool = False) -> None:
    """Write the map as GraphML (atomically). OSError if unwritable."""
    data = graphml_bytes(doc, redact)
    atomic_write_bytes(path, data)
    log.debug("GraphML %d bytes to %s", len(data), path)
