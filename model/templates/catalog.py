"""Maps to start from: order-to-cash (a manufacturer), services (a software
company) and blank.

Each template is plain data (model/template_*.py) built into a Document
through the Document's own `add`, so a template can never hold something the
app would refuse. Ids are fresh for every new map; the bundled example passes
an `id_factory` to get the same ids on every build.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from types import ModuleType
from typing import Any

from model.document import Document, DocumentError
from model.entities import DEPARTMENT_COLORS, Department, Handoff, MapInfo, Person, Story, new_id
from model.layout import auto_layout
from model.templates import order_to_cash as template_order_to_cash
from model.templates import services as template_services

log = logging.getLogger(__name__)

IdFactory = Callable[[str, str], str]  # (kind of thing, key within the template) -> id

# name -> (label, what it is), in the order the start page and File > New offer them (both show these)
TEMPLATES: dict[str, tuple[str, str]] = {
    "order-to-cash": (
        "Order-to-cash: manufacturer",
        (
            "A pump manufacturer: sales, contracts, legal, engineering, procurement, production, "
            "outsourced logistics and installation, support, invoicing, collections, account management."
        ),
    ),
    "services": (
        "Services or software company",
        (
            "A software company: sales, deal desk, solution design, IT operations, an implementation "
            "partner, onboarding, customer success, support, billing, receivables, renewals."
        ),
    ),
    "blank": (
        "Blank map", "No people yet: the ten order-to-cash stages and the standard check-up statements."
    ),
}
TEMPLATE_NAMES: tuple[str, ...] = tuple(TEMPLATES)
BLANK_TITLE = "Untitled contract walk"
NO_PEOPLE_DESCRIPTION = (
    "The template's departments, ready for your roster (File > Import Roster into This Map)."
)

_DATA: dict[str, ModuleType] = {"order-to-cash": template_order_to_cash, "services": template_services}


def _fresh_id(_kind: str, _key: str) -> str:
    return new_id()


def build_from_data(
    data: ModuleType | Any, name: str, id_factory: IdFactory | None = None, people: bool = True
) -> Document:
    """A Document from a template data module (META, DEPARTMENTS, PEOPLE, HANDOFFS); without
    `people`, only its departments (with their serving definitions and KPIs), ready for a roster."""
    make_id = id_factory or _fresh_id
    doc = Document.with_standard_statements(MapInfo(template=name, **data.META))
    dept_ids: dict[str, str] = {}
    for n, (key, dept_name, serving, kpis) in enumerate(data.DEPARTMENTS):
        dept = Department(name=dept_name, color=DEPARTMENT_COLORS[n % len(DEPARTMENT_COLORS)],
                          serving_definition=serving, kpis=list(kpis), id=make_id("department", key))
        dept_ids[key] = doc.add("department", dept).id
    if not people:
        # the made-up company goes with its people: the title keeps only what comes before ':'
        doc.update_meta(title=doc.meta.title.split(":")[0].strip() or BLANK_TITLE,
                        organisation="", description=NO_PEOPLE_DESCRIPTION)
        return doc
    person_ids: dict[str, str] = {}
    for spec in data.PEOPLE:
        hand_on, reaches, why_good, moment = spec.get("story", ("", "", "", ""))
        person = Person(
            name=spec["name"],
            title=spec.get("title", ""),
            department_id=dept_ids[spec["dept"]] if spec.get("dept") else None,
            kind=spec.get("kind", "colleague"),
            sourcing=spec.get("sourcing", "insourced"),
            vendor=spec.get("vendor", ""),
            email=spec.get("email", ""),
            phone=spec.get("phone", ""),
            location=spec.get("location", ""),
            what_they_do=spec.get("what", ""),
            why_this_order=spec.get("why", ""),
            strengths=spec.get("strengths", ""),
            stage=spec.get("stage"),
            story=Story(hand_on, reaches, why_good, moment, sweet_spot=bool(spec.get("sweet_spot", False))),
            id=make_id("person", spec["key"]),
        )
        person_ids[spec["key"]] = doc.add("person", person).id
    for n, (giver, receiver, stage, what, why, two_way) in enumerate(data.HANDOFFS):
        handoff = Handoff(person_ids[giver], person_ids[receiver], what=what, stage=stage,
                          why_order=why, two_way=two_way, id=make_id("handoff", f"{n}:{giver}>{receiver}"))
        doc.add("handoff", handoff)
    doc.move_people(auto_layout(doc))
    return doc


def has_example_people(name: str) -> bool:
    """Whether a template comes with made-up example people (which the user may leave out)."""
    return name in _DATA


def build_template(name: str, id_factory: IdFactory | None = None, people: bool = True) -> Document:
    """A new map from a template by name; DocumentError for a name that is not a template.

    `people=False` leaves out the made-up example people (and their hand-offs): the template's
    departments, ready for the user's own roster (import-csv --into)."""
    if name == "blank":
        return Document.with_standard_statements(MapInfo(title=BLANK_TITLE, template="blank"))
    data = _DATA.get(name)
    if data is None:
        raise DocumentError(f"unknown template {name!r} (choose one of: {', '.join(TEMPLATE_NAMES)})")
    doc = build_from_data(data, name, id_factory, people)
    log.debug("built template %s: %d people", name, len(doc.people))
    return doc
