"""Only a colleague can be "you": a customer contact is offered no "Mark as You" (context menu,
Map menu, Ctrl+Shift+Y) and no "This is me" box in the inspector."""
from __future__ import annotations

from canvas_fixtures import click
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from gui.canvas.context_menu import build_menu


def texts(menu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if a.text()]


def _point(w, pid) -> QPoint:
    w.view.centerOn(w.scene.cards[pid].sceneBoundingRect().center())
    QApplication.processEvents()
    return w.view.mapFromScene(w.scene.cards[pid].sceneBoundingRect().center())


def test_a_customer_is_not_offered_mark_as_you(window, qtbot):
    w = window
    menu = build_menu(w, _point(w, "cara"))  # right-click on Cara, the customer contact
    assert w.scene.selected_person_ids() == ["cara"]
    assert "Mark as You" not in texts(menu) and "Edit in Inspector" in texts(menu)
    assert not w.edit.mark_you.isEnabled()  # Map > Mark as You, and its shortcut
    qtbot.keyClick(w.windowHandle(), Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    w.edit.do_mark_you()  # even asked directly, it refuses and says why
    assert w.document.meta.you_id is None
    assert "only a colleague" in w.statusBar().currentMessage()
    assert w.inspector.current_form() is w.inspector.person_form
    assert not w.inspector.person_form.you.isVisibleTo(w.inspector)  # no "This is me" box


def test_a_colleague_still_is(window):
    w = window
    click(w.view, w.scene.cards["luc"].sceneBoundingRect().center())
    QApplication.processEvents()
    assert w.edit.mark_you.isEnabled()
    assert w.inspector.person_form.you.isVisibleTo(w.inspector)
    menu = build_menu(w, _point(w, "luc"))
    assert "Mark as You" in texts(menu)


def test_making_you_a_customer_unmarks_you_in_one_undo_step(window):
    w = window
    w.document.meta.you_id = None
    click(w.view, w.scene.cards["luc"].sceneBoundingRect().center())
    QApplication.processEvents()
    w.edit.mark_you.trigger()
    assert w.document.meta.you_id == "luc"
    form = w.inspector.person_form
    form.kind.setFocus()
    form.kind.setCurrentIndex(form.kind.findData("customer"))  # Kind: Customer contact
    assert w.document.people["luc"].is_customer and w.document.meta.you_id is None
    w.undo_stack.undo()  # one step back: a colleague, and you again
    assert not w.document.people["luc"].is_customer and w.document.meta.you_id == "luc"
