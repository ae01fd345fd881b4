"""Faults met by walking through the app as a new user does, in a real window with a mouse and
the keyboard only (see the helper report): each test drives the widgets as that person did."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from gui.commands import AddCommand, UpdateCommand
from model.entities import Person


def _focus_map(w, qtbot, pid: str) -> None:
    w.activateWindow()
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    w.scene.select_ids([pid])


def test_enter_after_typing_a_name_gives_the_keys_back_to_the_map(window, qtbot):
    """Keyboard only: Enter on a card puts the cursor in the inspector's name; Enter there
    keeps the name and the arrow keys go on walking the map (they used to move the cursor)."""
    w = window
    _focus_map(w, qtbot, "ana")
    qtbot.keyClick(w.view, Qt.Key.Key_Return)
    name = w.inspector.person_form.name
    qtbot.waitUntil(name.hasFocus)
    qtbot.keyClicks(name, "Ana Neu")  # typed over the selected name
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert w.document.people["ana"].name == "Ana Neu"
    assert w.view.hasFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert w.scene.selected_person_ids() == ["luc"]


def test_escape_in_a_story_goes_back_to_the_map_keeping_what_was_typed(window, qtbot):
    w = window
    _focus_map(w, qtbot, "ana")
    story = w.inspector.person_form.what
    story.setFocus()
    qtbot.waitUntil(story.hasFocus)
    story.insertPlainText("نمرّر العقد 📄")
    qtbot.keyClick(story, Qt.Key.Key_Escape)
    assert w.view.hasFocus()
    assert w.document.people["ana"].what_they_do.endswith("نمرّر العقد 📄")
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)  # Delete now deletes the card, not a letter
    assert "ana" not in w.document.people
    w.undo_stack.undo()
    assert w.document.people["ana"].what_they_do.endswith("نمرّر العقد 📄")


def test_another_person_is_shown_from_the_top_of_the_inspector(window, qtbot):
    """After scrolling down to one person's story, clicking the next card showed the middle of
    their form: not their name, so not whom you were looking at."""
    w = window
    w.inspector_dock.resize(340, 400)
    w.scene.select_ids(["ana"])
    form = w.inspector.person_form
    bar = form.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    w.scene.select_ids(["luc"])
    assert w.inspector.current_form() is form
    assert bar.value() == 0
    form.name.setFocus()  # typing in a field keeps the page where it is while the same person is shown
    bar.setValue(bar.maximum() // 2)
    w.undo_stack.push(UpdateCommand(w.document, "person", "luc", {"title": "Buyer"}, "Edit title"))
    assert bar.value() == bar.maximum() // 2


def test_a_closed_map_leaves_no_search_text_behind(window, qtbot):
    w = window
    w.search.setFocus()
    qtbot.keyClicks(w.search, "luc")
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    assert w.scene.selected_person_ids() == ["luc"]
    from canvas_fixtures import sample_map

    w.set_document(sample_map(), None)
    assert w.search.text() == ""


def test_tidy_up_counts_one_card_in_the_singular(window, qtbot):
    w = window
    doc = w.document
    w.edit.auto_layout.trigger()  # everyone in place first
    w.undo_stack.push(AddCommand(doc, "person", Person("Nia Neu", "Buyer", "sales", stage="contract",
                                                        pos=(5000.0, 9000.0), id="nia")))
    w.edit.auto_layout.trigger()
    assert w.statusBar().currentMessage() == "Tidied 1 card"


def _under_overview(w, pid: str) -> bool:
    view = w.view
    card = view.mapFromScene(w.scene.cards[pid].scene_card_rect()).boundingRect()
    card.translate(view.viewport().pos())  # the overview sits on the view, the card on its viewport
    return view.overview.isVisible() and card.intersects(view.overview.geometry())


def test_a_person_found_from_the_roster_is_not_left_under_the_overview(window, qtbot):
    """The roster's double-click (and Enter, and the find box) selected Lars in the example map
    but left his card behind the overview map in the corner: found, yet out of sight."""
    w = window
    view = w.view
    view.set_zoom(1.8)  # the map taller than the canvas: a card can be scrolled to the (small) corner
    qtbot.waitUntil(view.overview.isVisible)
    rect = w.scene.cards["cara"].scene_card_rect()
    spot = view.overview.geometry().center() - view.viewport().pos() - QPoint(60, 0)  # well inside the view
    for _ in range(3):  # scroll so the card sits where the overview is drawn
        now = view.mapFromScene(rect.center())
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + now.x() - spot.x())
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + now.y() - spot.y())
    assert _under_overview(w, "cara")
    w.select_person("cara")
    assert w.scene.selected_person_ids() == ["cara"]
    assert not _under_overview(w, "cara")


def test_a_new_colleague_dropped_from_the_palette_is_named_by_typing(window, qtbot):
    """A new lane opened its name for typing; a new colleague did not, so what was typed after
    the drop went nowhere and the map filled with "New colleague 2, 3..."."""
    from canvas_fixtures import drop_on_view, tile_mime
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication, QLineEdit

    from gui.canvas.mime import NEW_COLLEAGUE

    w = window
    w.activateWindow()
    lane = w.scene.lane("eng")
    assert drop_on_view(w.view, tile_mime(NEW_COLLEAGUE), QPointF(900, (lane.top + lane.bottom) / 2))
    (pid,) = w.scene.selected_person_ids()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    assert editor.parent() is w.view.viewport()  # on the card, not somewhere else
    qtbot.keyClicks(editor, "Kim Park")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.document.people[pid].name == "Kim Park"
    w.undo_stack.undo()
    assert w.document.people[pid].name == "New colleague"


def test_a_new_colleague_clicked_in_the_palette_is_named_by_typing(window, qtbot):
    from PySide6.QtWidgets import QApplication, QLineEdit

    from gui.canvas.mime import NEW_COLLEAGUE

    w = window
    w.activateWindow()
    before = set(w.document.people)
    qtbot.mouseClick(w.palette_panel.tiles[NEW_COLLEAGUE], Qt.MouseButton.LeftButton)
    (pid,) = set(w.document.people) - before
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is w.view.viewport()
    qtbot.keyClicks(editor, "Kim Park")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # Escape keeps the name it was given
    assert w.document.people[pid].name == "New colleague"
    assert w.view.hasFocus()


def test_keyboard_only_ctrl_e_then_enter_exports(qtbot, tmp_path, monkeypatch, boxes):
    """Ctrl+E then Enter opened the file browser (Browse… had the keyboard focus) instead of
    exporting to the path the dialog already shows."""
    from canvas_fixtures import sample_map
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QFileDialog

    from gui.files.export_dialog import ExportDialog
    from gui.main_window import MainWindow
    from model.storage.store import save

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    browsed: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (browsed.append("asked") or "", ""))
    path = tmp_path / "acme.cwalk"
    save(sample_map(), path)
    w = MainWindow(sample_map(), path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in w.findChildren(ExportDialog)))
    dialog = next(d for d in w.findChildren(ExportDialog) if d.isVisible())
    qtbot.waitUntil(dialog.isActiveWindow)
    target = Path(dialog.target_edit.text())
    assert target.parent == tmp_path and not target.exists()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert browsed == []  # not the file browser
    qtbot.waitUntil(target.exists, timeout=60_000)
    assert target.exists()


def test_enter_in_the_merge_review_applies_the_merge_not_keep_all_ours(qtbot, window, tmp_path, monkeypatch):
    """The review's Enter fell to its first button (Keep All Ours: every conflict answered at
    once), as the export dialog's fell to Browse…; Enter now presses Apply Merge."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

    from gui.commands import UpdateCommand
    from model.storage import store

    path = tmp_path / "team.cwalk"
    store.save(window.document, path)
    theirs = store.load(path)
    theirs.update("person", "ana", title="Theirs: sales lead")
    copy = tmp_path / "team (conflicted copy).cwalk"
    store.save(theirs, copy)
    assert window.open_path(path)
    window.scene.push([UpdateCommand(window.document, "person", "ana", {"title": "Ours"})], "edit")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy), ""))
    window.file.merging.merge_from.trigger()
    review = window.file.merging.review
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow)
    defaults = [b.text() for b in review.findChildren(QPushButton) if b.isDefault()]
    assert defaults == ["Apply Merge"]
    steps = window.undo_stack.count()
    qtbot.keyClick(QApplication.focusWidget() or review, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.undo_stack.count() == steps + 1)  # the merge, one undo step


def test_enter_in_the_recovery_dialog_restores(window, qtbot, tmp_path):
    """The recovery list's Enter must restore, never fall to Decide later or Discard (which
    button came first depended on the desktop's button order)."""
    from PySide6.QtWidgets import QPushButton

    from gui.files.recovery_dialog import RecoveryDialog
    from model.storage.recovery import Autosaver, find_snapshots

    Autosaver(None).write(window.document)
    dialog = RecoveryDialog(find_snapshots(orphaned_only=False), window)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()] == ["Restore"]
    dialog.close()


def test_escape_in_the_find_box_gives_the_keys_back_to_the_map(window, qtbot):
    """Keyboard only: Ctrl+F, a name nobody has, Enter ("No one matches"), then Escape left the
    cursor in the find box, so the arrow keys never reached the map."""
    w = window
    _focus_map(w, qtbot, "ana")
    qtbot.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(w.search.hasFocus)
    qtbot.keyClicks(w.search, "zzz")
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    assert w.search.hasFocus()
    qtbot.keyClick(w.search, Qt.Key.Key_Escape)
    assert w.view.hasFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert w.scene.selected_person_ids() == ["luc"]
