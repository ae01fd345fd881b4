"""One row of the check-up's scale: a statement (or one of the three areas) and a radio button
per point of the scale, plus "Not answered". A row is one Tab stop, at its checked button (the
one a keyboard user changes with the arrow keys), as radio groups are on every desktop; Qt
makes an exclusive group one stop but lands on its first button, whatever is checked."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QRadioButton, QWidget

from gui.coaching.shared import plain_label
from model.entities import SCALE_MAX, SCALE_MIN

SKIP = 0  # button id of "not answered"
AREA_LABELS = ("1 poor", "2", "3", "4", "5 strong")
AREA_SHORT = {"messages": "Messages", "quality": "Quality", "churn": "Churn"}


class ScaleRow:
    """One statement or area: a label and a radio button per scale point, plus 'skip'."""

    def __init__(
        self, grid: QGridLayout, row: int, text: str, labels: tuple[str, ...], parent: QWidget
    ) -> None:
        self.grid, self.row = grid, row
        self.label = plain_label(text, parent)
        self.label.setMinimumWidth(260)
        grid.addWidget(self.label, row, 0)
        self.cells: list[QWidget] = [self.label]
        self.group = QButtonGroup(parent)
        for value in range(SCALE_MIN, SCALE_MAX + 1):
            button = QRadioButton(parent)
            button.setToolTip(labels[value - 1])
            button.setAccessibleName(f"{labels[value - 1]}: {text[:80]}")
            self.group.addButton(button, value)
            grid.addWidget(button, row, value, Qt.AlignmentFlag.AlignCenter)
            self.cells.append(button)
        skip = QRadioButton(parent)
        skip.setToolTip("Not answered")
        skip.setAccessibleName(f"Not answered: {text[:80]}")
        self.group.addButton(skip, SKIP)
        grid.addWidget(skip, row, SCALE_MAX + 1, Qt.AlignmentFlag.AlignCenter)
        skip.setChecked(True)
        self.cells.append(skip)
        self.stop = CheckedStop(self.group)

    def follow(self, before: QWidget) -> None:
        """Put this row's buttons right after `before` in the Tab order (a row added later)."""
        for cell in self.cells[1:]:
            QWidget.setTabOrder(before, cell)
            before = cell

    def hide(self) -> None:
        for cell in self.cells:
            cell.hide()

    def value(self) -> int | None:
        v = self.group.checkedId()
        return v if SCALE_MIN <= v <= SCALE_MAX else None

    def set_value(self, value: int | None) -> None:
        chosen = value if value is not None and SCALE_MIN <= value <= SCALE_MAX else SKIP
        self.group.button(chosen).setChecked(True)


def scale_grid(labels: tuple[str, ...], parent: QWidget) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(10)
    for value, text in enumerate(labels, start=SCALE_MIN):
        head = QLabel(text.replace(" ", "\n", 1), parent)
        head.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(head, 0, value)
    skip = QLabel("Not\nanswered", parent)
    skip.setAlignment(Qt.AlignmentFlag.AlignCenter)
    grid.addWidget(skip, 0, SCALE_MAX + 1)
    grid.setColumnStretch(0, 1)
    return grid


class CheckedStop(QObject):
    """Tab (or Shift+Tab) into a radio group lands on its checked button, not on the first."""

    def __init__(self, group: QButtonGroup) -> None:
        super().__init__(group)
        self.group = group
        for button in group.buttons():
            button.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(event, QFocusEvent) and event.reason() in (
                Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            checked = self.group.checkedButton()
            if checked is not None and checked is not obj and checked.isVisible():
                checked.setFocus(event.reason())
                return True
        return super().eventFilter(obj, event)


__all__ = ["AREA_LABELS", "AREA_SHORT", "SKIP", "CheckedStop", "ScaleRow", "scale_grid"]
