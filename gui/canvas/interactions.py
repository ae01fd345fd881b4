"""Small interaction classes the scene runs while the mouse is down (draw a
hand-off, reconnect one, reorder or resize a lane) and the drop of palette
tiles (TileDrop, in landing.py). Each shows its own preview and pushes at most one undo step on
release."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsPathItem

from gui import theme
from gui.canvas.items import Z_OVERLAY
from gui.canvas.items.card import PersonCard
from gui.canvas.items.handoff import HandoffItem, route
from gui.canvas.items.lane import is_department
from gui.canvas.landing import TileDrop, insertion_index, tile_payload
from gui.commands import AddCommand, ReorderLanesCommand, UpdateCommand
from model import layout
from model.entities import Handoff

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
        self.index = insertion_index(self.scene, pos.y(), self.key)
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


__all__ = ["DrawHandoff", "LaneDrag", "LaneResize", "ReconnectHandoff", "TileDrop", "tile_payload"]
