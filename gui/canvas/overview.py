"""The overview map: a small picture of the whole walk in the canvas's bottom-right corner,
with a frame around what the canvas shows. A click or drag in it moves the canvas there.
View > Overview Map shows or hides it; it steps aside while the whole map is in sight, while
the map has nobody on it yet, and on a canvas too small to spare a corner. Its size follows
the canvas (a fifth of each side, between a floor and a ceiling) and the map's shape, so it
never shows an empty box around a thin strip.
The picture is redrawn a moment after the map changes (not on every change), so it costs
nothing while a big map is edited."""
from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from gui import theme
from gui.canvas.items.lane import painting_overview

if TYPE_CHECKING:
    from gui.canvas.view import MapView

SIZE = (200, 120)  # the overview's largest size in the canvas corner (pixels)
FLOOR = (96, 48)  # its smallest: any smaller and the picture says nothing
SHARE = 5  # a fifth of the canvas's width and of its height (the floor allowing)
MARGIN = 12
REDRAW_MS = 300
# unasked, it shows only on maps this small: its picture is a render of the whole map, over a
# second at 10,000 people, after each relayout (View > Overview Map shows it on any map)
AUTO_UP_TO = 600


class Overview(QWidget):
    """The whole map, small; the frame follows the main view's scroll and zoom.

    It lives on the canvas's viewport, not beside it: a widget overlapping the viewport makes
    Qt repaint the whole canvas on every scroll step instead of moving the pixels it already
    has (on a 10,000-person map, 3x the frame). On the viewport it scrolls along with the
    canvas and `place()` puts it back in its corner, so a step repaints two small corners."""

    def __init__(self, main: MapView) -> None:
        super().__init__(main.viewport())
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # it paints all of itself
        self.main = main
        self.setObjectName("overview")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: click or drag to move the map (View > Overview Map hides it)")
        self.setAccessibleName("Overview map")
        self.wanted = True
        self.chosen = False  # until the user says, shown on maps of up to AUTO_UP_TO cards
        self._picture = QPixmap()
        self._source = QRectF()  # the scene rectangle the picture shows
        self._target = QRectF()  # where in the widget it is drawn
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self.redraw)
        for signal in (main.map_scene.laidOut, main.map_scene.stepsChanged):  # not on every hover
            signal.connect(self._redraw.start)
        main.map_scene.sceneRectChanged.connect(lambda _r: self._redraw.start())
        main.map_scene.laidOut.connect(self.recheck)  # the first person placed, the last removed
        main.horizontalScrollBar().valueChanged.connect(lambda _v: self.update())
        main.verticalScrollBar().valueChanged.connect(lambda _v: self.update())
        main.zoomChanged.connect(lambda _z: self.update())
        self.resize(*SIZE)

    def follow(self, seen: QRectF) -> None:
        """Shown only while part of the map is out of sight (and the user wants it)."""
        needed = (self.main.map_scene.card_count() > 0 and self._room().isValid()
                  and not seen.contains(self.main.map_rect().adjusted(2, 2, -2, -2)))
        wanted = self.wanted if self.chosen else self.main.map_scene.card_count() <= AUTO_UP_TO
        show = wanted and needed
        if show != self.isVisible():
            self.setVisible(show)

    def recheck(self) -> None:
        """Show or hide for what the canvas shows now (after the map changed under it)."""
        if shiboken6.isValid(self.main):
            self.follow(self.main.mapToScene(self.main.viewport().rect()).boundingRect())
            self.place()

    def set_wanted(self, on: bool) -> None:
        """View > Overview Map: the user's choice; it still hides while the whole map is in sight."""
        self.wanted, self.chosen = on, True
        self.recheck()

    def _room(self) -> QSize:
        """The overview's size: a fifth of the canvas each way (floor to ceiling), then cut to
        the map's shape; invalid when the floor would take more than a third of either side."""
        area = self.main.viewport().size()
        w = min(SIZE[0], max(FLOOR[0], area.width() // SHARE))
        h = min(SIZE[1], max(FLOOR[1], area.height() // SHARE))
        if w > area.width() // 3 or h > area.height() // 3:
            return QSize()
        rect = self.main.map_rect()
        if not rect.isEmpty():  # the map's shape: no empty band above and below a long walk
            ratio = rect.width() / rect.height()
            if w / h > ratio:
                w = max(FLOOR[0], round((h - 4) * ratio) + 4)
            else:
                h = max(FLOOR[1], round((w - 4) / ratio) + 4)
        return QSize(w, h)

    def place(self) -> None:
        """Keep to the bottom-right corner of the canvas (its viewport), inside its scroll bars."""
        area = self.main.viewport().rect()
        size = self._room()
        if not size.isValid():
            if self.isVisible():
                self.hide()
            return
        w, h = size.width(), size.height()
        where = QRect(area.right() - w - MARGIN, area.bottom() - h - MARGIN, w, h)
        if where.size() != self.size():
            self._redraw.start()
        if where != self.geometry():
            self.setGeometry(where)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.redraw()

    def redraw(self) -> None:
        """Paint the whole map into the picture (the pinned headers left out)."""
        if not shiboken6.isValid(self.main) or not self.isVisible():
            return
        self.place()  # the map's shape may have changed with it
        self._redraw.stop()
        rect = self.main.map_rect()
        if rect.isEmpty() or self.width() < 4 or self.height() < 4:
            return
        scale = min((self.width() - 4) / rect.width(), (self.height() - 4) / rect.height())
        w, h = rect.width() * scale, rect.height() * scale
        self._target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
        self._source = QRectF(rect)
        ratio = self.devicePixelRatioF()
        picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        picture.setDevicePixelRatio(ratio)
        picture.fill(theme.current().base)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painting_overview(True)
        try:
            self.main.map_scene.render(painter, self._target, self._source)
        finally:
            painting_overview(False)
            painter.end()
        self._picture = picture
        self.update()

    def to_scene(self, point: QPointF) -> QPointF:
        if self._target.isEmpty():
            return QPointF()
        sx = self._source.width() / self._target.width()
        sy = self._source.height() / self._target.height()
        return QPointF(self._source.left() + (point.x() - self._target.left()) * sx,
                       self._source.top() + (point.y() - self._target.top()) * sy)

    def to_widget(self, rect: QRectF) -> QRectF:
        if self._source.isEmpty():
            return QRectF()
        sx = self._target.width() / self._source.width()
        sy = self._target.height() / self._source.height()
        return QRectF(self._target.left() + (rect.left() - self._source.left()) * sx,
                      self._target.top() + (rect.top() - self._source.top()) * sy,
                      rect.width() * sx, rect.height() * sy)

    def paintEvent(self, event: QPaintEvent) -> None:
        t = theme.current()
        painter = QPainter(self)
        painter.fillRect(self.rect(), t.base)
        if not self._picture.isNull():
            painter.drawPixmap(0, 0, self._picture)
        seen = self.main.mapToScene(self.main.viewport().rect()).boundingRect()
        frame = self.to_widget(seen.intersected(self._source)).intersected(QRectF(self.rect()))
        fill = QColor(t.highlight)
        fill.setAlpha(40)
        painter.setBrush(fill)
        painter.setPen(QPen(t.highlight, 1.5))
        painter.drawRect(frame)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(t.line, 1.0))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def _go(self, event: QMouseEvent) -> None:
        self.main.centerOn(self.to_scene(event.position()))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._go(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
