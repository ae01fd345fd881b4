"""A person's card on the canvas: name, title, department strip and badges.

The card paints a snapshot (`CardFace`) taken by `refresh()`; it never reads
the document while painting, and never writes its size back to the model.
"""
from __future__ import annotations

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
from gui.canvas.items.card_face import CUSTOMER_ACCENT, CardFace, reach
from gui.canvas.items.card_moves import FollowedMoves
from gui.canvas.items.card_text import (  # noqa: F401  (clean_text and wrap_lines are used from here too)
    FULL_DETAIL_PX,
    GROWN_DOWN,
    clean_text,
    compact_layout,
    compact_name_size,
    compact_rect,
    level_of_detail,
    line_pitch,
    wrap_lines,
)
from model import arrows
from model.layout import CARD_H, CARD_W

if TYPE_CHECKING:
    from gui.canvas.items.handoff import HandoffItem


HANDLE_R = 8.0  # the connector handle on the card's right edge (easy to hit: 16 px across)
MARGIN = 4.0  # room for the selection outline
FAR_BELOW = 0.15  # zoomed out further than this, a card paints as plain rectangles (level of detail)
# a card's bounding rectangle: room for the selection outline, the handle and a grown compact card
# with its shadow (the same for every card: the scene's bands, gui/canvas/layers/bands.py, hold it)
BOUNDS = QRectF(-MARGIN, -MARGIN, CARD_W + 2 * MARGIN + HANDLE_R,
                CARD_H + MARGIN + max(MARGIN, GROWN_DOWN + 1.5))


def _star(centre: QPointF, r: float) -> QPolygonF:
    import math
    pts = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        pts.append(QPointF(centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle)))
    return QPolygonF(pts)


