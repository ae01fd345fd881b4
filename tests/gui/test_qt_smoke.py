"""PySide6 6.12.0 aborts Python 3.11 after a few thousand calls of a method that
returns nothing (docs/architecture.md, "Known traps"): the installed Qt must survive 20,000 of them."""
from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene


def test_twenty_thousand_void_calls(qtbot):
    point = QPointF()
    for i in range(20_000):
        point.setX(float(i))
    scene = QGraphicsScene()
    item = QGraphicsRectItem(0, 0, 10, 10)
    scene.addItem(item)
    for i in range(20_000):
        item.setPos(float(i % 97), float(i % 89))
    assert point.x() == 19_999.0
    assert item.pos() == QPointF(19_999 % 97, 19_999 % 89)
