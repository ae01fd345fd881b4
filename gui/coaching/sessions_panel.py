"""Coaching sessions: a dated record with a title, notes and action items
(what, owner, due date, done). Every edit is an undo command; typing in one
field is one undo step; undo/redo refresh the fields without stealing focus.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.coaching.shared import (
    DocWatcher,
    FittedColumns,
    from_qdate,
    one_line,
    plain_label,
    to_qdate,
    warning_color,
)
from gui.commands import (
    AddActionItemCommand,
    AddCommand,
    RemoveActionItemCommand,
    RemoveCommand,
    UpdateActionItemCommand,
    UpdateCommand,
)
from gui.widgets import follow_direction, lines_height, rows_height
from model import coaching
from model.document import Document
from model.entities import ActionItem, Session

COL_DONE, COL_WHAT, COL_OWNER, COL_DUE = range(4)
NARROW_W = 620  # below this width the sessions list sits above the editor
ITEM_ROWS = 4  # action items always in view, however short the dock; more room shows more
NOTE_LINES = 3


class _ShrinkingPage(QWidget):
    """A page in a scroll area that is given the viewport's height and scrolls only below its
    minimum (a word-wrapped label otherwise makes QScrollArea use the preferred height)."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        return layout.totalMinimumHeightForWidth(width)


