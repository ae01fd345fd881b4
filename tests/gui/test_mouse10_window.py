"""The canvas and window as a person meets them in a real window with a real mouse (session 10,
found driving the app under Xvfb with xdotool): the name editor on a card stays on the card when
the map is zoomed."""
from __future__ import annotations

import pytest
from canvas_fixtures import double_click, open_window
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, boxes):
    w = open_window(qtbot, tmp_path, monkeypatch, size=(1366, 768))
    yield w
    w.undo_stack.setClean()


def wheel(view, at: QPointF, notches: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    event = QWheelEvent(at, QPointF(view.viewport().mapToGlobal(at.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def name_spot(w, pid: str) -> QPoint:
    """Where the card's name line is on the viewport now."""
    rect = w.scene.whole.card(pid).scene_card_rect()
    return w.view.mapFromScene(QPointF(rect.left() + 8, rect.top() + 4))


def test_the_name_editor_stays_on_its_card_when_the_map_is_zoomed_or_scrolled(window, qtbot):
    """Double-click a card, then Ctrl+wheel: the editor sat where the card had been (over a
    stage header, nowhere near the card), so the name typed next looked like nobody's."""
    w = window
    w.view.reset_zoom()
    card = w.scene.whole.card("luc").scene_card_rect()
    double_click(w.view, card.center())
    qtbot.waitUntil(lambda: w.view._editor is not None and w.view._editor.isVisible())
    editor = w.view._editor
    assert (editor.geometry().topLeft() - name_spot(w, "luc")).manhattanLength() <= 2
    wheel(w.view, QPointF(w.view.mapFromScene(card.center())), 2, CTRL)  # zoom in two notches, on the card
    assert w.view.zoom() > 1.3
    assert w.view._editor is editor, "zooming is not leaving the editor"
    assert (editor.geometry().topLeft() - name_spot(w, "luc")).manhattanLength() <= 2, \
        "the editor stayed where the card was before the zoom"
    assert editor.width() >= w.view.mapFromScene(card).boundingRect().width() - 20, \
        "the editor keeps the width of the card's name line at the new zoom"
    wheel(w.view, QPointF(w.view.viewport().rect().center()), -1)  # a plain wheel scrolls down
    assert (editor.geometry().topLeft() - name_spot(w, "luc")).manhattanLength() <= 2
    editor.selectAll()
    editor.insert("Lucie <Avocate> & 李")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.document.people["luc"].name == "Lucie <Avocate> & 李"
