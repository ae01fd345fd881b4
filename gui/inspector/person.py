"""The inspector page for one person: who they are, how to reach them, what
they do and why in that order, and their line-of-sight story."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.commands import MetaCommand, StoryCommand, UpdateCommand
from gui.inspector.base import EntityForm
from gui.inspector.bindings import CheckBinding, ComboBinding, TextBinding
from gui.widgets import FormComboBox, colour_icon, heading_label, hint_label, text_area
from model import reachout
from model.document import DocumentError, batch
from model.entities import COLLEAGUE, CUSTOMER, INSOURCED, OUTSOURCED, Person, Story
from model.events import Event
from model.layout import free_slot, lane_key
from model.naming import department_name
from model.stages import STAGES, stage_label

# A short nudge under each story prompt: what a good answer talks about.
STORY_HINTS: dict[str, str] = {
    "hand_on": "What do you pass to the next person, and in what shape? Who is that person?",
    "reaches_customer": "Follow it onward: where, and when, does the customer feel your part?",
    "why_good": "What makes you good at it? (e.g. diagnosing fast because you listen well)",
    "moment": "A time your part made a difference to a customer — for better or worse.",
}
PLACEHOLDERS: dict[str, str] = {
    "hand_on": "I hand on …",
    "reaches_customer": "It reaches the customer when …",
    "why_good": "I'm good at it because …",
    "moment": "Once, …",
}


def stage_items() -> list[tuple[str, Any, None]]:
    return [("No stage", None, None)] + [(f"{i + 1}. {s.label}", s.id, None) for i, s in enumerate(STAGES)]


class StoryBox(QGroupBox):
    """The four line-of-sight prompts and the sweet-spot flag."""

    def __init__(self, form: PersonForm) -> None:
        super().__init__("Line of sight")
        self.form = form
        column = QVBoxLayout(self)
        column.setSpacing(4)
        column.addWidget(hint_label("How does this role ultimately affect the customer's experience?"))
        self.editors: dict[str, Any] = {}
        for key, prompt in Story.PROMPTS:
            label = QLabel(prompt)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            edit = text_area(PLACEHOLDERS[key], lines=3, max_lines=20)
            edit.setObjectName(f"story_{key}")
            edit.setAccessibleName(prompt)
            label.setBuddy(edit)
            column.addSpacing(4)
            column.addWidget(label)
            column.addWidget(hint_label(STORY_HINTS[key]))
            column.addWidget(edit)
            self.editors[key] = edit
            form.bind(TextBinding(edit, form.story_getter(key), form.story_setter(key, prompt)))
        self.sweet_spot = QCheckBox("Sweet spot")
        explanation = (
            "An essential customer contact point: a better experience and better economics coincide"
            " here (e.g. resolving a call the first time instead of keeping calls short)."
        )
        self.sweet_spot.setToolTip(explanation)
        column.addSpacing(4)
        column.addWidget(self.sweet_spot)
        column.addWidget(hint_label(explanation))
        form.bind(CheckBinding(self.sweet_spot, lambda: form.item().story.sweet_spot, form.write_sweet_spot))


class PersonForm(EntityForm):
    entity = "person"
    handsOffRequested = Signal(str)  # "Hands off to…": draw a hand-off from this person (keyboard way)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counted: tuple[int, str, int] | None = None  # (document, person, hand-offs)
        self.title_label = heading_label("")
        self.subtitle = hint_label("")
        self.placement = hint_label("")
        self.column.addWidget(self.title_label)
        self.column.addWidget(self.subtitle)
        self.place_button = QPushButton("Put &in the walk")
        self.place_button.setToolTip(
            "Place the card in their lane, at their stage (or drag them from the palette)"
        )
        self.place_button.clicked.connect(self.place)
        placement_row = QHBoxLayout()
        placement_row.addWidget(self.placement, 1)
        placement_row.addWidget(self.place_button)
        self.column.addLayout(placement_row)
        self.hands_off_button = QPushButton("&Hands off to…")
        self.hands_off_button.setToolTip("Draw a hand-off from this person to someone you pick "
                                         "(Ctrl+Shift+H on the canvas)")
        self.hands_off_button.clicked.connect(self._hands_off)
        placement_row.addWidget(self.hands_off_button)

        who = self.form_layout()
        self.name = QLineEdit()
        self.name.setPlaceholderText("Full name")
        self.title = QLineEdit()
        self.title.setPlaceholderText("Role or job title")
        self.kind = FormComboBox()
        self.kind.addItem("Colleague", COLLEAGUE)
        self.kind.addItem("Customer contact", CUSTOMER)
        self.department = FormComboBox()
        self.sourcing = FormComboBox()
        self.sourcing.addItem("Insourced", INSOURCED)
        self.sourcing.addItem("Outsourced", OUTSOURCED)
        self.vendor = QLineEdit()
        self.vendor_label = QLabel("&Vendor")
        self.vendor_label.setBuddy(self.vendor)
        self.stage = FormComboBox()
        for stage_text, data, _ in stage_items():
            self.stage.addItem(stage_text, data)
        self.you = QCheckBox("This is me (\"you are here\")")
        self.left = QCheckBox("Left? (not in the latest roster)")  # short: fits a laptop's narrow dock
        self.left.setToolTip("Not in the roster last imported (File > Import Roster into This Map); "
                             "untick if they are still here")
        who.addRow("&Name", self.name)
        who.addRow("&Title", self.title)
        who.addRow("&Kind", self.kind)
        who.addRow("&Department", self.department)
        who.addRow("&Sourcing", self.sourcing)
        who.addRow(self.vendor_label, self.vendor)
        who.addRow("Sta&ge", self.stage)
        who.addRow("", self.you)
        who.addRow("", self.left)
        self.column.addLayout(who)

        self.column.addWidget(heading_label("Contact", scale=1.05))
        contact = self.form_layout()
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@example.com")
        self.phone = QLineEdit()
        self.location = QLineEdit()
        self.location.setPlaceholderText("Office, city or time zone")
        contact.addRow("&Email", self.email)
        contact.addRow("&Phone", self.phone)
        contact.addRow("&Location", self.location)
        self.cadence = FormComboBox()
        self.cadence.setObjectName("cadence")
        self.cadence.setToolTip("How often to reach out again; the reach-out list and the calendar export "
                                "count from the last logged contact")
        self.next_reach = hint_label("")
        contact.addRow("&Keep in touch", self.cadence)
        contact.addRow("", self.next_reach)
        self.column.addLayout(contact)

        self.column.addWidget(heading_label("The work", scale=1.05))
        work = QVBoxLayout()
        work.setSpacing(2)
        self.what = text_area("What they do with the contract", 2)
        self.why = text_area("Why it happens at this point of the walk, not earlier or later", 2)
        self.strengths = text_area("What they are good at", 2)
        for caption, edit in (
            ("What they do", self.what),
            ("Why it happens in that order", self.why),
            ("Strengths", self.strengths),
        ):
            caption_label = QLabel(caption)
            caption_label.setBuddy(edit)
            edit.setAccessibleName(caption)
            work.addWidget(caption_label)
            work.addWidget(edit)
            work.addSpacing(4)
        self.column.addLayout(work)

        self.story = StoryBox(self)
        self.column.addWidget(self.story)
        self.column.addStretch(1)

        for widget, name, text in (
            (self.name, "name", "Rename person"),
            (self.title, "title", "Edit title"),
            (self.vendor, "vendor", "Edit vendor"),
            (self.email, "email", "Edit email"),
            (self.phone, "phone", "Edit phone"),
            (self.location, "location", "Edit location"),
            (self.what, "what_they_do", "Edit what they do"),
            (self.why, "why_this_order", "Edit why in this order"),
            (self.strengths, "strengths", "Edit strengths"),
        ):
            widget.setObjectName(name)
            self.bind(TextBinding(widget, self.getter(name), self.setter(name, text)))
        self.department_binding = self.bind(
            ComboBinding(self.department, lambda: self.field("department_id"), self.write_department)
        )
        self.bind(ComboBinding(self.kind, lambda: self.field("kind"), self.write_kind))
        self.bind(ComboBinding(
            self.sourcing, lambda: self.field("sourcing"), self.setter("sourcing", "Change sourcing", False)
        ))
        self.bind(ComboBinding(self.stage, lambda: self.field("stage"), self.write_stage))
        self.bind(CheckBinding(self.you, self.is_you, self.write_you))
        self.cadence_binding = self.bind(ComboBinding(
            self.cadence, lambda: self.field("cadence_days"),
            self.setter("cadence_days", "Change keep-in-touch cadence", False),
        ))
        self.setTabOrder(self.location, self.cadence)
        self.setTabOrder(self.cadence, self.what)
        mark_left = self.setter("left", "Change left?", False)
        self.bind(CheckBinding(self.left, lambda: self.field("left"), mark_left))

    # ----- what the form shows ---------------------------------------------
    def rebuild_choices(self) -> None:
        if self.doc is None:
            return
        items: list[tuple[str, Any, Any]] = [("No department", None, None)]
        for d in self.doc.departments.values():
            items.append((d.name or "(unnamed department)", d.id, colour_icon(d.color)))
        self.department_binding.set_items(items)  # type: ignore[union-attr]
        self.cadence_binding.set_items(self.cadence_items())  # type: ignore[union-attr]

    def cadence_items(self) -> list[tuple[str, Any, Any]]:
        """The map's default first (it follows "stale after"), then the usual cadences, and the
        person's own number of days if it is none of those (typed in a file or a roster)."""
        assert self.doc is not None
        default = reachout.describe_cadence(self.doc.meta.stale_days)
        items: list[tuple[str, Any, Any]] = [(f"Map default ({default.lower()})", None, None)]
        items += [(label, days, None) for days, label in reachout.CADENCES]
        try:
            own = self.item().cadence_days
        except DocumentError:
            own = None
        if own is not None and own not in dict(reachout.CADENCES):
            items.append((reachout.describe_cadence(own), own, None))
        return items

    def choices_affected(self, event: Event) -> bool:
        return event.entity == "department" or (event.entity == "meta" and "stale_days" in event.fields)

    def concerns(self, event: Event) -> bool:
        if event.entity == "meta":
            return "you_id" in event.fields or "stale_days" in event.fields
        if event.entity == "handoff":
            self._counted = None
            return True  # the hand-off count in the subtitle
        return super().concerns(event)

    def _hands_off(self) -> None:
        if self.ids:
            self.handsOffRequested.emit(self.ids[0])

    def is_you(self) -> bool:
        return self.doc is not None and bool(self.ids) and self.doc.meta.you_id == self.ids[0]

    def refresh_extras(self) -> None:
        try:
            p: Person = self.item()
        except DocumentError:
            return
        assert self.doc is not None
        self.title_label.setText(p.name.strip() or "(unnamed)")
        parts = ["Customer contact" if p.is_customer else "Colleague"]
        dept = department_name(self.doc, p)
        if dept:
            parts.append(dept)
        parts.append(stage_label(p.stage))
        counted = self._counted  # counting scans every hand-off: not again on each keystroke
        if counted is None or counted[:2] != (id(self.doc), p.id):
            counted = self._counted = (id(self.doc), p.id, len(self.doc.handoffs_of(p.id)))
        count = counted[2]
        parts.append(f"{count} hand-off{'s' if count != 1 else ''}")
        self.subtitle.setText(" · ".join(parts))
        item = reachout.reach_out_in(self.doc, p)
        self.next_reach.setText(
            "This is you: no reminders." if p.id == self.doc.meta.you_id
            else "No reminders for them." if item.next_date is None
            else f"Next reach-out: {item.when} ({item.next_date.isoformat()})"
        )
        self.you.setVisible(not p.is_customer or self.is_you())  # a customer is never "you" (but undo shows)
        self.placement.setVisible(not p.placed)
        self.place_button.setVisible(not p.placed)
        self.hands_off_button.setVisible(p.placed)
        self.placement.setText("Not in the walk yet: drag them from the palette onto the map.")
        self.department.setEnabled(not p.is_customer)
        self.sourcing.setEnabled(not p.is_customer)
        if p.is_customer:
            self.vendor_label.setText("Or&ganisation")
            self.vendor.setPlaceholderText("The customer's organisation")
            self.vendor.setEnabled(True)
        else:
            self.vendor_label.setText("&Vendor")
            self.vendor.setPlaceholderText(
                "The outsourcing partner" if p.sourcing == OUTSOURCED else "Only for outsourced roles"
            )
            self.vendor.setEnabled(p.sourcing == OUTSOURCED or bool(p.vendor))

    # ----- writing ---------------------------------------------------------
    def _changes(self, field: str, value: Any) -> dict[str, Any]:
        """Setting one field, and the card's new place when that takes it to another lane or
        column (the same rule as changing several people at once: model/document/batch.py)."""
        p: Person = self.item()
        return batch.person_changes(self.doc, [p.id], field, value).get(p.id, {field: value})

    def write_department(self, did: str | None) -> None:
        self.push_update(self._changes("department_id", did), "Change department")

    def write_kind(self, kind: str) -> None:
        p: Person = self.item()
        changes = self._changes("kind", kind)
        text = "Make customer contact" if kind == CUSTOMER else "Make colleague"
        if kind != CUSTOMER or not self.is_you() or self.stack is None or self.doc is None:
            self.push_update(changes, text)
            return
        self.stack.beginMacro(text)  # "you" is a colleague: a customer is unmarked, one undo step
        try:
            self.push(UpdateCommand(self.doc, "person", p.id, changes))
            self.push(MetaCommand(self.doc, {"you_id": None}, "Unmark you"))
        finally:
            self.stack.endMacro()

    def write_stage(self, stage: str | None) -> None:
        self.push_update(self._changes("stage", stage), "Change stage")

    def place(self) -> None:
        """Put a roster person into the walk: their lane, their stage column, a free row."""
        p: Person = self.item()
        if p.placed:
            return
        assert self.doc is not None
        pos = free_slot(self.doc, lane_key(p), p.stage, exclude=p.id)
        self.push_update({"placed": True, "pos": pos}, f"Put {p.name.strip() or 'person'} in the walk")

    def write_you(self, checked: bool) -> None:
        if self.doc is None or not self.ids:
            return
        pid = self.ids[0] if checked else None
        self.push(MetaCommand(self.doc, {"you_id": pid}, "Mark as you" if checked else "Unmark you"))

    def story_getter(self, key: str) -> Callable[[], str]:
        def read() -> str:
            return str(getattr(self.item().story, key))

        return read

    def story_setter(self, key: str, prompt: str) -> Callable[[str], None]:
        def write(text: str) -> None:
            self.write_story(key, text, prompt)

        return write

    def write_story(self, key: str, text: str, prompt: str) -> None:
        if self.doc is None or not self.ids:
            return
        self.push(StoryCommand(self.doc, self.ids[0], key, text, f"Edit story: {prompt}"))

    def write_sweet_spot(self, checked: bool) -> None:
        if self.doc is None or not self.ids:
            return
        story = dataclasses.replace(self.item().story, sweet_spot=checked)
        text = "Mark sweet spot" if checked else "Unmark sweet spot"
        self.push(UpdateCommand(self.doc, "person", self.ids[0], {"story": story}, text))
