"""The canvas and every export number the walk the same way (model/appearance.py owns it)."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QUndoStack

from export.drawing.mapdraw import handoff_numbers
from export.graphml import write_graphml
from gui.canvas.scene import MapScene
from model.document import Document
from model.entities import CUSTOMER, Department, Handoff, Person
from model.storage.store import load

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "example.cwalk"


def fan_out() -> Document:
    """One person hands off to two others; the later stage goes to the receiver earlier in the walk."""
    doc = Document.with_standard_statements()
    doc.add("department", Department("Sales", "#4E79A7", id="s"))
    doc.add("person", Person("Ana", "Seller", "s", stage="sell", pos=(175.0, 14.0), id="ana"))
    doc.add("person", Person("Bo", "Admin", "s", stage="contract", pos=(375.0, 14.0), id="bo"))
    doc.add("person", Person("Cy", "Engineer", "s", stage="specify", pos=(575.0, 14.0), id="cy"))
    doc.add("person", Person("Dee", "Buyer", kind=CUSTOMER, stage="renew", pos=(1975.0, 14.0), id="dee"))
    doc.add("handoff", Handoff("ana", "bo", "specs", "specify", id="late"))
    doc.add("handoff", Handoff("ana", "cy", "order", "sell", id="early"))
    doc.add("handoff", Handoff("bo", "cy", "terms", "contract", id="b2"))
    doc.add("handoff", Handoff("cy", "dee", "the pump", "deliver", id="c2"))
    return doc


def canvas_numbers(qtbot, doc: Document) -> dict[str, int | None]:
    scene = MapScene()
    scene.set_document(doc, QUndoStack())
    scene.refresh_steps()
    numbers = {hid: item.step for hid, item in scene.handoff_items.items()}
    scene.set_document(None, None)
    return numbers


def graphml_numbers(doc: Document, tmp_path: Path) -> dict[str, int]:
    out = tmp_path / "map.graphml"
    write_graphml(doc, out)
    root = ET.parse(out).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    key = next(k.get("id") for k in root.iterfind("g:key", ns) if k.get("attr.name") == "step")
    return {e.get("id", ""): int(next(d.text for d in e.iterfind("g:data", ns) if d.get("key") == key) or 0)
            for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")}


def test_a_fan_out_is_numbered_alike_on_screen_and_on_paper(qtbot, tmp_path: Path) -> None:
    doc = fan_out()
    on_screen = canvas_numbers(qtbot, doc)
    assert on_screen["early"] == 1 and on_screen["late"] == 2  # the earlier stage first
    assert on_screen == handoff_numbers(doc)
    assert graphml_numbers(doc, tmp_path) == on_screen


def test_the_example_map_is_numbered_alike_on_screen_and_on_paper(qtbot, tmp_path: Path) -> None:
    doc = load(EXAMPLE)
    on_screen = canvas_numbers(qtbot, doc)
    assert len(on_screen) > 10 and None not in on_screen.values()
    assert on_screen == handoff_numbers(doc) == graphml_numbers(doc, tmp_path)
