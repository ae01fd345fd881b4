"""What a first-time user tried in a real window and did not get: the keys other desktop apps
answer to (Ctrl+Y, Ctrl+=), typing a name straight after double-clicking a card or pressing
Enter / F2 on it (the coaching dialogs' part is in test_first_use_coaching.py)."""
from __future__ import annotations

import pytest
from canvas_fixtures import click, double_click, drag
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier
L_MID_X = 1100.0  # the middle of the Implement column, where the sample map has no card


def activate(qtbot, w) -> None:
    """The window has the keyboard, as when a person clicks into it; the canvas has the focus."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)


def type_text(widget, text: str) -> None:
    """Type any text, one key press per character (QTest.keyClicks only knows Latin-1 keys)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def card_centre(w, pid: str) -> QPointF:
    return w.scene.cards[pid].scene_card_rect().center()


def test_ctrl_y_redoes_like_ctrl_shift_z(window, qtbot):
    w = window
    doc = w.document
    w.view.reset_zoom()
    w.view.centerOn(card_centre(w, "ana"))
    start = card_centre(w, "ana")
    drag(w.view, start, start + QPointF(60, 0))
    moved = doc.people["ana"].pos
    assert moved != (175.0, 14.0)
    activate(qtbot, w)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    assert doc.people["ana"].pos == (175.0, 14.0) and w.edit.redo.isEnabled()
    qtbot.keyClick(w.view, Qt.Key.Key_Y, CTRL)
    assert doc.people["ana"].pos == moved and not w.edit.redo.isEnabled()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert doc.people["ana"].pos == moved


def test_ctrl_y_in_a_text_field_redoes_the_map_not_the_field(window, qtbot):
    w = window
    w.scene.select_ids(["ana"])
    name = w.inspector.person_form.name
    activate(qtbot, w)
    name.setFocus()
    name.selectAll()
    type_text(name, "Ana 李 <&>")
    assert w.document.people["ana"].name == "Ana 李 <&>"
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)
    assert w.document.people["ana"].name == "Ana Seller"
    qtbot.keyClick(name, Qt.Key.Key_Y, CTRL)
    assert w.document.people["ana"].name == "Ana 李 <&>" and name.text() == "Ana 李 <&>"


def test_ctrl_equals_zooms_in_as_ctrl_plus_does(window, qtbot):
    w = window
    w.view.reset_zoom()
    activate(qtbot, w)
    qtbot.keyClick(w.view, Qt.Key.Key_Equal, CTRL)
    after_equal = w.view.zoom()
    assert after_equal > 1.0
    qtbot.keyClick(w.view, Qt.Key.Key_Plus, CTRL)
    assert w.view.zoom() > after_equal
    qtbot.keyClick(w.view, Qt.Key.Key_0, CTRL)
    assert w.view.zoom() == 1.0


def test_double_click_on_a_card_renames_it_in_place(window, qtbot):
    w = window
    w.view.reset_zoom()
    w.view.centerOn(card_centre(w, "luc"))
    activate(qtbot, w)
    double_click(w.view, card_centre(w, "luc"))
    name = w.view._editor
    assert name is not None
    qtbot.waitUntil(name.hasFocus)
    assert w.scene.selected_person_ids() == ["luc"] and name.selectedText() == "Luc Lawyer"
    # the editor sits over the card, in sight
    card = w.view.mapFromScene(w.scene.cards["luc"].scene_card_rect()).boundingRect()
    assert card.intersects(name.geometry()) and w.view.viewport().rect().contains(name.geometry().center())
    steps = w.undo_stack.count()
    type_text(name, "Lucía عقد 📄")
    assert w.document.people["luc"].name == "Luc Lawyer"  # nothing renamed until Enter
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert w.document.people["luc"].name == "Lucía عقد 📄"
    assert w.scene.cards["luc"].face.name == "Lucía عقد 📄"
    assert w.undo_stack.count() == steps + 1 and w.view.hasFocus()
    w.undo_stack.undo()
    assert w.document.people["luc"].name == "Luc Lawyer"


def press_on_selection(qtbot, w, key: Qt.Key, people=(), handoffs=()) -> None:
    """Select on the canvas, give it the keyboard, press `key`."""
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    w.scene.select_ids(list(people), list(handoffs), centre=False)
    qtbot.keyClick(w.view, key)


