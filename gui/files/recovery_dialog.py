"""Getting work back: autosaves after a crash, and the backups kept beside a map.

`offer_recovery(window)` runs at start-up: if a previous run died with unsaved
changes, it shows what was autosaved and when, and lets the user restore it
(as an unsaved map, so nothing is written until they choose to save), keep it
for later, or throw it away. `open_backup(window)` opens one of the rotated
backups of the current map, also as an unsaved copy.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.storage.recovery import Snapshot, discard_snapshot, find_snapshots
from model.storage.store import MapFileError, backups_of, load

log = logging.getLogger(__name__)


class RecoveryDialog(QDialog):
    """Lists autosaves left by a run that ended without saving."""

    RESTORE, LATER, DISCARD = 1, 2, 3

    def __init__(self, snapshots: list[Snapshot], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved work")
        self.snapshots = snapshots
        self.choice = self.LATER
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Contract Walk did not close normally last time. These maps had changes that were "
            "autosaved but never saved. Restore one to open it with those changes; nothing is "
            "written until you save: Save puts them in the map's own file (its previous version is kept "
            "as a backup), Save As anywhere else."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        for snap in snapshots:
            item = QListWidgetItem(snap.describe())
            item.setData(Qt.ItemDataRole.UserRole, snap.key)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self._finish(self.RESTORE))
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setDefault(True)
        self.later_button = QPushButton("Decide later")
        self.discard_button = QPushButton("Discard")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.restore_button.clicked.connect(lambda: self._finish(self.RESTORE))
        self.later_button.clicked.connect(lambda: self._finish(self.LATER))
        self.discard_button.clicked.connect(self._discard)
        layout.addWidget(buttons)
        self.resize(620, 280)

    def selected(self) -> Snapshot | None:
        row = self.list.currentRow()
        return self.snapshots[row] if 0 <= row < len(self.snapshots) else None

    def _discard(self) -> None:
        snap = self.selected()
        if snap is None:
            return
        sure = QMessageBox.question(
            self, "Discard autosave",
            f"Throw away the autosaved changes of {snap.describe()}? This cannot be undone.",
        )
        if sure == QMessageBox.StandardButton.Yes:
            self._finish(self.DISCARD)

    def _finish(self, choice: int) -> None:
        self.choice = choice
        self.accept() if choice != self.LATER else self.reject()


def restore_snapshot(window: Any, snap: Snapshot) -> bool:
    """Open an autosave as an unsaved map that belongs to its original file."""
    try:
        doc = snap.load()
    except MapFileError as exc:
        QMessageBox.critical(window, "Cannot restore", f"The autosave cannot be opened: {exc}")
        return False
    path = snap.map_path
    if path is not None:
        lock = window.guard.lock(path)
        window.read_only = not lock.acquired
    window.set_document(doc, path, modified=True)
    discard_snapshot(snap)  # the window's own autosave now covers these changes
    window.guard.autosave_now()
    when = snap.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
    where = f"Save (Ctrl+S) writes it to {path.name}" if path is not None and not window.read_only \
        else "Save As to keep it"
    window.show_status(f"Restored the autosave of {when}: {where}")
    return True


def offer_recovery(window: Any, snapshots: list[Snapshot] | None = None) -> bool:
    """At start-up: True if the user restored an autosave into `window`."""
    found = find_snapshots() if snapshots is None else snapshots
    if not found:
        return False
    dialog = RecoveryDialog(found, window)
    dialog.exec()
    snap = dialog.selected()
    if snap is None:
        return False
    if dialog.choice == RecoveryDialog.DISCARD:
        discard_snapshot(snap)
        rest = [s for s in found if s.key != snap.key]
        return offer_recovery(window, rest) if rest else False
    if dialog.choice == RecoveryDialog.RESTORE:
        return restore_snapshot(window, snap)
    return False


def describe_backup(path: Path) -> str:
    try:
        stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        stamp = "unknown time"
    return f"{path.name} — saved {stamp}"


def open_backup(window: Any) -> bool:
    """Choose one of the current map's backups and open it as an unsaved copy."""
    if window.path is None:
        QMessageBox.information(window, "Backups", "This map has not been saved yet, so it has no backups.")
        return False
    backups = backups_of(window.path)
    if not backups:
        QMessageBox.information(
            window, "Backups", f"No backups of {window.path.name} yet: one is kept each time you save."
        )
        return False
    dialog = QDialog(window)
    dialog.setWindowTitle("Open a backup")
    layout = QVBoxLayout(dialog)
    label = QLabel(
        f"The last saved versions of {window.path.name}, newest first. The backup opens as an "
        "unsaved copy: save it over the map to go back to it, or Save As to keep both."
    )
    label.setWordWrap(True)
    layout.addWidget(label)
    listing = QListWidget(dialog)
    for path in backups:
        listing.addItem(describe_backup(path))
    listing.setCurrentRow(0)
    listing.itemDoubleClicked.connect(lambda _i: dialog.accept())
    layout.addWidget(listing)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or listing.currentRow() < 0:
        return False
    if not window.file.maybe_save():
        return False
    chosen = backups[listing.currentRow()]
    try:
        doc = load(chosen)
    except MapFileError as exc:
        QMessageBox.critical(window, "Cannot open backup", str(exc))
        return False
    window.set_document(doc, window.path, modified=True)
    window.show_status(f"Opened the backup {chosen.name}: save to make it the map again")
    return True
