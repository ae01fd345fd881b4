"""The smaller things a coach notices live: a paste never covers a card, undo shows what it
undid, a card dropped in another lane says its department changed and snaps into one stage
column, and the connection handle is big enough to hit."""
from __future__ import annotations

from canvas_fixtures import drag
from PySide6.QtCore import QPointF, Qt

from model import layout


def card_centre(w, pid: str) -> QPointF:
    return w.scene.cards[pid].scene_card_rect().center()


def test_a_paste_lands_in_free_space_not_on_the_original(window, qtbot):
    w = window
    w.scene.select_ids(["ana"], centre=False)
    w.edit.copy.trigger()
    w.edit.paste.trigger()
    new = w.scene.selected_person_ids()
    assert len(new) == 1 and new[0] != "ana"
    pasted = w.scene.cards[new[0]].scene_card_rect()
    for pid, card in w.scene.cards.items():
        if pid != new[0]:
            assert not pasted.adjusted(8, 8, -8, -8).intersects(card.scene_card_rect()), pid
    w.edit.duplicate.trigger()  # a duplicate of the pasted one: clear of both
    twin = w.scene.selected_person_ids()[0]
    assert not w.scene.cards[twin].scene_card_rect().adjusted(8, 8, -8, -8).intersects(pasted)


def test_undo_and_redo_select_and_show_what_changed(window, qtbot):
    w = window
    w.scene.select_ids(["eli"], centre=False)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)  # nudge Eli
    w.scene.select_ids([], centre=False)
    w.view.reset_zoom()
    w.view.centerOn(QPointF(2000, 600))  # far from Eli
    w.edit.undo.trigger()
    assert w.scene.selected_person_ids() == ["eli"]
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert seen.contains(card_centre(w, "eli"))
    w.scene.select_ids([], centre=False)
    w.edit.redo.trigger()
    assert w.scene.selected_person_ids() == ["eli"]


def test_a_card_dropped_in_another_lane_says_so_and_snaps_into_a_stage_column(window, qtbot):
    w = window
    doc = w.document
    w.view.reset_zoom()
    w.view.centerOn(card_centre(w, "ana"))
    lane = w.scene.lane("legal")
    # Ana dragged down into Legal, her card's middle just inside the Specify column's left edge
    start = card_centre(w, "ana")
    target = QPointF(layout.column_x(2) + 20, lane.top + 60)
    drag(w.view, start, target, steps=8)
    ana = doc.people["ana"]
    assert ana.department_id == "legal" and ana.stage == "specify"
    assert "Legal" in w.statusBar().currentMessage() and "Ctrl+Z" in w.statusBar().currentMessage()
    left = layout.column_x(2)
    assert left < ana.pos[0] and ana.pos[0] + layout.CARD_W < left + layout.COL_W  # inside one column
    w.undo_stack.undo()
    assert doc.people["ana"].department_id == "sales"


def test_the_connection_handle_is_easy_to_hit(window):
    card = window.scene.cards["ana"]
    assert card.handle_rect().width() >= 16


def test_dragging_a_tile_to_the_canvas_edge_scrolls_the_map(window, qtbot):
    from canvas_fixtures import tile_mime
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from gui.canvas.mime import NEW_COLLEAGUE

    w = window
    w.view.reset_zoom()
    w.view.horizontalScrollBar().setValue(0)
    port = w.view.viewport()
    data = tile_mime(NEW_COLLEAGUE)
    action, buttons = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    mods = Qt.KeyboardModifier.NoModifier
    edge = QPoint(port.width() - 5, port.height() // 2)
    QApplication.sendEvent(port, QDragEnterEvent(edge, action, data, buttons, mods))
    QApplication.sendEvent(port, QDragMoveEvent(edge, action, data, buttons, mods))
    bar = w.view.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 100, timeout=20000)  # scrolls while the pointer rests there
    QApplication.sendEvent(port, QDropEvent(QPointF(edge), action, data, buttons, mods))
    stopped = bar.value()
    qtbot.wait(100)
    assert bar.value() == stopped  # the drop ends the scrolling
    assert len(w.document.people) == 6  # and the colleague was added where it was dropped


def test_save_as_starts_in_the_last_maps_folder_not_the_programs(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from gui.files import file_actions

    w = window
    w.document.meta.title = "Pump order / 2026"
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append(a[2]) or "", ""))
    folder = tmp_path / "maps"
    folder.mkdir()
    file_actions.remember_recent(folder / "earlier.cwalk")
    w.save_as(None)
    assert asked and asked[0] == str(folder / "Pump order _ 2026.cwalk")


def test_arabic_in_an_inspector_field_sits_at_the_right(window, qtbot):
    w = window
    w.scene.select_ids(["luc"], centre=False)
    name = w.inspector.person_form.name
    assert name.alignment() & Qt.AlignmentFlag.AlignLeft
    from gui.commands import UpdateCommand

    w.undo_stack.push(UpdateCommand(w.document, "person", "luc", {"name": "لوك المحامي (Luc)"}))
    assert name.text().startswith("لوك") and name.alignment() & Qt.AlignmentFlag.AlignRight
    w.undo_stack.undo()
    assert name.alignment() & Qt.AlignmentFlag.AlignLeft


def test_the_roster_and_the_canvas_share_one_selection(window, qtbot):
    w = window
    roster = w.palette_panel
    w.scene.select_ids(["eli"], centre=False)
    assert roster.selected_id() == "eli"
    row = roster.model.row_of("luc")
    rect = roster.view.visualRect(roster.model.index(row))
    qtbot.mouseClick(roster.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.scene.selected_person_ids() == ["luc"]
