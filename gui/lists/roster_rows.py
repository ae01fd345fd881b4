"""The roster's rows as plain data: who is listed, in which section, in what order.

Kept apart from the widgets (gui/palette.py) so the full rebuild and the one-person update
share one definition of a row and of its place (tests/gui/test_scale_incremental.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from model.document import Document
from model.entities import CUSTOMER_COLOR
from model.layout import UNASSIGNED_COLOR
from model.naming import department_name


@dataclass(frozen=True)
class RosterRow:
    pid: str  # empty for a section header
    name: str
    detail: str = ""
    colour: str = ""
    unplaced: bool = False

    @property
    def is_header(self) -> bool:
        return not self.pid


def matches(doc: Document, p: Any, needle: str) -> bool:
    """Does the search (already stripped and casefolded) list this person?"""
    dept = department_name(doc, p)
    return not needle or any(needle in s.casefold() for s in (p.name, p.title, dept, p.email))


def person_row(doc: Document, p: Any) -> RosterRow:
    """One person's row (name, title · department, the lane's colour)."""
    dept = department_name(doc, p)
    if p.is_customer:
        colour = CUSTOMER_COLOR
        detail = " · ".join(x for x in (p.title.strip(), dept or "Customer") if x)
    else:
        d = doc.departments.get(p.department_id or "")
        colour = d.color if d else UNASSIGNED_COLOR
        detail = " · ".join(x for x in (p.title.strip(), dept) if x)
    return RosterRow(p.id, p.name.strip() or "(unnamed)", detail, colour, not p.placed)


def row_key(r: RosterRow) -> tuple[str, str]:
    """The order within a section: by name, then by id (stable for namesakes)."""
    return (r.name.casefold(), r.pid)


def roster_rows(doc: Document | None, query: str = "") -> list[RosterRow]:
    """The roster's rows: a section of people not yet in the walk, then everyone
    else, each sorted by name, filtered by name, title, department or email."""
    if doc is None:
        return []
    needle = query.strip().casefold()
    unplaced: list[RosterRow] = []
    placed: list[RosterRow] = []
    for p in doc.people.values():
        if not matches(doc, p, needle):
            continue
        (placed if p.placed else unplaced).append(person_row(doc, p))

    rows: list[RosterRow] = []
    if unplaced:
        rows.append(RosterRow("", f"Not in the walk yet ({len(unplaced)})", "Drag them onto the map"))
        rows.extend(sorted(unplaced, key=row_key))
    if placed:
        if unplaced:
            rows.append(RosterRow("", f"In the walk ({len(placed)})", "Double-click to find on the map"))
        rows.extend(sorted(placed, key=row_key))
    return rows
