"""Screen and paper draw each hand-off alike: the same step number, the same side of each card
for the arrow to leave and enter by, and the same card colours at both ends (model/appearance.py
and model/arrows.py own the rules). Read back from what each side drew: the canvas scene's
items (offscreen) and the printed map's reportlab shapes."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter, QUndoStack
from PySide6.QtWidgets import QStyleOptionGraphicsItem
from reportlab.graphics.shapes import Group, Polygon, Rect, String
from reportlab.graphics.shapes import Path as RlPath

from export.drawing.mapdraw import map_drawing
from export.graphml import write_graphml
from gui.canvas.items import handoff_labels
from gui.canvas.items.handoff import card_rect
from gui.canvas.scene import MapScene
from model import arrows
from model.appearance import YOU_COLOR
from model.document import Document
from model.entities import CUSTOMER, Department, Handoff, Person
from model.layout import CARD_H, CARD_W
from model.storage.store import load

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "example.cwalk"

Seen = dict[str, tuple[int | None, str | None, str | None, str, str]]  # step, sides, end colours


def awkward() -> Document:
    """Cards close together, overlapping, diagonal, stacked, far apart, right to left, and a
    two-way hand-off and a customer: the positions where routing rules are easy to get wrong."""
    doc = Document.with_standard_statements()
    doc.add("department", Department("Sales", "#4E79A7", id="s"))
    doc.add("department", Department("Build", "#59A14F", id="b"))
    spots = {"a": (175.0, 14.0), "b": (320.0, 94.0), "c": (200.0, 40.0), "d": (575.0, 94.0),
             "e": (375.0, 14.0), "f": (375.0, 174.0), "g": (975.0, 300.0)}
    for pid, pos in spots.items():
        doc.add("person", Person(f"Person {pid.upper()}", "Clerk", "s", stage="sell", pos=pos, id=pid))
    doc.add("person", Person("Bea Builder", "Fitter", "b", stage="build", pos=(975.0, 14.0), id="bb"))
    doc.add("person", Person("Cy Client", "Buyer", kind=CUSTOMER, stage="renew", pos=(1975.0, 14.0), id="cy"))
    pairs = [("a", "b"), ("a", "c"), ("d", "e"), ("e", "f"), ("f", "e"), ("a", "g"), ("g", "bb"),
             ("bb", "cy"), ("c", "d")]
    for i, (src, dst) in enumerate(pairs):
        doc.add("handoff", Handoff(src, dst, f"papers {i}", "sell", two_way=i == 2, id=f"h{i}"))
    doc.set_you("d")
    return doc


def on_screen(qtbot: Any, doc: Document) -> Seen:
    scene = MapScene()
    scene.set_document(doc, QUndoStack())
    scene.refresh_steps()
    handoff_labels.run_now(scene)
    seen: Seen = {}
    for hid, item in scene.handoff_items.items():
        start, end = item.ends()
        src, dst = card_rect(item.source.scene_card_rect()), card_rect(item.target.scene_card_rect())
        seen[hid] = (item.step, arrows.side_of((start.x(), start.y()), src),
                     arrows.side_of((end.x(), end.y()), dst),
                     QColor(item.source.face.color).name(), QColor(item.target.face.color).name())
    scene.set_document(None, None)
    return seen


def _flat(group: Group) -> list[Any]:
    out: list[Any] = []
    for shape in group.contents:
        out += _flat(shape) if isinstance(shape, Group) else [shape]
    return out


def _hex(color: Any) -> str:
    return "#" + color.hexval()[2:].lower()


def _card_box(card: Group) -> arrows.Rect:
    """The card's outline, turned y-down (the drawing's y runs up)."""
    outline = next(s for s in card.contents if isinstance(s, Rect))
    return arrows.Rect(outline.x, -(outline.y + outline.height), outline.width, outline.height)


def _card_colour(card: Group) -> str:
    """A colleague's department strip, or a customer's inner ring."""
    shapes = card.contents
    if isinstance(shapes[1], RlPath):
        return _hex(shapes[1].fillColor)
    return _hex(shapes[1].strokeColor)


def on_paper(doc: Document) -> Seen:
    drawing = map_drawing(doc, legend=False)
    cards: dict[str, Group] = drawing._cw_card_shapes
    seen: Seen = {}
    for hid, (arrow, badge) in drawing._cw_handoffs.items():
        h = doc.handoffs[hid]
        line = next(s for s in arrow.contents if isinstance(s, RlPath))
        heads = [s for s in arrow.contents if isinstance(s, Polygon)]
        end = (heads[0].points[0], -heads[0].points[1])
        start = (heads[1].points[0], -heads[1].points[1]) if h.two_way else (line.points[0], -line.points[1])
        number = next(s for s in _flat(badge) if isinstance(s, String)).text
        seen[hid] = (int(number), arrows.side_of(start, _card_box(cards[h.source])),
                     arrows.side_of(end, _card_box(cards[h.target])),
                     _card_colour(cards[h.source]), _card_colour(cards[h.target]))
    return seen


def test_awkward_positions_are_drawn_alike_on_screen_and_paper(qtbot) -> None:
    doc = awkward()
    screen, paper = on_screen(qtbot, doc), on_paper(doc)
    assert set(screen) == set(paper) == set(doc.handoffs)
    assert all(None not in seen[:3] for seen in screen.values()), screen
    assert screen == paper
    sides = {(seen[1], seen[2]) for seen in screen.values()}
    assert {("right", "left"), ("left", "right"), ("bottom", "top"), ("top", "bottom")} <= sides
    assert ("right", "right") in sides  # overlapping cards: a loop out of the right sides


def test_the_example_is_drawn_alike_on_screen_and_paper(qtbot, tmp_path: Path) -> None:
    doc = load(EXAMPLE)
    screen, paper = on_screen(qtbot, doc), on_paper(doc)
    assert len(screen) > 10 and set(screen) == set(paper)
    assert all(None not in seen[:3] for seen in screen.values()), screen
    assert screen == paper
    # GraphML colours each card (node) as the canvas does
    write_graphml(doc, tmp_path / "map.graphml")
    graph = nx.read_graphml(tmp_path / "map.graphml")
    colours = {h.source: seen[3] for h, seen in ((doc.handoffs[hid], s) for hid, s in screen.items())}
    colours |= {h.target: seen[4] for h, seen in ((doc.handoffs[hid], s) for hid, s in screen.items())}
    assert {pid: graph.nodes[pid]["colour"].lower() for pid in colours} == colours


def _outline_colour(card: Any) -> QColor:
    """The colour of a card's outline at the middle of its top edge, as the canvas paints it."""
    image = QImage(int(CARD_W) + 20, int(CARD_H) + 20, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(10, 10)
    card.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    return image.pixelColor(QPointF(10 + CARD_W / 2, 10).toPoint())


def test_you_are_marked_in_one_colour_on_screen_and_paper(qtbot) -> None:
    doc = awkward()
    scene = MapScene()
    scene.set_document(doc, QUndoStack())
    painted = _outline_colour(scene.cards["d"])
    scene.set_document(None, None)
    printed = map_drawing(doc, legend=False)._cw_card_shapes["d"].contents[0].strokeColor
    want = QColor(YOU_COLOR)
    assert _hex(printed) == want.name()
    assert max(abs(painted.red() - want.red()), abs(painted.green() - want.green()),
               abs(painted.blue() - want.blue())) <= 24, painted.name()
