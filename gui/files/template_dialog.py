"""File > New: choose what the new map starts from (a template), with or without its example people."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.templates.catalog import TEMPLATES, has_example_people


class TemplateDialog(QDialog):
    """A list of the templates with what each holds; `chosen()` after accept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New map")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel("Start the new map from:")
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        for name, (label, about) in TEMPLATES.items():
            item = QListWidgetItem(f"{label}\n{about}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(about)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        self.with_people = QCheckBox("With &example people (made-up colleagues, hand-offs and stories)")
        self.with_people.setChecked(True)
        self.with_people.setToolTip(
            "Untick to start from the template's departments only, then bring in your own people "
            "with File > Import Roster into This Map"
        )
        layout.addWidget(self.with_people)
        self.list.currentItemChanged.connect(lambda _new, _old: self._people_choice())
        self._people_choice()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _people_choice(self) -> None:
        name = self.chosen()
        self.with_people.setEnabled(name is not None and has_example_people(name))

    def people(self) -> bool:
        """Whether the new map keeps the template's example people."""
        return self.with_people.isChecked() or not self.with_people.isEnabled()

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(row)

    @staticmethod
    def choose(parent: QWidget | None = None) -> str | None:
        """Ask which template; None if the user cancels."""
        choice = TemplateDialog.choose_with_people(parent)
        return choice[0] if choice else None

    @staticmethod
    def choose_with_people(parent: QWidget | None = None) -> tuple[str, bool] | None:
        """Ask which template and whether with its example people; None if the user cancels."""
        dialog = TemplateDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        name = dialog.chosen()
        return (name, dialog.people()) if name else None
