"""A coach's live session on the canvas: deleting a lane raises no error box, Select All
then Delete works from nothing, and the edit actions follow what is really selected."""
from __future__ import annotations

from canvas_fixtures import sample_map
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from gui.canvas.handoff_picker import HandoffPicker
from model.document import Document


def test_deleting_a_department_shows_no_error_box(window, qtbot, boxes):
    w = window
    w.view.setFocus()
    w.scene.select_ids([], centre=False, department_ids=["eng"])
    assert w.edit.delete.isEnabled()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert "eng" not in w.document.departments
    assert boxes["critical"] == [] and boxes["warning"] == []
    assert not w.edit.lane_up.isEnabled() and not w.edit.lane_down.isEnabled()
    w.undo_stack.undo()
    assert "eng" in w.document.departments and boxes["critical"] == []


def test_select_all_then_delete_from_an_empty_selection(window, qtbot, boxes):
    w = window
    w.view.setFocus()
    w.scene.select_ids([], centre=False)
    assert not (w.edit.cut.isEnabled() or w.edit.copy.isEnabled() or w.edit.delete.isEnabled())
    qtbot.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert w.edit.delete.isEnabled()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    placed = [p for p in w.document.people.values() if p.placed]
    assert placed == [] and w.document.handoffs == {}
    assert boxes["critical"] == []
    # nothing is left selected, so nothing can be cut, copied or deleted
    assert not (w.edit.cut.isEnabled() or w.edit.copy.isEnabled() or w.edit.delete.isEnabled())
    w.undo_stack.undo()
    assert len(w.document.handoffs) == 2


def test_select_all_after_file_new_enables_delete(window, qtbot, boxes):
    w = window
    w.set_document(Document.with_standard_statements(), None)  # what File > New leaves behind
    w.set_document(sample_map(), None)
    w.view.setFocus()
    w.edit.select_all.trigger()
    assert w.edit.delete.isEnabled() and w.edit.copy.isEnabled()
    w.edit.delete.trigger()
    assert not any(p.placed for p in w.document.people.values())


def test_keyboard_only_navigate_menu_draw_and_rename(window, qtbot, boxes):
    """No mouse: Tab to a card, arrows to its neighbour, Shift+F10 for its menu, draw a hand-off
    with the picker, rename the card in place, and a screen reader is told what has the focus."""
    w = window
    w.activateWindow()
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    w.scene.select_ids([], centre=False)
    qtbot.keyClick(w.view, Qt.Key.Key_Tab)
    assert w.scene.selected_person_ids() == ["ana"] and w.view.hasFocus()  # first in reading order
    assert "Ana Seller" in w.view.accessibleName()
    assert "hands off to Luc Lawyer" in w.view.accessibleDescription()
    qtbot.keyClick(w.view, Qt.Key.Key_Tab)
    assert w.scene.selected_person_ids() == ["luc"]
    qtbot.keyClick(w.view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert w.scene.selected_person_ids() == ["ana"]
    qtbot.keyClick(w.view, Qt.Key.Key_Down)  # Legal lies below Sales, one stage on
    assert w.scene.selected_person_ids() == ["luc"]
    qtbot.keyClick(w.view, Qt.Key.Key_Down)
    assert w.scene.selected_person_ids() == ["eli"]
    assert w.document.people["eli"].pos == (575.0, 14.0)  # arrows move the focus, not the card

    # Shift+F10: the focused card's context menu, with Rename and Hands Off To…
    seen: list[list[str]] = []

    def close_menu():
        popup = QApplication.activePopupWidget()
        if popup is None:
            QTimer.singleShot(10, close_menu)
            return
        seen.append([a.text() for a in popup.actions()])
        popup.close()

    QTimer.singleShot(0, close_menu)
    qtbot.keyClick(w.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert "Re&name\tF2" in seen[0] and "&Hands Off To…" in seen[0]
    assert w.scene.selected_person_ids() == ["eli"]

    # Ctrl+Shift+H: pick who Eli hands off to, by typing part of the name
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    w.activateWindow()  # offscreen, the window is not given back the activation a closed menu had
    qtbot.waitUntil(w.isActiveWindow)
    steps = w.undo_stack.count()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_H, ctrl_shift)
    picker = w.findChild(HandoffPicker)
    assert picker is not None and picker.isVisible()
    qtbot.waitUntil(picker.filter.hasFocus)
    qtbot.keyClicks(picker.filter, "cara")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    drawn = [h for h in w.document.handoffs.values() if (h.source, h.target) == ("eli", "cara")]
    assert len(drawn) == 1 and w.undo_stack.count() == steps + 1
    assert w.scene.selected_handoff_ids() == [drawn[0].id]
    assert w.view.accessibleName().startswith("Hand-off from Eli Engineer to Cara Client")

    # back to the card and rename it in place with F2
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Down, Qt.Key.Key_Down):  # from the arrow back to Eli's card
        qtbot.keyClick(w.view, key)
    assert w.scene.selected_person_ids() == ["eli"]
    qtbot.keyClick(w.view, Qt.Key.Key_F2)
    editor = w.view._editor
    assert editor is not None
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "Elif Builder")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.document.people["eli"].name == "Elif Builder"
    assert boxes["critical"] == []


