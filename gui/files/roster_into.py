"""File > Import Roster into This Map…: choose a roster, check its columns, review the merge, apply.

The column mapping (gui/files/import_dialog.py, in its "into" mode) and the merge
preview (gui/files/roster_review.py) take turns until the user applies or cancels;
Back keeps the columns as corrected. Applying is one undo step.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from gui.widgets import counted

if TYPE_CHECKING:
    from gui.main_window import MainWindow

log = logging.getLogger(__name__)


def import_into(window: MainWindow, path: Path | str | None) -> bool:
    """Merge a roster into the window's map; False if the user cancelled or nothing changed."""
    from gui.files.file_actions import CSV_FILTER
    from gui.files.import_dialog import ImportDialog
    from gui.files.roster_review import BACK, MergeDialog, commands_for

    if getattr(window, "read_only", False):
        QMessageBox.information(window, "Import roster into this map",
                                "This map is open read-only (another window holds it): save a copy first.")
        return False
    if path is None:
        start = str(window.path.parent) if window.path else ""
        chosen, _ = QFileDialog.getOpenFileName(window, "Import roster into this map", start, CSV_FILTER)
        if not chosen:
            return False
        path = chosen
    path = Path(path)
    doc = window.document
    mapping: dict[int | str, str] | None = None
    sheet: str | None = None
    while True:
        columns = ImportDialog(path, window, into=doc, sheet=sheet)
        if mapping:
            for index, key in mapping.items():
                if isinstance(index, int) and index < len(columns.combos):
                    columns.set_column(index, key)
        if columns.exec() != QDialog.DialogCode.Accepted:
            return False
        plan = columns.merge_plan()
        if plan is None:
            return False
        mapping, sheet = columns.column_mapping(), columns.sheet
        preview = MergeDialog(plan, window)
        answer = preview.exec()
        if answer == BACK:
            continue
        if answer != QDialog.DialogCode.Accepted:
            return False
        break
    merge = preview.merge
    commands = commands_for(doc, preview.operations(), path.name)
    if not commands:
        window.show_status(f"{path.name}: the map already matches the roster")
        return False
    if not window.scene.push(commands, f"Import roster {path.name}"):
        return False
    removed = len(preview.remove)
    window.show_status(
        f"Imported {path.name}: {counted(len(merge.joiners), 'joiner')} (in the palette), "
        f"{counted(len(merge.movers), 'mover')}, {counted(len(merge.leavers), 'leaver')}"
        + (f" ({removed} removed)" if removed else "") + " — Undo takes it back"
    )
    log.info("merged %s into the map: %s", path, merge.summary())
    return True
