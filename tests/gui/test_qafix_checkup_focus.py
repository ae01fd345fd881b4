"""The check-up dialog opens on its first field, the date, and Tab walks the form top to bottom:
one press past the date (not year, month, day), one per statement, and out of the note."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack

from gui.coaching.checkup_dialog import CheckupDialog
from tests.coaching_sample import coaching_doc


def opened(qtbot) -> CheckupDialog:  # type: ignore[no-untyped-def]
    doc, _ids = coaching_doc()
    dlg = CheckupDialog(doc, QUndoStack())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    return dlg


def test_it_opens_on_the_date_and_one_tab_reaches_the_first_statement(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = opened(qtbot)
    qtbot.waitUntil(dlg.date_edit.hasFocus)
    first = next(iter(dlg.statement_rows.values()))
    qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Tab)
    assert dlg.focusWidget() in first.group.buttons()
    qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert dlg.date_edit.hasFocus()


def test_tab_goes_down_the_form_and_out_of_the_note_to_save(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = opened(qtbot)
    qtbot.waitUntil(dlg.date_edit.hasFocus)
    seen = []
    for _ in range(12):
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dlg.focusWidget())
    rows = [*dlg.statement_rows.values(), *dlg.area_rows.values()]
    on_rows = [w for w in seen if any(w in r.group.buttons() for r in rows)]
    assert len(on_rows) == len(rows)  # one stop per statement or area
    assert seen.index(dlg.new_statement) < seen.index(dlg.note) < seen.index(dlg.save_button)
    assert seen.index(dlg.save_button) == seen.index(dlg.note) + 1  # Tab left the note ...
    assert dlg.note.toPlainText() == ""  # ... without typing a tab into it
    assert dlg.date_edit in seen  # and round again to the date: the scroll area takes no stop


def test_the_arrow_keys_still_set_the_date(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = opened(qtbot)
    qtbot.waitUntil(dlg.date_edit.hasFocus)
    qtbot.keyClick(dlg.date_edit, Qt.Key.Key_Down)
    assert dlg.date_edit.date() != QDate.currentDate()
    assert dlg.date_edit.hasFocus()
