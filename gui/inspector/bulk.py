"""Change one field of every selected person or hand-off at once (the inspector's "change all").

Each field shows the value the selected items share, or a mixed state while they differ;
changing it sets it on all of them as ONE undo step and one document event (a
BatchUpdateCommand: undo gives each item back its own old value). A text field is written when
the user is done typing (Enter or leaving it), never per keystroke, and only if they typed:
a mixed field left empty changes nothing. The widgets are built once and only refilled, so a
selection of 10,000 costs a pass over their values, not a widget per item.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from gui.commands import BatchUpdateCommand
from gui.inspector.mixed import MixedCheckBox, MixedCombo, MixedLineEdit
from gui.inspector.person import stage_items
from gui.widgets import colour_icon, follow_direction, hint_label
from model import reachout
from model.document import batch

log = logging.getLogger(__name__)

Push = Callable[[BatchUpdateCommand], None]
Field = MixedCombo | MixedCheckBox | MixedLineEdit


class BulkBox(QGroupBox):
    """The "change all" fields for one kind of item (people or hand-offs)."""

    def __init__(self, entity: str, one: str, many: str, push: Push, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity, self.one, self.many, self._push = entity, one, many, push
        self.doc: Any = None
        self.ids: list[str] = []
        self.fields: dict[str, Field] = {}
        self.words: dict[str, str] = {}  # field -> how an undo step names it
        self._typing: dict[str, list[str]] = {}  # text field -> the items it was typed for
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.note = hint_label(f"A change here applies to every selected {one}, "
                               "as one undo step (Ctrl+Z takes it back).")

    # ----- building ------------------------------------------------------------------------
    def _row(self, label: str, field: str, widget: Field, words: str) -> None:
        self.fields[field], self.words[field] = widget, words
        widget.setObjectName(f"bulk_{self.entity}_{field}")
        widget.setAccessibleName(f"{label.replace('&', '')} of every selected {self.one}")
        if isinstance(widget, MixedCheckBox):
            self.form.addRow("", widget)
        else:
            caption = QLabel(label)
            caption.setBuddy(widget)
            self.form.addRow(caption, widget)

    def combo(self, label: str, field: str, words: str) -> MixedCombo:
        box = MixedCombo()
        box.activated.connect(lambda index: self._chosen(field, box, index))
        self._row(label, field, box, words)
        return box

    def check(self, label: str, field: str, words: str) -> MixedCheckBox:
        box = MixedCheckBox(label)
        box.clicked.connect(lambda ticked: self.apply(field, bool(ticked)))
        self._row(label, field, box, words)
        return box

    def text(self, label: str, field: str, words: str, placeholder: str) -> MixedLineEdit:
        edit = MixedLineEdit(placeholder)
        follow_direction(edit)
        edit.textEdited.connect(lambda _text: self._typing.setdefault(field, list(self.ids)))
        edit.editingFinished.connect(lambda: self._typed(field, edit))
        self._row(label, field, edit, words)
        return edit

    def finish(self) -> None:
        self.form.addRow(self.note)

    # ----- showing -------------------------------------------------------------------------
    def load(self, doc: Any, ids: list[str]) -> None:
        self.doc, self.ids = doc, list(ids)
        self.setVisible(bool(self.ids))
        if not self.ids:
            return
        n = len(self.ids)
        self.setTitle(f"Change the selected {self.one}" if n == 1 else f"Change all {n} {self.many}")
        self.refresh()

    def refresh(self) -> None:
        """Each field shows what the items share, or that they differ."""
        if self.doc is None or not self.ids:
            return
        items = self.doc.collection(self.entity)
        self.ids = [i for i in self.ids if i in items]  # what an undo or a delete took away
        for field, widget in self.fields.items():
            widget.show_values(batch.values(self.doc, self.entity, self.ids, field))

    # ----- writing -------------------------------------------------------------------------
    def _chosen(self, field: str, box: MixedCombo, index: int) -> None:
        real, value = box.chosen(index)
        if real:
            self.apply(field, value)
        else:
            self.refresh()

    def _typed(self, field: str, edit: MixedLineEdit) -> None:
        ids = self._typing.pop(field, None)
        if ids is None or not edit.isModified():
            return
        text = edit.text()
        edit.setModified(False)
        if text.strip() or not edit.mixed:  # a mixed field left empty: nothing was said
            self.apply(field, text, ids)
        else:
            self.refresh()

    def apply(self, field: str, value: Any, ids: list[str] | None = None) -> None:
        """Set `field` to `value` on the items (the shown ones by default): one undo step."""
        if self.doc is None:
            return
        changes = batch.field_changes(self.doc, self.entity, self.ids if ids is None else ids, field, value)
        if changes:
            n = len(changes)
            noun = self.one if n == 1 else self.many
            self._push(BatchUpdateCommand(self.doc, self.entity, changes,
                                          f"Change {self.words[field]} of {n} {noun}"))
        self.refresh()  # a refusal, or nothing to change: show the items' values again


class PeopleBox(BulkBox):
    def __init__(self, push: Push, parent: QWidget | None = None) -> None:
        super().__init__("person", "person", "people", push, parent)
        self.department = self.combo("&Department", "department_id", "department")
        self.stage = self.combo("Sta&ge", "stage", "stage")
        self.sourcing = self.combo("&Sourcing", "sourcing", "sourcing")
        self.sourcing.fill([("Insourced", "insourced", None), ("Outsourced", "outsourced", None)])
        self.stage.fill(stage_items())
        self.vendor = self.text("&Vendor", "vendor", "vendor", "The outsourcing partner")
        self.vendor.hint = "Set for the outsourced among them (customers keep their organisation)"
        self.cadence = self.combo("&Keep in touch", "cadence_days", "keep-in-touch cadence")
        self.finish()

    def fill_choices(self, doc: Any) -> None:
        """The choices that come from the map: its departments, its default cadence."""
        self.department.fill([("No department", None, None)] + [
            (d.name or "(unnamed department)", d.id, colour_icon(d.color)) for d in doc.departments.values()
        ])
        default = reachout.describe_cadence(doc.meta.stale_days)
        self.cadence.fill([(f"Map default ({default.lower()})", None, None)]
                          + [(label, days, None) for days, label in reachout.CADENCES])

    def refresh(self) -> None:
        if self.doc is not None:  # a cadence typed in a file or a roster, shared: shown as itself
            known = {self.cadence.itemData(i) for i in range(self.cadence.count())}
            shared = batch.values(self.doc, "person", self.ids, "cadence_days")
            if len(shared) == 1 and shared[0] not in known:
                self.cadence.addItem(reachout.describe_cadence(shared[0]), shared[0])
        super().refresh()


class HandoffBox(BulkBox):
    def __init__(self, push: Push, parent: QWidget | None = None) -> None:
        super().__init__("handoff", "hand-off", "hand-offs", push, parent)
        self.stage = self.combo("St&age", "stage", "hand-off stage")
        self.stage.fill(stage_items())
        self.what = self.text("&What is handed over", "what", "what is handed over",
                              "e.g. the signed contract, a bill of materials")
        self.two_way = self.check("T&wo-way (worked out together)", "two_way", "two-way")
        self.finish()
