"""The inspector page shown when nothing (or several things) is selected: the
map's own details and a short summary, or, for several things, what is selected
(gui/inspector/several.py) and the fields that change them all (gui/inspector/bulk.py)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from gui.commands import MetaFieldCommand
from gui.inspector import map_summary, several
from gui.inspector.base import EntityForm
from gui.inspector.bindings import SpinBinding, TextBinding
from gui.inspector.bulk import HandoffBox, PeopleBox
from gui.widgets import FormSpinBox, heading_label, hint_label, text_area
from model.document import DocumentError
from model.events import Event


def summary_text(doc: Any, counts: map_summary.Counts | None = None) -> str:
    """A one-paragraph count of what is in the map (`counts`: kept by a SummaryTally;
    None: everyone counted afresh)."""
    c = counts if counts is not None else map_summary.count(doc)
    departments, handoffs = len(doc.departments), len(doc.handoffs)
    lines = [
        (
            f"{c.colleagues} colleague{'s' if c.colleagues != 1 else ''}, "
            f"{c.customers} customer contact{'s' if c.customers != 1 else ''}, "
            f"{departments} department{'s' if departments != 1 else ''}, "
            f"{handoffs} hand-off{'s' if handoffs != 1 else ''}."
        ),
        f"{c.stories} of {c.colleagues} colleagues have written their line-of-sight story.",
    ]
    if c.unplaced:
        lines.append(f"{c.unplaced} on the roster not yet in the walk.")
    you = doc.you
    lines.append(
        f"You are marked as {you.name.strip() or '(unnamed)'}." if you else "Nobody is marked as you yet."
    )
    return "\n".join(lines)


class MapForm(EntityForm):
    entity = "meta"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts: dict[str, list[str]] = {}  # several things selected, by kind (set by the panel)
        self.tally = map_summary.SummaryTally()  # fed every event by the panel, shown or not
        self.several_title = heading_label("")
        self.several_title.setObjectName("severalTitle")
        self.several_names = QLabel()
        self.several_names.setObjectName("severalNames")
        self.several_names.setTextFormat(Qt.TextFormat.PlainText)  # names as typed, never markup
        self.several_names.setWordWrap(True)
        self.several_hint = hint_label("")
        self.people_bulk = PeopleBox(self.push)
        self.handoff_bulk = HandoffBox(self.push)
        # the fields that change them all first, in sight on a laptop's short dock; who comes after
        for part in (self.several_title, self.people_bulk, self.handoff_bulk, self.several_names,
                     self.several_hint):
            self.column.addWidget(part)
        for box in (self.people_bulk, self.handoff_bulk):
            for field in box.fields.values():
                if isinstance(field, QLineEdit):
                    field.installEventFilter(self.router)  # Ctrl+Z there is the map's undo

        self.map_part = QWidget()  # the map's own details: hidden while several things are selected
        self.map_part.setObjectName("mapDetails")
        outer, self.column = self.column, QVBoxLayout(self.map_part)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.addWidget(heading_label("Map details"))
        form = self.form_layout()
        self.title = QLineEdit()
        self.organisation = QLineEdit()
        self.prepared_for = QLineEdit()
        self.prepared_by = QLineEdit()
        self.stale_days = FormSpinBox()
        self.stale_days.setRange(1, 3650)
        self.stale_days.setSuffix(" days")
        self.stale_days.setToolTip("Contact older than this counts as stale")
        form.addRow("&Title", self.title)
        form.addRow("&Organisation", self.organisation)
        form.addRow("Prepared &for", self.prepared_for)
        form.addRow("Prepared &by", self.prepared_by)
        form.addRow("&Stale after", self.stale_days)
        self.column.addLayout(form)
        description_label = QLabel("&Description")
        self.description = text_area("What this map is for, who it was made with", 4)
        description_label.setBuddy(self.description)
        self.column.addWidget(description_label)
        self.column.addWidget(self.description)
        self.column.addWidget(heading_label("Summary", scale=1.05))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.column.addWidget(self.summary)
        self.column = outer
        self.column.addWidget(self.map_part)
        self.column.addStretch(1)

        for widget, key in (
            (self.title, "title"),
            (self.organisation, "organisation"),
            (self.prepared_for, "prepared_for"),
            (self.prepared_by, "prepared_by"),
            (self.description, "description"),
        ):
            widget.setObjectName(key)
            self.bind(TextBinding(widget, self.meta_getter(key), self.meta_setter(key)))
        self.bind(
            SpinBinding(self.stale_days, self.meta_getter("stale_days"), self.meta_setter("stale_days"))
        )

    # ----- showing -----------------------------------------------------------
    def load(self, doc: Any, stack: Any, ids: list[str]) -> None:
        """The map's details, or (several selected: `parts`, set by the panel) what they are."""
        super().load(doc, stack, [])

    def concerns(self, event: Event) -> bool:
        return event.entity in ("meta", "person", "department", "handoff")

    def rebuild_choices(self) -> None:
        if self.doc is not None:
            self.people_bulk.fill_choices(self.doc)

    def first_field(self) -> QWidget | None:
        """Several selected: the first field that changes them all (Enter on the canvas)."""
        if self.map_part.isHidden():
            for box in (self.people_bulk, self.handoff_bulk):
                if not box.isHidden():
                    return next(iter(box.fields.values()))
            return None
        return super().first_field()

    def _show_several(self) -> None:
        """Several things selected: say what, and keep the map's details out of the way."""
        if self.doc is None:
            return
        for kind in ("person", "handoff"):  # what an undo or a delete took away meanwhile
            if kind in self.parts:
                present = self.doc.collection(kind)
                self.parts[kind] = [i for i in self.parts[kind] if i in present]
        on = several.count(self.parts) > 1
        self.map_part.setVisible(not on)
        for label in (self.several_title, self.several_names, self.several_hint):
            label.setVisible(on)
        if on:
            self.several_title.setText(several.title(self.parts))
            self.several_names.setText(several.names(self.doc, self.parts))
            self.several_hint.setText(several.hint(self.parts))
        for box, kind in ((self.people_bulk, "person"), (self.handoff_bulk, "handoff")):
            ids = self.parts.get(kind, []) if on else []
            if box.doc is not self.doc or box.ids != ids:
                box.load(self.doc, ids)
            else:
                box.refresh()

    def choices_affected(self, event: Event) -> bool:
        return event.entity == "department" or (event.entity == "meta" and "stale_days" in event.fields)

    def refresh_extras(self) -> None:
        self._show_several()
        if self.doc is not None and not self.map_part.isHidden():
            text = summary_text(self.doc, self.tally.counts(self.doc))
            if text != self.summary.text():  # an unchanged label is not laid out again
                self.summary.setText(text)

    # ----- writing -------------------------------------------------------------
    def meta_getter(self, key: str) -> Callable[[], Any]:
        def read() -> Any:
            if self.doc is None:
                raise DocumentError("no map is open")
            return getattr(self.doc.meta, key)

        return read

    def meta_setter(self, key: str) -> Callable[[Any], None]:
        def write(value: Any) -> None:
            self.write_meta(key, value)

        return write

    def write_meta(self, key: str, value: Any) -> None:
        if self.doc is not None:
            self.push(MetaFieldCommand(self.doc, key, value))

