"""A check-up row is one Tab stop at its checked button: "Not answered" on a new check-up, the
answer given on one being edited; Shift+Tab comes back to it, and the arrow keys change the
answer from there (as any desktop's radio group)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from gui.coaching.checkup_dialog import SKIP, CheckupDialog
from tests.coaching_sample import coaching_doc

SHIFT = Qt.KeyboardModifier.ShiftModifier


def opened(qtbot, saved: bool = False) -> CheckupDialog:  # type: ignore[no-untyped-def]
    """A new check-up, or (saved) the sample's saved one (heroes 2, voices 3) opened to edit."""
    doc, _ids = coaching_doc()
    dlg = CheckupDialog(doc, QUndoStack(), checkup_id=next(iter(doc.checkups)) if saved else None)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(dlg.date_edit.hasFocus)
    return dlg


def tab(qtbot, dlg: CheckupDialog, back: bool = False):  # type: ignore[no-untyped-def]
    if back:
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Backtab, SHIFT)
    else:
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Tab)
    return dlg.focusWidget()


def test_tab_lands_on_not_answered_in_a_new_checkup(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = opened(qtbot)
    rows = list(dlg.statement_rows.values())
    assert tab(qtbot, dlg) is rows[0].group.button(SKIP)
    assert tab(qtbot, dlg) is rows[1].group.button(SKIP)
    assert tab(qtbot, dlg, back=True) is rows[0].group.button(SKIP)


def test_tab_lands_on_the_answer_given_and_the_arrows_change_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = opened(qtbot)
    rows = list(dlg.statement_rows.values())
    rows[0].set_value(4)
    rows[1].set_value(2)
    assert tab(qtbot, dlg) is rows[0].group.button(4)
    assert tab(qtbot, dlg) is rows[1].group.button(2)
    assert tab(qtbot, dlg, back=True) is rows[0].group.button(4)
    qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Right)  # the arrows move the answer within the row
    assert rows[0].value() == 5 and dlg.focusWidget() is rows[0].group.button(5)
    assert tab(qtbot, dlg) is rows[1].group.button(2)


def test_an_edited_checkup_tabs_to_its_saved_answers(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = opened(qtbot, saved=True)
    stops = [tab(qtbot, dlg) for _ in range(len(dlg.statement_rows))]
    want = [row.group.checkedButton() for row in dlg.statement_rows.values()]
    assert stops == want
    rows = dlg.statement_rows
    assert rows["heroes"].group.checkedId() == 2 and rows["voices"].group.checkedId() == 3
    assert rows["heroes"].group.button(2) in stops and rows["voices"].group.button(3) in stops


def test_a_statement_added_here_is_a_stop_below_the_others_then_its_edit_button(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QToolButton

    dlg = opened(qtbot)
    standard = list(dlg.statement_rows.values())
    dlg.new_statement.setText("We call customers back the same day <&> 当天")
    dlg.add_statement()
    own = list(dlg.statement_rows.values())[-1]
    qtbot.waitUntil(own.group.button(3).isVisible)
    own.set_value(3)
    edit = own.cells[-1]
    assert isinstance(edit, QToolButton)
    dlg.date_edit.setFocus()
    stops = [tab(qtbot, dlg) for _ in range(len(standard) + 2)]
    assert stops[:len(standard)] == [row.group.button(SKIP) for row in standard]
    assert stops[len(standard):] == [own.group.button(3), edit]  # not after Save and Cancel
    assert tab(qtbot, dlg) is dlg.new_statement
    assert tab(qtbot, dlg, back=True) is edit
    assert tab(qtbot, dlg, back=True) is own.group.button(3)
