"""The canvas view: zoom (Ctrl+wheel, actions), pan (middle button or
space-drag), rubber-band selection, pinned headers and a small inline editor
for renaming a lane; drops from the palette and of files are view_drops.py's."""
from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QLineEdit, QWidget

from gui.canvas.layers import near, pinned
from gui.canvas.scene import MapScene
from gui.canvas.view_drops import DropView
from model import layout

MIN_ZOOM, MAX_ZOOM = 0.02, 4.0  # far enough out for Fit to show a 2,000-person map whole
ZOOM_STEP = 1.2
TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class MapView(DropView):
    zoomChanged = Signal(float)

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAlignment(TOP_LEFT)  # a small map starts top-left (Fit centres it on purpose)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pan_from: QPoint | None = None
        self._space = False
        self._editor: QLineEdit | None = None
        self._editor_at = QRectF()  # the scene rectangle the editor sits over (kept there by _pin)
        self.split_headers = True  # paint under the pinned headers from the headers alone (layers/pinned.py)
        scene.centreRequested.connect(self.centre_on)
        scene.sceneRectChanged.connect(lambda _r: self._pin())
        from gui.canvas.overview import Overview

        self.overview = Overview(self)

    # ----- zoom and pan -------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, value: float, anchor_under_mouse: bool = False) -> None:
        value = max(MIN_ZOOM, min(MAX_ZOOM, value))
        self.setAlignment(TOP_LEFT)
        old = self.transformationAnchor()
        if not anchor_under_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setTransform(QTransform.fromScale(value, value))
        self.setTransformationAnchor(old)
        self._pin()
        self.zoomChanged.emit(value)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit_to_window(self) -> None:
        """The whole map (lanes and stages) in sight, never larger than 150%, with no scroll bar
        left over: the scene's room to grow at the right and bottom fits too. The view centres
        what fits, so the map sits in the middle (off by half that small room)."""
        rect = self.map_rect()
        room = self.map_scene.sceneRect().united(rect)
        size = self.maximumViewportSize()  # the viewport without scroll bars, as it will be once fitted
        if rect.isEmpty() or size.isEmpty():
            return
        scale = min(size.width() / room.width(), size.height() / room.height()) * 0.99
        self.set_zoom(min(scale, 1.5))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)  # fitted: centred on purpose (until the next zoom)
        self.centerOn(rect.center())
        self._pin()

    def zoom_to(self, rect: QRectF, most: float = 1.5) -> None:
        """Zoom so `rect` (scene) fills the view, with a margin, never closer than `most`; centred."""
        size = self.viewport().size()
        if rect.isEmpty() or size.isEmpty():
            return
        room = rect.adjusted(-60, -layout.HEADER_H - 30, 60, 30)
        room.setLeft(room.left() - layout.LABEL_W)  # the pinned lane names cover the left edge
        self.set_zoom(min(most, size.width() / room.width(), size.height() / room.height()))
        self.centerOn(room.center())
        self._pin()

    def zoom_to_selection(self) -> bool:
        """Zoom to what is selected; False (nothing done) with nothing selected."""
        rect = QRectF()
        for item in self.map_scene.selectedItems():
            rect = rect.united(item.sceneBoundingRect())
        if rect.isEmpty():
            return False
        self.zoom_to(rect)
        return True

    def show_home(self) -> None:
        """The opening view of a map: as much of it as reads well (70%..100%), from the top-left."""
        rect = self.map_rect()
        view = self.viewport().rect()
        self.setAlignment(TOP_LEFT)  # (also when the zoom stays as it was)
        if not rect.isEmpty() and not view.isEmpty():
            scale = min(view.width() / rect.width(), view.height() / rect.height())
            self.set_zoom(max(0.7, min(1.0, scale)))
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self._pin()

    def map_rect(self) -> QRectF:
        lanes = self.map_scene.lanes
        bottom = lanes[-1].bottom if lanes else layout.HEADER_H
        width = self.map_scene.sceneRect().width() - 120
        return QRectF(0, 0, max(width, layout.map_width(self.map_scene.widths)), bottom)

    def centre_on(self, rect: QRectF) -> None:
        """Bring a scene rectangle into sight, centred, unless it is already well inside (clear of
        the pinned lane and stage names, and of the overview)."""
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        inner = visible.adjusted(layout.LABEL_W, layout.HEADER_H, 0, 0)
        corner = self.overview.geometry()  # on the viewport: not left under the overview
        hidden = self.overview.isVisible() and self.mapFromScene(rect).boundingRect().intersects(corner)
        if hidden or not inner.contains(rect):  # centred in what the pinned names leave free
            self.centerOn(rect.center() - QPointF(layout.LABEL_W, layout.HEADER_H) / 2)
        self._pin()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self.zoom() * (ZOOM_STEP ** steps), anchor_under_mouse=True)
            event.accept()
            return
        if event.modifiers() == Qt.KeyboardModifier.ShiftModifier and event.angleDelta().x() == 0:
            bar = self.horizontalScrollBar()  # Shift+wheel: along the stages, as design tools do
            bar.setValue(bar.value() - round(event.angleDelta().y() / 40 * bar.singleStep()))
            event.accept()
            return
        super().wheelEvent(event)

    def _pin(self) -> None:
        if not shiboken6.isValid(self.map_scene):  # the window is being torn down
            return
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        self.map_scene.view_scale = self.zoom()
        pinned.set_insets(self)  # the headers' bounds 2 px short of their fill (a step is its strip)
        self.map_scene.pin_headers(seen)
        overview = getattr(self, "overview", None)  # not yet while the view is being built
        if overview is not None:
            overview.follow(seen)
        if getattr(self, "_editor", None) is not None:
            _place_editor(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The scene paints what lies outside the pinned headers; the headers alone paint
        what they cover (the same pixels, without the arrows and cards under them)."""
        if not self.split_headers or pinned.blocked(self):
            _paint_scene(self, event)
            return
        items = pinned.headers(self)
        covered = pinned.cover(self, items).intersected(event.region())
        if covered.isEmpty():
            _paint_scene(self, event)
            return
        rest = event.region().subtracted(covered)
        if not rest.isEmpty():
            _paint_scene(self, QPaintEvent(rest))
        pinned.paint_headers(self, items, covered)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        """Scroll, then pin the headers again and repaint where they stood (pinned.py `spots`).
        Qt repaints a moved item's old place from where it last painted it, shifted by the
        scrolls since the viewport's last paint; a paint between the scroll and Qt's handling of
        the moves (its replay of the mouse on scroll hovers an arrow, whose scene.update()
        dispatches the viewport's paint at once) zeroes that shift, so the old place of the
        headers was taken where they stand now, leaving a copy of them one step away."""
        super().scrollContentsBy(dx, dy)  # moves the viewport's pixels, and the overview with them
        overview = getattr(self, "overview", None)  # not yet while the view is being built
        if overview is not None:
            overview.place()  # back to its corner
        before = pinned.spots(self) if shiboken6.isValid(self.map_scene) else {}
        self._pin()
        if before:
            behind = pinned.left_behind(before, pinned.spots(self))
            if not behind.isEmpty():
                self.viewport().update(behind)  # (what Qt asks itself when its order holds)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._pin()
        self.overview.place()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space
        ):
            self._pan_from = event.position().toPoint()  # a hand pan starts
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta = now - self._pan_from
            self._pan_from = now
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            if self._space:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            if self._pan_from is None:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: object) -> None:
        self._space = False
        super().focusOutEvent(event)  # type: ignore[arg-type]

    # ----- inline editing --------------------------------------------------
    def edit_inline(self, scene_rect: QRectF, text: str, commit: Callable[[str], None]) -> QLineEdit:
        """A line editor over `scene_rect`; Enter or leaving it commits, Escape cancels."""
        self.close_editor()
        editor = QLineEdit(self.viewport())
        editor.setText(text)
        self._editor, self._editor_at = editor, QRectF(scene_rect)
        _place_editor(self)
        editor.selectAll()
        done = {"flag": False}

        def finish(accept: bool) -> None:
            if done["flag"] or not shiboken6.isValid(self):  # the window went: nothing to commit to
                return
            done["flag"] = True
            value = editor.text()
            editor.deleteLater()
            if self._editor is editor:
                self._editor = None
            self.setFocus()
            if accept and value != text:
                commit(value)

        editor.editingFinished.connect(lambda: finish(True))
        editor.installEventFilter(self)
        editor.setProperty("cancel", finish)
        self._editor = editor
        self._finish = finish
        editor.show()
        editor.setFocus()
        return editor

    def close_editor(self) -> None:
        if self._editor is not None:
            self._finish(True)

    def eventFilter(self, obj: object, event: QEvent) -> bool:
        if (obj is self._editor and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape):  # type: ignore[attr-defined]
            self._finish(False)
            return True
        return super().eventFilter(obj, event)  # type: ignore[arg-type]


def _place_editor(view: MapView) -> None:
    """The inline editor over its scene rectangle at the zoom and scroll of now: a scroll
    moves it with the viewport's pixels, but a zoom left it where the card had been."""
    editor = view._editor
    if editor is None or not shiboken6.isValid(editor):
        return
    rect = view.mapFromScene(view._editor_at).boundingRect()
    editor.setGeometry(rect.x(), rect.y(), max(rect.width(), 120), max(editor.sizeHint().height(), 26))


def _paint_scene(view: MapView, event: QPaintEvent) -> None:
    """Qt's paint of the scene in `event`'s region. The arrow layer is told that region's pieces,
    not their bounding box (layers/near.py: a scroll step's strip). Qt clips the painter to the
    whole repaint's region, header columns too, but what the layer leaves out there the
    headers then paint over (their opaque fill: `pinned.cover`)."""
    near.painting(view.viewport(), event.region())
    try:
        super(MapView, view).paintEvent(event)
    finally:
        near.painting(None, None)
