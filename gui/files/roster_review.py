"""File > Import Roster into This Map: the second step, who joins, moves and leaves.

Shows what merging the roster will do before anything changes: joiners
(added unplaced), movers (old -> new), leavers (kept and marked "left?",
or removed: a checkbox each) and the records that fit several people (a
choice each: one of them, a new person, or leave it out). Apply turns the
merge into thin undo commands pushed as ONE undo step (`commands_for`).
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.commands import AddCommand, RemoveCommand, UpdateCommand
from gui.widgets import counted, dialog_size, heading_label, hint_label
from model.document import Document
from model.roster.merge import JOIN, SKIP, Merge, MergePlan, Operation
from model.roster.report import change_text, describe_person

BACK = 2  # MergeDialog.exec() when the user goes back to the column mapping
LEAVER_COLUMNS = ["Remove", "Name", "Role", "Department", "Email"]


def plan_verdict(plan: MergePlan) -> str:
    """What Next will show, in counts: who matches, who is new, who needs a choice."""
    matched = len(plan.matched)
    ambiguous = len(plan.ambiguous)
    new = len(plan.rows) - matched - ambiguous
    text = (f"<b>Ready to compare</b> {counted(len(plan.rows), 'record')} with the map's "
            f"{counted(len(plan.doc.people), 'person', 'people')}: {matched} match, {new} new")
    if ambiguous:
        text += f", {counted(ambiguous, 'record')} to decide"
    return text + ". Next shows who joins, moves and leaves; nothing changes until you apply it."


def commands_for(doc: Document, operations: Iterable[Operation], name: str) -> list[QUndoCommand]:
    """A merge's operations as thin undo commands (pushed together: one undo step)."""
    commands: list[QUndoCommand] = []
    for op in operations:
        if op[0] == "add":
            commands.append(AddCommand(doc, op[1], op[2], f"Import roster {name}"))
        elif op[0] == "update":
            commands.append(UpdateCommand(doc, op[1], op[2], op[3], f"Import roster {name}"))
        elif op[0] == "remove":
            commands.append(RemoveCommand(doc, op[1], op[2], f"Import roster {name}"))
    return commands


def _table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for c in range(table.columnCount() - 1):
        table.setColumnWidth(c, min(table.columnWidth(c), 260))


