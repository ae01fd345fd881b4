"""What a first-time user tried in the coaching panels and did not get: an action-item row
that can be read in the docked sessions panel, an import verdict in words, and a coach's own
check-up statements that can be renamed and removed (with undo, and Cancel changing nothing)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox
from test_first_use import type_text

from gui.coaching.sessions_panel import SessionsPanel
from gui.files.import_dialog import ImportDialog
from tests.coaching_sample import coaching_doc


@pytest.mark.parametrize("width", [380, 470, 900])
def test_the_action_item_row_is_readable_in_the_docked_panel(qtbot, width):
    doc, _ids = coaching_doc()
    panel = SessionsPanel(doc, QUndoStack())
    qtbot.addWidget(panel)
    panel.resize(width, 620)  # the widths the dock gets beside the canvas, and undocked
    panel.show()
    qtbot.waitExposed(panel)
    QApplication.processEvents()
    for field, words in ((panel.new_text, "New action item"), (panel.new_owner, "Owner"),
                         (panel.title_edit, "e.g. Second session")):
        room = field.contentsRect().width() - 8
        assert room >= QFontMetrics(field.font()).horizontalAdvance(words), field.placeholderText()
    for button in (panel.add_item_button, panel.remove_item_button, panel.new_button, panel.delete_button):
        assert button.width() >= button.sizeHint().width(), button.text()
    assert panel.list.height() >= panel.list.sizeHintForRow(0) * 2  # two sessions can be seen


def test_the_import_verdict_counts_in_words_a_person_reads(qtbot, tmp_path):
    roster = tmp_path / "two.csv"
    roster.write_text("Name,Title,Department,hands_off_to\nYuki 山田,Planner <lead>,Logistics,Omar عمر\n"
                      "Omar عمر,Driver & co,Logistics,\n", encoding="utf-8")
    dialog = ImportDialog(roster)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.verdict.text()
    assert "2 people into 1 department with 1 hand-off." in text
    assert "1 departments" not in text and "1 hand-offs" not in text
    assert dialog.ok_button.isEnabled()


def edit_menu(qtbot, dlg, sid: str) -> dict[str, object]:
    """The Edit button beside one of the coach's own statements, and its menu's choices."""
    from PySide6.QtWidgets import QToolButton

    row = dlg.statement_rows[sid]
    buttons = [c for c in row.cells if isinstance(c, QToolButton)]
    assert len(buttons) == 1
    qtbot.waitUntil(buttons[0].isVisible)
    return {a.text().replace("…", ""): a for a in buttons[0].menu().actions()}


def test_a_coachs_own_statement_can_be_renamed_and_removed(qtbot, boxes):
    from gui.coaching.checkup_dialog import CheckupDialog
    from model.entities import Checkup, Statement

    doc, _ids = coaching_doc()
    own = doc.add("statement", Statement("We call back the same day"))
    doc.add("checkup", Checkup("2026-02-01", answers={own.id: 4, "heroes": 3}))
    stack = QUndoStack()
    dlg = CheckupDialog(doc, stack)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    assert all(not any(type(c).__name__ == "QToolButton" for c in dlg.statement_rows[s].cells)
               for s in ("heroes", "voices"))  # the standard statements stay as they are
    # rename in place: Escape keeps the old words and does not close the dialog
    edit_menu(qtbot, dlg, own.id)["Rename"].trigger()
    assert dlg.editor is not None and dlg.editor.hasFocus() and dlg.editor.selectedText() == own.text
    qtbot.keyClicks(dlg.editor, "nothing")
    qtbot.keyClick(dlg.editor, Qt.Key.Key_Escape)
    assert dlg.isVisible() and dlg.editor is None and dlg.statement_rows[own.id].label.text() == own.text
    edit_menu(qtbot, dlg, own.id)["Rename"].trigger()
    dlg.editor.selectAll()
    type_text(dlg.editor, "On rappelle le jour même <b>")
    qtbot.keyClick(dlg.editor, Qt.Key.Key_Return)
    assert dlg.isVisible() and dlg.statement_rows[own.id].label.text() == "On rappelle le jour même <b>"
    assert doc.statements[own.id].text == "We call back the same day"  # nothing written before Save
    # a new one added here, then removed again, never reaches the map
    qtbot.keyClicks(dlg.new_statement, "Temporary")
    qtbot.keyClick(dlg.new_statement, Qt.Key.Key_Return)
    temp = dlg.pending[0]
    edit_menu(qtbot, dlg, temp.id)["Remove"].trigger()
    assert not dlg.pending and temp.id not in dlg.statement_rows
    qtbot.mouseClick(dlg.statement_rows["heroes"].group.button(5), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == dlg.DialogCode.Accepted
    assert doc.statements[own.id].text == "On rappelle le jour même <b>" and temp.id not in doc.statements
    stack.undo()
    assert doc.statements[own.id].text == "We call back the same day"


def test_removing_an_answered_statement_asks_and_undo_brings_the_answers_back(qtbot, boxes):
    from gui.coaching.checkup_dialog import CheckupDialog
    from model.entities import Checkup, Statement

    doc, _ids = coaching_doc()
    own = doc.add("statement", Statement("Sales and service share one promise"))
    earlier = doc.add("checkup", Checkup("2026-02-01", answers={own.id: 2}))
    stack = QUndoStack()
    dlg = CheckupDialog(doc, stack)
    qtbot.addWidget(dlg)
    dlg.show()
    boxes["state"]["answer"] = QMessageBox.StandardButton.No
    edit_menu(qtbot, dlg, own.id)["Remove"].trigger()
    assert boxes["question"] and "1 earlier check-up" in boxes["question"][-1]
    assert own.id in dlg.statement_rows  # kept: the coach said No
    boxes["state"]["answer"] = QMessageBox.StandardButton.Yes
    edit_menu(qtbot, dlg, own.id)["Remove"].trigger()
    assert own.id not in dlg.statement_rows
    qtbot.mouseClick(dlg.area_rows["quality"].group.button(4), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert own.id not in doc.statements and own.id not in doc.checkups[earlier.id].answers
    stack.undo()
    assert own.id in doc.statements and doc.checkups[earlier.id].answers == {own.id: 2}
    assert len(doc.checkups) == 2


def test_cancel_after_renaming_and_removing_changes_nothing(qtbot, boxes):
    from gui.coaching.checkup_dialog import CheckupDialog
    from model.entities import Statement
    from model.storage.serialize import to_data

    doc, _ids = coaching_doc()
    own = doc.add("statement", Statement("Mine"))
    before = to_data(doc)
    dlg = CheckupDialog(doc, QUndoStack())
    qtbot.addWidget(dlg)
    dlg.show()
    edit_menu(qtbot, dlg, own.id)["Rename"].trigger()
    dlg.editor.setText("Also mine")
    qtbot.keyClick(dlg.editor, Qt.Key.Key_Return)
    edit_menu(qtbot, dlg, own.id)["Remove"].trigger()
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert dlg.result() == dlg.DialogCode.Rejected and to_data(doc) == before


def full_rows_in_view(table) -> int:
    """How many whole rows of the table a person sees without scrolling it."""
    room = table.viewport().height()
    return sum(1 for r in range(table.rowCount())
               if table.rowViewportPosition(r) >= 0
               and table.rowViewportPosition(r) + table.rowHeight(r) <= room)


def test_the_action_item_table_shows_several_rows_and_grows_with_the_dock(qtbot):
    """It showed a row and a half in the docked panel at 1366×768; now four rows at least, more
    when the dock is taller, and the notes give up their room before the table does."""
    from model.entities import ActionItem, Session

    doc, _ids = coaching_doc()
    doc.add("session", Session("2026-03-01", "Hand-offs", "", [
        ActionItem(f"Follow-up number {n}", owner="Ann") for n in range(1, 9)]))
    panel = SessionsPanel(doc, QUndoStack())
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    seen = {}
    for height in (520, 620, 900):  # a laptop dock, a larger one, the panel undocked
        panel.resize(380, height)
        QApplication.processEvents()
        sid = next(s for s, v in doc.sessions.items() if v.title == "Hand-offs")
        panel.select_session(sid)
        QApplication.processEvents()
        assert panel.items.rowCount() == 8
        seen[height] = full_rows_in_view(panel.items)
        assert seen[height] >= 4, (height, seen)
    assert seen[900] > seen[620] >= seen[520]
    assert panel.items.height() > panel.notes_edit.height()
