"""How the canvas looks during the what-if drill: the leavers' cards greyed out and
labelled, the hand-offs that break drawn over in a red dashed line, the steps that no
longer reach the customer outlined. A passing visual state: nothing here touches the
map, nothing is saved, and `clear()` puts every card back as it was.

The marks are separate scene items laid over the canvas (not selectable, not
clickable), so the cards and arrows themselves keep painting exactly as before.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsColorizeEffect,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
)

from gui import theme

BROKEN = QColor("#D64541")
GHOST_OPACITY = 0.6
Z_MARKS = 50.0  # above cards and arrows, below a card being dragged


class GhostMarks:
    """The drill's marks on one scene."""

    def __init__(self, scene: Any) -> None:
        self.scene = scene
        self.people: set[str] = set()
        self.items: list[QGraphicsItem] = []

    def apply(self, people: set[str], handoffs: set[str], cut: set[str]) -> None:
        self.clear()
        self.people = set(people)
        for pid in self.people:
            card = self.scene.cards.get(pid)
            if card is None:
                continue
            effect = QGraphicsColorizeEffect()
            effect.setColor(QColor("#808080"))
            effect.setStrength(1.0)
            card.setGraphicsEffect(effect)
            card.setOpacity(GHOST_OPACITY)
            tag = QGraphicsSimpleTextItem("leaves")
            tag.setFont(theme.font(11, bold=True))
            tag.setBrush(BROKEN)
            box = card.scene_card_rect()
            size = tag.boundingRect()
            tag.setPos(box.right() - size.width() - 8, box.bottom() - size.height() - 3)
            self._add(tag)
        for hid in handoffs:
            item = self.scene.handoff_items.get(hid)
            if item is None:
                continue
            mark = QGraphicsPathItem(item.path())
            pen = QPen(BROKEN, 3.2, Qt.PenStyle.DashLine)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            mark.setPen(pen)
            mark.setToolTip("This hand-off breaks if they leave")
            self._add(mark)
        for pid in cut:
            card = self.scene.cards.get(pid)
            if card is None or pid in self.people:
                continue
            rect: QRectF = card.scene_card_rect().adjusted(-4, -4, 4, 4)
            path = QPainterPath()
            path.addRoundedRect(rect, theme.CARD_RADIUS + 3, theme.CARD_RADIUS + 3)
            outline = QGraphicsPathItem(path)
            outline.setPen(QPen(BROKEN, 1.6, Qt.PenStyle.DashLine))
            outline.setToolTip("No longer reaches the customer if they leave")
            self._add(outline)

    def _add(self, item: QGraphicsItem) -> None:
        item.setZValue(Z_MARKS)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.scene.addItem(item)
        self.items.append(item)

    def clear(self) -> None:
        for pid in self.people:
            card = self.scene.cards.get(pid)
            if card is not None:
                card.setGraphicsEffect(None)  # type: ignore[arg-type]
                card.setOpacity(1.0)
        self.people = set()
        for item in self.items:
            if item.scene() is self.scene:
                self.scene.removeItem(item)
        self.items = []

    @property
    def active(self) -> bool:
        return bool(self.people or self.items)
