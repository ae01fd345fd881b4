"""Action items across the whole map: open ones first, overdue ones marked
(red, bold and the word "overdue", so it does not rely on colour alone);
ticking one done is an undo step."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.coaching.shared import DocWatcher, FittedColumns, one_line, plain_label, warning_color
from gui.commands import UpdateActionItemCommand
from model import coaching
from model.document import Document

COL_WHAT, COL_OWNER, COL_DUE, COL_SESSION = range(4)
SESSION_ROLE = Qt.ItemDataRole.UserRole
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class ActionsView(QWidget):
    """A checklist of action items from every session; double-click opens the session."""

    sessionActivated = Signal(str)

    def __init__(self, doc: Document | None, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self._loading = False
        self.today: dt.date | None = None  # None: the real today (tests may pin it)
        self.summary = plain_label("")
        self.show_done = QCheckBox("Show done items")
        self.show_done.toggled.connect(lambda _on: self.refresh())
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Action item", "Owner", "Due", "Session"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # never sideways in a narrow dock (owner and "date  overdue" cut with "…", whole in tooltips)
        self.columns = FittedColumns(self.tree, COL_WHAT, {COL_OWNER: 0.2, COL_DUE: 0.38}, (COL_SESSION,))
        self.tree.itemChanged.connect(self._ticked)
        self.tree.itemDoubleClicked.connect(
            lambda item, _c: self.sessionActivated.emit(item.data(COL_WHAT, SESSION_ROLE))
        )
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_done)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        self.watcher = DocWatcher(self, self.refresh, ("session",))
        self.set_document(doc, stack)

    def set_document(self, doc: Document | None, stack: QUndoStack) -> None:
        self.doc, self.stack = doc, stack
        self.watcher.watch(doc)
        self.refresh()

    def refresh(self) -> None:
        self._loading = True
        try:
            self.tree.clear()
            if self.doc is None:
                self.summary.setText("No map is open.")
                return
            items = coaching.action_items(self.doc, self.today, include_done=self.show_done.isChecked())
            open_items = [o for o in items if not o.item.done]
            overdue = sum(1 for o in open_items if o.overdue)
            text = f"{len(open_items)} open action item{'s' if len(open_items) != 1 else ''}"
            if overdue:
                text += f", {overdue} overdue"
            if not self.doc.sessions:
                text = "No sessions yet: action items are written down in a session."
            self.summary.setText(text)
            red = warning_color(self)
            for o in items:
                due = o.item.due or "—"
                if o.overdue:
                    due += "  overdue"
                row = QTreeWidgetItem([
                    one_line(o.item.text, 200) or "(no text)", one_line(o.item.owner, 24), due, o.session_date
                ])
                row.setToolTip(COL_SESSION, f"{o.session_date} {one_line(o.session_title, 120)}".strip())
                row.setToolTip(COL_OWNER, o.item.owner[:500])
                row.setToolTip(COL_DUE, due)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(COL_WHAT, Qt.CheckState.Checked if o.item.done else Qt.CheckState.Unchecked)
                row.setData(COL_WHAT, SESSION_ROLE, o.session_id)
                row.setData(COL_WHAT, ITEM_ROLE, o.item.id)
                row.setToolTip(COL_WHAT, o.item.text[:2000])
                if o.overdue:
                    for col in range(4):
                        font = row.font(col)
                        font.setBold(True)
                        row.setFont(col, font)
                        row.setForeground(col, red)
                elif o.item.done:
                    for col in range(4):
                        font = row.font(col)
                        font.setStrikeOut(True)
                        row.setFont(col, font)
                        row.setForeground(col, self.palette().color(self.palette().ColorRole.PlaceholderText))
                self.tree.addTopLevelItem(row)
            self.columns.fit()
        finally:
            self._loading = False

    def row_for(self, item_id: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(i)
            if row is not None and row.data(COL_WHAT, ITEM_ROLE) == item_id:
                return row
        return None

    def _ticked(self, row: QTreeWidgetItem, col: int) -> None:
        if self._loading or col != COL_WHAT or self.doc is None:
            return
        session_id, item_id = row.data(COL_WHAT, SESSION_ROLE), row.data(COL_WHAT, ITEM_ROLE)
        session = self.doc.sessions.get(session_id)
        current = next((a for a in session.action_items if a.id == item_id), None) if session else None
        done = row.checkState(COL_WHAT) == Qt.CheckState.Checked
        if current is None or current.done == done:
            return
        text = "Tick action item done" if done else "Reopen action item"
        self.stack.push(UpdateActionItemCommand(self.doc, session_id, item_id, {"done": done}, text))