class PersonCard(FollowedMoves, HoverHighlight, FixedBounds):
    """One person. Movable and selectable; the round handle on the right edge
    starts a new hand-off (see gui.canvas.interactions.DrawHandoff). Its arrows follow its
    moves (card_moves.py); it has no itemChange: each of a dozen changes a card goes through
    as it is made, and two per move, would call into Python (10,000 cards, issue 19)."""

    # read by the thousand in a relayout (its arrows' ends): a slot is found ~5x faster than
    # an attribute in the instance's dictionary of a Qt item (~0.6 us each at 10,000 people)
    __slots__ = ("pid", "face", "handoffs", "_box", "_hover", "_drop_target", "_band")

    def __init__(self, pid: str, face: CardFace) -> None:
        super().__init__()
        self.pid = pid
        self.face = face
        self.handoffs: set[HandoffItem] = set()
        self._box: arrows.Rect | None = None  # the card's rectangle for the arrow routing, while it stays
        self._hover = False
        self._drop_target = False
        self._band: int | None = None  # the scene's band holding it (layers/bands.py); None: none
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        )
        self.setAcceptHoverEvents(True)
        self.set_bounds(BOUNDS)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(Z_CARD)
        # the tooltip is written when the pointer arrives (hover_started): 10,000 cards do not
        # each build and keep an HTML string nobody may ever see

    # ----- content -------------------------------------------------------
    def set_face(self, face: CardFace) -> None:
        if face != self.face:
            old, self.face = self.face, face
            if self.toolTip():  # shown before: keep it true (else it is written on the next hover)
                self.setToolTip(self.tooltip())
            self.update(reach(old, face, self))  # a rename repaints its line, not the arrows at the edges

    def hover_started(self) -> None:
        self.setToolTip(self.tooltip())

    def tooltip(self) -> str:
        """What the card's tooltip says (name, title, sourcing, story, badges), as HTML."""
        return self.face.tooltip()

    def set_drop_target(self, on: bool) -> None:
        if on != self._drop_target:
            self._drop_target = on
            self.update()

    # ----- geometry ------------------------------------------------------
    def card_rect(self) -> QRectF:
        return QRectF(0, 0, CARD_W, CARD_H)

    def _outline(self, rect: QRectF | None = None) -> QPainterPath:
        """The card's rounded box (a customer's is a pill), or that shape drawn in `rect`."""
        box = self.card_rect() if rect is None else rect
        path = QPainterPath()
        r = box.height() / 2 if self.face.customer else theme.CARD_RADIUS
        path.addRoundedRect(box, r, r)
        return path

    def handle_rect(self) -> QRectF:
        c = QPointF(CARD_W, CARD_H / 2)
        return QRectF(c.x() - HANDLE_R, c.y() - HANDLE_R, 2 * HANDLE_R, 2 * HANDLE_R)

    def shape(self) -> QPainterPath:
        path = self._outline()
        path.addEllipse(self.handle_rect().adjusted(-2, -2, 2, 2))
        return path

    def box(self) -> arrows.Rect:
        """The card's scene rectangle for the routing rules, kept until the card moves (an undo
        or Tidy Up asks ~30,000 times for ~10,000 cards: one `pos()` per move, not per ask)."""
        box = self._box
        if box is None:
            p = self.pos()
            box = self._box = arrows.Rect(p.x(), p.y(), CARD_W, CARD_H)
        return box

    def scene_card_rect(self) -> QRectF:
        return self.card_rect().translated(self.pos())

    def on_handle(self, pos: QPointF) -> bool:
        return self.handle_rect().adjusted(-3, -3, 3, 3).contains(pos)

    # ----- painting ------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        t = theme.current()
        f = self.face
        selected = self.isSelected()
        full = readable(painter, FULL_DETAIL_PX)
        body = self.card_rect() if full else compact_rect(painter)  # zoomed far out: grown
        if not full and level_of_detail(painter) < FAR_BELOW:
            self._paint_far(painter, t, body, selected)
            return
        outline = self._outline(body)
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
            painter.fillRect(QRectF(body.left(), body.top(), body.height() / 2, body.height()), tint)
        else:
            strip = QColor(accent)
            strip.setAlphaF(1.0 - 0.65 * f.fade)  # contact going stale: the card's colour fades
            painter.fillRect(QRectF(body.left(), body.top(), theme.STRIP_W, body.height()), strip)
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

        if full:
            left = (CARD_H / 2 - 4) if f.customer else theme.STRIP_W + 8
            self._paint_text(painter, t, left, CARD_W - 10)
        else:  # zoomed out: the compact card, its name in big letters (semantic zoom)
            size, smallest = compact_name_size(painter)
            if size:
                self._paint_compact_name(painter, t, body, size, smallest)
        self._paint_handle(painter, t)

    def _paint_far(self, painter: QPainter, t: theme.Theme, body: QRectF, selected: bool) -> None:
        """Zoomed far out (hundreds of cards in sight): the card as plain rectangles, no
        shadow, rounding or antialiasing, which no one can see at this size; the name only
        where it can be read. Selection, hover, "you" and a customer's ring still show."""
        f = self.face
        accent = t.accent(f.color)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(body, t.card_customer if f.customer else t.card)
        strip = QColor(accent)
        if f.customer:
            strip.setAlpha(60)
        else:
            strip.setAlphaF(1.0 - 0.65 * f.fade)
        # the department's colour is what shows from afar: a strip at least 3 screen px wide
        strip_w = body.height() / 2 if f.customer else max(theme.STRIP_W, 3.0 / level_of_detail(painter))
        painter.fillRect(QRectF(body.left(), body.top(), strip_w, body.height()), strip)
        if selected:
            pen = QPen(t.highlight, 2.5)
        elif self._drop_target or self._hover:
            pen = QPen(t.highlight if self._drop_target else t.hover, 2.0)
        elif f.you:
            pen = QPen(QColor("#E9A23B"), 2.4)
        elif f.customer:
            pen = QPen(accent, 1.6)
        else:
            pen = QPen(t.line, 1.0)
        pen.setCosmetic(True)  # widths in screen pixels: the outline stays visible this far out
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(body)
        size, smallest = compact_name_size(painter)
        if size:
            self._paint_compact_name(painter, t, body, size, smallest)

    def _paint_compact_name(self, painter: QPainter, t: theme.Theme, body: QRectF,
                            size: int, smallest: int) -> None:
        """The name alone, as large as the zoom needs, on up to two lines (the title is dropped)."""
        grown = body != self.card_rect()
        left = body.left() + ((body.height() / 2 - 4) if self.face.customer else theme.STRIP_W + 8)
        width = body.right() - 4 - left
        size, lines = compact_layout(self.face.name, size, width, smallest, body.height() - 4, grown)
        font = theme.font(size, bold=True)
        fm = QFontMetricsF(font)
        pitch = line_pitch(fm, size, grown)
        painter.setFont(font)
        painter.setPen(t.text)
        y = body.top() + (body.height() - len(lines) * pitch) / 2
        for line in lines:
            painter.drawText(QRectF(left, y, width, pitch),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
            y += pitch

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