def test_enter_on_the_canvas_edits_the_selected_card_or_hand_off(window, qtbot):
    w = window
    activate(qtbot, w)
    name, what = w.inspector.person_form.name, w.inspector.handoff_form.what
    press_on_selection(qtbot, w, Qt.Key.Key_Return, people=["eli"])
    qtbot.waitUntil(name.hasFocus)
    assert name.selectedText() == "Eli Engineer"
    press_on_selection(qtbot, w, Qt.Key.Key_Enter, handoffs=["h1"])
    qtbot.waitUntil(what.hasFocus)
    assert what.selectedText() == "signed order"
    # nothing selected: Enter does nothing, the canvas keeps the keyboard
    press_on_selection(qtbot, w, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert w.view.hasFocus()


def test_f2_on_one_card_renames_the_person_not_their_lane(window, qtbot):
    w = window
    activate(qtbot, w)
    w.scene.select_ids(["ana"], centre=False)
    assert w.edit.rename_lane.isEnabled() and "Person" in w.edit.rename_lane.text()
    qtbot.keyClick(w.view, Qt.Key.Key_F2)
    name = w.view._editor
    assert name is not None
    qtbot.waitUntil(name.hasFocus)
    assert name.selectedText() == "Ana Seller"
    type_text(name, "Someone else")
    qtbot.keyClick(name, Qt.Key.Key_Escape)  # Escape: the name stays as it was
    assert w.document.people["ana"].name == "Ana Seller" and w.view._editor is None
    assert w.view.hasFocus()
    # a selected lane still gets its inline rename
    w.scene.select_ids([], centre=False, department_ids=["legal"])
    assert "Lane" in w.edit.rename_lane.text()
    w.edit.rename_lane.trigger()
    editor = w.view._editor
    assert editor is not None and editor.isVisible() and editor.text() == "Legal"


def test_enter_scrolls_the_inspector_to_the_name_it_focuses(window, qtbot):
    """Editing a story far down the inspector, then Enter on a card: the name field comes into sight."""
    w = window
    activate(qtbot, w)
    w.inspector_dock.resize(w.inspector_dock.width(), 260)
    w.scene.select_ids(["eli"], centre=False)
    form = w.inspector.person_form
    form.resize(form.width(), 200)
    form.verticalScrollBar().setValue(form.verticalScrollBar().maximum())
    assert form.verticalScrollBar().value() > 0
    press_on_selection(qtbot, w, Qt.Key.Key_Return, people=["eli"])
    qtbot.waitUntil(form.name.hasFocus)
    top_left = form.name.mapTo(form.viewport(), form.name.rect().topLeft())
    assert form.viewport().rect().contains(top_left)


def test_a_click_on_a_lane_edge_changes_nothing_a_drag_resizes(window):
    w = window
    doc = w.document
    w.view.reset_zoom()
    lane = w.scene.lane("legal")
    edge = QPointF(900, lane.bottom)
    w.view.centerOn(edge)
    assert w.scene.lane_grips["legal"].sceneBoundingRect().contains(edge)
    steps = w.undo_stack.count()
    click(w.view, edge)
    drag(w.view, edge, edge + QPointF(0, 2))  # a tremble of the hand
    assert w.undo_stack.count() == steps and doc.departments["legal"].lane_height == 0.0
    assert not w.isWindowModified()
    drag(w.view, edge, edge + QPointF(0, 60))
    assert w.undo_stack.count() == steps + 1
    assert doc.departments["legal"].lane_height == pytest.approx(lane.height + 60, abs=2)


def test_a_card_dropped_on_another_slides_below_it_instead_of_hiding(window):
    from canvas_fixtures import drop_on_view, tile_mime

    from gui.canvas.mime import person_payload

    w = window
    doc = w.document
    w.view.reset_zoom()
    # Luc's card dragged right onto Eli's (the engineering lane, same column)
    doc_before = doc.people["eli"].pos
    w.view.centerOn(card_centre(w, "eli"))
    w.scene.select_ids([], centre=False)
    drag(w.view, card_centre(w, "luc"), card_centre(w, "eli"), steps=8)
    luc, eli = doc.people["luc"], doc.people["eli"]
    assert luc.department_id == "eng" and eli.pos == doc_before
    assert abs(luc.pos[0] - eli.pos[0]) < 20 and luc.pos[1] >= eli.pos[1] + 64  # below, not under
    cards = w.scene.cards
    assert not cards["luc"].scene_card_rect().intersects(cards["eli"].scene_card_rect())
    # the roster person dropped on a card lands clear of it too
    target = card_centre(w, "eli")
    assert drop_on_view(w.view, tile_mime(person_payload("zed")), target)
    zed = cards["zed"].scene_card_rect()
    assert not any(zed.intersects(cards[p].scene_card_rect()) for p in ("eli", "luc"))
    # one undo step each: the place and the move go back
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert doc.people["luc"].department_id == "legal" and doc.people["luc"].pos == (375.0, 14.0)
    assert not doc.people["zed"].placed


def test_hover_lights_cards_arrows_and_lane_names_and_leaving_gives_the_cursor_back(window, qtbot):
    from canvas_fixtures import mouse
    from PySide6.QtCore import QEvent
    w = window
    w.view.reset_zoom()
    w.view.centerOn(card_centre(w, "luc"))
    nowhere = QPointF(L_MID_X, w.scene.lane("eng").bottom - 6)  # an empty cell, no item of interest
    card, arrow = w.scene.cards["luc"], w.scene.handoff_items["h1"]
    header = w.scene.lane_headers["legal"]

    def hover(point: QPointF) -> None:
        mouse(
            w.view,
            QEvent.Type.MouseMove,
            nowhere,
            button=Qt.MouseButton.NoButton,
            buttons=Qt.MouseButton.NoButton,
        )
        mouse(
            w.view,
            QEvent.Type.MouseMove,
            point,
            button=Qt.MouseButton.NoButton,
            buttons=Qt.MouseButton.NoButton,
        )

    hover(card_centre(w, "luc"))
    assert card._hover and card.hasCursor()
    hover(arrow.path().pointAtPercent(0.5))
    assert arrow._hover and not card._hover and not card.hasCursor()
    assert "signed order" in arrow.toolTip()
    hover(header.sceneBoundingRect().center())
    assert header._hover and header.cursor().shape() == Qt.CursorShape.OpenHandCursor
    assert not arrow._hover and not arrow.hasCursor()
    mouse(
        w.view,
        QEvent.Type.MouseMove,
        nowhere,
        button=Qt.MouseButton.NoButton,
        buttons=Qt.MouseButton.NoButton,
    )
    assert not header._hover and not header.hasCursor()


def test_edit_in_inspector_from_the_right_click_menu_opens_the_inspector_at_the_name(window, qtbot):
    from gui.canvas.context_menu import build_menu

    w = window
    activate(qtbot, w)
    w.inspector_dock.close()  # closed earlier from its title bar
    card = w.scene.cards["luc"]
    menu = build_menu(w, w.view.mapFromScene(card.scene_card_rect().center()))
    next(a for a in menu.actions() if a.text().replace("&", "") == "Edit in Inspector").trigger()
    name = w.inspector.person_form.name
    qtbot.waitUntil(name.hasFocus)
    assert w.inspector_dock.isVisible() and name.selectedText() == "Luc Lawyer"


def test_for_you_shows_whole_lines_and_a_usable_list_in_the_short_insights_dock(window, qtbot):
    from gui.commands import MetaCommand

    w = window
    panel = w.insights
    w.resize(1400, 900)
    w.resizeDocks([w.insights_dock], [160], Qt.Orientation.Vertical)  # the first-run height
    with qtbot.waitSignal(panel.reportReady, timeout=10000):
        w.undo_stack.push(MetaCommand(w.document, {"you_id": "ana"}))
    panel.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: panel.next_list.isVisible() and panel.next_list.count() > 0)
    QApplication.processEvents()
    for label in (panel.you_title, panel.you_summary, panel.next_title):
        need = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        assert label.height() >= need, label.text()
    assert panel.next_list.viewport().height() >= panel.next_list.sizeHintForRow(0)  # a whole entry, at least


