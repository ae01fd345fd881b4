"""Swimlanes (one per department, then 'No department', then Customers), their
pinned name headers and the grip on a lane's bottom edge that resizes it (the stage
names along the top are in gui.canvas.items.headers)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
)

from gui import theme
from gui.canvas.items import (  # noqa: F401  (painting_overview is used from here too)
    Z_LANE,
    Z_LANE_HANDLE,
    Z_LANE_HEADER,
    FixedBounds,
    HoverHighlight,
    in_overview,
    map_scene,
    painting_overview,
)
from gui.canvas.items.card_text import clean_text, wrap_lines
from gui.canvas.items.headers import CornerItem, StageHeaderItem  # noqa: F401  (the scene imports them from here)
from model.layout import (
    COL_W,
    CUSTOMER_LANE,
    LABEL_W,
    UNASSIGNED_LANE,
    Lane,
    Widths,
    column_x,
)
from model.stages import STAGES

# A lane's bounds reach past any map's right edge (the scene's rectangle is set: this does not
# grow it), so a map made wider or narrower by a move changes no lane's bounds: Qt repaints all
# of an item whose bounds change, and a lane is as tall as hundreds of cards (a drop near the
# right edge of a big map repainted the whole view for a 12 px strip). The lane paints and takes
# hit tests up to `width` only; set_lane repaints the strip between the two edges.
LANE_REACH = 4.0e6
SIDEWAYS_BELOW = 0.3  # zoomed out further (a big map in sight), a tall lane's name may read sideways ...
ROTATED_MAX_PX = 56  # ... at most this large (scene px)


def is_department(key: str) -> bool:
    return key not in (CUSTOMER_LANE, UNASSIGNED_LANE)


class LaneItem(FixedBounds):
    """The lane's band across the map: a faint tint of its colour and the column lines.
    It takes no clicks, so a press on empty lane space starts a rubber band. Its bounds are
    kept in C++ (FixedBounds): every frame asks them of every lane."""

    def __init__(self, lane: Lane, width: float, widths: Widths | None = None) -> None:
        super().__init__()
        self.key = lane.key
        self.lane = lane
        self.width = width
        self.set_bounds(QRectF(0, 0, LANE_REACH, lane.height))
        self.widths: list[float] = list(widths or [COL_W] * len(STAGES))
        self.highlight_col: int | None = None
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(Z_LANE)
        self.setPos(0, lane.top)

    def set_lane(self, lane: Lane, width: float, widths: Widths | None = None) -> None:
        if widths is not None and list(widths) != self.widths:
            self.widths = list(widths)
            self.update()
        if lane != self.lane or width != self.width:
            if lane.height != self.lane.height:
                self.set_bounds(QRectF(0, 0, LANE_REACH, lane.height))
            if lane == self.lane:  # only the map's width changed: the strip between the edges
                low, high = sorted((width, self.width))
                self.width = width
                self.update(QRectF(low - 2, 0, high - low + 4, lane.height))
                return
            self.lane, self.width = lane, width
            self.setPos(0, lane.top)
            self.update()

    def shape(self) -> QPainterPath:
        """The lane as far as it is drawn (its bounds reach further): what a click or the
        rubber band meets, as before."""
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self.width, self.lane.height))
        return path

    def set_highlight(self, col: int | None) -> None:
        """Show where a drop would land (a stage column in this lane), or nothing."""
        if col != self.highlight_col:
            self.highlight_col = col
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        t = theme.current()
        rect = QRectF(0, 0, self.width, self.lane.height)
        painter.fillRect(rect, t.lane_tint(self.lane.color))
        painter.setPen(QPen(t.line, 0))
        for i in range(len(STAGES) + 1):
            x = column_x(i, self.widths)
            painter.drawLine(QPointF(x, 0), QPointF(x, rect.height()))
        painter.setPen(QPen(t.line, 1.0))
        painter.drawLine(QPointF(0, rect.height() - 0.5), QPointF(rect.width(), rect.height() - 0.5))
        if self.highlight_col is not None:
            col = min(self.highlight_col, len(self.widths) - 1)
            left = column_x(col, self.widths)
            cell = QRectF(left, 0, self.widths[col], rect.height()).adjusted(2, 2, -2, -2)
            fill = QColor(t.highlight)
            fill.setAlpha(45)
            painter.setBrush(fill)
            painter.setPen(QPen(t.highlight, 1.5, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(cell, 6, 6)


class LaneHeaderItem(HoverHighlight, FixedBounds):
    """A lane's name, pinned at the left edge while the map scrolls sideways.
    Selecting it selects the department; dragging it reorders lanes; a
    double-click renames it."""

    pin_inset, pin_inset_bottom = 0.0, 0.0  # bounds this much short of the fill (layers/pinned.py)

    def __init__(self, lane: Lane, count: int) -> None:
        super().__init__()
        self.key = lane.key
        self.lane = lane
        self.count = count
        self._hover = False
        flags = QGraphicsItem.GraphicsItemFlag(0)
        if is_department(lane.key):
            flags |= QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        self.setFlags(flags)
        self.setAcceptHoverEvents(True)
        self.setZValue(Z_LANE_HEADER)
        self.setPos(0, lane.top)
        self.sticky_top = 0.0  # how far down the lane the visible part starts (sticky name)
        self.sticky_room = 1e9  # how much of the lane is in sight from there
        self.setToolTip(self._tooltip())
        self.fit_bounds()

    def set_visible_band(self, top: float, bottom: float) -> None:
        """The scene band in sight (below the stage names): the name is drawn at its top."""
        offset = max(0.0, top - self.lane.top)
        room = max(0.0, bottom - max(top, self.lane.top))
        if offset != self.sticky_top or room != self.sticky_room:
            self.sticky_top, self.sticky_room = offset, room
            self.update()

    def _tooltip(self) -> str:
        from html import escape

        if is_department(self.key):
            return f"<b>{escape(clean_text(self.lane.name))}</b><br>Drag to reorder, double-click to rename"
        return escape(self.lane.name)

    def set_lane(self, lane: Lane, count: int) -> None:
        if lane != self.lane or count != self.count:
            resized = lane.height != self.lane.height
            self.lane, self.count = lane, count
            if resized:
                self.fit_bounds()
            self.setPos(self.pos().x(), lane.top)
            self.setToolTip(self._tooltip())
            self.update()

    def fit_bounds(self) -> None:
        """Bounds in C++ (FixedBounds), short of the fill by the pinned inset (layers/pinned.py)."""
        self.set_bounds(QRectF(0, 0, LABEL_W - self.pin_inset, self.lane.height - self.pin_inset_bottom))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        if in_overview(widget):
            return
        t = theme.current()
        rect = QRectF(0, 0, LABEL_W, self.lane.height)
        painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)  # none beyond the fill (layers/pinned.py)
        painter.fillRect(rect, t.header)
        painter.fillRect(rect, QColor(t.lane_tint(self.lane.color, strong=True)))
        accent = t.accent(self.lane.color)
        painter.fillRect(QRectF(0, 0, 5, rect.height() - 1), accent)
        painter.setPen(QPen(t.line, 1.0))
        painter.drawLine(QPointF(rect.right() - 0.5, 0), QPointF(rect.right() - 0.5, rect.height()))
        painter.drawLine(QPointF(0, rect.height() - 0.5), QPointF(rect.right(), rect.height() - 0.5))
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        text_w = LABEL_W - 22
        name = clean_text(self.lane.name, 200) or "(unnamed)"
        # zoomed out, the name grows so it stays readable, as far as the longest word fits
        size = 13 if lod >= 0.7 else min(40, round(9.0 / max(lod, 0.05)))
        while size > 13 and max(QFontMetricsF(theme.font(size, bold=True)).horizontalAdvance(w)
                                for w in name.split(" ")) > text_w:
            size -= 2
        sideways = min(ROTATED_MAX_PX, round(9.0 / max(lod, 0.05)))
        if lod < SIDEWAYS_BELOW and self._paint_sideways(painter, name, sideways, max(size, 13)):
            self._paint_outline(painter, t, rect)
            return
        name_font = theme.font(max(size, 13), bold=True)
        fm = QFontMetricsF(name_font)
        count_h = 16.0 if size <= 13 else 0.0  # the head count only where it can be read
        room = max(18.0, min(rect.height(), self.sticky_room) - 20 - count_h)
        lines = wrap_lines(name, fm, text_w, max(1, int(room // fm.lineSpacing())))
        block = len(lines) * fm.lineSpacing() + count_h
        # sticky: in a lane taller than the view, the name stays at the top of what is in sight
        y = 10 + max(0.0, min(self.sticky_top, rect.height() - block - 20))
        painter.setFont(name_font)
        painter.setPen(t.text)
        for line in lines:
            painter.drawText(QRectF(14, y, text_w, fm.lineSpacing()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
            y += fm.lineSpacing()
        if count_h:
            painter.setFont(theme.font(11))
            painter.setPen(t.muted)
            noun = "person" if self.count == 1 else "people"
            painter.drawText(QRectF(14, y + 1, text_w, 16),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{self.count} {noun}")
        self._paint_outline(painter, t, rect)

    def _paint_outline(self, painter: QPainter, t: theme.Theme, rect: QRectF) -> None:
        if self.isSelected() or self._hover and is_department(self.key):
            painter.setPen(QPen(t.highlight if self.isSelected() else t.hover, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))

    def _paint_sideways(self, painter: QPainter, name: str, want: int, across: int) -> bool:
        """Zoomed far out, a tall lane's name reads bottom to top along its edge (as swimlane
        diagrams do) when that shows it larger than the `across` size its longest word allows
        left to right. False (nothing drawn) when the lane is too short for that."""
        band = min(self.lane.height - self.sticky_top, self.sticky_room) - 20
        size = want
        while size > across:
            fm = QFontMetricsF(theme.font(size, bold=True))
            if fm.horizontalAdvance(name) <= band and fm.lineSpacing() <= LABEL_W - 22:
                break
            size -= 2
        if size <= across:
            return False
        font = theme.font(size, bold=True)
        fm = QFontMetricsF(font)
        painter.save()
        painter.setFont(font)
        painter.setPen(theme.current().text)
        painter.translate(12, self.sticky_top + 10 + band / 2)
        painter.rotate(-90)
        painter.drawText(QRectF(-band / 2, 0, band, fm.lineSpacing()), Qt.AlignmentFlag.AlignCenter, name)
        painter.restore()
        return True

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update()
        return super().itemChange(change, value)

    def hover_started(self) -> None:
        if is_department(self.key):
            self.setCursor(Qt.CursorShape.OpenHandCursor)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = map_scene(self)
        if event.button() != Qt.MouseButton.LeftButton or scene is None or not is_department(self.key):
            event.accept()  # a press on a fixed lane's name selects nothing and starts no rubber band
            return
        if not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            if not self.isSelected():
                scene.clearSelection()
            self.setSelected(True)
        else:
            self.setSelected(not self.isSelected())
        from gui.canvas.interactions import LaneDrag

        scene.begin_interaction(LaneDrag(scene, self.key, event.scenePos()))
        event.accept()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        if scene is not None and is_department(self.key):
            scene.renameLaneRequested.emit(self.key)  # type: ignore[attr-defined]
        event.accept()


class LaneResizeGrip(FixedBounds):
    """A thin strip along a department lane's bottom edge: drag it to set the lane's height."""

    THICKNESS = 7.0

    def __init__(self, key: str, width: float) -> None:
        super().__init__()
        self.key = key
        self.width = width
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.SizeVerCursor)
        self.setZValue(Z_LANE_HANDLE)
        self.setToolTip("Drag to change the lane's height")
        self.set_bounds(QRectF(0, -self.THICKNESS / 2, width, self.THICKNESS))

    def set_width(self, width: float) -> None:
        if width != self.width:
            self.set_bounds(QRectF(0, -self.THICKNESS / 2, width, self.THICKNESS))
            self.width = width

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        return  # invisible; the cursor shows it

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = map_scene(self)
        if scene is None:
            return
        from gui.canvas.interactions import LaneResize

        scene.begin_interaction(LaneResize(scene, self.key, event.scenePos()))
        event.accept()
