"""Sessions with notes and action items, and the action-items view across the map."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from gui.coaching.action_items import COL_DUE, COL_WHAT, ActionsView
from gui.coaching.sessions_panel import COL_DONE, COL_OWNER, SessionsPanel
from model.entities import ActionItem
from tests.coaching_sample import coaching_doc


def settle(*widgets) -> None:  # type: ignore[no-untyped-def]
    for w in widgets:
        w.watcher.flush()
    QApplication.processEvents()


def test_add_a_session_with_notes_and_an_action_item_then_undo(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, _ids = coaching_doc()
    stack = QUndoStack()
    panel = SessionsPanel(doc, stack)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.list.count() == 1 and panel.title_edit.text() == "Kick-off"
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    settle(panel)
    session = panel.current_session()
    assert session is not None and session.date == dt.date.today().isoformat()
    assert panel.list.count() == 2 and panel.list.currentRow() == 0  # newest first
    panel.title_edit.selectAll()
    qtbot.keyClicks(panel.title_edit, "Second session <i>")
    qtbot.keyClicks(panel.notes_edit, "Walked Legal & Ops")
    settle(panel)
    assert session.title == "Second session <i>" and session.notes == "Walked Legal & Ops"
    steps_after_typing = stack.count()
    assert steps_after_typing == 3  # new session, title (merged), notes (merged)
    qtbot.keyClicks(panel.new_text, "Introduce Bob to Cyd")
    qtbot.keyClicks(panel.new_owner, "Ann Lee")
    qtbot.mouseClick(panel.new_has_due, Qt.MouseButton.LeftButton)
    panel.new_due.setDate(QDate(2026, 1, 2))
    qtbot.mouseClick(panel.add_item_button, Qt.MouseButton.LeftButton)
    settle(panel)
    assert [(a.text, a.owner, a.due, a.done) for a in session.action_items] == [
        ("Introduce Bob to Cyd", "Ann Lee", "2026-01-02", False)
    ]
    assert panel.new_text.text() == "" and panel.items.rowCount() == 1
    assert panel.items.item(0, 3).toolTip() == "overdue"
    # tick it done in the table, then edit the owner in place
    panel.items.item(0, COL_DONE).setCheckState(Qt.CheckState.Checked)
    settle(panel)
    assert session.action_items[0].done
    panel.items.item(0, COL_OWNER).setText("Bob")
    settle(panel)
    assert session.action_items[0].owner == "Bob"
    panel.items.item(0, 3).setText("next week")  # not a date: refused, nothing changes
    settle(panel)
    assert session.action_items[0].due == "2026-01-02" and "2026-11-23" in panel.message.text()
    assert panel.items.item(0, 3).text() == "2026-01-02"
    # undo walks back: owner, done, the item, notes, title, the session
    stack.undo()
    assert session.action_items[0].owner == "Ann Lee"
    stack.undo()
    assert not session.action_items[0].done
    stack.undo()
    assert session.action_items == []
    stack.undo()
    stack.undo()
    assert session.notes == "" and session.title == "Session"
    stack.undo()
    settle(panel)
    assert session.id not in doc.sessions and panel.list.count() == 1


def test_undo_refreshes_fields_and_empty_item_is_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, _ids = coaching_doc()
    stack = QUndoStack()
    panel = SessionsPanel(doc, stack)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.keyClicks(panel.notes_edit, " more")
    settle(panel)
    session = panel.current_session()
    assert session.notes == "met the team more"
    stack.undo()
    settle(panel)
    assert panel.notes_edit.toPlainText() == "met the team"
    qtbot.mouseClick(panel.add_item_button, Qt.MouseButton.LeftButton)
    assert "Type what will be done" in panel.message.text() and len(session.action_items) == 2
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    settle(panel)
    assert doc.sessions == {} and not panel.editor.isEnabled()
    assert not panel.add_item_button.isEnabled() and not panel.delete_button.isEnabled()
    panel.add_action_item()  # even if called, no session means nothing is added
    assert "Add a session first" in panel.message.text() and stack.count() == 1  # the deletion only
    stack.undo()
    settle(panel)
    assert panel.list.count() == 1 and panel.editor.isEnabled()


def test_actions_view_marks_overdue_and_ticks_done(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, _ids = coaching_doc()
    sid = next(iter(doc.sessions))
    doc.add_action_item(sid, ActionItem("Plan workshop", owner="coach", due="2099-01-01"))
    stack = QUndoStack()
    view = ActionsView(doc, stack)
    view.today = dt.date(2026, 3, 1)
    view.refresh()
    qtbot.addWidget(view)
    view.show()
    assert view.tree.topLevelItemCount() == 2  # the done one is hidden
    first = view.tree.topLevelItem(0)
    assert first.text(COL_WHAT) == "Call Bob" and first.text(COL_DUE).endswith("overdue")
    assert first.font(COL_WHAT).bold()
    assert not view.tree.topLevelItem(1).font(COL_WHAT).bold()
    assert view.summary.text() == "2 open action items, 1 overdue"
    first.setCheckState(COL_WHAT, Qt.CheckState.Checked)
    settle(view)
    assert doc.sessions[sid].action_items[0].done
    assert view.tree.topLevelItemCount() == 1 and view.summary.text() == "1 open action item"
    qtbot.mouseClick(view.show_done, Qt.MouseButton.LeftButton)
    assert view.tree.topLevelItemCount() == 3
    stack.undo()
    settle(view)
    assert not doc.sessions[sid].action_items[0].done
    opened: list[str] = []
    view.sessionActivated.connect(opened.append)
    row = view.row_for(doc.sessions[sid].action_items[0].id)
    rect = view.tree.visualItemRect(row)
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [sid]
