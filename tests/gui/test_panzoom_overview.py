"""The overview map in the canvas corner no longer makes every scroll step repaint the whole
canvas: it lives on the viewport, scrolls along and is put back in its corner, so a step
repaints the strip that came in and two small corners."""
from __future__ import annotations

from panzoom_fixtures import record_scene_paints
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication


def test_a_scroll_step_with_the_overview_shown_repaints_a_strip(window, monkeypatch):
    view = window.view
    view.set_zoom(1.3)
    QApplication.processEvents()
    assert view.overview.isVisible()
    corner = view.overview.geometry()
    asked = record_scene_paints(monkeypatch)
    port = view.viewport().rect()
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        for step in (30, -30):
            bar.setValue(bar.value() + step)
            QApplication.processEvents()
    monkeypatch.undo()
    assert asked, "no frame was painted"
    for region in asked:
        area = sum(r.width() * r.height() for r in region)
        assert area < port.width() * port.height() // 3  # a strip and corners, not the canvas
    # it went back to its corner each step, over what the canvas shows
    assert view.overview.geometry() == corner
    assert view.overview.isVisible() and view.overview.parent() is view.viewport()
    seen = view.mapToScene(port).boundingRect()
    frame = view.overview.to_widget(seen)
    assert QRect(0, 0, corner.width(), corner.height()).intersects(frame.toAlignedRect())


def test_a_middle_button_drag_pans_by_hand(window):
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    view = window.view
    view.set_zoom(1.3)
    QApplication.processEvents()
    port = view.viewport()
    h, v = view.horizontalScrollBar(), view.verticalScrollBar()
    h.setValue((h.minimum() + h.maximum()) // 2)
    v.setValue((v.minimum() + v.maximum()) // 2)
    start = (h.value(), v.value())

    def send(kind, x, y, button, buttons):
        point = QPointF(x, y)
        QApplication.sendEvent(port, QMouseEvent(kind, point, QPointF(port.mapToGlobal(point.toPoint())),
                                                 button, buttons, Qt.KeyboardModifier.NoModifier))

    middle = Qt.MouseButton.MiddleButton
    send(QEvent.Type.MouseButtonPress, 300, 300, middle, middle)
    assert port.cursor().shape() == Qt.CursorShape.ClosedHandCursor
    send(QEvent.Type.MouseMove, 280, 290, Qt.MouseButton.NoButton, middle)
    send(QEvent.Type.MouseButtonRelease, 280, 290, middle, Qt.MouseButton.NoButton)
    assert (h.value(), v.value()) == (start[0] + 20, start[1] + 10)  # the map follows the hand
    assert port.cursor().shape() != Qt.CursorShape.ClosedHandCursor
