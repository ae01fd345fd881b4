"""A colleague just added is not "due today": with no contact logged and no cadence of their
own, nothing is planned for them, and the inspector and the reach-out list say the same."""
from __future__ import annotations

import pytest
from canvas_fixtures import open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from model.document import Document
from model.entities import Department

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def blank(qtbot, tmp_path, monkeypatch, boxes):
    doc = Document.with_standard_statements()
    doc.add("department", Department("Sales", "#4E79A7", id="sales"))
    w = open_window(qtbot, tmp_path, monkeypatch, doc)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.view)
    yield w
    w.undo_stack.setClean()


def test_a_new_colleague_has_no_reach_out_due_in_the_inspector_nor_the_list(blank, qtbot):
    w = blank
    qtbot.keyClick(w.windowHandle(), Qt.Key.Key_N, CTRL_SHIFT)  # Map > Add Colleague
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    editor.selectAll()
    editor.insert("Nia New")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    pid = list(w.document.people)[-1]
    assert w.inspector.current_form() is w.inspector.person_form
    said = w.inspector.person_form.next_reach.text()
    assert "due" not in said and "not planned" in said
    w.coaching.reach_out.trigger()  # Coaching > Reach Out Next
    panel = w.coaching.reach
    qtbot.waitUntil(panel.isVisible)
    panel.refresh()
    row = next(r for r in range(panel.table.rowCount())
               if panel.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == pid)
    assert panel.table.item(row, 1).text() == "not planned"
    assert panel.heading.text().startswith("0 of 1 people due")
    # choosing how often to keep in touch plans it: due from today, in both places
    form = w.inspector.person_form
    form.cadence.setCurrentIndex(form.cadence.findText("Every month"))
    assert "due today" in form.next_reach.text()
    panel.refresh()
    assert panel.table.item(row, 1).text() == "due today"