def test_ctrl_l_logs_a_contact_and_the_status_bar_says_so(window, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialogButtonBox

    w = window
    activate(qtbot, w)
    w.scene.select_ids(["eli"], centre=False)

    def press_ok() -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(20, press_ok)
            return
        box = dlg.findChild(QDialogButtonBox)
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press_ok)
    qtbot.keyClick(w.view, Qt.Key.Key_L, CTRL)
    assert len(w.document.people["eli"].outreach) == 1
    assert "Logged a contact with Eli Engineer" in w.statusBar().currentMessage()


def test_stepping_through_dims_the_rest_of_the_canvas_and_leaving_lights_it_again(window, qtbot):
    w = window
    cards, arrows = w.scene.cards, w.scene.handoff_items
    w.view.setFocus()
    w.coaching.step.trigger()
    st = w.coaching.stepthrough
    assert st is not None and st.isVisible()
    step = st.current()
    lit = {step.source, step.target}
    assert all((cards[p].opacity() == 1.0) == (p in lit) for p in cards)
    assert arrows[step.id].opacity() == 1.0
    assert all(arrows[h].opacity() < 1.0 for h in arrows if h != step.id)
    qtbot.keyClick(st, Qt.Key.Key_Right)
    nxt = st.current()
    assert nxt.id != step.id and arrows[nxt.id].opacity() == 1.0 and arrows[step.id].opacity() < 1.0
    qtbot.keyClick(st, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w.coaching.stepthrough is None)
    assert all(c.opacity() == 1.0 for c in cards.values()) and all(
        a.opacity() == 1.0 for a in arrows.values()
    )
