"""Regressions found by using the app in a real window (second round): fit leaves no scroll
bar, File > Close, the Mark as You key, roster drops inside one column, short vertical
hand-off labels."""
from __future__ import annotations

from canvas_fixtures import drop_on_view, tile_mime
from PySide6.QtCore import QPointF
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.canvas import mime
from gui.commands import UpdateCommand
from model import layout
from model.entities import Handoff, Person
from model.storage.store import save


def test_fit_to_window_leaves_no_scroll_bar_and_shows_the_whole_map(window, qtbot):
    w = window
    w.resize(1100, 700)
    qtbot.wait(10)
    w.view.reset_zoom()
    w.edit.fit.trigger()
    QApplication.processEvents()
    h, v = w.view.horizontalScrollBar(), w.view.verticalScrollBar()
    assert h.maximum() == h.minimum()
    assert v.maximum() == v.minimum()
    visible = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert visible.contains(w.view.map_rect().adjusted(2, 2, -2, -2))


def test_file_close_asks_to_save_then_leaves_an_empty_map_and_the_start_page(window, boxes, tmp_path):
    w = window
    path = tmp_path / "m.cwalk"
    save(w.document, path)
    assert w.open_path(path, ask=False)
    assert w.guard.holds_lock
    assert QKeySequence("Ctrl+W") in w.file.close.shortcuts()
    assert w.file.close in w.file_menu.actions()
    w.scene.push(UpdateCommand(w.document, "person", "ana", {"name": "Ana Changed"}, "Rename"))
    boxes["state"]["answer"] = QMessageBox.StandardButton.Cancel
    w.file.close.trigger()
    assert len(boxes["warning"]) == 1  # asked, cancelled: nothing changed
    assert w.path == path and w.document.people["ana"].name == "Ana Changed"
    boxes["state"]["answer"] = QMessageBox.StandardButton.Discard
    w.file.close.trigger()
    assert w.path is None and not w.document.people and not w.is_modified()
    assert not w.guard.holds_lock
    assert w.coaching.start_page is not None and w.coaching.start_page.isVisible()
    w.coaching.start_page.close()


def test_mark_as_you_has_a_key_and_says_what_it_did(window):
    w = window
    assert w.edit.mark_you.shortcut() == QKeySequence("Ctrl+Shift+Y")
    w.scene.select_ids(["luc"], centre=False)
    assert w.edit.mark_you.isEnabled()
    w.edit.mark_you.trigger()
    assert w.document.meta.you_id == "luc"
    assert "Luc Lawyer" in w.statusBar().currentMessage()
    w.undo_stack.undo()
    assert w.document.meta.you_id != "luc"


def test_a_roster_drop_lands_inside_the_column_under_the_pointer(window):
    w = window
    lane = w.scene.lane("legal")
    # the pointer just right of the Specify column's left edge: centred on it, the card would straddle
    x = layout.column_x(2) + 10
    assert drop_on_view(w.view, tile_mime(mime.person_payload("zed")), QPointF(x, lane.top + 40))
    zed = w.document.people["zed"]
    assert zed.placed and zed.stage == "specify"
    left = zed.pos[0]
    assert layout.column_x(2) <= left and left + layout.CARD_W <= layout.column_x(3)
    assert layout.stage_at(left + layout.CARD_W / 2) == "specify"


def test_a_short_vertical_hand_off_shows_what_is_handed_over(window):
    w = window
    doc = w.document
    # two cards stacked in one lane, a little apart sideways: the arrow runs bottom to top
    doc.add("person", Person("Una Upper", "Clerk", "eng", stage="build", pos=(975.0, 14.0), id="una"))
    doc.add(
        "person",
        Person("Leo Lower", "Clerk", "eng", stage="build", pos=(1000.0, 14.0 + layout.ROW_H), id="leo"),
    )
    doc.add("handoff", Handoff("una", "leo", "checked drawings", "build", id="h9"))
    QApplication.processEvents()
    item = w.scene.handoff_items["h9"]
    item.adjust()
    assert item._label_text.startswith("checked")
    assert not item._label_rect.isNull()


def test_start_page_with_no_maps_says_so_under_its_heading_and_escape_closes_it(window, qtbot):
    from PySide6.QtCore import Qt

    page = window.coaching.show_start_page()
    qtbot.waitExposed(page)
    page.resize(1000, 700)
    QApplication.processEvents()
    assert page.empty.isVisible()
    assert page.empty.mapTo(page, page.empty.rect().topLeft()).y() < page.height() * 0.35
    assert page.empty.alignment() & Qt.AlignmentFlag.AlignTop
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert not page.isVisible()


def test_a_first_start_with_no_maps_opens_the_example_and_offers_the_start_page(window, qtbot):
    from gui.app import open_first

    open_first(window, None)
    assert window.path is None and window.document.people  # the example, as an unsaved copy
    qtbot.waitUntil(lambda: window.coaching.start_page is not None and window.coaching.start_page.isVisible())
    window.coaching.start_page.close()


def test_the_import_dialog_shows_every_column_of_an_hr_export_and_a_short_warning_list(qtbot, tmp_path):
    from gui.files.import_dialog import ImportDialog

    path = tmp_path / "hr.csv"
    path.write_text(
        "First Name,Last Name,Job Title,Dept,Work Email,Manager,Location,Cost Centre\n"
        "Anna,Berg,Sales Director,Sales,anna@ex.com,,Oslo,100\n"
        "Bo,Lind,Account Executive,Sales,bo@ex.com,Anna Berg,Oslo,100\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.mapping.rowCount() == 8
    bar = dialog.mapping.verticalScrollBar()
    assert bar.maximum() == bar.minimum()  # all eight columns in sight, nothing to scroll to
    mapping_h, _preview_h, messages_h = dialog.splitter.sizes()
    assert dialog.messages.count() >= 1 and messages_h < mapping_h


def test_a_map_in_use_elsewhere_says_who_holds_it_and_cancel_keeps_the_current_map(
    window, qtbot, tmp_path, boxes
):
    from gui.main_window import MainWindow

    path = tmp_path / "walk.cwalk"
    save(window.document, path)
    assert window.open_path(path, ask=False)
    second = MainWindow()
    qtbot.addWidget(second)
    before = second.document
    boxes["state"]["answer"] = QMessageBox.StandardButton.Cancel
    assert not second.open_path(path, ask=False)
    assert boxes["question"] and "process" in boxes["question"][-1] and "read-only" in boxes["question"][-1]
    assert second.document is before and second.path is None and not second.read_only
    assert "not opened" in second.statusBar().currentMessage()


def test_finding_a_person_while_zoomed_far_out_zooms_in_so_the_card_can_be_read(window, qtbot):
    w = window
    w.view.set_zoom(0.1)
    assert w.find_next("Luc") == "luc"
    assert w.view.zoom() >= 0.5
    visible = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert visible.contains(w.scene.cards["luc"].sceneBoundingRect())


def test_escape_on_the_canvas_clears_the_selection(window, qtbot):
    from PySide6.QtCore import Qt

    w = window
    w.scene.select_ids(["luc", "ana"], centre=False)
    assert w.scene.selected_person_ids()
    w.view.setFocus()
    qtbot.keyClick(w.view.viewport(), Qt.Key.Key_Escape)
    assert not w.scene.selected_person_ids()
    assert not w.edit.delete.isEnabled()
