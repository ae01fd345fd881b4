"""The inspector page for one department: its name and colour, what "serving
the customer" means there, and the KPIs it is measured by (conflicting KPIs
between neighbours in the walk are what the insights look for)."""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QLabel, QLineEdit, QWidget

from gui.inspector.base import EntityForm
from gui.inspector.bindings import TextBinding
from gui.widgets import SwatchRow, counted, heading_label, hint_label, text_area
from model.document import DocumentError
from model.entities import DEPARTMENT_COLORS
from model.events import Event


def parse_kpis(text: str) -> list[str]:
    """One KPI per line; blank lines and surrounding spaces do not count."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def format_kpis(kpis: list[str]) -> str:
    return "\n".join(kpis)


class DepartmentForm(EntityForm):
    entity = "department"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = heading_label("")
        self.subtitle = hint_label("")
        self.column.addWidget(self.title_label)
        self.column.addWidget(self.subtitle)

        form = self.form_layout()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setPlaceholderText("e.g. Contract administration")
        form.addRow("&Name", self.name)
        self.swatches = SwatchRow(DEPARTMENT_COLORS)
        form.addRow("Colour", self.swatches)
        self.column.addLayout(form)

        serving_label = QLabel("What \"serving the customer\" means here")
        serving_label.setWordWrap(True)
        self.serving = text_area("In this department, serving the customer means …", 3)
        self.serving.setObjectName("serving_definition")
        serving_label.setBuddy(self.serving)
        self.column.addWidget(serving_label)
        self.column.addWidget(self.serving)

        kpi_label = QLabel("&KPIs, one per line")
        self.kpis = text_area("e.g. Contracts signed within 5 days\nFirst-call resolution rate", 5)
        self.kpis.setObjectName("kpis")
        kpi_label.setBuddy(self.kpis)
        self.column.addWidget(kpi_label)
        self.column.addWidget(self.kpis)
        self.column.addWidget(
            hint_label(
                "How this department measures customer experience. When neighbours in the walk"
                " measure things that never overlap, gaps open at the hand-offs."
            )
        )
        self.column.addStretch(1)

        self.bind(
            TextBinding(self.name, lambda: self.field("name"), self.setter("name", "Rename department"))
        )
        self.bind(
            TextBinding(
                self.serving,
                lambda: self.field("serving_definition"),
                self.setter("serving_definition", "Edit serving the customer"),
            )
        )
        self.bind(
            TextBinding(
                self.kpis, lambda: self.field("kpis"), self.setter("kpis", "Edit KPIs"),
                parse_kpis, format_kpis,
            )
        )
        self.swatches.colourChosen.connect(self.write_colour)
        self.swatches.otherRequested.connect(self.choose_colour)

    def concerns(self, event: Event) -> bool:
        return super().concerns(event) or (
            event.entity == "person" and event.action in ("added", "removed", "changed")
        )

    def refresh_extras(self) -> None:
        try:
            dept = self.item()
        except DocumentError:
            return
        assert self.doc is not None
        self.title_label.setText(dept.name.strip() or "(unnamed department)")
        members = [p for p in self.doc.people.values() if p.department_id == dept.id]
        placed = sum(1 for p in members if p.placed)
        text = f"Department · {counted(len(members), 'person', 'people')}"
        if placed != len(members):
            text += f" ({len(members) - placed} not in the walk yet)"
        self.subtitle.setText(text)
        self.swatches.show_colour(dept.color)

    def write_colour(self, colour: str) -> None:
        try:
            if colour.upper() == self.field("color").upper():
                self.swatches.show_colour(colour)
                return
        except DocumentError:
            return
        self.push_update({"color": colour}, "Change department colour")

    def choose_colour(self) -> None:
        try:
            current = QColor(self.field("color"))
        except DocumentError:
            return
        colour = QColorDialog.getColor(current, self, "Department colour")
        if colour.isValid():
            self.write_colour(colour.name().upper())
