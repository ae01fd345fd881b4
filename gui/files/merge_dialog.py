"""Merge review: every change the other copy brings and every conflict, with both values; the user
picks ours or theirs per conflict, and the merge is applied to the open map as one undo step.

Used by File > Merge from File…, File > Import Story Forms… and the offer to merge a cloud
drive's "conflicted copy" of the open map (gui/files/merge_offer.py).
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.commands import AddCommand, MetaCommand, RemoveCommand, ReorderLanesCommand, UpdateCommand
from gui.widgets import counted, dialog_size, enter_presses
from model.merging.apply import Step, steps
from model.merging.text import Names, change_line, changes, path_label, show_value
from model.merging.three_way import ITEM_FIELDS, MISSING, MergeError, MergeResult, merge_data

if TYPE_CHECKING:
    from gui.main_window import MainWindow


OURS, THEIRS = 1, 2  # the tree's columns holding each side's value
MAX_LISTED = 2000  # changes listed one by one; a summary line says how many more


class MergeReview(QDialog):
    """The review. `result()` is the merge with the user's picks (recomputed on every pick)."""

    def __init__(self, parent: QWidget | None, base: dict[str, Any], ours: dict[str, Any],
                 theirs: dict[str, Any], their_name: str, note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Merge from {their_name}")
        self.resize(dialog_size(self, 900, 560))
        self.base, self.ours, self.theirs = base, ours, theirs
        self.choices: dict[str, str] = {}
        # no version both started from: a difference is not known to be a conflict, only a choice
        self.without_base = not base
        self._result = merge_data(base, ours, theirs)
        layout = QVBoxLayout(self)
        intro = QLabel(f"Where {their_name} differs from this map, choose which version to keep (this "
                       "map's is kept unless you pick the other)." if self.without_base else
                       f"What {their_name} brings into this map. Where both changed the same thing, "
                       "choose which version to keep (this map's is kept unless you pick the other).")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if note:
            hint = QLabel()  # the file's name is in the note: never read as markup
            hint.setTextFormat(Qt.TextFormat.RichText if self.without_base else Qt.TextFormat.PlainText)
            hint.setText(f"<b>{html.escape(note)}</b>" if self.without_base else note)
            hint.setObjectName("merge-note")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["What", "This map (ours)", f"{their_name} (theirs)"])
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 330)
        header.resizeSection(OURS, 250)
        header.setStretchLastSection(True)
        self.tree.itemChanged.connect(self._on_item_changed)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.all_ours = QPushButton("Keep All Ours")
        self.all_theirs = QPushButton("Take All Theirs")
        self.all_ours.clicked.connect(lambda: self.choose_all("ours"))
        self.all_theirs.clicked.connect(lambda: self.choose_all("theirs"))
        row.addWidget(self.all_ours)
        row.addWidget(self.all_theirs)
        row.addStretch(1)
        self.summary = QLabel()
        row.addWidget(self.summary)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton("Apply Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        enter_presses(self.apply_button, (self.all_ours, self.all_theirs))
        self.conflict_items: dict[str, QTreeWidgetItem] = {}
        self._rebuild()

    # ----- the list ----------------------------------------------------------------------------------
    def _rebuild(self) -> None:
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            self.conflict_items = {}
            result = self._result
            names = Names(result.data, self.ours, self.theirs, self.base)
            if result.conflicts:
                title = "Differences to pick" if self.without_base else "Conflicts"
                group = QTreeWidgetItem(self.tree, [f"{title} ({len(result.conflicts)})"])
                group.setFirstColumnSpanned(True)
                for c in result.conflicts:
                    field = next((p for p in reversed(c.path) if not p.startswith("#")), "")
                    what = path_label(c.path, names) + (" — deleted in one copy, changed in the other"
                                                        if c.kind == "delete" else "")
                    item = QTreeWidgetItem(group, [
                        what, self._side_text(c.ours, c.kind, field, names),
                        self._side_text(c.theirs, c.kind, field, names)])
                    chosen = self.choices.get(c.key, "ours")
                    for column, side in ((OURS, "ours"), (THEIRS, "theirs")):
                        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                        item.setCheckState(column, Qt.CheckState.Checked if chosen == side
                                           else Qt.CheckState.Unchecked)
                        item.setToolTip(column, item.text(column))
                    item.setToolTip(0, item.text(0))
                    item.setData(0, Qt.ItemDataRole.UserRole, c.key)
                    self.conflict_items[c.key] = item
                group.setExpanded(True)
            found = changes(self.ours, result.data)
            group = QTreeWidgetItem(self.tree, [f"Changes to this map ({len(found)})"])
            group.setFirstColumnSpanned(True)
            for ch in found[:MAX_LISTED]:
                whole = len(ch.path) == 2 or (len(ch.path) == 4 and ch.path[2] in ITEM_FIELDS)
                if whole:  # an item added or removed: the line says which, the columns whether it is there
                    texts = [change_line(ch, names), *("(not there)" if v is MISSING else "there"
                                                       for v in (ch.before, ch.after))]
                else:
                    texts = [path_label(ch.path, names), show_value(ch.before, ch.path[-1], names),
                             show_value(ch.after, ch.path[-1], names)]
                line = QTreeWidgetItem(group, texts)
                line.setToolTip(0, line.text(0))
            if len(found) > MAX_LISTED:
                QTreeWidgetItem(group, [f"… and {len(found) - MAX_LISTED:,} more"])
            if not found:
                QTreeWidgetItem(group, ["Nothing: this map already has everything the other copy has"])
            group.setExpanded(True)
            taken = sum(1 for c in result.conflicts if c.chosen == "theirs")
            both = f"{counted(len(found), 'change')} · " + (
                f"{counted(len(result.conflicts), 'difference')} to pick" if self.without_base
                else counted(len(result.conflicts), 'conflict'))
            self.summary.setText(both + (f", {taken} taking theirs" if taken else ""))
            self.all_ours.setEnabled(bool(result.conflicts))
            self.all_theirs.setEnabled(bool(result.conflicts))
        finally:
            self.tree.blockSignals(False)

    @staticmethod
    def _side_text(value: Any, kind: str, field: str, names: Names) -> str:
        if kind in ("delete", "reference"):
            return "deleted" if value is MISSING else "kept (changed)" if kind == "delete" else "kept"
        return show_value(value, field, names)

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        key = item.data(0, Qt.ItemDataRole.UserRole)
        if not key or column not in (OURS, THEIRS):
            return
        checked = item.checkState(column) == Qt.CheckState.Checked
        picked, other = ("theirs", "ours") if column == THEIRS else ("ours", "theirs")
        side = picked if checked else other
        self.choose(key, side)

    # ----- picking ------------------------------------------------------------------------------------
    def choose(self, key: str, side: str) -> None:
        """Keep `side` ("ours" or "theirs") for one conflict; the list is redone after this event."""
        self.choices[key] = side
        QTimer.singleShot(0, self._remerge)

    def choose_all(self, side: str) -> None:
        self.choices.update({c.key: side for c in self._result.conflicts})
        self._remerge()

    def accept(self) -> None:
        """Applying settles every conflict: the ones not picked keep this map's version."""
        if any(c.chosen is None for c in self._result.conflicts):
            self.choices.update({c.key: "ours" for c in self._result.conflicts if c.chosen is None})
            self._remerge()
        super().accept()

    def _remerge(self) -> None:
        try:
            self._result = merge_data(self.base, self.ours, self.theirs, self.choices)
        except MergeError as exc:  # pragma: no cover - merge_data always returns a valid map
            self.summary.setText(str(exc))
            return
        self._rebuild()

    def result_of_merge(self) -> MergeResult:
        return self._result


def commands_for(doc: Any, todo: list[Step]) -> list[QUndoCommand]:
    """The merge's edits as the app's ordinary undo commands."""
    out: list[QUndoCommand] = []
    for s in todo:
        if s.op == "add":
            out.append(AddCommand(doc, s.entity, s.payload, index=s.index))
        elif s.op == "update":
            out.append(UpdateCommand(doc, s.entity, s.item_id, s.payload))
        elif s.op == "remove":
            out.append(RemoveCommand(doc, s.entity, s.item_id))
        elif s.op == "meta":
            out.append(MetaCommand(doc, s.payload, "Merge map details"))
        elif s.op == "reorder":
            out.append(ReorderLanesCommand(doc, s.payload, "Merge lane order"))
    return out


def apply_result(window: MainWindow, result: MergeResult, label: str) -> bool:
    """Apply a merge to the open map as one undo step; says what happened in the status bar."""
    doc = window.document
    todo = steps(doc, result.data)
    if not todo:
        window.show_status(f"{label}: nothing new")
        return False
    if not window.scene.push(commands_for(doc, todo), label):
        return False
    kept = sum(1 for c in result.conflicts if c.chosen != "theirs")
    window.show_status(f"{label}: done (Ctrl+Z takes it back)"
                       + (f"; {counted(kept, 'conflict')} kept this map's version" if kept else ""))
    return True
