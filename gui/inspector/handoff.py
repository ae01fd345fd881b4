"""The inspector page for one hand-off: what is handed over, at which stage,
why in this order, and whether it goes one way or both ways."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from gui.inspector.base import EntityForm
from gui.inspector.bindings import CheckBinding, ComboBinding, TextBinding
from gui.inspector.person import stage_items
from gui.widgets import FormComboBox, heading_label, hint_label, text_area
from model.document import DocumentError
from model.events import Event
from model.naming import display_name, role_label


class HandoffForm(EntityForm):
    entity = "handoff"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading_label("Hand-off")
        self.column.addWidget(self.heading)
        route = self.form_layout()
        self.source = QLabel()
        self.target = QLabel()
        for label in (self.source, self.target):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        route.addRow("From", self.source)
        route.addRow("To", self.target)
        self.column.addLayout(route)
        self.swap = QPushButton("S&wap direction")
        self.swap.setToolTip("The hand-off goes the other way")
        swap_row = QHBoxLayout()
        swap_row.addWidget(self.swap)
        swap_row.addStretch(1)
        self.column.addLayout(swap_row)

        form = self.form_layout()
        self.what = QLineEdit()
        self.what.setObjectName("what")
        self.what.setPlaceholderText("e.g. the signed contract, a bill of materials")
        self.stage = FormComboBox()
        for stage_text, data, _ in stage_items():
            self.stage.addItem(stage_text, data)
        self.two_way = QCheckBox("Two-way (worked out together)")
        self.two_way.setToolTip("Interactive rather than passed on in one direction")
        form.addRow("&What is handed over", self.what)
        form.addRow("Sta&ge", self.stage)
        form.addRow("", self.two_way)
        self.column.addLayout(form)
        why_label = QLabel("Why in this &order")
        self.why = text_area("Why does it go to them at this point, not earlier or later?", 4)
        self.why.setObjectName("why_order")
        why_label.setBuddy(self.why)
        self.column.addWidget(why_label)
        self.column.addWidget(self.why)
        self.column.addWidget(hint_label("Every hand-off is a place where the customer can get lost."))
        self.column.addStretch(1)

        self.bind(TextBinding(
            self.what, lambda: self.field("what"), self.setter("what", "Edit what is handed over")
        ))
        self.bind(TextBinding(
            self.why, lambda: self.field("why_order"), self.setter("why_order", "Edit why in this order")
        ))
        self.bind(ComboBinding(
            self.stage, lambda: self.field("stage"), self.setter("stage", "Change hand-off stage", False)
        ))
        self.bind(CheckBinding(self.two_way, lambda: self.field("two_way"), self.write_two_way))
        self.swap.clicked.connect(self.swap_direction)

    def concerns(self, event: Event) -> bool:
        if super().concerns(event):
            return True
        if event.entity == "person" and self.doc is not None and self.ids:
            h = self.doc.handoffs.get(self.ids[0])
            return h is not None and event.id in (h.source, h.target)
        return False

    def refresh_extras(self) -> None:
        try:
            h = self.item()
        except DocumentError:
            return
        assert self.doc is not None
        for label, pid in ((self.source, h.source), (self.target, h.target)):
            person = self.doc.people.get(pid)
            label.setText(
                f"{display_name(self.doc, person)} ({role_label(self.doc, person)})" if person else "?"
            )
        self.heading.setText("Two-way hand-off" if h.two_way else "Hand-off")
        self.swap.setEnabled(not h.two_way)

    def write_two_way(self, checked: bool) -> None:
        self.push_update({"two_way": checked}, "Make two-way" if checked else "Make one-way")

    def swap_direction(self) -> None:
        try:
            h = self.item()
        except DocumentError:
            return
        self.push_update({"source": h.target, "target": h.source}, "Swap hand-off direction")
