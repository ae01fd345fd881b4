"""The findings tree of the insights dock, updated in place.

Why: a 10,000-person map has tens of thousands of findings. Clearing the tree and
making an item (and an icon) for each after every analysis froze the window for a
second after each pause in typing, although a rename changes a handful of messages.
The analysis turns a report into plain rows (`tree_rows`, model/analysis/finding_rows.py);
the GUI thread compares them with the rows on screen (tuples of strings: C speed) and tells
the view only about the rows that changed. The view reads the rows through a model on demand: no Qt item per
finding (they held ~70 MB at 10,000 people). An update in place shows exactly what a
fresh tree does (tests/gui/test_scale_incremental.py).
"""
from __future__ import annotations

from itertools import compress, count
from operator import itemgetter, ne
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from gui.widgets import colour_icon
from model.analysis.finding_rows import (  # noqa: F401  (made Qt-free for the analysis process)
    ChildRow,
    GroupRow,
    finding_key,
    row_key,
    tree_rows,
)

SEVERITY_COLOURS = {"high": "#D64545", "medium": "#E09B2D", "low": "#6C8EBF"}
SEVERITY_WORDS = {"high": "High", "medium": "Medium", "low": "Low"}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PEOPLE_ROLE = Qt.ItemDataRole.UserRole + 2
HANDOFFS_ROLE = Qt.ItemDataRole.UserRole + 3
_ROOT = QModelIndex()

_KEY = itemgetter(0)
_ICONS: dict[tuple[str, int], QIcon] = {}
_GROUP = 0  # a group's internal id; a finding's is its group's row + 1
Index = QModelIndex | QPersistentModelIndex


def _icon(severity: str, size: int = 12) -> QIcon:
    """One icon per severity and size, made once (an icon per finding was half the cost)."""
    key = (SEVERITY_COLOURS.get(severity, "#888888"), size)
    icon = _ICONS.get(key)
    if icon is None:
        icon = _ICONS[key] = colour_icon(*key)
    return icon


class FindingsModel(QAbstractItemModel):
    """The rows as a two-level model, read on demand: a Qt item per finding (25,000 at 10,000
    people) held ~70 MB of copied text and lists; here the view asks only for the rows in sight."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[GroupRow] = []
        self.bold = QFont()
        self.bold.setBold(True)

    # ----- the tree's shape -------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _GROUP) if row < len(self.rows) else QModelIndex()
        group = parent.row()
        if parent.internalId() != _GROUP or row >= len(self.rows[group][5]):
            return QModelIndex()
        return self.createIndex(row, 0, group + 1)

    def parent(self, child: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self.rows)
        if parent.internalId() == _GROUP and parent.row() < len(self.rows):
            return len(self.rows[parent.row()][5])
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ----- what a row shows ---------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = index.internalId()
        row: GroupRow | ChildRow
        key: str | int
        if group == _GROUP:
            row = self.rows[index.row()]
            key, severity, text = row[0], row[1], row[2]
            if role == Qt.ItemDataRole.FontRole:
                return self.bold
        else:
            row = self.rows[group - 1][5][index.row()]
            key, text, severity = row[0], row[1], row[2]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.DecorationRole:
            return _icon(severity, 12 if group == _GROUP else 10)
        if role == KEY_ROLE:
            return key
        if role == PEOPLE_ROLE:
            return list(row[3])
        if role == HANDOFFS_ROLE:
            return list(row[4])
        if role == Qt.ItemDataRole.ToolTipRole:
            word = SEVERITY_WORDS.get(severity, severity)
            return f"{word} severity" if group == _GROUP else f"{word}: {text}"
        return None

    def key_of(self, index: Index) -> str | int | None:
        return index.data(KEY_ROLE) if index.isValid() else None

    # ----- changes ----------------------------------------------------------------------------
    def update(self, rows: list[GroupRow]) -> None:
        """Show `rows`, telling the view only what changed (a rename: the findings naming them)."""
        old = self.rows
        if [g[0] for g in rows] != [g[0] for g in old]:  # groups came or went: start afresh
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
            return
        self.rows = list(old)  # `old` stays whole: the panel frees it on the worker thread
        for i, (before, after) in enumerate(zip(old, rows, strict=True)):
            group = self.createIndex(i, 0, _GROUP)
            if before[5] == after[5]:
                self.rows[i] = after
            elif list(map(_KEY, before[5])) == list(map(_KEY, after[5])):  # the same findings, retold
                self.rows[i] = after
                for j in compress(count(), map(ne, before[5], after[5])):
                    changed = self.createIndex(j, 0, i + 1)
                    self.dataChanged.emit(changed, changed)
            else:
                if before[5]:
                    self.beginRemoveRows(group, 0, len(before[5]) - 1)
                    self.rows[i] = (*before[:5], [])
                    self.endRemoveRows()
                if after[5]:
                    self.beginInsertRows(group, 0, len(after[5]) - 1)
                    self.rows[i] = after
                    self.endInsertRows()
                self.rows[i] = after
            if before[1:5] != after[1:5]:
                self.dataChanged.emit(group, group)

    def find(self, key: str | int) -> QModelIndex:
        """The group or finding with this key (invalid when it is gone)."""
        for i, row in enumerate(self.rows):
            if row[0] == key:
                return self.createIndex(i, 0, _GROUP)
            keys = list(map(_KEY, row[5]))
            if key in keys:
                return self.createIndex(keys.index(key), 0, i + 1)
        return QModelIndex()


class FindingsTree:
    """Keeps `view` showing the latest rows; `expanded` and `seen` are the panel's memory of
    which groups the user opened (high-severity groups open the first time they appear)."""

    def __init__(self, view: QTreeView, expanded: set[str], seen: set[str]) -> None:
        self.view, self.expanded, self.seen = view, expanded, seen
        self.model = FindingsModel(view)
        view.setModel(self.model)

    @property
    def shown(self) -> list[GroupRow]:
        return self.model.rows

    def clear(self) -> None:
        self.model.update([])

    def fill(self, rows: list[GroupRow]) -> None:
        """Show `rows`, keeping the selection, the open groups and the scroll position."""
        view = self.view
        selected = self.model.key_of(view.currentIndex())
        scroll = view.verticalScrollBar().value()
        view.setUpdatesEnabled(False)
        view.blockSignals(True)
        try:
            self.model.update(rows)
            for i, row in enumerate(rows):
                kind, severity = row[0], row[1]
                if kind not in self.seen:
                    self.seen.add(kind)
                    if severity == "high":
                        self.expanded.add(kind)
                view.setExpanded(self.model.index(i, 0), kind in self.expanded)
            if selected is not None and self.model.key_of(view.currentIndex()) != selected:
                found = self.model.find(selected)
                if found.isValid():
                    view.setCurrentIndex(found)
        finally:
            view.blockSignals(False)
            view.setUpdatesEnabled(True)
        view.verticalScrollBar().setValue(scroll)


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the tree's current width (a finding's
    message is a sentence or three; eliding it would hide who it is about)."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        indent = self.tree.indentation() * (depth + (1 if self.tree.rootIsDecorated() else 0))
        width = self.tree.viewport().width() - indent - self.tree.iconSize().width() - 24
        if width <= 40:
            return base
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        metrics = QFontMetrics(font)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        rect = metrics.boundingRect(QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap, text)
        return QSize(base.width(), max(base.height(), rect.height() + 6))
