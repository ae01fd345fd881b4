"""What a person's card shows, as a snapshot taken from the document when it changes:
the card paints this and never reads the document while painting."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gui.canvas.items.card_text import clean_text
from model.coaching import contact_age_days, describe_age, staleness
from model.document import Document
from model.entities import CUSTOMER_COLOR, OUTSOURCED, Person
from model.layout import UNASSIGNED_COLOR
from model.reachout import overdue

CUSTOMER_ACCENT = CUSTOMER_COLOR  # one customer colour on screen and paper (model/entities.py)


@dataclass(frozen=True, slots=True)
class CardFace:
    """Everything a card shows, taken from the document when it changes."""

    name: str
    title: str
    color: str
    customer: bool = False
    outsourced: bool = False
    vendor: str = ""
    story: bool = False
    sweet_spot: bool = False
    you: bool = False
    stale: bool = False
    contact: str = ""  # when "you" last spoke with them ("" when no "you" is marked)
    fade: float = 0.0  # 0 = spoken to recently ... 1 = never, or stale: the card fades by this
    left: bool = False  # not in the latest roster merged into the map

    @classmethod
    def of(cls, doc: Document, person: Person, today: dt.date | None = None) -> CardFace:
        dept = doc.departments.get(person.department_id or "")
        color = CUSTOMER_ACCENT if person.is_customer else (dept.color if dept else UNASSIGNED_COLOR)
        you = doc.meta.you_id == person.id
        stale = not (person.is_customer or you) and overdue(person, doc.meta.stale_days, today)  # by cadence
        contact, fade = "", 0.0
        if doc.meta.you_id and not you and not person.is_customer:
            age = contact_age_days(person, today)
            contact = "Never spoken" if age is None else f"Spoke {describe_age(age)}"
            fade = staleness(person, doc.meta.stale_days, today)
        return cls(
            contact=contact,
            fade=fade,
            name=clean_text(person.name) or "(unnamed)",
            title=clean_text(person.title),
            color=color,
            customer=person.is_customer,
            outsourced=person.sourcing == OUTSOURCED,
            vendor=clean_text(person.vendor, 60),
            story=person.story.is_written(),
            sweet_spot=person.story.sweet_spot,
            you=you,
            stale=stale,
            left=person.left,
        )

    def tooltip(self) -> str:
        """The card's tooltip, as HTML (user text escaped)."""
        from html import escape

        lines = [f"<b>{escape(self.name)}</b>"]
        if self.title:
            lines.append(escape(self.title))
        if self.outsourced:
            lines.append("Outsourced" + (f" to {escape(self.vendor)}" if self.vendor else ""))
        if self.customer and self.vendor:
            lines.append(escape(self.vendor))
        lines.append("Story written" if self.story else "No story yet")
        if self.sweet_spot:
            lines.append("Sweet spot: an essential customer contact point")
        if self.stale:
            lines.append("Overdue for a reach-out")
        return "<br>".join(lines)