class SessionsPanel(QWidget):
    """Sessions newest first on the left; the selected one's details on the right."""

    sessionSelected = Signal(str)

    def __init__(self, doc: Document | None, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self._loading = False
        self._current = ""
        self._loaded = ""  # the session whose fields the editor shows

        self.list = QListWidget()
        self.list.currentItemChanged.connect(self._picked)
        # a long title is cut with "…" (whole in its tooltip) rather than scrolled sideways in a narrow dock
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.new_button = QPushButton("New session")
        self.delete_button = QPushButton("Delete session")
        self.new_button.clicked.connect(self.new_session)
        self.delete_button.clicked.connect(self.delete_session)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        lv.addLayout(row)

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumWidth(180)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.title_edit = QLineEdit()
        follow_direction(self.title_edit)  # Arabic sits at the right
        self.title_edit.setPlaceholderText("e.g. Second session: the hand-offs in Operations")
        self.title_edit.textEdited.connect(lambda text: self._push_field("title", text))
        self.notes_edit = QPlainTextEdit()
        follow_direction(self.notes_edit)  # Arabic sits at the right
        self.notes_edit.setPlaceholderText("What was said, what was decided")
        self.notes_edit.textChanged.connect(self._notes_changed)

        self.items = QTableWidget(0, 4)
        self.items.setHorizontalHeaderLabels(["Done", "Action item", "Owner", "Due"])
        self.item_columns = FittedColumns(self.items, COL_WHAT, {COL_OWNER: 0.4}, (COL_DONE, COL_DUE))
        self.items.verticalHeader().hide()
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.itemChanged.connect(self._item_edited)

        self.new_text = QLineEdit()
        follow_direction(self.new_text)  # Arabic sits at the right
        self.new_text.setPlaceholderText("New action item: what will be done")
        self.new_text.returnPressed.connect(self.add_action_item)
        self.new_owner = QLineEdit()
        follow_direction(self.new_owner)  # Arabic sits at the right
        self.new_owner.setPlaceholderText("Owner")
        self.new_has_due = QCheckBox("Due")
        self.new_due = QDateEdit(QDate.currentDate().addDays(14))
        self.new_due.setCalendarPopup(True)
        self.new_due.setDisplayFormat("yyyy-MM-dd")
        self.new_due.setEnabled(False)
        self.new_has_due.toggled.connect(self.new_due.setEnabled)
        self.add_item_button = QPushButton("Add")
        self.add_item_button.clicked.connect(self.add_action_item)
        self.remove_item_button = QPushButton("Delete item")
        self.remove_item_button.clicked.connect(self.remove_action_item)
        # two rows (and Delete beside the heading), so the text and the owner can be read in a narrow dock
        add_row = QVBoxLayout()
        what_row = QHBoxLayout()
        what_row.addWidget(self.new_text, 1)
        what_row.addWidget(self.add_item_button)
        who_row = QHBoxLayout()
        who_row.addWidget(self.new_owner, 1)
        who_row.addWidget(self.new_has_due)
        who_row.addWidget(self.new_due)
        add_row.addLayout(what_row)
        add_row.addLayout(who_row)
        self.message = plain_label("")
        self.message.setStyleSheet(f"color: {warning_color(self).name()}")

        self.editor = _ShrinkingPage()
        form = QFormLayout()
        form.addRow("Date", self.date_edit)
        form.addRow("Title", self.title_edit)
        ev = QVBoxLayout(self.editor)
        ev.setContentsMargins(0, 0, 0, 0)
        ev.addLayout(form)
        ev.addWidget(plain_label("Notes"))
        ev.addWidget(self.notes_edit, 1)
        items_heading = QHBoxLayout()
        items_heading.addWidget(plain_label("Action items"), 1)
        items_heading.addWidget(self.remove_item_button)
        ev.addLayout(items_heading)
        ev.addWidget(self.items, 2)  # the table takes most of any extra height
        # a short dock scrolls the editor rather than squeezing the table to a row and a half
        self.notes_edit.setMinimumHeight(lines_height(self.notes_edit, NOTE_LINES))
        self.items.setMinimumHeight(rows_height(self.items, ITEM_ROWS))
        self.editor_scroll = QScrollArea()
        self.editor_scroll.setWidget(self.editor)
        self.editor_scroll.setWidgetResizable(True)
        self.editor_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ev.addLayout(add_row)
        ev.addWidget(self.message)

        self.split = QSplitter()
        self.split.addWidget(left)
        self.split.addWidget(self.editor_scroll)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([220, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.split)
        self.watcher = DocWatcher(self, self.refresh, ("session",))
        # the owner suggestions list every name: rebuilt when the field is entered, not per keystroke
        self._owners_stale = True
        self.owner_watcher = DocWatcher(self, self._owners_changed, ("person",))
        self.new_owner.installEventFilter(self)
        self.set_document(doc, stack)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """In a narrow dock the list of sessions goes above the editor, so the editor keeps the width."""
        super().resizeEvent(event)
        want = Qt.Orientation.Vertical if self.width() < NARROW_W else Qt.Orientation.Horizontal
        if self.split.orientation() != want:
            self.split.setOrientation(want)
            self.split.setSizes([110, 500] if want == Qt.Orientation.Vertical else [220, 600])

    # ----- document --------------------------------------------------------
    def set_document(self, doc: Document | None, stack: QUndoStack) -> None:
        self.doc, self.stack = doc, stack
        self.watcher.watch(doc)
        self.owner_watcher.watch(doc)
        self._current = ""
        self.refresh()

    def current_session(self) -> Session | None:
        return self.doc.sessions.get(self._current) if self.doc is not None else None

    def select_session(self, session_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == session_id:
                self.list.setCurrentRow(row)
                return

    def refresh(self) -> None:
        self._loading = True
        try:
            sessions = coaching.sessions_by_date(self.doc) if self.doc is not None else []
            if self._current not in {s.id for s in sessions}:
                self._current = sessions[0].id if sessions else ""
            self.list.clear()
            for s in sessions:
                open_count = sum(1 for a in s.action_items if not a.done)
                label = f"{s.date}  {one_line(s.title, 50) or 'Session'}"
                if open_count:
                    label += f"  ·  {open_count} open"
                item = QListWidgetItem(label)
                item.setToolTip(label)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                self.list.addItem(item)
                if s.id == self._current:
                    self.list.setCurrentItem(item)
            self._load_editor()
        finally:
            self._loading = False
        self.delete_button.setEnabled(bool(self._current))
        self.new_button.setEnabled(self.doc is not None)
        self._owners_changed()

    def _owners_changed(self) -> None:
        self._owners_stale = True
        if self.new_owner.hasFocus():
            self._suggest_owners()

    def _suggest_owners(self) -> None:
        self._owners_stale = False
        if self.doc is not None:
            owners = sorted({p.name for p in self.doc.people.values() if p.name.strip()}, key=str.casefold)
            self.new_owner.setCompleter(QCompleter(owners, self.new_owner))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.new_owner and event.type() == QEvent.Type.FocusIn and self._owners_stale:
            self._suggest_owners()
        return super().eventFilter(watched, event)

    def _load_editor(self) -> None:
        session = self.current_session()
        self.editor.setEnabled(session is not None)
        if session is None:
            self.title_edit.clear()
            self.notes_edit.clear()
            self.items.setRowCount(0)
            return
        self.date_edit.setDate(to_qdate(session.date))
        if self.title_edit.text() != session.title:
            self.title_edit.setText(session.title)
        if self.notes_edit.toPlainText() != session.notes:
            # undo/redo keeps the typing position; another session opens with the cursor at the end
            same = self._loaded == session.id
            cursor = self.notes_edit.textCursor().position()
            self.notes_edit.setPlainText(session.notes)
            c = self.notes_edit.textCursor()
            c.setPosition(min(cursor, len(session.notes)) if same else len(session.notes))
            self.notes_edit.setTextCursor(c)
        self._loaded = session.id
        self.items.setRowCount(len(session.action_items))
        today = dt.date.today()
        red = warning_color(self)
        for r, a in enumerate(session.action_items):
            done = QTableWidgetItem()
            done.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            )
            done.setCheckState(Qt.CheckState.Checked if a.done else Qt.CheckState.Unchecked)
            cells = [done, QTableWidgetItem(a.text), QTableWidgetItem(a.owner), QTableWidgetItem(a.due)]
            if coaching.is_overdue(a, today):
                cells[COL_DUE].setForeground(red)
                cells[COL_DUE].setToolTip("overdue")
            cells[COL_WHAT].setToolTip(a.text[:2000])  # the whole text, when the column cuts it
            cells[COL_OWNER].setToolTip(a.owner[:500])
            for col, cell in enumerate(cells):
                cell.setData(Qt.ItemDataRole.UserRole, a.id)
                self.items.setItem(r, col, cell)
        self.item_columns.fit()

    def _picked(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        if self._loading or item is None:
            return
        self._current = item.data(Qt.ItemDataRole.UserRole)
        self._loading = True
        try:
            self._load_editor()
        finally:
            self._loading = False
        self.delete_button.setEnabled(True)
        self.sessionSelected.emit(self._current)

    # ----- edits -------------------------------------------------------------
    def new_session(self) -> str:
        """Add a session dated today (one undo step) and select it."""
        if self.doc is None:
            return ""
        session = Session(date=dt.date.today().isoformat(), title="Session")
        self._current = session.id
        self.stack.push(AddCommand(self.doc, "session", session, "New session"))
        self.watcher.flush()
        self.title_edit.setFocus()
        self.title_edit.selectAll()
        return session.id

    def delete_session(self) -> None:
        if self.doc is not None and self.current_session() is not None:
            self.stack.push(RemoveCommand(self.doc, "session", self._current, "Delete session"))

    def _push_field(self, name: str, value: object) -> None:
        session = self.current_session()
        if self._loading or self.doc is None or session is None:
            return
        if getattr(session, name) == value:
            return
        self.stack.push(
            UpdateCommand(
                self.doc, "session", self._current, {name: value}, f"Edit session {name}", merge=True
            )
        )

    def _notes_changed(self) -> None:
        self._push_field("notes", self.notes_edit.toPlainText())

    def _date_changed(self, qd: QDate) -> None:
        self._push_field("date", from_qdate(qd))

    def add_action_item(self) -> None:
        session = self.current_session()
        text = self.new_text.text().strip()
        if session is None:
            self.message.setText("Add a session first: action items belong to a session.")
            return
        if not text:
            self.message.setText("Type what will be done, then Add.")
            return
        due = from_qdate(self.new_due.date()) if self.new_has_due.isChecked() else ""
        item = ActionItem(text=text, owner=self.new_owner.text().strip(), due=due)
        self.stack.push(AddActionItemCommand(self.doc, session.id, item))  # type: ignore[arg-type]
        self.message.clear()
        self.new_text.clear()
        self.new_owner.clear()
        self.new_text.setFocus()

    def remove_action_item(self) -> None:
        session = self.current_session()
        row = self.items.currentRow()
        cell = self.items.item(row, COL_WHAT) if row >= 0 else None
        if session is None or cell is None:
            return
        item_id = cell.data(Qt.ItemDataRole.UserRole)
        self.stack.push(RemoveActionItemCommand(self.doc, session.id, item_id))  # type: ignore[arg-type]

    def _item_edited(self, cell: QTableWidgetItem) -> None:
        session = self.current_session()
        if self._loading or session is None:
            return
        item_id = cell.data(Qt.ItemDataRole.UserRole)
        current = next((a for a in session.action_items if a.id == item_id), None)
        if current is None:
            return
        col = cell.column()
        if col == COL_DONE:
            change: dict[str, object] = {"done": cell.checkState() == Qt.CheckState.Checked}
        elif col == COL_WHAT:
            change = {"text": cell.text()}
        elif col == COL_OWNER:
            change = {"owner": cell.text()}
        else:
            due = cell.text().strip()
            try:
                if due:
                    dt.date.fromisoformat(due)
            except ValueError:
                self.message.setText(f"A due date is a date like 2026-11-23, or empty; {due!r} is not one.")
                self.watcher.flush()
                self.refresh()
                return
            change = {"due": due}
        if all(getattr(current, k) == v for k, v in change.items()):
            return
        self.message.clear()
        name = "Tick action item" if col == COL_DONE else "Edit action item"
        self.stack.push(UpdateActionItemCommand(self.doc, session.id, item_id, change, name))  # type: ignore[arg-type]
