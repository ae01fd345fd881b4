"""Hypothesis strategies for editing a copy of a map the way a person would (through Document
methods, so every edited copy is a valid map): the two sides of a three-way merge."""
from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import strategies as st

from model.document import Document
from model.entities import Department, Handoff, OutreachEntry, Person
from tests.strategies import dates, finite, text

PERSON_FIELDS = ("name", "title", "vendor", "what_they_do", "email")


@st.composite
def edited(draw: st.DrawFn, base: Document, max_edits: int = 5) -> Document:
    """A copy of `base` with a few random edits."""
    doc = base.clone()
    for _ in range(draw(st.integers(0, max_edits))):
        people = list(doc.people)
        choice = draw(st.sampled_from(
            ["field", "story", "move", "kpi", "outreach", "add_person", "remove_person", "handoff",
             "remove_handoff", "department", "meta", "remove_department"]
        ))
        _apply(draw, doc, choice, people)
    return doc


def _apply(draw: st.DrawFn, doc: Document, choice: str, people: list[str]) -> None:
    if choice == "field" and people:
        key = draw(st.sampled_from(PERSON_FIELDS))
        doc.update("person", draw(st.sampled_from(people)), **{key: draw(text)})
    elif choice == "story" and people:
        pid = draw(st.sampled_from(people))
        key = draw(st.sampled_from(["hand_on", "reaches_customer", "why_good", "moment"]))
        changes: dict[str, Any] = {key: draw(text)}
        doc.update("person", pid, story=dataclasses.replace(doc.people[pid].story, **changes))
    elif choice == "move" and people:
        doc.move_people({draw(st.sampled_from(people)): (draw(finite), draw(finite))})
    elif choice == "kpi" and doc.departments:
        did = draw(st.sampled_from(list(doc.departments)))
        kpis = list(doc.departments[did].kpis)
        if kpis and draw(st.booleans()):
            kpis.remove(draw(st.sampled_from(kpis)))
        else:
            kpis.append(draw(text))
        doc.update("department", did, kpis=kpis)
    elif choice == "outreach" and people:
        doc.add_outreach(draw(st.sampled_from(people)), OutreachEntry(date=draw(dates), note=draw(text)))
    elif choice == "add_person":
        dept = draw(st.sampled_from([None, *doc.departments]))
        doc.add("person", Person(name=draw(text), title=draw(text), department_id=dept))
    elif choice == "remove_person" and people:
        doc.remove("person", draw(st.sampled_from(people)))
    elif choice == "handoff" and len(people) >= 2:
        a, b = draw(st.permutations(people))[:2]
        doc.add("handoff", Handoff(a, b, what=draw(text)))
    elif choice == "remove_handoff" and doc.handoffs:
        doc.remove("handoff", draw(st.sampled_from(list(doc.handoffs))))
    elif choice == "department":
        doc.add("department", Department(name=draw(text)))
    elif choice == "meta":
        doc.update_meta(title=draw(text))
    elif choice == "remove_department" and doc.departments:
        doc.remove("department", draw(st.sampled_from(list(doc.departments))))
