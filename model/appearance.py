"""What the walk looks like, decided once for the canvas and every export (PDF, PNG, SVG, GraphML).

Screen and paper must never disagree: the step number on a hand-off arrow comes from here, and
so do a card's colour (`card_color`) and the "you are here" mark. Where arrows run and their
badges and labels go is in model/arrows.py. Pure Python, no Qt.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from model.document import Document
from model.entities import CUSTOMER_COLOR, Person
from model.layout import UNASSIGNED_COLOR
from model.stages import stage_index

YOU_COLOR = "#E9A23B"  # the outline and pill of the card marked "you are here", on screen and paper


def card_color(doc: Document, person: Person) -> str:
    """A card's accent ('#RRGGBB'): the customer colour, else the person's department's,
    else the colour of people with no department."""
    if person.is_customer:
        return CUSTOMER_COLOR
    dept = doc.departments.get(person.department_id or "")
    return dept.color if dept else UNASSIGNED_COLOR


class _Step(Protocol):
    person_id: str
    step: int


def step_numbers(doc: Document, walk: Sequence[_Step] | None = None) -> dict[str, int]:
    """Hand-off id -> its 1-based step number.

    Hand-offs are numbered by the giver's place in the walk, then by the hand-off's own stage
    (what happens earlier in the order-to-cash cycle comes first), then by the receiver's place.
    Hand-offs outside the walk (an end not placed) are numbered after it, by stage. `walk` is the
    analysis's walk (`Report.walk` or `WalkGraph(doc).steps`) when the caller already has it.
    """
    if walk is None:
        from model.analysis.graph import WalkGraph

        walk = WalkGraph(doc).steps
    place = {s.person_id: s.step for s in walk}
    far = len(place) + 1

    def stage(hid: str) -> int:
        h = doc.handoffs[hid]
        if h.stage is not None:
            return stage_index(h.stage)
        giver = doc.people.get(h.source)
        return stage_index(giver.stage if giver else None)

    def key(hid: str) -> tuple[int, int, int, str]:
        h = doc.handoffs[hid]
        return place.get(h.source, far), stage(hid), place.get(h.target, far), hid

    in_walk = sorted((h for h in doc.handoffs if doc.handoffs[h].source in place
                      and doc.handoffs[h].target in place), key=key)
    numbered = set(in_walk)
    rest = sorted((h for h in doc.handoffs if h not in numbered), key=lambda h: (stage(h), key(h)))
    return {hid: i + 1 for i, hid in enumerate([*in_walk, *rest])}
