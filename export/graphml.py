"""The map as GraphML, for yEd, Gephi and anything networkx reads.

Nodes are the placed people (id = the person's id), edges the hand-offs
(a multigraph: two hand-offs between the same pair stay two). GraphML only
takes plain typed values, so every attribute is a string, number or boolean
(never None, a list or a dict) and text is cleaned of control characters,
which networkx writes but cannot read back (PITFALLS.md).

Gephi reads `label`, `x`, `y`, `r`, `g`, `b` as a node's label, position and
colour. yEd shows the data in its properties panel; to see the names on the
nodes use Edit > Properties Mapper and map `label` to the node label.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import networkx as nx

from export.fonts import clean_text
from export.mapdraw import handoff_numbers
from model.atomic import atomic_write_bytes
from model.document import Document
from model.entities import CUSTOMER_COLOR
from model.layout import absolute_pos, lanes
from model.naming import department_name, names
from model.stages import stage_label

log = logging.getLogger(__name__)

# characters XML 1.0 cannot carry at all, beyond the control characters clean_text removes
_NOT_XML = {0xFFFE, 0xFFFF}


def text(value: object) -> str:
    """A string GraphML can carry and read back: no control characters (newlines kept),
    no lone surrogates or XML non-characters."""
    cleaned = clean_text(value, keep_newlines=True)
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
    label = names(doc, redact)
    by_key = {lane.key: lane for lane in lanes(doc)}
    numbers = handoff_numbers(doc)
    graph = nx.MultiDiGraph(name=text(doc.meta.title))
    for p in doc.people.values():
        if not p.placed:
            continue
        dept = doc.departments.get(p.department_id or "")
        colour = CUSTOMER_COLOR if p.is_customer else (dept.color if dept else "#9AA0A6")
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


def graphml_bytes(doc: Document, redact: bool = False) -> bytes:
    out = io.BytesIO()
    nx.write_graphml(build_graph(doc, redact), out, encoding="utf-8", prettyprint=True)
    return out.getvalue()


def write_graphml(doc: Document, path: Path | str, redact: bool = False) -> None:
    """Write the map as GraphML (atomically). OSError if unwritable."""
    data = graphml_bytes(doc, redact)
    atomic_write_bytes(path, data)
    log.debug("GraphML %d bytes to %s", len(data), path)
