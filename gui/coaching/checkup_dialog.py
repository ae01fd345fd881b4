"""The integrity check-up: each statement answered on a five-point
agree/disagree scale, the three-areas score 1..5, a date and a note.

The coach may add statements of their own, and rename or remove them (never the
standard ones); all of it goes in together with the check-up as one undo step
when the dialog is saved (Cancel changes nothing). Each row's radio buttons: scale_rows.py.
"""
from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.coaching.scale_rows import AREA_LABELS, AREA_SHORT, SKIP, ScaleRow, scale_grid
from gui.coaching.shared import from_qdate, plain_label, to_qdate, warning_color
from gui.commands import AddCommand, RemoveCommand, UpdateCommand
from gui.widgets import dialog_size, follow_direction
from model.document import Document
from model.entities import SCALE_LABELS, SCALE_MAX, THREE_AREAS, Checkup, Statement

MAX_STATEMENT = 500


class CheckupDialog(QDialog):
    """New check-up (checkup_id None) or edit an existing one."""

    def __init__(
        self, doc: Document, stack: QUndoStack, parent: QWidget | None = None, checkup_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self.existing: Checkup | None = doc.checkups.get(checkup_id or "")
        self.setWindowTitle("Edit check-up" if self.existing else "New check-up")
        self.pending: list[Statement] = []
        self.renamed: dict[str, str] = {}  # saved statement id -> new text
        self.removed: list[str] = []  # saved statement ids
        self.editor: QLineEdit | None = None  # the statement being renamed in place
        self._editing = ""
        self.statement_rows: dict[str, ScaleRow] = {}
        self.area_rows: dict[str, ScaleRow] = {}

        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumWidth(180)
        self.date_edit.installEventFilter(self)  # Tab leaves the date; it does not walk year, month, day

        body = QWidget()
        self.statements_box = QGroupBox("Integrity check-up: how much do you agree?")
        self.statement_grid = scale_grid(SCALE_LABELS, self)
        sv = QVBoxLayout(self.statements_box)
        sv.addLayout(self.statement_grid)
        for st in doc.statements.values():
            self._add_statement_row(st)
        self.new_statement = QLineEdit()
        follow_direction(self.new_statement)  # Arabic sits at the right
        self.new_statement.setPlaceholderText(
            "Add a statement of your own, e.g. 'We call customers back the same day.'"
        )
        self.new_statement.setMaxLength(MAX_STATEMENT)
        self.new_statement.installEventFilter(self)  # Enter adds the statement, it does not save
        add_button = QPushButton("Add statement")
        add_button.setAutoDefault(False)
        add_button.clicked.connect(self.add_statement)
        row = QHBoxLayout()
        row.addWidget(self.new_statement, 1)
        row.addWidget(add_button)
        sv.addLayout(row)

        areas_box = QGroupBox("The three areas that confuse customers (1 = poor, 5 = strong)")
        area_grid = scale_grid(AREA_LABELS, self)
        for r, (key, text) in enumerate(THREE_AREAS, start=1):
            self.area_rows[key] = ScaleRow(area_grid, r, text, AREA_LABELS, self)
        QVBoxLayout(areas_box).addLayout(area_grid)

        self.note = QPlainTextEdit()
        follow_direction(self.note)  # Arabic sits at the right
        self.note.setPlaceholderText("What stood out in this check-up")
        self.note.setFixedHeight(80)
        self.note.setTabChangesFocus(True)  # Tab goes on to Save, it does not type a tab into the note

        bv = QVBoxLayout(body)
        form = QFormLayout()
        form.addRow("Date", self.date_edit)
        bv.addLayout(form)
        bv.addWidget(self.statements_box)
        bv.addWidget(areas_box)
        bv.addWidget(plain_label("Note"))
        bv.addWidget(self.note)
        bv.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields take the focus, not their frame

        self.error = plain_label("")
        self.error.setStyleSheet(f"color: {warning_color(self).name()}")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(dialog_size(self, 760, 680))
        if self.existing is not None:
            self._load(self.existing)
        self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)  # the first field, top left; Tab goes down

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            obj is self.date_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        ):  # one Tab past the date, as past any field (the arrows and typing still set its parts)
            self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)  # Shift+Tab arrives as Backtab
            return True
        if (
            obj is self.editor
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        ):
            self.finish_rename(event.key() != Qt.Key.Key_Escape)  # never Save or Cancel the dialog
            return True
        if (
            obj is self.new_statement
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.add_statement()
            return True
        return super().eventFilter(obj, event)

    def _add_statement_row(self, st: Statement) -> ScaleRow:
        above = list(self.statement_rows.values())[-1:]
        row = ScaleRow(self.statement_grid, self.statement_grid.rowCount(), st.text, SCALE_LABELS, self)
        self.statement_rows[st.id] = row
        if above:  # Tab reaches a statement added here below the others, not after Save and Cancel
            row.follow(above[0].cells[-1])
        if not st.standard:  # the coach's own: they can reword it or take it out
            edit = QToolButton(self)
            edit.setText("Edit")
            edit.setToolTip("Rename or remove this statement of your own")
            edit.setAccessibleName(f"Edit statement: {st.text[:80]}")
            edit.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(edit)
            sid = st.id
            menu.addAction("Rename…", lambda: self.start_rename(sid))
            menu.addAction("Remove", lambda: self.remove_statement(sid))
            edit.setMenu(menu)
            self.statement_grid.addWidget(edit, row.row, SCALE_MAX + 2, Qt.AlignmentFlag.AlignCenter)
            QWidget.setTabOrder(row.cells[-1], edit)  # Tab reaches it from its own row, not after the note
            row.cells.append(edit)
        return row

    def _statement_text(self, sid: str) -> str:
        pending = next((st for st in self.pending if st.id == sid), None)
        if pending is not None:
            return pending.text
        return self.renamed.get(sid, self.doc.statements[sid].text if sid in self.doc.statements else "")

    def _taken(self, text: str, but: str = "") -> bool:
        """Is this text already one of the statements shown (other than `but`)?"""
        key = text.casefold()
        return any(
            self._statement_text(sid).strip().casefold() == key for sid in self.statement_rows if sid != but
        )

    def start_rename(self, sid: str) -> None:
        """The statement's text becomes a field in place: Enter keeps the new words, Escape the old."""
        row = self.statement_rows.get(sid)
        if row is None:
            return
        if self.editor is not None:
            self.finish_rename(True)
        editor = QLineEdit(self._statement_text(sid), self)
        follow_direction(editor)
        editor.setMaxLength(MAX_STATEMENT)
        editor.setAccessibleName("New wording of the statement")
        editor.installEventFilter(self)
        editor.editingFinished.connect(lambda: self.finish_rename(True))
        self.editor, self._editing = editor, sid
        row.label.hide()
        self.statement_grid.addWidget(editor, row.row, 0)
        editor.show()  # now, not when the layout gets round to it: the focus goes to it next
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        editor.selectAll()

    def finish_rename(self, keep: bool) -> None:
        editor, sid = self.editor, self._editing
        if editor is None:
            return
        self.editor, self._editing = None, ""  # first: hiding the field finishes its editing again
        text = " ".join(editor.text().split())
        editor.hide()
        editor.deleteLater()
        row = self.statement_rows.get(sid)
        if row is None:
            return
        row.label.show()
        if not keep or text == self._statement_text(sid):
            return
        if not text:
            self._show_error("A statement needs some words; it keeps its old ones.")
            return
        if self._taken(text, but=sid):
            self._show_error("That statement is already in the check-up; it keeps its old words.")
            return
        pending = next((st for st in self.pending if st.id == sid), None)
        if pending is not None:
            pending.text = text
        elif sid in self.doc.statements and text == self.doc.statements[sid].text:
            self.renamed.pop(sid, None)
        else:
            self.renamed[sid] = text
        row.label.setText(text)
        self.error.hide()

    def remove_statement(self, sid: str) -> None:
        """Take a statement of one's own out (with its answers in earlier check-ups, after asking)."""
        row = self.statement_rows.get(sid)
        if row is None:
            return
        if self.editor is not None:
            self.finish_rename(False)
        others = [c for c in self.doc.checkups.values()
                  if sid in c.answers and (self.existing is None or c.id != self.existing.id)]
        if others:
            n = len(others)
            answer = QMessageBox.question(
                self, "Remove statement",
                f"“{self._statement_text(sid)[:120]}” was answered in {n} earlier "
                f"check-up{'s' if n != 1 else ''}. "
                "Removing it removes those answers too (Undo brings them back).\n\nRemove it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        row.hide()
        del self.statement_rows[sid]
        self.renamed.pop(sid, None)
        before = len(self.pending)
        self.pending = [st for st in self.pending if st.id != sid]
        if len(self.pending) == before and sid in self.doc.statements:
            self.removed.append(sid)
        self.error.hide()

    def _load(self, c: Checkup) -> None:
        self.date_edit.setDate(to_qdate(c.date))
        for sid, row in self.statement_rows.items():
            row.set_value(c.answers.get(sid))
        for key, row in self.area_rows.items():
            row.set_value(c.areas.get(key))
        self.note.setPlainText(c.note)

    def add_statement(self) -> None:
        """A new statement for this and later check-ups (saved with the check-up)."""
        text = " ".join(self.new_statement.text().split())
        if not text:
            self._show_error("Type the statement first, then Add statement.")
            return
        if self._taken(text):
            self._show_error("That statement is already in the check-up.")
            return
        st = Statement(text=text)
        self.pending.append(st)
        self._add_statement_row(st)
        self.new_statement.clear()
        self.error.hide()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def checkup(self) -> Checkup:
        """The check-up as filled in (a fresh object; ids kept when editing)."""
        answers = {sid: v for sid, row in self.statement_rows.items() if (v := row.value()) is not None}
        areas = {key: v for key, row in self.area_rows.items() if (v := row.value()) is not None}
        kwargs = {"date": from_qdate(self.date_edit.date()), "answers": answers, "areas": areas,
                  "note": self.note.toPlainText()}
        if self.existing is not None:
            return Checkup(id=self.existing.id, **kwargs)  # type: ignore[arg-type]
        return Checkup(**kwargs)  # type: ignore[arg-type]

    def accept(self) -> None:
        c = self.checkup()
        if not c.answers and not c.areas:
            self._show_error("Answer at least one statement or area, or Cancel.")
            return
        if self.existing is not None and self.existing.id not in self.doc.checkups:
            self._show_error("This check-up was deleted meanwhile; nothing was saved.")
            return
        self.stack.beginMacro("Edit check-up" if self.existing else f"Check-up {c.date}")
        try:
            for st in self.pending:
                self.stack.push(AddCommand(self.doc, "statement", st, "Add check-up statement"))
            for sid, text in self.renamed.items():
                if sid in self.doc.statements:
                    self.stack.push(
                        UpdateCommand(self.doc, "statement", sid, {"text": text}, "Rename check-up statement")
                    )
            for sid in self.removed:
                if sid in self.doc.statements:
                    self.stack.push(RemoveCommand(self.doc, "statement", sid, "Remove check-up statement"))
            if self.existing is None:
                self.stack.push(AddCommand(self.doc, "checkup", c, "Add check-up"))
            else:
                changes = {"date": c.date, "answers": c.answers, "areas": c.areas, "note": c.note}
                self.stack.push(UpdateCommand(self.doc, "checkup", c.id, changes, "Edit check-up"))
        finally:
            self.stack.endMacro()
        super().accept()


__all__ = ["AREA_LABELS", "AREA_SHORT", "SKIP", "CheckupDialog"]