def test_tab_past_the_last_card_leaves_the_canvas(window, qtbot):
    w = window
    w.activateWindow()
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    w.scene.select_ids(["cara"], centre=False)  # the last in reading order (the renew stage)
    qtbot.keyClick(w.view, Qt.Key.Key_Tab)
    assert not w.view.hasFocus()


def test_hands_off_to_from_the_inspector(window, qtbot):
    w = window
    w.scene.select_ids(["ana"], centre=False)
    button = w.inspector.person_form.hands_off_button
    assert button.isVisibleTo(w.inspector)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    picker = w.findChild(HandoffPicker)
    assert picker is not None
    qtbot.keyClicks(picker.filter, "eng")  # Eli, by department
    assert picker.chosen_pid() == "eli"
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert any((h.source, h.target) == ("ana", "eli") for h in w.document.handoffs.values())
    w.undo_stack.undo()
    assert not any((h.source, h.target) == ("ana", "eli") for h in w.document.handoffs.values())


def test_fit_centres_the_map_and_shows_every_name(window, qtbot):
    w = window
    w.resize(1100, 700)
    QApplication.processEvents()
    w.view.fit_to_window()
    map_rect = w.view.mapFromScene(w.view.map_rect()).boundingRect()
    port = w.view.viewport().rect()
    assert port.contains(map_rect.adjusted(2, 2, -2, -2))
    assert abs(map_rect.center().x() - port.center().x()) <= 0.1 * port.width()
    assert abs(map_rect.center().y() - port.center().y()) <= 0.15 * port.height()
    assert not w.view.overview.isVisible()  # the whole map is in sight: the overview steps aside


def test_zoom_to_selection_and_the_overview_map(window, qtbot):
    w = window
    w.view.reset_zoom()
    w.scene.select_ids(["ana", "luc"], centre=False)
    w.edit.zoom_selection.trigger()
    port = w.view.viewport().rect()
    for pid in ("ana", "luc"):
        card = w.view.mapFromScene(w.scene.cards[pid].scene_card_rect()).boundingRect()
        assert port.contains(card)
    assert w.view.zoom() > 1.0  # two cards fill the view
    overview = w.view.overview
    assert overview.isVisible() and w.view.viewport().geometry().contains(overview.geometry())
    overview.redraw()
    assert not overview._picture.isNull()
    # a click on the overview's right end takes the canvas to the end of the walk
    from PySide6.QtCore import QPoint

    target = overview._target
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton,
                     pos=QPoint(int(target.right()) - 2, int(target.center().y())))
    seen = w.view.mapToScene(port).boundingRect()
    assert seen.right() >= w.view.map_rect().right() - 5
    w.edit.overview.trigger()
    assert not overview.isVisible()
    w.edit.overview.trigger()
    assert overview.isVisible()
