"""The export dialog's choice of departments: a playbook for some teams only
(export.pdf.focus), ticked in a short list; none ticked is the whole map."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem


def department_list(departments: list[tuple[str, str]]) -> QListWidget:
    """Ticks for a team's playbook: its departments' walk, roles, insights and lanes."""
    box = QListWidget()
    box.setToolTip("Tick departments for a playbook of just those teams, with the hand-offs in from "
                   "and out to their neighbours; tick none for the whole map.")
    for did, name in departments:
        item = QListWidgetItem(" ".join(name.split()) or "(unnamed department)")
        item.setData(Qt.ItemDataRole.UserRole, did)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        box.addItem(item)
    row = box.sizeHintForRow(0) if departments else 18
    box.setFixedHeight(row * max(1, min(4, len(departments))) + 2 * box.frameWidth() + 4)
    box.setEnabled(bool(departments))
    return box


def ticked(box: QListWidget) -> list[str]:
    """The ticked departments' ids, in lane order."""
    items = [box.item(i) for i in range(box.count())]
    return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items
            if item.checkState() == Qt.CheckState.Checked]


def tick(box: QListWidget, ids: list[str]) -> None:
    """Tick exactly these departments (ids no longer on the map are ignored)."""
    for i in range(box.count()):
        item = box.item(i)
        on = item.data(Qt.ItemDataRole.UserRole) in ids
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
