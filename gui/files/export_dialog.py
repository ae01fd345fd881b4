"""File > Export: one dialog for every format (PDF playbook, PNG, SVG, GraphML, CSV).

The dialog only gathers an `ExportJob` (format, target, page size, sections,
redact (and what it may miss: gui/files/export_redaction.py), open when done) and
hands it to a `start` callback (the window's
`ExportController`, which runs it in the background). Choices are remembered
per map in QSettings, so the next export of the same map goes to the same place.
A typed target that already exists is confirmed before it is replaced (the file
dialog asks by itself when the user picks one there); a target that cannot be
written is refused with one sentence and the dialog stays open.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.files.export_choices import (
    PAGE_SIZES,
    SECTION_LABELS,
    ExportMemory,
    app_settings,
    default_page_size,
    default_sections,
    department_list,
    safe_file_stem,
    sections,
    snapshots,
    target_problem,
    tick,
    ticked,
)
from gui.files.export_redaction import RedactionOptions
from gui.files.export_runner import FORMATS, ExportJob, with_suffix
from gui.widgets import dialog_size, enter_presses

SECTION_ROWS_MIN = 5  # the sections shown however short the dialog (the rest scroll)
ICS_NOTE = ("One all-day event per reach-out (on its next date; overdue ones today) and per open action "
            "item. Importing a newer export into the same calendar updates these events instead of adding "
            "them twice.")


class ExportDialog(QDialog):
    """Choose format, target and options; Export hands the job to `start` (True: it started)."""

    def __init__(self, map_path: Path | None, map_name: str, fmt: str | None = None,
                 start: Callable[[ExportJob], bool] | None = None, parent: QWidget | None = None,
                 departments: list[tuple[str, str]] | None = None) -> None:
        super().__init__(parent)
        if departments is None:  # the window's map: (id, name) of each department, in lane order
            doc = getattr(parent, "document", None)
            departments = [(d.id, d.name) for d in getattr(doc, "departments", {}).values()]
        self.departments = departments
        self.setWindowTitle("Export Map")
        self.map_path = Path(map_path) if map_path is not None else None
        self.map_name = map_name
        self.memory = ExportMemory(self.map_path)
        self._start = start
        self._picked: Path | None = None  # chosen in the file dialog, which already asked about replacing
        self._job: ExportJob | None = None
        self._build()
        self._load(fmt if fmt in FORMATS else self.memory.fmt())
        hint = self.sizeHint()
        self.resize(dialog_size(self, hint.width(), hint.height()))  # within a small screen

    # ----- building ------------------------------------------------------------
    def _build(self) -> None:
        self.format_box = QComboBox()
        for key, spec in FORMATS.items():
            self.format_box.addItem(spec.label, key)
        self.target_edit = QLineEdit()
        self.target_edit.setMinimumWidth(380)
        self.target_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton("&Browse…")
        row = QHBoxLayout()
        row.addWidget(self.target_edit, 1)
        row.addWidget(self.browse_button)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        form.addRow("&Save to:", row)
        form.addRow("", self.problem_label)
        self.format_box.currentIndexChanged.connect(lambda _i: self._format_changed())
        self.target_edit.textChanged.connect(lambda _t: self._refresh())
        self.target_edit.textEdited.connect(lambda _t: setattr(self, "_picked", None))
        self.browse_button.clicked.connect(self.browse)
        for label in (form.labelForField(self.format_box), form.labelForField(row)):
            if isinstance(label, QLabel):
                label.setBuddy(self.format_box if label.text().startswith("&F") else self.target_edit)

        self.redaction = RedactionOptions(lambda: getattr(self.parent(), "document", None))
        self.redact_box, self.redact_note = self.redaction.redact_box, self.redaction.redact_note
        self.orgs_box = self.redaction.orgs_box

        self.playbook_group = QGroupBox("Playbook (PDF only)")
        self.page_box = QComboBox()
        for key, text in PAGE_SIZES:
            self.page_box.addItem(text, key)
        self.section_list = QListWidget()
        self.section_list.setAlternatingRowColors(False)
        for key in sections():
            item = QListWidgetItem(SECTION_LABELS.get(key, key.replace("-", " ").capitalize()))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.section_list.addItem(item)
        # every section in sight where the screen has room; on a short one (1024x640) the list
        # scrolls: at its full height the dialog's buttons were below the screen's edge
        self.section_list.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.section_list.setMinimumHeight(
            self.section_list.sizeHintForRow(0) * min(SECTION_ROWS_MIN, self.section_list.count())
            + 2 * self.section_list.frameWidth() + 4
        )
        self.section_list.itemChanged.connect(lambda _item: self._refresh())
        self.all_button = QPushButton("&All")
        self.none_button = QPushButton("&None")
        self.all_button.clicked.connect(lambda: self.set_sections(sections()))
        self.none_button.clicked.connect(lambda: self.set_sections(()))
        buttons = QVBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        section_row = QHBoxLayout()
        section_row.addWidget(self.section_list, 1)
        section_row.addLayout(buttons)
        self.compare_box = QComboBox()
        self.compare_box.addItem("Nothing (no progress section)", None)
        for snap in snapshots(self.map_path):
            self.compare_box.addItem(f"Snapshot {snap.stem}", str(snap))
        if self.compare_box.count() > 1:
            self.compare_box.setCurrentIndex(1)  # the latest snapshot: what changed since the last session
        self.compare_box.setToolTip(
            "Add a 'Progress since …' section comparing the map with a saved snapshot"
        )
        group_form = QFormLayout(self.playbook_group)
        group_form.addRow("&Page size:", self.page_box)
        group_form.addRow("&Progress since:", self.compare_box)
        group_form.addRow("Sections:", section_row)
        self.team_list = department_list(self.departments)
        self.team_list.itemChanged.connect(lambda _item: self._refresh())
        group_form.addRow("&For departments:", self.team_list)
        team_note = QLabel("None ticked: the whole map. Ticked: a playbook for those teams, with the "
                           "hand-offs in from and out to their neighbours.")
        team_note.setWordWrap(True)
        team_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        group_form.addRow("", team_note)
        group_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.ics_note = QLabel(ICS_NOTE)  # what the calendar holds (shown for that format only)
        self.ics_note.setWordWrap(True)
        self.ics_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.ics_note.hide()

        self.open_box = QCheckBox("&Open the file when it is done")
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.button_box.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.button_box.accepted.connect(self.try_export)
        self.button_box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.redaction)
        layout.addWidget(self.ics_note)
        layout.addWidget(self.playbook_group, 1)
        layout.addWidget(self.open_box)
        layout.addWidget(self.button_box)
        enter_presses(self.export_button, (self.browse_button, self.all_button, self.none_button))

    def _load(self, fmt: str) -> None:
        self.redact_box.setChecked(self.memory.flag("redact", False))
        self.orgs_box.setChecked(self.memory.flag("redact_orgs", False))
        self.open_box.setChecked(self.memory.flag("open", False))
        self.page_box.setCurrentIndex(max(0, self.page_box.findData(self.memory.page_size())))
        self.set_sections(self.memory.sections())
        self.set_teams(str(self.memory._get("departments", "") or "").split(","))
        self.format_box.blockSignals(True)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(fmt)))
        self.format_box.blockSignals(False)
        self.target_edit.setText(str(self.default_target(fmt)))
        self._format_changed(keep_target=True)

    # ----- reading and setting ----------------------------------------------------
    def fmt(self) -> str:
        return str(self.format_box.currentData())

    def set_format(self, fmt: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(fmt))

    def chosen_sections(self) -> list[str]:
        out = []
        for i in range(self.section_list.count()):
            item = self.section_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_sections(self, keys: tuple[str, ...] | list[str]) -> None:
        wanted = set(keys)
        for i in range(self.section_list.count()):
            item = self.section_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def chosen_teams(self) -> list[str]:
        """The ticked departments' ids (none ticked: the playbook of the whole map)."""
        return ticked(self.team_list)

    def set_teams(self, ids: list[str]) -> None:
        tick(self.team_list, ids)

    def default_target(self, fmt: str) -> Path:
        """Last time's file for this map and format, else `<map stem>.<ext>` beside the map."""
        remembered = self.memory.target(fmt)
        if remembered is not None and remembered.parent.is_dir():  # its folder may have gone since
            return remembered
        suffix = FORMATS[fmt].suffix
        if self.map_path is not None:
            return self.map_path.with_suffix(suffix)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        base = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        return base / (safe_file_stem(self.map_name) + suffix)

    def target(self) -> Path | None:
        """The typed target with the format's extension, relative paths taken beside the map."""
        text = self.target_edit.text().strip()
        if not text or "\x00" in text or text.endswith(("/", os.sep)):
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            target = self.map_path if self.map_path is not None else self.default_target(self.fmt())
            base = target.parent
            path = base / path
        return with_suffix(path, self.fmt())

    def job(self) -> ExportJob | None:
        """The export the user asked for (after Export was pressed and accepted)."""
        return self._job

    # ----- reacting ------------------------------------------------------------------
    def _format_changed(self, keep_target: bool = False) -> None:
        fmt = self.fmt()
        if not keep_target:
            remembered = self.memory.target(fmt)
            current = self.target()
            if remembered is not None and remembered.parent.is_dir():
                self.target_edit.setText(str(remembered))
            elif current is not None:
                old = Path(self.target_edit.text().strip()).expanduser()
                known = {f.suffix for f in FORMATS.values()}
                stem = old.with_suffix("") if old.suffix.lower() in known else old
                self.target_edit.setText(str(stem) + FORMATS[fmt].suffix)
            else:
                self.target_edit.setText(str(self.default_target(fmt)))
            self._picked = None
        self.playbook_group.setEnabled(fmt == "pdf")
        self.ics_note.setVisible(fmt == "ics")
        self.playbook_group.setToolTip(
            "" if fmt == "pdf" else "These options apply to the PDF playbook only."
        )
        self._refresh()

    def problem(self) -> str:
        """Why Export cannot go ahead now ("" when it can)."""
        target = self.target()
        if target is None:
            text = self.target_edit.text().strip()
            if "\x00" in text:
                return "The file name contains a NUL character; type it again."
            if text.endswith(("/", os.sep)):
                return "Add a file name after the folder."
            return "Choose where to save the export."
        if self.fmt() == "pdf" and not self.chosen_sections():
            return "Choose at least one section for the playbook."
        return target_problem(target)

    def _refresh(self) -> None:
        problem = self.problem()
        target = self.target()
        if not problem and target is not None and target.exists() and target != self._picked:
            self.problem_label.setText(f"{target.name} already exists; exporting replaces it.")
        else:
            self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(self.problem_label.text()))
        blocking = self.target() is None or (self.fmt() == "pdf" and not self.chosen_sections())
        self.export_button.setEnabled(not blocking)

    def browse(self) -> None:
        spec = FORMATS[self.fmt()]
        start = self.target() or self.default_target(self.fmt())
        chosen, _flt = QFileDialog.getSaveFileName(self, f"Export {spec.label}", str(start),
                                                   f"{spec.filter};;All files (*)")
        if not chosen:
            return
        path = with_suffix(chosen, self.fmt())
        self.target_edit.setText(str(path))
        # the file dialog asked about replacing the name it returned, not one we added an extension to
        self._picked = path if Path(chosen) == path else None
        self._refresh()

    def try_export(self) -> bool:
        """Check the choices, confirm replacing a typed existing file, and start the export."""
        problem = self.problem()
        target = self.target()
        if problem or target is None:
            QMessageBox.warning(self, "Export", problem or "Choose where to save the export.")
            return False
        if target.exists() and target != self._picked and target != self.memory.target(self.fmt()):
            answer = QMessageBox.question(
                self, "Replace file?", f"{target.name} already exists in {target.parent}.\nReplace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        fmt = self.fmt()
        chosen = self.chosen_sections()
        job = ExportJob(
            fmt=fmt,
            target=target,
            page_size=str(self.page_box.currentData()),
            redact=self.redact_box.isChecked(),
            redact_orgs=self.redact_box.isChecked() and self.orgs_box.isChecked(),
            sections=None if fmt != "pdf" or chosen == list(default_sections()) else tuple(chosen),
            open_when_done=self.open_box.isChecked(),
            compare_with=(
                Path(self.compare_box.currentData())
                if fmt == "pdf" and self.compare_box.currentData()
                else None
            ),
            departments=tuple(self.chosen_teams()) if fmt == "pdf" and self.chosen_teams() else None,
        )
        if self._start is not None and not self._start(job):
            return False
        self.memory.remember(job)
        if fmt == "pdf":
            app_settings().setValue(f"{self.memory.group}/departments", ",".join(job.departments or ()))
        self._job = job
        self.accept()
        return True


__all__ = ["PAGE_SIZES", "SECTION_LABELS", "ExportDialog", "ExportMemory", "default_page_size",
           "safe_file_stem", "sections", "target_problem"]
