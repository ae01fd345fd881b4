"""The headers pinned to the map's edges: the stage names along the top and the corner
where the lane names and stage names meet."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen, QTextOption
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
)

from gui import theme
from gui.canvas.items import Z_CORNER, Z_STAGE_HEADER, in_overview
from model.layout import COL_W, LABEL_W, Widths, column_x, stage_column_at
from model.stages import STAGES

LABEL_MAX_PX = 32  # a stage name zoomed far out: as tall as the header (40 scene px) holds


class StageHeaderItem(QGraphicsItem):
    """The ten order-to-cash stages along the top, pinned while the map scrolls down."""

    pin_inset, pin_inset_bottom = 0.0, 0.0  # bounds this much short of the fill (layers/pinned.py)

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.widths: list[float] = [COL_W] * len(STAGES)
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)

        self.setZValue(Z_STAGE_HEADER)

    def set_width(self, width: float, widths: Widths | None = None) -> None:
        if widths is not None and list(widths) != self.widths:
            self.widths = list(widths)
            self.update()
        if width != self.width:
            self.prepareGeometryChange()
            self.width = width

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.width - self.pin_inset, self.height - self.pin_inset_bottom)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        t = theme.current()
        fill = QRectF(0, 0, self.width, self.height)
        painter.setClipRect(fill, Qt.ClipOperation.IntersectClip)  # nothing beyond the fill (pinned.py)
        painter.fillRect(fill, t.header)
        painter.setPen(QPen(t.line, 1.0))
        painter.drawLine(QPointF(0, self.height - 0.5), QPointF(self.width, self.height - 0.5))
        if in_overview(widget):
            return
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        # zoomed out: larger, as far as the header's height and each label's own column allow
        size = 13 if lod >= 0.7 else min(LABEL_MAX_PX, round(9.0 / max(lod, 0.05)))
        while size > 13 and any(QFontMetricsF(theme.font(size, bold=True)).horizontalAdvance(stage.label)
                                > width - 40 for stage, width in zip(STAGES, self.widths, strict=False)):
            size -= 1
        num_font, label_font = theme.font(min(size - 2, 20), bold=True), theme.font(size, bold=True)
        for i, stage in enumerate(STAGES):
            x = column_x(i, self.widths)
            painter.setPen(QPen(t.line, 1.0))
            painter.drawLine(QPointF(x, 8), QPointF(x, self.height - 8))
            cell = QRectF(x, 0, self.widths[i], self.height)
            painter.setFont(num_font)
            num = f"{i + 1}"
            fm = QFontMetricsF(num_font)
            lfm = QFontMetricsF(label_font)
            total = fm.horizontalAdvance(num) + 8 + lfm.horizontalAdvance(stage.label)
            left = cell.center().x() - total / 2
            r = min(fm.height() / 2 + 2, self.height / 2 - 2)
            circle = QRectF(left - 5, cell.center().y() - r, fm.horizontalAdvance(num) + 10, 2 * r)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(t.line)
            painter.drawRoundedRect(circle, r, r)
            painter.setPen(t.text)
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, num)
            painter.setFont(label_font)
            painter.drawText(QRectF(circle.right() + 6, 0, self.widths[i], self.height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, stage.label)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        x = event.pos().x()
        if x >= LABEL_W:
            i = stage_column_at(x, self.widths)
            self.setToolTip(f"<b>{i + 1}. {STAGES[i].label}</b><br>{STAGES[i].question}")
        else:
            self.setToolTip("")
        super().hoverMoveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()  # the header is not part of the map: no rubber band from here


class CornerItem(QGraphicsItem):
    """The top-left corner where the pinned stage and lane headers meet."""

    pin_inset, pin_inset_bottom = 0.0, 0.0  # bounds this much short of the fill (layers/pinned.py)

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)

        self.setZValue(Z_CORNER)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.width - self.pin_inset, self.height - self.pin_inset_bottom)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        if in_overview(widget):
            return
        t = theme.current()
        rect = QRectF(0, 0, self.width, self.height)
        painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)  # nothing beyond the fill (pinned.py)
        painter.fillRect(rect, t.header)
        painter.setPen(QPen(t.line, 1.0))
        painter.drawLine(QPointF(0, rect.height() - 0.5), QPointF(rect.width(), rect.height() - 0.5))
        painter.drawLine(QPointF(rect.width() - 0.5, 0), QPointF(rect.width() - 0.5, rect.height()))
        painter.setFont(theme.font(11, bold=True))
        painter.setPen(t.muted)
        align = QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(rect.adjusted(14, 0, -6, 0), "DEPARTMENT  /  STAGE", align)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()
