"""Getting work back: autosaves after a crash, and the backups kept beside a map.

`offer_recovery(window)` runs at start-up: if a previous run died with unsaved
changes, it shows what was autosaved and when, and lets the user restore it
(as an unsaved map, so nothing is written until they choose to save), keep it
for later, or throw it away. `open_backup(window)` opens one of the rotated
backups of the current map, also as an unsaved copy.
"""
from __future__ import annotations

import datetime as dt
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

from gui.files.map_session import choose
from gui.widgets import enter_presses
from model.storage.recovery import Snapshot, discard_snapshot, find_snapshots
from model.storage.store import MapFileError, backups_of, load


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
            item.setToolTip(status_text(snap))
            item.setData(Qt.ItemDataRole.UserRole, snap.key)
            self.list.addItem(item)
        self.details = QLabel(self)  # which file the chosen autosave belongs to, and its state
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list.currentRowChanged.connect(self._show_details)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self._finish(self.RESTORE))
        layout.addWidget(self.list)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton("Restore")
        self.later_button = QPushButton("Decide later")
        self.discard_button = QPushButton("Discard")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.restore_button.clicked.connect(lambda: self._finish(self.RESTORE))
        self.later_button.clicked.connect(lambda: self._finish(self.LATER))
        self.discard_button.clicked.connect(self._discard)
        layout.addWidget(buttons)
        enter_presses(self.restore_button)  # whatever the desktop's button order: Enter never discards
        self.resize(640, 320)

    def _show_details(self, row: int) -> None:
        self.details.setText(status_text(self.snapshots[row]) if 0 <= row < len(self.snapshots) else "")

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


_STATUS = {
    "new": "It belongs to a map that was never saved: Save asks for a name.",
    "unknown": "It belongs to a file named {name}, but this autosave (made by an earlier version) did "
               "not record its folder: it opens as an unsaved copy, to save with Save As.",
    "missing": "It belongs to {path}, which is no longer there: Save writes it there again.",
    "changed": "It belongs to {path}, which was changed after these edits began (saved elsewhere, "
               "or by another program): you will be asked before it is saved over.",
    "same": "It belongs to {path}: Save writes the restored work there.",
}


def status_text(snap: Snapshot) -> str:
    """Which file an autosave belongs to, and what restoring it will do to that file."""
    path = snap.map_path
    return _STATUS[snap.map_status()].format(path=path, name=path.name if path else "")


def _target_for(window: Any, snap: Snapshot) -> tuple[bool, Path | None]:
    """(go ahead, the file the restored map saves to): only its own file, and that only knowingly
    when the file changed since the autosave's edits began."""
    status = snap.map_status()
    if status in ("new", "unknown"):
        return True, None
    path = snap.map_path
    assert path is not None
    if status != "changed":
        return True, path
    pick = choose(
        window, "The map changed since",
        f"{path} was saved after the autosaved edits began (perhaps from another window, computer "
        f"or program). Saving the restored work over it would replace those later changes.\n\n"
        "Restore as an unsaved copy (Save As puts it elsewhere, and both versions stay), or restore "
        f"it as {path.name}, to replace that file when you save?",
        ["Restore as a Copy", f"Restore as {path.name}"])
    if pick is None:
        return False, None
    return True, (None if pick == 0 else path)


def restore_snapshot(window: Any, snap: Snapshot) -> bool:
    """Open an autosave as an unsaved map that belongs to its original file (by its absolute path,
    whichever folder the app was started in)."""
    try:
        doc = snap.load()
    except MapFileError as exc:
        QMessageBox.critical(window, "Cannot restore", f"The autosave cannot be opened: {exc}")
        return False
    go, path = _target_for(window, snap)
    if not go:
        return False
    return bool(window.session.restore(doc, path, snap))


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
    if not window.session.maybe_save():
        return False
    chosen = backups[listing.currentRow()]
    try:
        doc = load(chosen)
    except MapFileError as exc:
        QMessageBox.critical(window, "Cannot open backup", str(exc))
        return False
    window.session.show(doc, window.path, modified=True, read_only=window.read_only)
    window.show_status(f"Opened the backup {chosen.name}: save to make it the map again")
    return True