class MergeDialog(QDialog):
    """The merge preview; `operations()` after Apply, exec() == BACK to change the mapping."""

    def __init__(self, plan: MergePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.choices: dict[int, str | None] = {}
        self.remove: set[str] = set()
        self.merge: Merge = plan.resolve()
        self._filling = False
        name = plan.table.path.name
        self.setWindowTitle(f"Import roster into this map: {name}")
        self.setSizeGripEnabled(True)
        self.resize(dialog_size(self, 920, 640))
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(f"What {name} changes in “{plan.doc.meta.title}”", scale=1.15))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(hint_label(
            "Stories, contact logs, positions and hand-offs of the people who stay are kept. "
            "Leavers stay on the map marked “Left?” unless you tick Remove."))
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.joiners = _table(["Row", "Name", "Role", "Department", "Email"])
        self.movers = _table(["Name", "What changes"])
        self.leavers = _table(LEAVER_COLUMNS)
        self.leavers.itemChanged.connect(self._leaver_ticked)
        leaver_box = QWidget()
        leaver_layout = QVBoxLayout(leaver_box)
        leaver_layout.setContentsMargins(0, 0, 0, 0)
        leaver_layout.addWidget(self.leavers)
        bulk = QHBoxLayout()
        for text, value in (("Keep &all (mark “Left?”)", False), ("Remove a&ll", True)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, v=value: self.set_all_removed(v))
            bulk.addWidget(button)
        bulk.addStretch(1)
        leaver_layout.addLayout(bulk)
        self.ambiguous = _table(["Row", "Name in the roster", "Role", "Email", "This is…"])
        self.ambiguous_combos: dict[int, QComboBox] = {}
        self.tabs.addTab(self.joiners, "")
        self.tabs.addTab(self.movers, "")
        self.tabs.addTab(leaver_box, "")
        self.tabs.addTab(self.ambiguous, "")
        self._fill_ambiguous()

        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok | cancel)
        self.apply_button = buttons.button(ok)
        self.apply_button.setText("&Apply to the map")
        self.back_button = buttons.addButton("< &Back", QDialogButtonBox.ButtonRole.ResetRole)
        self.back_button.setToolTip("Back to the column mapping")
        self.back_button.clicked.connect(lambda: self.done(BACK))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._refresh()
        if plan.ambiguous:
            self.tabs.setCurrentIndex(3)  # what needs the user first

    # ----- public API ------------------------------------------------------------
    def operations(self) -> list[Operation]:
        return self.merge.operations(self.remove)

    def set_choice(self, line: int, choice: str | None) -> None:
        """Answer one ambiguous record (what picking in its combo does)."""
        combo = self.ambiguous_combos[line]
        combo.setCurrentIndex(max(combo.findData(choice), 0))

    def set_removed(self, pid: str, removed: bool) -> None:
        """Tick or untick one leaver's Remove box (what clicking it does)."""
        for row in range(self.leavers.rowCount()):
            item = self.leavers.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == pid:
                item.setCheckState(Qt.CheckState.Checked if removed else Qt.CheckState.Unchecked)

    def set_all_removed(self, removed: bool) -> None:
        for pid in list(self.merge.leavers):
            self.set_removed(pid, removed)

    # ----- filling ---------------------------------------------------------------
    def _fill_ambiguous(self) -> None:
        unit = self.plan.table.unit
        items = self.plan.ambiguous
        self.ambiguous.setRowCount(len(items))
        for r, item in enumerate(items):
            row = item.row
            cells = [f"{unit} {row.line}", row.name, row.title, row.email]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(item.why)
                self.ambiguous.setItem(r, c, cell)
            combo = QComboBox()
            combo.setAccessibleName(f"Who {row.name} on {unit} {row.line} is")
            combo.addItem("Leave out for now", SKIP)
            for pid in item.candidates:
                combo.addItem(f"{describe_person(self.merge, pid)}, already in the map", pid)
            combo.addItem("Someone new: add as a joiner", JOIN)
            combo.currentIndexChanged.connect(lambda _i, line=row.line, box=combo: self._chose(line, box))
            self.ambiguous.setCellWidget(r, 4, combo)
            self.ambiguous_combos[row.line] = combo
        self.ambiguous.resizeColumnsToContents()

    def _chose(self, line: int, combo: QComboBox) -> None:
        self.choices[line] = combo.currentData()
        self.merge = self.plan.resolve(self.choices)
        self.remove &= set(self.merge.leavers)
        self._refresh()

    def _leaver_ticked(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        pid = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.remove.add(pid)
        else:
            self.remove.discard(pid)
        self._summarise()

    def _refresh(self) -> None:
        merge, unit = self.merge, self.plan.table.unit
        _fill(self.joiners,
              [[f"{unit} {r.line}", r.name, r.title, r.department, r.email] for r in merge.joiners])
        _fill(self.movers, [[m.name, "; ".join(change_text(*c) for c in m.changes)] for m in merge.movers])
        self._filling = True
        doc = self.plan.doc
        rows = []
        for pid in merge.leavers:
            p = doc.people[pid]
            dept = doc.departments.get(p.department_id or "")
            rows.append(["", p.name, p.title, dept.name if dept else "", p.email])
        _fill(self.leavers, rows)
        for r, pid in enumerate(merge.leavers):
            box = QTableWidgetItem("Remove")
            box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            box.setCheckState(Qt.CheckState.Checked if pid in self.remove else Qt.CheckState.Unchecked)
            box.setData(Qt.ItemDataRole.UserRole, pid)
            box.setToolTip("Tick to remove them from the map; unticked, they stay marked “Left?”")
            self.leavers.setItem(r, 0, box)
        self.leavers.resizeColumnToContents(0)
        self._filling = False
        open_ = sum(1 for c in self.ambiguous_combos.values() if c.currentData() is SKIP)
        self.tabs.setTabText(0, f"&Joiners ({len(merge.joiners)})")
        self.tabs.setTabText(1, f"&Movers ({len(merge.movers)})")
        self.tabs.setTabText(2, f"&Leavers ({len(merge.leavers)})")
        self.tabs.setTabText(3, f"A&mbiguous ({open_} of {len(self.plan.ambiguous)} open)")
        self.tabs.setTabEnabled(3, bool(self.plan.ambiguous))
        self._summarise()

    def _summarise(self) -> None:
        merge = self.merge
        removed = len(self.remove)
        kept = len(merge.leavers) - removed
        parts = [counted(len(merge.joiners), "joiner") + " added (unplaced, in the palette)",
                 counted(len(merge.movers), "mover")]
        if merge.leavers:
            leavers = counted(len(merge.leavers), "leaver")
            parts.append(f"{leavers} ({kept} kept as “Left?”, {removed} removed)")
        if merge.updated:
            parts.append(f"{counted(len(merge.updated), 'person', 'people')} with new details")
        if merge.skipped:
            parts.append(f"{counted(len(merge.skipped), 'record')} left out (ambiguous)")
        departments = merge.new_departments()
        if departments:
            parts.append(f"{counted(len(departments), 'new department')}")
        self.summary.setText(f"<b>Applying will make:</b> {', '.join(parts)}. One Undo takes it all back.")
        nothing = not (merge.joiners or merge.movers or merge.leavers or merge.updated)
        self.apply_button.setEnabled(not nothing)
        self.apply_button.setToolTip("The map already matches the roster" if nothing else "")
