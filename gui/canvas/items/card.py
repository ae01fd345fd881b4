"""A person's card on the canvas: name, title, department strip and badges.

The card paints a snapshot (`CardFace`) taken by `refresh()`; it never reads
the document while painting, and never writes its size back to the model.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
)

from gui import theme
from gui.canvas.items import Z_CARD, FixedBounds, HoverHighlight, map_scene, readable
from gui.canvas.items.card_text import (  # noqa: F401  (clean_text and wrap_lines are used from here too)
    FULL_DETAIL_PX,
    clean_text,
    compact_layout,
    compact_name_size,
    wrap_lines,
)
from model.coaching import contact_age_days, describe_age, staleness
from model.document import Document
from model.entities import CUSTOMER_COLOR, OUTSOURCED, Person
from model.layout import CARD_H, CARD_W, UNASSIGNED_COLOR

if TYPE_CHECKING:
    from gui.canvas.items.handoff import HandoffItem


HANDLE_R = 8.0  # the connector handle on the card's right edge (easy to hit: 16 px across)
MARGIN = 4.0  # room for the selection outline
CUSTOMER_ACCENT = CUSTOMER_COLOR  # one customer colour on screen and paper (model/entities.py)


@dataclass(frozen=True)
class CardFace:
    """Everything a card shows, taken from the document when it changes."""

    name: str
    title: str
    color: str
    customer: bool = False
    outsourced: bool = False
    vendor: str = ""
    story: bool = False
    sweet_spot: bool = False
    you: bool = False
    stale: bool = False
    contact: str = ""  # when "you" last spoke with them ("" when no "you" is marked)
    fade: float = 0.0  # 0 = spoken to recently ... 1 = never, or stale: the card fades by this
    left: bool = False  # not in the latest roster merged into the map

    @classmethod
    def of(cls, doc: Document, person: Person, today: dt.date | None = None) -> CardFace:
        dept = doc.departments.get(person.department_id or "")
        color = CUSTOMER_ACCENT if person.is_customer else (dept.color if dept else UNASSIGNED_COLOR)
        age = contact_age_days(person, today)
        stale = not person.is_customer and age is not None and age > doc.meta.stale_days
        contact, fade = "", 0.0
        if doc.meta.you_id and doc.meta.you_id != person.id and not person.is_customer:
            age = contact_age_days(person, today)
            contact = "Never spoken" if age is None else f"Spoke {describe_age(age)}"
            fade = staleness(person, doc.meta.stale_days, today)
        return cls(
            contact=contact,
            fade=fade,
            name=clean_text(person.name) or "(unnamed)",
            title=clean_text(person.title),
            color=color,
            customer=person.is_customer,
            outsourced=person.sourcing == OUTSOURCED,
            vendor=clean_text(person.vendor, 60),
            story=person.story.is_written(),
            sweet_spot=person.story.sweet_spot,
            you=doc.meta.you_id == person.id,
            stale=stale,
            left=person.left,
        )


def _star(centre: QPointF, r: float) -> QPolygonF:
    import math

    pts = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        pts.append(QPointF(centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle)))
    return QPolygonF(pts)


class PersonCard(HoverHighlight, FixedBounds):
    """One person. Movable and selectable; the round handle on the right edge
    starts a new hand-off (see gui.canvas.interactions.DrawHandoff)."""

    def __init__(self, pid: str, face: CardFace) -> None:
        super().__init__()
        self.pid = pid
        self.face = face
        self.handoffs: set[HandoffItem] = set()
        self._hover = False
        self._drop_target = False
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setAcceptHoverEvents(True)
        self.set_bounds(QRectF(-MARGIN, -MARGIN, CARD_W + 2 * MARGIN + HANDLE_R, CARD_H + 2 * MARGIN))
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(Z_CARD)
        self.setToolTip(self._tooltip())

    # ----- content -------------------------------------------------------
    def set_face(self, face: CardFace) -> None:
        if face != self.face:
            self.face = face
            self.setToolTip(self._tooltip())
            self.update()

    def _tooltip(self) -> str:
        from html import escape

        f = self.face
        lines = [f"<b>{escape(f.name)}</b>"]
        if f.title:
            lines.append(escape(f.title))
        if f.outsourced:
            lines.append("Outsourced" + (f" to {escape(f.vendor)}" if f.vendor else ""))
        if f.customer and f.vendor:
            lines.append(escape(f.vendor))
        lines.append("Story written" if f.story else "No story yet")
        if f.sweet_spot:
            lines.append("Sweet spot: an essential customer contact point")
        if f.stale:
            lines.append("Not contacted for a long time")
        return "<br>".join(lines)

    def set_drop_target(self, on: bool) -> None:
        if on != self._drop_target:
            self._drop_target = on
            self.update()

    # ----- geometry ------------------------------------------------------
    def card_rect(self) -> QRectF:
        return QRectF(0, 0, CARD_W, CARD_H)

    def _outline(self) -> QPainterPath:
        path = QPainterPath()
        r = CARD_H / 2 if self.face.customer else theme.CARD_RADIUS
        path.addRoundedRect(self.card_rect(), r, r)
        return path

    def handle_rect(self) -> QRectF:
        c = QPointF(CARD_W, CARD_H / 2)
        return QRectF(c.x() - HANDLE_R, c.y() - HANDLE_R, 2 * HANDLE_R, 2 * HANDLE_R)

    def shape(self) -> QPainterPath:
        path = self._outline()
        path.addEllipse(self.handle_rect().adjusted(-2, -2, 2, 2))
        return path

    def scene_card_rect(self) -> QRectF:
        return self.card_rect().translated(self.pos())

    def on_handle(self, pos: QPointF) -> bool:
        return self.handle_rect().adjusted(-3, -3, 3, 3).contains(pos)

    # ----- painting ------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        t = theme.current()
        f = self.face
        selected = self.isSelected()
        outline = self._outline()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = t.accent(f.color)

        # shadow, body
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 70 if t.dark else 28))
        painter.drawPath(outline.translated(0, 1.5))
        painter.setBrush(t.card_customer if f.customer else t.card)
        painter.drawPath(outline)

        # department strip (colleagues) or a customer's accent ring
        painter.save()
        painter.setClipPath(outline)
        if f.customer:
            tint = QColor(accent.red(), accent.green(), accent.blue(), 60)
            painter.fillRect(QRectF(0, 0, CARD_H / 2, CARD_H), tint)
        else:
            strip = QColor(accent)
            strip.setAlphaF(1.0 - 0.65 * f.fade)  # contact going stale: the card's colour fades
            painter.fillRect(QRectF(0, 0, theme.STRIP_W, CARD_H), strip)
        painter.restore()

        if selected:
            pen = QPen(t.highlight, 2.5)
        elif self._drop_target:
            pen = QPen(t.highlight, 2.0, Qt.PenStyle.DashLine)
        elif self._hover:
            pen = QPen(t.hover, 1.8)
        elif f.customer:
            pen = QPen(accent, 1.6)
        else:
            pen = QPen(t.line, 1.0)
        if f.you and not selected:
            pen = QPen(QColor("#E9A23B"), 2.4)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(outline)

        left = (CARD_H / 2 - 4) if f.customer else theme.STRIP_W + 8
        right = CARD_W - 10
        if readable(painter, FULL_DETAIL_PX):
            self._paint_text(painter, t, left, right)
        else:  # zoomed out: the compact card, its name in big letters (semantic zoom)
            size, smallest = compact_name_size(painter)
            if size:
                self._paint_compact_name(painter, t, left, right - left + 6, size, smallest)
        self._paint_handle(painter, t)

    def _paint_compact_name(self, painter: QPainter, t: theme.Theme, left: float, width: float,
                            size: int, smallest: int) -> None:
        """The name alone, as large as the zoom needs, on up to two lines (the title is dropped)."""
        size, lines = compact_layout(self.face.name, size, width, smallest)
        font = theme.font(size, bold=True)
        fm = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(t.text)
        height = len(lines) * fm.lineSpacing()
        y = (CARD_H - height) / 2
        for line in lines:
            painter.drawText(QRectF(left, y, width, fm.lineSpacing()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
            y += fm.lineSpacing()

    def _paint_name(self, painter: QPainter, t: theme.Theme, left: float, width: float) -> None:
        name_font = theme.font(13, bold=True)
        painter.setFont(name_font)
        painter.setPen(t.text)
        name_box = QRectF(left, 6, width, 19)
        name = QFontMetricsF(name_font).elidedText(self.face.name, Qt.TextElideMode.ElideRight, width)
        painter.drawText(name_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)

    def _paint_handle(self, painter: QPainter, t: theme.Theme) -> None:
        """The connector handle, shown on hover and selection."""
        if self._hover or self.isSelected():
            painter.setPen(QPen(t.card, 1.5))
            painter.setBrush(t.highlight)
            painter.drawEllipse(self.handle_rect())
            painter.setPen(QPen(QColor("#FFFFFF"), 1.4))
            c = self.handle_rect().center()
            painter.drawLine(QPointF(c.x() - 2.5, c.y()), QPointF(c.x() + 2.5, c.y()))
            painter.drawLine(QPointF(c.x(), c.y() - 2.5), QPointF(c.x(), c.y() + 2.5))

    def _paint_text(self, painter: QPainter, t: theme.Theme, left: float, right: float) -> None:
        """Name, title, badges and pills: what shows at a readable zoom."""
        f = self.face
        accent = t.accent(f.color)
        badge_w = 0.0
        # top-right: story marker and sweet spot star
        x = right
        if f.sweet_spot:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#E9A23B"))
            painter.drawPolygon(_star(QPointF(x - 6, 14), 6.5))
            x -= 16
        # a speech bubble: filled when the line-of-sight story is written
        bubble = QPainterPath()
        body = QRectF(x - 13, 8, 13, 10)
        bubble.addRoundedRect(body, 3, 3)
        tail = QPolygonF([QPointF(body.left() + 3, body.bottom() - 1),
                          QPointF(body.left() + 2.5, body.bottom() + 4),
                          QPointF(body.left() + 7, body.bottom() - 1)])
        bubble.addPolygon(tail)
        bubble = bubble.simplified()
        if f.story:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
        else:
            painter.setPen(QPen(t.line, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(bubble)
        if f.story:
            painter.setPen(QPen(t.card, 1.1))
            for dy in (11.5, 14.5):
                painter.drawLine(QPointF(body.left() + 3, dy), QPointF(body.right() - 3, dy))
        badge_w = right - (x - 17)

        # name and title
        self._paint_name(painter, t, left, right - left - badge_w)
        title_font = theme.font(11)
        painter.setFont(title_font)
        painter.setPen(t.muted)
        fm = QFontMetricsF(title_font)
        title = f.title or ("Customer contact" if f.customer else "")
        title_box = QRectF(left, 24, right - left, 16)
        painter.drawText(title_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(title, Qt.TextElideMode.ElideRight, title_box.width()))

        # bottom row: pills
        pill_font = theme.font(10, bold=True)
        painter.setFont(pill_font)
        fm = QFontMetricsF(pill_font)
        px = left
        pills: list[tuple[str, QColor]] = []
        if f.left:
            pills.append(("Left?", QColor("#6B7280")))
        if f.you:
            pills.append(("YOU", QColor("#C7811A")))
        if f.customer:
            pill = QColor(CUSTOMER_ACCENT) if not t.dark else QColor(CUSTOMER_ACCENT).lighter(120)
            pills.append((f.vendor or "Customer", pill))
        if f.outsourced:
            pills.append((f"Outsourced{' · ' + f.vendor if f.vendor else ''}", QColor("#8E6C8A")))
        if f.stale:
            pills.append(("Stale", QColor("#B55D4C")))
        for text, color in pills:
            space = right - px
            if space < 24:
                break
            label = fm.elidedText(text, Qt.TextElideMode.ElideRight, min(space - 10, 130))
            w = fm.horizontalAdvance(label) + 10
            rect = QRectF(px, 43, w, 15)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(rect, 7.5, 7.5)
            painter.setPen(QColor("#FFFFFF"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            px += w + 4
        if f.contact and right - px > 40:
            # when "you" last spoke with them, fading as the contact gets stale
            painter.setFont(theme.font(10))
            ink = QColor(t.text)
            ink.setAlphaF(max(0.35, 1.0 - 0.65 * f.fade))
            painter.setPen(ink)
            box = QRectF(px, 43, right - px, 15)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             QFontMetricsF(painter.font()).elidedText(f.contact, Qt.TextElideMode.ElideRight,
                                                                      box.width()))
        elif not pills and not f.customer and not f.outsourced:
            painter.setFont(theme.font(10))
            painter.setPen(t.muted)
            painter.drawText(QRectF(left, 43, right - left, 15),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             "Story written" if f.story else "No story yet")

    # ----- behaviour -----------------------------------------------------
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            pending = getattr(self.scene(), "pending_handoffs", None)
            if pending is not None:  # the scene is moving many cards: it adjusts each arrow once
                pending.update(self.handoffs)
            else:
                for item in self.handoffs:
                    item.adjust()
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update()
        return super().itemChange(change, value)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        on_handle = self.on_handle(event.pos())
        self.setCursor(Qt.CursorShape.CrossCursor if on_handle else Qt.CursorShape.ArrowCursor)
        super().hoverMoveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = map_scene(self)
        if event.button() == Qt.MouseButton.LeftButton and self.on_handle(event.pos()) and scene is not None:
            from gui.canvas.interactions import DrawHandoff

            scene.begin_interaction(DrawHandoff(scene, self))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        if scene is not None and event.button() == Qt.MouseButton.LeftButton:
            scene.personActivated.emit(self.pid)  # type: ignore[attr-defined]
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
