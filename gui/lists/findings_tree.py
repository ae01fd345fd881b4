"""The findings tree of the insights dock, updated in place.

Why: a 10,000-person map has tens of thousands of findings. Clearing the tree and
making an item (and an icon) for each after every analysis froze the window for a
second after each pause in typing, although a rename changes a handful of messages.
The worker turns a report into plain rows (`tree_rows`); the GUI thread compares them
with the rows on screen (tuples of strings: C speed) and touches only the items
whose row changed. A full rebuild shows exactly the same (tests/gui/test_insights_incremental.py).
"""
from __future__ import annotations

from itertools import compress, count
from operator import itemgetter, ne

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from gui.widgets import colour_icon
from model.analysis.insights import KIND_SEVERITY, KIND_TITLES, Finding, Report

SEVERITY_COLOURS = {"high": "#D64545", "medium": "#E09B2D", "low": "#6C8EBF"}
SEVERITY_WORDS = {"high": "High", "medium": "Medium", "low": "Low"}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PEOPLE_ROLE = Qt.ItemDataRole.UserRole + 2
HANDOFFS_ROLE = Qt.ItemDataRole.UserRole + 3

# key, message, severity, people, hand-offs
ChildRow = tuple[str, str, str, tuple[str, ...], tuple[str, ...]]
# kind, severity, title, people, hand-offs, children
GroupRow = tuple[str, str, str, tuple[str, ...], tuple[str, ...], list[ChildRow]]


def finding_key(f: Finding) -> str:
    """A finding's identity across refreshes (its message may change with a name)."""
    return "|".join(
        (f.kind, ",".join(f.people), ",".join(f.stages), ",".join(f.handoffs), ",".join(f.departments))
    )


def tree_rows(report: Report) -> list[GroupRow]:
    """What the tree shows, as plain data (made on the worker thread, beside the analysis)."""
    rows: list[GroupRow] = []
    for kind, findings in report.findings_by_kind():
        severity = KIND_SEVERITY.get(kind, findings[0].severity)
        children = [
            (finding_key(f), f.message, f.severity, tuple(f.people), tuple(f.handoffs)) for f in findings
        ]
        rows.append((
            kind, severity, f"{KIND_TITLES.get(kind, kind)} ({len(findings)})",
            tuple(sorted({p for f in findings for p in f.people})),
            tuple(sorted({h for f in findings for h in f.handoffs})),
            children,
        ))
    return rows


_KEY = itemgetter(0)
_ICONS: dict[tuple[str, int], QIcon] = {}


def _icon(severity: str, size: int = 12) -> QIcon:
    """One icon per severity and size, made once (an icon per finding was half the cost)."""
    key = (SEVERITY_COLOURS.get(severity, "#888888"), size)
    icon = _ICONS.get(key)
    if icon is None:
        icon = _ICONS[key] = colour_icon(*key)
    return icon


def _set_child(item: QTreeWidgetItem, row: ChildRow) -> None:
    key, message, severity, people, handoffs = row
    item.setText(0, message)
    item.setData(0, KEY_ROLE, key)
    item.setData(0, PEOPLE_ROLE, list(people))
    item.setData(0, HANDOFFS_ROLE, list(handoffs))
    item.setIcon(0, _icon(severity, 10))
    item.setToolTip(0, f"{SEVERITY_WORDS.get(severity, severity)}: {message}")


def _child(row: ChildRow) -> QTreeWidgetItem:
    item = QTreeWidgetItem()
    _set_child(item, row)
    return item


class FindingsTree:
    """Keeps `tree` showing the latest rows; `expanded` and `seen` are the panel's memory of
    which groups the user opened (high-severity groups open the first time they appear)."""

    def __init__(self, tree: QTreeWidget, expanded: set[str], seen: set[str]) -> None:
        self.tree, self.expanded, self.seen = tree, expanded, seen
        self.shown: list[GroupRow] = []

    def clear(self) -> None:
        self.tree.clear()
        self.shown = []

    def fill(self, rows: list[GroupRow]) -> None:
        """Show `rows`, keeping the selection and the scroll position."""
        tree = self.tree
        current = tree.currentItem()
        selected = current.data(0, KEY_ROLE) if current is not None else None
        scroll = tree.verticalScrollBar().value()
        tree.setUpdatesEnabled(False)
        tree.blockSignals(True)
        try:
            if [g[0] for g in rows] != [g[0] for g in self.shown]:
                self.clear()  # groups came or went: start afresh
            restore = None
            for i, row in enumerate(rows):
                group = self._update_group(i, row, self.shown[i] if i < len(self.shown) else None)
                kind, severity = row[0], row[1]
                if kind not in self.seen:
                    self.seen.add(kind)
                    if severity == "high":
                        self.expanded.add(kind)
                group.setExpanded(kind in self.expanded)
                if selected == kind:
                    restore = group
                elif restore is None and selected is not None:
                    for j, child in enumerate(row[5]):
                        if child[0] == selected:
                            restore = group.child(j)
                            break
            self.shown = rows
            if restore is not None and restore is not tree.currentItem():
                tree.setCurrentItem(restore)
        finally:
            tree.blockSignals(False)
            tree.setUpdatesEnabled(True)
        tree.verticalScrollBar().setValue(scroll)

    def _update_group(self, index: int, row: GroupRow, old: GroupRow | None) -> QTreeWidgetItem:
        kind, severity, title, people, handoffs, children = row
        if old is None:
            group = QTreeWidgetItem([title])
            group.setData(0, KEY_ROLE, kind)
            font = QFont(self.tree.font())
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(group)
        else:
            found = self.tree.topLevelItem(index)
            assert found is not None  # the tree shows `old` at `index`
            group = found
        if old is None or old[1:5] != row[1:5]:
            group.setText(0, title)
            group.setIcon(0, _icon(severity))
            group.setToolTip(0, f"{SEVERITY_WORDS.get(severity, severity)} severity")
            group.setData(0, PEOPLE_ROLE, list(people))
            group.setData(0, HANDOFFS_ROLE, list(handoffs))
        before = old[5] if old is not None else []
        if before == children:
            return group
        if list(map(_KEY, before)) == list(map(_KEY, children)):  # the same findings (C-speed loops)
            for j in compress(count(), map(ne, before, children)):  # told differently (a renamed person)
                item = group.child(j)
                if item is not None:
                    _set_child(item, children[j])
        else:
            group.takeChildren()
            group.addChildren([_child(c) for c in children])
        return group
