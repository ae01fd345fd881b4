"""Logging contacts: the dialog, "reach out next" (two clicks), a person's log; all undoable."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from gui.coaching.outreach import LogContactDialog, OutreachLog, ReachOutPanel
from gui.commands import AddOutreachCommand
from model import coaching
from model.entities import OutreachEntry
from tests.coaching_sample import coaching_doc


def press_ok_on_next_dialog(qtbot, seen: list) -> None:  # type: ignore[no-untyped-def]
    """Click the default button of the modal dialog that is about to open (a person's second click)."""

    def press() -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(20, press)
            return
        seen.append(dlg)
        box = dlg.findChild(QDialogButtonBox)
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press)


def test_log_contact_dialog_defaults_to_today_and_undo_removes_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, ids = coaching_doc()
    stack = QUndoStack()
    dlg = LogContactDialog(doc, stack, ids["bob"])
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.date_edit.date() == QDate.currentDate()
    assert dlg.channel.currentText() == "Call"  # the last channel used with Bob
    dlg.channel.setCurrentIndex(coaching.CHANNELS.index("coffee"))
    qtbot.keyClicks(dlg.note, "Talked about the <contract> & penalties")
    qtbot.mouseClick(
        dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dlg.result() == QDialog.DialogCode.Accepted
    bob = doc.person(ids["bob"])
    assert len(bob.outreach) == 2
    entry = bob.outreach[-1]
    assert (entry.date, entry.channel, entry.note) == (
        dt.date.today().isoformat(), "coffee", "Talked about the <contract> & penalties")
    assert coaching.contact_age_days(bob) == 0
    stack.undo()
    assert len(doc.person(ids["bob"]).outreach) == 1
    stack.redo()
    assert doc.person(ids["bob"]).outreach[-1].channel == "coffee"


def test_person_removed_while_dialog_open_logs_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, ids = coaching_doc()
    stack = QUndoStack()
    dlg = LogContactDialog(doc, stack, ids["cyd"])
    qtbot.addWidget(dlg)
    dlg.show()
    doc.remove("person", ids["cyd"])
    dlg.accept()
    assert dlg.isVisible() and "no longer in the map" in dlg.error.text() and stack.count() == 0


def test_reach_out_next_logs_a_contact_in_two_clicks(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, ids = coaching_doc()
    stack = QUndoStack()
    panel = ReachOutPanel(doc, stack)
    panel.today = dt.date(2026, 3, 1)  # Bob's contact in January is not stale yet
    qtbot.addWidget(panel)
    panel.show()
    names = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    assert names[0] == "Cyd (Operations)" and not any("Ann Lee" in n for n in names)  # never first; not "you"
    assert panel.table.item(0, 1).text() == "due now, never contacted"
    assert panel.table.item(0, 1).toolTip().startswith("Last contact: never")
    assert panel.table.item(0, 2).text() == "2"  # Cyd is two hand-offs from Ann ("you")
    assert panel.table.item(2, 1).text() == "due in 40 days"  # Bob: 10 Jan + 90 days
    assert panel.heading.text().startswith("2 to reach out to: 2 never contacted. Of 3 people;")
    seen: list = []
    press_ok_on_next_dialog(qtbot, seen)
    qtbot.mouseClick(panel.table.cellWidget(0, 3), Qt.MouseButton.LeftButton)  # click 1; OK is click 2
    assert len(seen) == 1
    assert len(doc.person(ids["cyd"]).outreach) == 1
    panel.watcher.flush()
    names = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    assert names[-1] == "Cyd (Operations)"
    assert panel.table.item(2, 1).toolTip().startswith("Last contact: today")
    activated: list[str] = []
    panel.personActivated.connect(activated.append)
    panel.table.cellDoubleClicked.emit(0, 0)
    assert activated == [ids["cus"]]
    stack.undo()
    assert doc.person(ids["cyd"]).outreach == []


def test_outreach_log_lists_newest_first_and_deletes_with_undo(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, ids = coaching_doc()
    doc.add_outreach(ids["bob"], OutreachEntry("2026-02-01", "email", "x" * 30000))
    stack = QUndoStack()
    log = OutreachLog(doc, stack)
    qtbot.addWidget(log)
    log.show()
    assert not log.isEnabled()
    log.set_person(ids["bob"])
    assert log.isEnabled() and log.table.rowCount() == 2
    assert log.table.item(0, 0).text() == "2026-02-01" and len(log.table.item(0, 2).text()) <= 200
    log.table.selectRow(0)
    qtbot.mouseClick(log.delete_button, Qt.MouseButton.LeftButton)
    assert [e.date for e in doc.person(ids["bob"]).outreach] == ["2026-01-10"]
    log.watcher.flush()
    assert log.table.rowCount() == 1
    stack.undo()
    assert [e.date for e in doc.person(ids["bob"]).outreach] == ["2026-01-10", "2026-02-01"]


def test_reach_out_list_orders_by_what_is_due_and_logging_moves_it_on(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, ids = coaching_doc()
    doc.update("person", ids["cyd"], cadence_days=14)
    doc.add_outreach(ids["cyd"], OutreachEntry("2026-04-28", "call"))  # due 12 May
    stack = QUndoStack()
    panel = ReachOutPanel(doc, stack)
    panel.today = dt.date(2026, 5, 1)
    qtbot.addWidget(panel)
    panel.show()

    def rows() -> list[tuple[str, str]]:
        return [(panel.table.item(r, 0).text(), panel.table.item(r, 1).text())
                for r in range(panel.table.rowCount())]

    assert rows() == [("Bob 鲍勃 (Legal)", "21 days overdue"),
                      ("Dana (customer) (Globex)", "due now, never contacted"),
                      ("Cyd (Operations)", "due in 11 days")]
    assert "Every 2 weeks" in panel.table.item(2, 1).toolTip()
    stack.push(AddOutreachCommand(doc, ids["bob"], OutreachEntry("2026-05-01", "email")))
    panel.watcher.flush()
    assert rows()[-1] == ("Bob 鲍勃 (Legal)", "due in 90 days")
    stack.undo()
    panel.watcher.flush()
    assert rows()[0][1] == "21 days overdue"
