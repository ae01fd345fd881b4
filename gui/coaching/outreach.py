"""The outreach log: "Log a contact" (date, channel, note), a person's log,
and "Reach out next" — the people least recently spoken to, each one click
from logging a contact.

Every change is an undo command (AddOutreachCommand / RemoveOutreachCommand).

Both panels refresh only for edits that can change what they show (issue 19: the log was rebuilt
after every keystroke in any person's name, and the reach-out list ran a whole analysis of the
map after every edit while it was shown): the log for its own person's name and contacts, the
list for what its rows show; it keeps the walk order and distances from "you" of its last
analysis until a hand-off, a person's place in the walk or "you" changes.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.coaching.outreach_filters import FilteredWatcher, changes, rows_changed, walk_changed
from gui.coaching.shared import from_qdate, one_line, plain_label, warning_color
from gui.commands import AddOutreachCommand, RemoveOutreachCommand
from gui.undo_push import push as push_edit
from gui.widgets import enter_presses, follow_direction
from model import coaching, reachout
from model.document import Document, DocumentError
from model.entities import OutreachEntry
from model.events import Event
from model.naming import department_name


class LogContactDialog(QDialog):
    """Log one contact with a person: today's date and a channel preselected,
    so logging is two clicks (open, OK)."""

    def __init__(
        self, doc: Document, stack: QUndoStack, person_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.doc, self.stack, self.person_id = doc, stack, person_id
        person = doc.person(person_id)
        name = person.name.strip() or "(unnamed)"
        self.setWindowTitle(f"Log a contact with {one_line(name, 60)}")
        age = coaching.contact_age_days(person)
        last = person.outreach[-1] if person.outreach else None
        heading = f"Last contact: {coaching.describe_age(age)}"
        if last is not None and last.channel:
            heading += f" ({one_line(last.channel, 30)})"
        form = QFormLayout()
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.channel = QComboBox()
        self.channel.addItems([c.capitalize() for c in coaching.CHANNELS])
        if last is not None and last.channel.lower() in coaching.CHANNELS:
            self.channel.setCurrentIndex(coaching.CHANNELS.index(last.channel.lower()))
        self.note = QLineEdit()
        follow_direction(self.note)  # Arabic sits at the right
        self.note.setPlaceholderText("What you talked about, what comes next")
        form.addRow("Date", self.date_edit)
        form.addRow("How", self.channel)
        form.addRow("Note", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Log contact")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.error = plain_label("")
        self.error.setStyleSheet(f"color: {warning_color(self).name()}")
        self.error.hide()
        layout = QVBoxLayout(self)
        title = plain_label(f"{name} — {person.title}" if person.title.strip() else name)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(plain_label(heading))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        enter_presses(buttons.button(QDialogButtonBox.StandardButton.Ok))  # Enter logs, on any desktop
        self.resize(420, self.sizeHint().height())

    def entry(self) -> OutreachEntry:
        return OutreachEntry(
            date=from_qdate(self.date_edit.date()),
            channel=coaching.CHANNELS[self.channel.currentIndex()],
            note=self.note.text(),
        )

    def accept(self) -> None:
        if self.person_id not in self.doc.people:
            self.error.setText("This person is no longer in the map; nothing was logged.")
            self.error.show()
            return
        name = one_line(self.doc.person(self.person_id).name, 40)
        try:
            push_edit(self.stack, AddOutreachCommand(self.doc, self.person_id, self.entry(),
                                                     f"Log contact with {name}"))
        except DocumentError as exc:
            self.error.setText(f"Cannot log this contact: {exc}.")
            self.error.show()
            return
        super().accept()


def log_contact(doc: Document, stack: QUndoStack, person_id: str, parent: QWidget | None = None) -> bool:
    """Open the dialog; True if a contact was logged."""
    if person_id not in doc.people:
        return False
    return LogContactDialog(doc, stack, person_id, parent).exec() == QDialog.DialogCode.Accepted


LOG_FIELDS = frozenset({"name", "outreach"})  # what a person's log shows of them


class OutreachLog(QWidget):
    """One person's contacts, newest first, with Log and Delete (for the inspector or a dock)."""

    def __init__(self, doc: Document | None, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack, self.person_id = doc, stack, ""
        self.summary = plain_label("")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Date", "How", "Note"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log_button = QPushButton("Log a contact…")
        self.delete_button = QPushButton("Delete")
        self.log_button.clicked.connect(self._log)
        self.delete_button.clicked.connect(self._delete)
        row = QHBoxLayout()
        row.addWidget(self.log_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self._built: tuple[str, tuple[tuple[str, str, str, str], ...]] | None = None  # what the table lists
        self.watcher = FilteredWatcher(self, self.refresh, self._concerns)
        self.set_document(doc, stack)

    def _concerns(self, event: Event) -> bool:
        """Only its own person's name and contacts show here (or their removal and return)."""
        return bool(self.person_id) and any(
            part.entity == "person" and self.person_id in (part.id, *part.ids) and changes(part, LOG_FIELDS)
            for part in event.each()
        )

    def set_document(self, doc: Document | None, stack: QUndoStack) -> None:
        self.doc, self.stack = doc, stack
        self.watcher.watch(doc)
        self.person_id = ""
        self.refresh()

    def set_person(self, person_id: str) -> None:
        self.person_id = person_id
        self.refresh()

    def refresh(self) -> None:
        person = self.doc.people.get(self.person_id) if self.doc else None
        self.setEnabled(person is not None)
        if person is None:
            self._built = None
            self.table.setRowCount(0)
            self.summary.setText("Select a person to see their outreach log.")
            return
        age = coaching.contact_age_days(person)
        name = one_line(person.name, 50) or "(unnamed)"
        self.summary.setText(
            f"{name}: last contact {coaching.describe_age(age)} · {len(person.outreach)} logged"
        )
        built = (person.id, tuple((e.id, e.date, e.channel, e.note) for e in person.outreach))
        if built == self._built:
            return  # a key typed in their name: the contacts listed are the same
        self._built = built
        self.table.setRowCount(0)
        entries = sorted(person.outreach, key=lambda e: e.date, reverse=True)
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            for c, value in enumerate((e.date, e.channel, one_line(e.note, 200))):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, e.id)
                if c == 2:
                    cell.setToolTip(e.note[:2000])
                self.table.setItem(r, c, cell)

    def _log(self) -> None:
        if self.doc is not None and self.person_id:
            log_contact(self.doc, self.stack, self.person_id, self)

    def _delete(self) -> None:
        row = self.table.currentRow()
        if self.doc is None or row < 0 or self.person_id not in self.doc.people:
            return
        cell = self.table.item(row, 0)
        if cell is None:
            return
        entry_id = cell.data(Qt.ItemDataRole.UserRole)
        self.stack.push(RemoveOutreachCommand(self.doc, self.person_id, entry_id))


class ReachOutPanel(QWidget):
    """Who to reach out to next, by what is due (model/reachout.py): the most overdue first,
    then due today (never contacted among them), then the soonest; "4 days overdue",
    "due today", "due in 3 days". Each row has a "Log" button (two clicks to log a
    contact, which moves the date on); double-click a name to find the person on the map."""

    personActivated = Signal(str)
    COLUMNS = ("Who", "Next", "Away", "")  # the last contact is in the Next cell's tooltip

    def __init__(self, doc: Document | None, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self.heading = plain_label("")
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        for col, tip in ((1, "When to reach out next: the last contact plus their keep-in-touch cadence"),
                         (2, "Hand-offs away from you")):
            head = self.table.horizontalHeaderItem(col)
            assert head is not None  # the labels just set made it
            head.setToolTip(tip)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(self.COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.today: dt.date | None = None  # None: the real today (tests pin it)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.cellDoubleClicked.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        self.watcher = FilteredWatcher(self, self.refresh, self._note, delay_ms=150)
        self._stale = True
        self._walk: tuple[list[str], dict[str, int | None]] | None = None  # order, distances; None: analyse
        self.analyses = 0  # how many times the list analysed the map (for tests and figures)
        self.set_document(doc, stack)

    def set_document(self, doc: Document | None, stack: QUndoStack) -> None:
        self.doc, self.stack = doc, stack
        self._walk = None
        self.watcher.watch(doc)
        self.refresh()

    def _note(self, event: Event) -> bool:
        """Whether `event` can change the list; one that moves the walk drops its kept order."""
        if walk_changed(event):
            self._walk = None
            return True
        return rows_changed(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def entries(self) -> list[reachout.Entry]:
        """The list's rows; the walk of the last analysis while no edit could have changed it."""
        if self.doc is None:
            return []
        if self._walk is None:
            self.analyses += 1
            self._walk = reachout.walk_of(self.doc, self.today)
        order, distances = self._walk
        return reachout.entries_in(self.doc, self.today, order, distances)

    def refresh(self) -> None:
        if not self.isVisible():
            # the list orders ties by the walk, which takes a whole analysis (over a second
            # at 2,000 people): a hidden panel is emptied and rebuilt when it is shown
            self._stale = True
            self.table.setRowCount(0)
            return
        self._stale = False
        entries = self.entries()
        self.table.setRowCount(len(entries))
        if self.doc is None:
            self.heading.setText("No map is open.")
            return
        self.heading.setText(  # never contacted is said apart from overdue (model/reachout.py)
            f"{reachout.summary_of((e.reach for e in entries), 'Nobody is due a reach-out.')} "
            f"Of {len(entries)} people; keep in touch every {self.doc.meta.stale_days} days, "
            "unless a person has their own cadence." if entries else
            "Nobody else is on the map yet: the people you add are listed here, with when to reach out."
        )
        red = warning_color(self)
        for r, e in enumerate(entries):
            person = self.doc.people[e.reach.person_id]
            name = person.name.strip() or "(unnamed)"
            dept = one_line(department_name(self.doc, person), 40)
            age = coaching.contact_age_days(person, self.today)
            cells = (
                one_line(name, 80) + (f" ({dept})" if dept else ""),
                e.reach.when,
                "" if e.distance is None else str(e.distance),
            )
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                if col == 1:
                    nxt = e.reach.next_date.isoformat() if e.reach.next_date else "no date"
                    own = "" if e.reach.own_cadence else " (the map's default)"
                    item.setToolTip(f"Last contact: {coaching.describe_age(age)}\n"
                                    f"{e.reach.cadence}{own} · next {nxt}")
                    if e.reach.due:
                        item.setForeground(red)
                if col == 0:
                    item.setToolTip(f"{name}\n{person.title}\n{dept}".strip())
                self.table.setItem(r, col, item)
            button = QToolButton()
            button.setText("Log…")
            button.setToolTip(f"Log a contact with {one_line(name, 60)}")
            button.clicked.connect(lambda _=False, pid=person.id: self.log_contact(pid))
            self.table.setCellWidget(r, 3, button)

    def log_contact(self, person_id: str) -> bool:
        if self.doc is None:
            return False
        return log_contact(self.doc, self.stack, person_id, self)

    def _activate(self, row: int, _col: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.personActivated.emit(item.data(Qt.ItemDataRole.UserRole))
