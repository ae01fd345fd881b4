"""Filling in a check-up (with a coach's own statement), editing and deleting it
from the history window, and the history chart's data."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage, QUndoStack
from PySide6.QtWidgets import QDialogButtonBox

from gui.coaching.checkup_dialog import SKIP, CheckupDialog
from gui.coaching.history_chart import CheckupHistory
from model import coaching
from tests.coaching_sample import coaching_doc


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_fill_in_a_checkup_with_an_own_statement_and_undo(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, _ids = coaching_doc()
    stack = QUndoStack()
    dlg = CheckupDialog(doc, stack)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.date_edit.date() == QDate.currentDate()
    dlg.date_edit.setDate(QDate(2026, 3, 2))
    click(qtbot, dlg.statement_rows["heroes"].group.button(4))
    click(qtbot, dlg.statement_rows["voices"].group.button(1))
    # core_customers left "not answered"
    qtbot.keyClicks(dlg.new_statement, "We call customers back the same day <3")
    qtbot.keyClick(dlg.new_statement, Qt.Key.Key_Return)
    assert len(dlg.pending) == 1 and len(doc.statements) == 3  # nothing saved yet
    own = dlg.pending[0]
    qtbot.waitUntil(lambda: dlg.statement_rows[own.id].group.button(5).isVisible())
    click(qtbot, dlg.statement_rows[own.id].group.button(5))
    click(qtbot, dlg.area_rows["churn"].group.button(3))
    click(qtbot, dlg.area_rows["messages"].group.button(2))
    qtbot.keyClicks(dlg.note, "Better than January")
    dlg.note.insertPlainText(" — 改善")  # QTest types ASCII only
    before = len(doc.checkups)
    click(qtbot, dlg.save_button)
    assert dlg.result() == dlg.DialogCode.Accepted
    assert len(doc.checkups) == before + 1
    new = coaching.latest_checkup(doc)
    assert new.date == "2026-03-02"
    assert new.answers == {"heroes": 4, "voices": 1, own.id: 5}
    assert new.areas == {"churn": 3, "messages": 2}
    assert new.note == "Better than January — 改善"
    assert doc.statements[own.id].text == "We call customers back the same day <3"
    assert not doc.statements[own.id].standard
    stack.undo()  # one step takes the check-up and the new statement
    assert len(doc.checkups) == before and own.id not in doc.statements
    stack.redo()
    assert coaching.latest_checkup(doc).answers[own.id] == 5


def test_nothing_answered_or_duplicate_statement_changes_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, _ = coaching_doc()
    stack = QUndoStack()
    dlg = CheckupDialog(doc, stack)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.new_statement, "  we are clear who our CORE customers are. ")
    qtbot.keyClick(dlg.new_statement, Qt.Key.Key_Return)
    assert dlg.pending == [] and "already" in dlg.error.text()
    click(qtbot, dlg.save_button)
    assert dlg.isVisible() and "at least one" in dlg.error.text()
    assert stack.count() == 0 and len(doc.checkups) == 1
    dlg.reject()
    assert stack.count() == 0


def test_history_window_shows_edits_and_deletes(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, _ = coaching_doc()
    stack = QUndoStack()
    hist = CheckupHistory(doc, stack)
    qtbot.addWidget(hist)
    hist.show()
    assert hist.list.topLevelItemCount() == 1
    assert [s.key for s in hist.chart.series] == ["heroes", "voices"]
    click(qtbot, hist.show_areas)
    assert [s.key for s in hist.chart.series] == ["area:churn"]
    # edit the check-up: the dialog opens filled in
    cid = hist.selected_id()
    dlg = CheckupDialog(doc, stack, hist, cid)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.statement_rows["heroes"].value() == 2
    assert dlg.statement_rows["core_customers"].group.checkedId() == SKIP
    click(qtbot, dlg.statement_rows["heroes"].group.button(5))
    click(qtbot, dlg.area_rows["quality"].group.button(4))
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert doc.checkups[cid].answers["heroes"] == 5 and doc.checkups[cid].areas == {"churn": 2, "quality": 4}
    hist.watcher.flush()
    assert {s.key for s in hist.chart.series} == {"area:churn", "area:quality"}
    stack.undo()
    assert doc.checkups[cid].answers["heroes"] == 2
    click(qtbot, hist.delete_button)
    assert cid not in doc.checkups
    hist.watcher.flush()
    assert hist.list.topLevelItemCount() == 0 and hist.chart.series == []
    assert "No check-ups yet" in hist.chart.empty_text
    stack.undo()
    hist.watcher.flush()
    assert hist.list.topLevelItemCount() == 1


def test_chart_paints_lines_in_the_series_colours(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, _ = coaching_doc()
    from model.entities import Checkup

    doc.add("checkup", Checkup("2026-02-15", answers={"heroes": 5}))
    hist = CheckupHistory(doc, QUndoStack())
    qtbot.addWidget(hist)
    hist.resize(800, 600)
    chart = hist.chart
    chart.resize(700, 400)
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    chart.render(image)
    colour = chart.colour(0)
    hits = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if abs(image.pixelColor(x, y).red() - colour.red()) < 8
        and abs(image.pixelColor(x, y).green() - colour.green()) < 8
        and abs(image.pixelColor(x, y).blue() - colour.blue()) < 8
    )
    assert hits > 50  # the heroes line and its legend swatch are drawn
