"""Fields that show one value for several items: the value they share, or a mixed state while
they differ ("(several)" in a combo or as a text field's placeholder, a partly ticked box).

They only show; what a change does is the caller's (gui/inspector/bulk.py). Showing never
emits the signals a user's change does (`activated`, `textEdited`, `clicked`).
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from gui.widgets import FormComboBox

log = logging.getLogger(__name__)

SEVERAL = "__several__"  # the mixed state's item data in a combo
SEVERAL_TEXT = "(several)"

Choice = tuple[str, Any, QIcon | None]  # label, value, icon


class MixedCombo(FormComboBox):
    """A choice among fixed values; "(several)" is offered only while the items differ."""

    def fill(self, choices: Sequence[Choice]) -> None:
        """Replace the choices (departments renamed, added ...); `show` then picks the value."""
        self.blockSignals(True)
        try:
            self.clear()
            for label, value, icon in choices:
                if icon is None:
                    self.addItem(label, value)
                else:
                    self.addItem(icon, label, value)
        finally:
            self.blockSignals(False)

    def show_values(self, found: list[Any]) -> None:
        """Show the one value all items share, or "(several)" (nothing concerned: disabled)."""
        self.setEnabled(bool(found))
        mixed = len(found) != 1
        self.blockSignals(True)
        try:
            at = self.findData(SEVERAL)
            if mixed and at < 0:
                self.insertItem(0, SEVERAL_TEXT, SEVERAL)
            elif not mixed and at >= 0:
                self.removeItem(at)
            index = 0 if mixed else self.findData(found[0])
            self.setCurrentIndex(index)
        finally:
            self.blockSignals(False)

    def chosen(self, index: int) -> tuple[bool, Any]:
        """(True, value) for a real choice; (False, None) for "(several)"."""
        value = self.itemData(index)
        return (index >= 0 and value != SEVERAL), value


class MixedCheckBox(QCheckBox):
    """A tick for several items: partly ticked while they differ; a click ticks or unticks them
    all (never back to partly)."""

    def show_values(self, found: list[Any]) -> None:
        self.setEnabled(bool(found))
        self.blockSignals(True)
        try:
            if len(found) == 1:
                self.setTristate(False)
                self.setChecked(bool(found[0]))
            else:
                self.setTristate(True)
                self.setCheckState(Qt.CheckState.PartiallyChecked)
        finally:
            self.blockSignals(False)

    def nextCheckState(self) -> None:
        ticked = self.checkState() == Qt.CheckState.Checked
        self.setTristate(False)
        self.setChecked(not ticked)


class MixedLineEdit(QLineEdit):
    """Text for several items: the text they share, or empty with "(several)" as placeholder.
    `typed()` says whether the user changed it since it was last shown."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder
        self.hint = ""  # the tooltip, whatever the values
        self.mixed = False

    def show_values(self, found: list[Any]) -> None:
        if self.isModified() and self.hasFocus():
            return  # being typed in: the user's text stays until they are done
        self.setEnabled(bool(found))
        self.mixed = len(found) > 1
        text = str(found[0]) if len(found) == 1 else ""
        if text != self.text():
            self.setText(text)
        self.setPlaceholderText(SEVERAL_TEXT if self.mixed else self.placeholder)
        differ = "They differ: type to set it for all of them." if self.mixed else ""
        self.setToolTip("\n".join(line for line in (self.hint, differ) if line))
        self.setModified(False)
