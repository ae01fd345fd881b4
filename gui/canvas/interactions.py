"""Small interaction classes the scene runs while the mouse is down (draw a
hand-off, reconnect one, reorder or resize a lane) and the drop of palette
tiles. Each shows its own preview and pushes at most one undo step on release."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLineF, QMimeData, QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsPathItem

from gui import theme
from gui.canvas import mime
from gui.canvas.items import Z_OVERLAY
from gui.canvas.items.card import PersonCard
from gui.canvas.items.handoff import HandoffItem, route
from gui.canvas.items.lane import is_department
from gui.canvas.landing import clear_spot
from gui.commands import AddCommand, ReorderLanesCommand, UpdateCommand
from model import layout
from model.entities import COLLEAGUE, CUSTOMER, DEPARTMENT_COLORS, Department, Handoff, Person
from model.stages import STAGE_IDS

if TYPE_CHECKING:
    from gui.canvas.scene import MapScene

DRAG_START = 4.0  # pixels before a press on a lane name becomes a drag


def _preview_pen() -> QPen:
    return QPen(theme.current().highlight, 2.0, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap)


def _curve_to(a: PersonCard, target: PersonCard | None, point: QPointF) -> QPainterPath:
    src = a.scene_card_rect()
    if target is not None:
        p0, c1, c2, p1 = route(src, target.scene_card_rect())
    else:
        p0 = QPointF(src.right(), src.center().y())
        p1 = point
        d = max(30.0, abs(p1.x() - p0.x()) / 2)
        c1, c2 = QPointF(p0.x() + d, p0.y()), QPointF(p1.x() - d, p1.y())
    path = QPainterPath(p0)
    path.cubicTo(c1, c2, p1)
    return path


def add_handoff(scene: MapScene, src: str, dst: str, centre: bool = False) -> str | None:
    """One undo step: `src` hands off to `dst` (at the giver's stage); the new arrow is selected.
    An existing hand-off in that direction is selected instead, and the user is told."""
    doc = scene.doc
    if doc is None or src == dst or src not in doc.people or dst not in doc.people:
        return None
    existing = next((h for h in doc.handoffs.values() if h.source == src and h.target == dst), None)
    if existing is not None:
        scene.messageRaised.emit("These two already have a hand-off in this direction; it is selected.")
        scene.select_ids([], [existing.id], centre=centre)
        return existing.id
    stage = doc.people[src].stage or doc.people[dst].stage
    h = Handoff(source=src, target=dst, stage=stage)
    if scene.push(AddCommand(doc, "handoff", h, "Draw hand-off")):
        scene.select_ids([], [h.id], centre=centre)
        return h.id
    return None


class DrawHandoff:
    """Press on a card's handle, drag to another card, release: a new hand-off."""

    def __init__(self, scene: MapScene, source: PersonCard) -> None:
        self.scene, self.source = scene, source
        self.target: PersonCard | None = None
        self.preview = QGraphicsPathItem()
        self.preview.setPen(_preview_pen())
        self.preview.setZValue(Z_OVERLAY)
        scene.addItem(self.preview)
        self.move(source.scene_card_rect().center())

    def move(self, pos: QPointF) -> None:
        target = self.scene.card_at(pos, exclude=self.source)
        if target is not self.target:
            if self.target is not None:
                self.target.set_drop_target(False)
            if target is not None:
                target.set_drop_target(True)
            self.target = target
        self.preview.setPath(_curve_to(self.source, self.target, pos))

    def release(self, pos: QPointF) -> None:
        self.move(pos)
        doc = self.scene.doc
        if self.target is None or doc is None:
            return
        add_handoff(self.scene, self.source.pid, self.target.pid)

    def cancel(self) -> None:
        if self.target is not None:
            self.target.set_drop_target(False)
            self.target = None
        if self.preview.scene() is not None:
            self.scene.removeItem(self.preview)


class ReconnectHandoff:
    """Drag one end of a selected hand-off onto another card."""

    def __init__(self, scene: MapScene, item: HandoffItem, end: str) -> None:
        self.scene, self.item, self.end = scene, item, end
        self.fixed = item.source if end == "target" else item.target
        self.target: PersonCard | None = None
        self.item.setVisible(False)
        self.preview = QGraphicsPathItem()
        self.preview.setPen(_preview_pen())
        self.preview.setZValue(Z_OVERLAY)
        scene.addItem(self.preview)

    def move(self, pos: QPointF) -> None:
        target = self.scene.card_at(pos, exclude=self.fixed)
        if target is not self.target:
            if self.target is not None:
                self.target.set_drop_target(False)
            if target is not None:
                target.set_drop_target(True)
            self.target = target
        fixed = self.fixed.scene_card_rect()
        if self.target is not None:
            ends = (fixed, self.target.scene_card_rect())
            p0, c1, c2, p1 = route(*ends) if self.end == "target" else route(ends[1], ends[0])
            path = QPainterPath(p0)
            path.cubicTo(c1, c2, p1)
        else:
            path = QPainterPath(fixed.center())
            path.lineTo(pos)
        self.preview.setPath(path)

    def release(self, pos: QPointF) -> None:
        self.move(pos)
        doc = self.scene.doc
        if self.target is None or doc is None or self.item.hid not in doc.handoffs:
            return
        current = self.item.target if self.end == "target" else self.item.source
        if self.target is current:
            return
        self.scene.push(
            UpdateCommand(doc, "handoff", self.item.hid, {self.end: self.target.pid}, "Reconnect hand-off")
        )

    def cancel(self) -> None:
        if self.target is not None:
            self.target.set_drop_target(False)
            self.target = None
        self.item.setVisible(True)
        if self.preview.scene() is not None:
            self.scene.removeItem(self.preview)


def _insertion_index(scene: MapScene, y: float, moving: str | None = None) -> int:
    """Where among the departments a lane dropped at scene y goes."""
    departments = [lane for lane in scene.lanes if is_department(lane.key) and lane.key != moving]
    return sum(1 for lane in departments if lane.top + lane.height / 2 < y)


def _indicator(scene: MapScene) -> QGraphicsLineItem:
    line = QGraphicsLineItem()
    line.setPen(QPen(theme.current().highlight, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    line.setZValue(Z_OVERLAY)
    scene.addItem(line)
    return line


def _boundary_y(scene: MapScene, index: int, moving: str | None = None) -> float:
    departments = [lane for lane in scene.lanes if is_department(lane.key) and lane.key != moving]
    if not departments:
        return layout.HEADER_H
    if index < len(departments):
        return departments[index].top
    return departments[-1].bottom


class LaneDrag:
    """Drag a department's name up or down to reorder the lanes."""

    def __init__(self, scene: MapScene, key: str, press: QPointF) -> None:
        self.scene, self.key, self.press = scene, key, QPointF(press)
        self.active = False
        self.line: QGraphicsLineItem | None = None
        self.index = 0

    def move(self, pos: QPointF) -> None:
        if not self.active and QLineF(pos, self.press).length() < DRAG_START:
            return
        self.active = True
        if self.line is None:
            self.line = _indicator(self.scene)
            header = self.scene.lane_headers.get(self.key)
            if header is not None:
                header.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.index = _insertion_index(self.scene, pos.y(), self.key)
        y = _boundary_y(self.scene, self.index, self.key)
        self.line.setLine(0, y, self.scene.sceneRect().width(), y)

    def release(self, pos: QPointF) -> None:
        doc = self.scene.doc
        if not self.active or doc is None or self.key not in doc.departments:
            return
        self.move(pos)
        order = [d for d in doc.departments if d != self.key]
        order.insert(self.index, self.key)
        if order != list(doc.departments):
            self.scene.push(ReorderLanesCommand(doc, order, "Move lane"))

    def cancel(self) -> None:
        if self.line is not None and self.line.scene() is not None:
            self.scene.removeItem(self.line)
        self.line = None
        header = self.scene.lane_headers.get(self.key)
        if header is not None:
            header.setCursor(Qt.CursorShape.OpenHandCursor)


class LaneResize:
    """Drag a department lane's bottom edge to set its height."""

    def __init__(self, scene: MapScene, key: str, press: QPointF | None = None) -> None:
        self.scene, self.key = scene, key
        self.press = QPointF(press) if press is not None else None
        self.line = _indicator(scene)
        self.height: float | None = None

    def move(self, pos: QPointF) -> None:
        lane = self.scene.lane(self.key)
        if lane is None:
            return
        if self.height is None and self.press is not None and abs(pos.y() - self.press.y()) < DRAG_START:
            return  # a click or a tremble on the edge is not a resize (it would freeze the lane's height)
        self.height = max(layout.MIN_LANE_H, pos.y() - lane.top)
        y = lane.top + self.height
        self.line.setLine(0, y, self.scene.sceneRect().width(), y)

    def release(self, pos: QPointF) -> None:
        self.move(pos)
        doc = self.scene.doc
        if doc is None or self.height is None or self.key not in doc.departments:
            return
        height = float(round(self.height))
        if height != doc.departments[self.key].lane_height:
            self.scene.push(
                UpdateCommand(doc, "department", self.key, {"lane_height": height}, "Resize lane")
            )

    def cancel(self) -> None:
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)


def tile_payload(data: QMimeData) -> tuple[str, str]:
    """The palette payload a drag carries, or ('', '')."""
    if not data.hasFormat(mime.TILE_MIME):
        return "", ""
    try:
        text = bytes(data.data(mime.TILE_MIME).data()).decode("utf-8")
    except UnicodeDecodeError:
        return "", ""
    return mime.parse_payload(text)


def _unique_name(taken: set[str], base: str) -> str:
    if base.casefold() not in taken:
        return base
    n = 2
    while f"{base} {n}".casefold() in taken:
        n += 1
    return f"{base} {n}"


def _inside_column(x: float, stage: str | None, widths: layout.Widths | None = None) -> float:
    """A dropped card's left edge, kept inside the stage column under the pointer: centred on
    the pointer it could straddle two columns and look as if it belonged to the other one."""
    from model.stages import stage_index

    index = min(stage_index(stage), len(STAGE_IDS) - 1)
    left = layout.column_x(index, widths)
    width = widths[index] if widths is not None and index < len(widths) else layout.COL_W
    return min(max(x, left + 2), left + width - layout.CARD_W - 2)


class TileDrop:
    """Palette tiles and roster entries dropped on the canvas land where they are dropped."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self._lit: Any = None

    def _target(self, kind: str, what: str, pos: QPointF) -> tuple[layout.Lane | None, str | None]:
        """The lane and stage a drop at `pos` goes to (lane None: refused)."""
        doc = self.scene.doc
        if pos.y() >= layout.HEADER_H:
            lane = self.scene.lane_at(pos.y())
        else:
            lane = self.scene.lanes[0] if self.scene.lanes else None
        customer = (kind == "new" and what == "customer") or (
            kind == "person" and doc is not None and what in doc.people and doc.people[what].is_customer
        )
        if customer:
            lane = self.scene.lane(layout.CUSTOMER_LANE)
        elif lane is not None and lane.key == layout.CUSTOMER_LANE:
            lane = None  # colleagues belong in a department lane
        return lane, layout.stage_at(max(pos.x(), layout.LABEL_W), self.scene.widths)

    def hover(self, kind: str, what: str, pos: QPointF) -> bool:
        """Light up where the drop would land; False if it cannot land there."""
        doc = self.scene.doc
        if doc is None or not kind or (kind == "person" and what not in doc.people):
            self.leave()
            return False
        if kind == "new" and what == "department":
            self.leave()
            return True
        lane, stage = self._target(kind, what, pos)
        item = self.scene.lane_items.get(lane.key) if lane is not None else None
        if item is not self._lit:
            self.leave()
        if item is not None:
            from model.stages import stage_index

            item.set_highlight(stage_index(stage))
            self._lit = item
        return lane is not None

    def leave(self) -> None:
        if self._lit is not None:
            self._lit.set_highlight(None)
            self._lit = None

    def drop(self, kind: str, what: str, pos: QPointF) -> bool:
        """Make the change for a drop at `pos` (one undo step); False if refused."""
        self.leave()
        scene, doc = self.scene, self.scene.doc
        if doc is None or not kind:
            return False
        if kind == "new" and what == "department":
            return self._new_department(pos)
        lane, stage = self._target(kind, what, pos)
        if lane is None:
            scene.messageRaised.emit("Colleagues go in a department lane; the last lane is for customers.")
            return False
        dept = lane.key if is_department(lane.key) else None
        x = _inside_column(pos.x() - layout.CARD_W / 2, stage, self.scene.widths)
        y = max(4.0, pos.y() - layout.CARD_H / 2 - lane.top)
        moving = [what] if kind == "person" else []
        members = self.scene.lane_layout.table.members.get(lane.key, set())
        rel = clear_spot(doc, lane.key, (float(round(x)), float(round(y))), moving, members)
        if kind == "new":
            taken = {p.name.casefold() for p in doc.people.values()}
            if what == "customer":
                person = Person(
                    name=_unique_name(taken, "Customer contact"), kind=CUSTOMER, stage=stage, pos=rel
                )
            else:
                person = Person(name=_unique_name(taken, "New colleague"), kind=COLLEAGUE,
                                department_id=dept, stage=stage, pos=rel)
            ok = scene.push(AddCommand(doc, "person", person, f"Add {person.name}"))
            if ok:
                scene.select_ids([person.id], centre=False)
            return ok
        if what not in doc.people:
            scene.messageRaised.emit("That person is no longer in the map.")
            return False
        person = doc.people[what]
        changes: dict[str, Any] = {"placed": True, "stage": stage, "pos": rel}
        if not person.is_customer:
            changes["department_id"] = dept
        ok = scene.push(UpdateCommand(doc, "person", what, changes, f"Place {person.name or 'person'}"))
        if ok:
            scene.select_ids([what], centre=False)
        return ok

    def _new_department(self, pos: QPointF) -> bool:
        scene, doc = self.scene, self.scene.doc
        assert doc is not None
        used = {d.color.upper() for d in doc.departments.values()}
        color = next((c for c in DEPARTMENT_COLORS if c.upper() not in used),
                     DEPARTMENT_COLORS[len(doc.departments) % len(DEPARTMENT_COLORS)])
        name = _unique_name({d.name.casefold() for d in doc.departments.values()}, "New department")
        dept = Department(name=name, color=color)
        index = _insertion_index(scene, pos.y())
        ok = scene.push(AddCommand(doc, "department", dept, f"Add {name}", index=index))
        if ok:
            scene.select_ids([], centre=False, department_ids=[dept.id])
        return ok


__all__ = ["DrawHandoff", "LaneDrag", "LaneResize", "ReconnectHandoff", "TileDrop", "tile_payload"]
