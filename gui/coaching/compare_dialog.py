"""Progress between sessions: pick an earlier version of the map (one of its
snapshots, or any earlier file) and see what changed, as a list.

`model.compare` does the work; this only shows it. Nothing here edits the map.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.coaching.shared import one_line, plain_label, warning_color
from gui.widgets import dialog_size
from model.compare import Comparison, compare, snapshots_for
from model.document import Document
from model.storage.store import EXTENSION, MapFileError, load

log = logging.getLogger(__name__)


class CompareDialog(QDialog):
    """What changed from `old` to `new`, grouped, with "Copy as text"."""

    def __init__(
        self,
        old: Document,
        new: Document,
        old_label: str = "earlier",
        new_label: str = "now",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Progress since " + one_line(old_label, 60))
        self.comparison: Comparison = compare(old, new, old_label, new_label)
        headline = plain_label(f"Changes from {old_label} to {new_label}")
        font = headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        headline.setFont(font)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        sections = self.comparison.sections()
        for title, lines in sections:
            top = QTreeWidgetItem([f"{title} ({len(lines)})"])
            bold = top.font(0)
            bold.setBold(True)
            top.setFont(0, bold)
            for line in lines:
                child = QTreeWidgetItem([one_line(line, 300)])
                child.setToolTip(0, line[:2000])
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        if not sections:
            self.tree.addTopLevelItem(QTreeWidgetItem(["No changes."]))
        copy = QPushButton("Copy as text")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.comparison.text()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(dialog_size(self, 720, 560))

    def item_texts(self) -> list[str]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            out.append(top.text(0))
            out.extend(child.text(0) for j in range(top.childCount()) if (child := top.child(j)) is not None)
        return out


def _describe(path: Path) -> str:
    try:
        when = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        when = "?"
    return f"{path.stem}   (saved {when})"


class PickVersionDialog(QDialog):
    """Choose what to compare with: one of this map's snapshots, or any file."""

    def __init__(self, stem: str, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare with an earlier version")
        self.chosen: Path | None = None
        self.list = QListWidget()
        for path in snapshots_for(stem, folder):
            item = QListWidgetItem(_describe(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda *_: self.accept())
        note = plain_label(
            "Snapshots of this map, newest first:" if self.list.count()
            else "This map has no snapshots yet (Coaching > Save snapshot). Choose an earlier file instead."
        )
        browse = QPushButton("Other file…")
        browse.clicked.connect(self._browse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Compare")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.list.count() > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(browse)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.resize(520, 360)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Compare with", "", f"Contract Walk maps (*{EXTENSION})")
        if path:
            self.chosen = Path(path)
            super().accept()

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
            super().accept()


def load_for_compare(path: Path) -> tuple[Document | None, str]:
    """(document, '') or (None, one-sentence reason)."""
    try:
        return load(path), ""
    except MapFileError as exc:
        return None, str(exc)
    except Exception as exc:  # never a traceback for a bad file
        log.exception("could not read %s to compare", path)
        return None, f"{path.name} could not be read ({exc})"


def error_style(widget: QWidget) -> str:
    return f"color: {warning_color(widget).name()}"
