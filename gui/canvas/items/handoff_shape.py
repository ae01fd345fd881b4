"""The pieces of an arrow's shape that depend on nothing but two points or one card: its
heads and the card rectangles the routing rules (model/arrows.py) take."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPolygonF

from model import arrows

if TYPE_CHECKING:
    from gui.canvas.items.card import PersonCard

BADGE_R = 9.0  # a step badge's radius
HEAD_LEN = 11.0
HEAD_W = 5.5


def box_of(card: PersonCard) -> arrows.Rect:
    """The card's rectangle in the scene for the routing rules (no QRectF in between: hot)."""
    return card.box()  # kept by the card until it moves (gui/canvas/items/card.py)


def arrow_head(tip: QPointF, towards_from: QPointF) -> QPolygonF:
    """A filled triangle at `tip`, pointing away from `towards_from`."""
    angle = math.atan2(tip.y() - towards_from.y(), tip.x() - towards_from.x())
    back = QPointF(tip.x() - HEAD_LEN * math.cos(angle), tip.y() - HEAD_LEN * math.sin(angle))
    nx, ny = -math.sin(angle) * HEAD_W, math.cos(angle) * HEAD_W
    return QPolygonF([tip, QPointF(back.x() + nx, back.y() + ny), QPointF(back.x() - nx, back.y() - ny)])
