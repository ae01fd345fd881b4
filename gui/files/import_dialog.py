"""Import a roster (an HR export: CSV, .xlsx or .ods) as a new map, or into the open map,
with the column mapping shown and correctable first.

The dialog reads the file once, then rebuilds the map in memory every time the
user changes a column's mapping, so the problems (each with the file line of
its record) and warnings are always those of what Import would do. Import is
only enabled when the roster imports cleanly; nothing is ever raised at the user.
Into an open map (`into=`), the roster is matched against the map instead and
Next leads to the joiners/movers/leavers preview (gui/files/roster_review.py).
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.coaching.shared import one_line
from gui.files.roster_review import plan_verdict
from gui.widgets import counted, dialog_size, fit_columns, heading_label, hint_label
from model.document import Document
from model.roster.merge import MergePlan, plan_merge
from model.roster.to_map import (
    EXTRA,
    FIELD_CHOICES,
    FIELDS,
    IGNORE,
    RosterError,
    RosterResult,
    RosterTable,
    default_title,
    read_roster,
    roster_organisation,
    roster_to_document,
)

log = logging.getLogger(__name__)

PREVIEW_ROWS = 10
SAMPLE_VALUES = 3
CHOICE_LABELS = dict(FIELD_CHOICES)
FIELD_HELP = {f.key: f.help for f in FIELDS}
_LINE_RE = re.compile(r"(?:line|row) (\d+):")


def _line_of(problem: str) -> int:
    """The file line a problem names ('line 7: ...'); 0 for a problem about the whole file."""
    match = _LINE_RE.match(problem)
    return int(match.group(1)) if match else 0


class ImportDialog(QDialog):
    """Shows the detected column mapping and a preview; `.document()` after accept."""

    def __init__(
        self, path: Path | str, parent: QWidget | None = None, into: Document | None = None,
        sheet: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.into = into
        self.sheet = sheet
        self.table: RosterTable | None = None
        self.result_: RosterResult | None = None
        self.plan_: MergePlan | None = None
        self.problems: list[str] = []
        self.combos: list[QComboBox] = []
        self._filling = False
        self.setWindowTitle(f"Import roster: {self.path.name}")
        self.setSizeGripEnabled(True)
        self.resize(dialog_size(self, 920, 740))

        layout = QVBoxLayout(self)
        what = "into this map" if into is not None else "as a new map"
        layout.addWidget(heading_label(f"Import {self.path.name} {what}", scale=1.15))
        self.about = hint_label("")
        layout.addWidget(self.about)
        title_row = QFormLayout()
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName("Which sheet of the workbook")
        title_row.addRow("&Sheet", self.sheet_combo)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("The new map's title")
        title_row.addRow("Map &title", self.title_edit)
        title_row.setRowVisible(self.title_edit, into is None)
        title_row.setRowVisible(self.sheet_combo, False)
        self.form = title_row
        layout.addLayout(title_row)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        layout.addWidget(splitter, 1)

        mapping_box = QWidget()
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.setContentsMargins(0, 0, 0, 0)
        mapping_layout.addWidget(QLabel("<b>Columns</b> — check what each column of the file becomes:"))
        self.mapping = QTableWidget(0, 3)
        self.mapping.setHorizontalHeaderLabels(["Column in the file", "First values", "Becomes"])
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mapping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.mapping.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        mapping_layout.addWidget(self.mapping)
        splitter.addWidget(mapping_box)

        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel("<b>Preview</b>")
        preview_layout.addWidget(self.preview_label)
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.preview.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        preview_layout.addWidget(self.preview)
        splitter.addWidget(preview_box)

        messages_box = QWidget()
        messages_layout = QVBoxLayout(messages_box)
        messages_layout.setContentsMargins(0, 0, 0, 0)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        messages_layout.addWidget(self.verdict)
        self.messages = QListWidget()
        self.messages.setWordWrap(True)
        self.messages.setAccessibleName("Problems and warnings")
        messages_layout.addWidget(self.messages)
        splitter.addWidget(messages_box)
        splitter.setSizes([220, 180, 160])
        self.splitter = splitter
        self._balanced = False

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Next…" if into is not None else "&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.title_edit.textChanged.connect(lambda _t: self._rebuild())
        self.sheet_combo.currentTextChanged.connect(self._sheet_changed)

        self._read()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._balanced:
            self._balanced = True
            self._balance()

    def _balance(self) -> None:
        """Room where it is used: the preview shows its first ten records whole, the messages
        are only as tall as their lines (up to six), and the mapping (what the user checks and
        corrects, and can scroll) gets the rest, every column up to a dozen."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        rows = self.mapping.verticalHeader()
        lines = sum(rows.sectionSize(i) for i in range(min(self.mapping.rowCount(), 12)))
        mapping = 28 + self.mapping.horizontalHeader().height() + lines + 2 * self.mapping.frameWidth()
        shown = [self.messages.sizeHintForRow(i) for i in range(min(self.messages.count(), 6))]
        messages = self.verdict.sizeHint().height() + 12 + (sum(shown) + 2 * self.messages.frameWidth() + 4
                                                             if self.messages.isVisibleTo(self) else 0)
        table = self.preview
        records = min(table.rowCount(), PREVIEW_ROWS)
        scrollbar = table.horizontalScrollBar().sizeHint().height()
        rows_height = records * table.verticalHeader().defaultSectionSize()
        preview = (self.preview_label.sizeHint().height() + 8 + table.horizontalHeader().sizeHint().height()
                   + rows_height + 2 * table.frameWidth() + scrollbar)
        mapping = max(120, min(mapping, total - preview - messages))
        self.splitter.setSizes([mapping, max(preview, total - mapping - messages), messages])

    # ----- public API ------------------------------------------------------------
    def document(self) -> Document | None:
        """The imported map (after the dialog was accepted), or None."""
        if self.result() != QDialog.DialogCode.Accepted or self.result_ is None:
            return None
        return self.result_.document

    def merge_plan(self) -> MergePlan | None:
        """Into an open map: the roster matched against it (after the dialog was accepted), or None."""
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return self.plan_

    def warnings(self) -> list[str]:
        return list(self.result_.warnings) if self.result_ is not None else []

    def column_mapping(self) -> dict[int | str, str]:
        """Column index -> field key, EXTRA or IGNORE, as the combos say now."""
        return {i: combo.currentData() for i, combo in enumerate(self.combos)}

    def set_column(self, index: int, key: str) -> None:
        """Choose what one column becomes (what picking in its combo does)."""
        combo = self.combos[index]
        combo.setCurrentIndex(combo.findData(key))

    def accept(self) -> None:
        if (self.result_ is None and self.plan_ is None) or self.problems:
            return  # the button is disabled; Enter in a field must not slip through either
        super().accept()

    # ----- reading and rebuilding ------------------------------------------------------
    def _sheet_changed(self, name: str) -> None:
        if self._filling or not name or (self.table is not None and name == self.table.sheet):
            return
        self.sheet = name
        self.combos.clear()
        self._read()

    def _read(self) -> None:
        try:
            self.table = read_roster(self.path, self.sheet)
        except RosterError as exc:
            self.table = None
            self._show_result(None, list(exc.problems), [])
            self.about.setText("The file could not be read as a roster.")
            self.title_edit.setEnabled(False)
            return
        except Exception as exc:  # never a traceback at the user
            log.exception("reading roster %s failed", self.path)
            self.table = None
            self._show_result(None, [f"{self.path.name} could not be read: {exc}"], [])
            return
        table = self.table
        people = len(table.rows)
        self.about.setText(
            f"{people} record{'s' if people != 1 else ''} · {len(table.header)} columns · {table.describe()}"
        )
        if len(table.sheets) > 1:
            self._filling = True
            self.sheet_combo.clear()
            self.sheet_combo.addItems(table.sheets)
            self.sheet_combo.setCurrentText(table.sheet)
            self._filling = False
            self.form.setRowVisible(self.sheet_combo, True)
        self.title_edit.blockSignals(True)
        self.title_edit.setText(default_title(table, roster_organisation(table)))
        self.title_edit.blockSignals(False)
        self._fill_mapping(table)
        self._fill_preview(table)
        self._rebuild()

    def _fill_mapping(self, table: RosterTable) -> None:
        self._filling = True
        self.mapping.setRowCount(len(table.header))
        for index, header in enumerate(table.header):
            name = QTableWidgetItem(header.strip() or f"(column {index + 1}, no header)")
            name.setToolTip(header)
            self.mapping.setItem(index, 0, name)
            samples = [row[index].strip() for row in table.rows if index < len(row) and row[index].strip()]
            shown = ", ".join(one_line(s, 30) for s in samples[:SAMPLE_VALUES])
            sample_item = QTableWidgetItem(shown or "(empty)")
            sample_item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.mapping.setItem(index, 1, sample_item)
            combo = QComboBox()
            combo.setAccessibleName(f"What column {header} becomes")
            for key, label in FIELD_CHOICES:
                combo.addItem(label, key)
                if FIELD_HELP.get(key):
                    combo.setItemData(combo.count() - 1, FIELD_HELP[key], Qt.ItemDataRole.ToolTipRole)
            detected = table.mapping.get(index, EXTRA)
            combo.setCurrentIndex(max(combo.findData(detected), 0))
            combo.currentIndexChanged.connect(lambda _i, col=index: self._column_changed(col))
            self.mapping.setCellWidget(index, 2, combo)
            self.combos.append(combo)
        self._filling = False

    def _fill_preview(self, table: RosterTable) -> None:
        rows = table.preview(PREVIEW_ROWS)
        self.preview.setColumnCount(len(table.header))
        self.preview.setRowCount(len(rows))
        self.preview.setVerticalHeaderLabels([str(line) for line in table.lines[: len(rows)]])
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                item = QTableWidgetItem(one_line(value, 60))
                item.setToolTip(value[:2000])
                self.preview.setItem(r, c, item)
        more = len(table.rows) - len(rows)
        self.preview_label.setText(
            f"<b>Preview</b> — the first {len(rows)} records (row numbers are file lines)"
            + (f", {more} more not shown" if more > 0 else "")
        )
        self._label_preview()

    def _label_preview(self) -> None:
        if self.table is None:
            return
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        text_colour = self.palette().color(QPalette.ColorRole.Text)
        for index, header in enumerate(self.table.header):
            key = self.combos[index].currentData()
            if key in (EXTRA, IGNORE):
                label = "extra" if key == EXTRA else "ignored"
            else:
                label = CHOICE_LABELS.get(key, key)
            self.preview.setHorizontalHeaderItem(
                index, QTableWidgetItem(f"{one_line(header, 24)}\n→ {label}")
            )
            for row in range(self.preview.rowCount()):
                item = self.preview.item(row, index)
                if item is not None:
                    item.setForeground(muted if key == IGNORE else text_colour)
        fit_columns(self.preview)  # at 100 pixels each, titles were cut beside empty space

    def _column_changed(self, index: int) -> None:
        if self._filling:
            return
        key = self.combos[index].currentData()
        if key not in (EXTRA, IGNORE):
            # a field comes from one column: the column that had it keeps its values as extra
            self._filling = True
            for other, combo in enumerate(self.combos):
                if other != index and combo.currentData() == key:
                    combo.setCurrentIndex(combo.findData(EXTRA))
            self._filling = False
        self._label_preview()
        self._rebuild()

    def _rebuild(self) -> None:
        """Build the map in memory with the current mapping; show what stands in the way."""
        if self.table is None or self._filling:
            return
        title = self.title_edit.text().strip() or None
        try:
            if self.into is not None:
                plan = plan_merge(self.into, self.table, self.column_mapping())
                self.plan_ = plan
                self._show_result(None, [], list(plan.warnings))
                return
            result = roster_to_document(self.table, self.column_mapping(), title=title)
        except RosterError as exc:
            self._show_result(None, list(exc.problems), [])
        except Exception as exc:  # a bug must show as a problem, not as a crash
            log.exception("roster import failed")
            self._show_result(None, [f"{self.path.name} could not be imported: {exc}"], [])
        else:
            self._show_result(result, [], list(result.warnings))

    def _show_result(self, result: RosterResult | None, problems: list[str], warnings: list[str]) -> None:
        self.result_, self.problems = result, problems
        if problems or self.into is None:
            self.plan_ = None
        self.messages.clear()
        style = self.style()
        error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for text in sorted(problems, key=_line_of):  # in file order, the file's own problems first
            self.messages.addItem(QListWidgetItem(error_icon, text))
        for text in warnings:
            self.messages.addItem(QListWidgetItem(warning_icon, text))
        if problems:
            n = len(problems)
            self.verdict.setText(
                f"<b>{counted(n, 'problem')} to fix before importing</b> — correct the file, "
                "or change what a column becomes above."
            )
        elif result is not None:
            doc = result.document
            placed = sum(1 for p in doc.people.values() if p.placed)
            unplaced = len(doc.people) - placed
            text = (
                f"<b>Ready to import</b> {counted(len(doc.people), 'person', 'people')} into"
                f" {counted(len(doc.departments), 'department')}"
                f" with {counted(len(doc.handoffs), 'hand-off')}"
            )
            if unplaced:
                text += f"; {unplaced} will wait on the roster to be dragged into the walk"
            self.verdict.setText(text + ".")
        elif self.plan_ is not None:
            self.verdict.setText(plan_verdict(self.plan_))
        self.messages.setVisible(bool(problems or warnings))
        self.ok_button.setEnabled((result is not None or self.plan_ is not None) and not problems)

