"""One playbook per team: the parts of the map that involve some departments.

A team prints its own playbook: its people's walk steps, roles, department pages,
the insights that name them, and map pages of its lanes. The hand-offs that come in
from other departments and go out to them are kept (with the neighbours at their
other end), so the team sees where its work comes from and where it goes.

The analysis runs on the whole map (walk step numbers, single points of failure and
bottlenecks are properties of the whole walk); only what is printed is narrowed.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable

from export.pdf import styles
from model.analysis.results import Report
from model.document import Document
from model.document.checks import shown
from model.entities import Person


class UnknownDepartment(ValueError):
    """A department name that is not on the map; the message lists the ones that are."""


def _key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


LISTED = 20  # departments named in an error line


def department_names(doc: Document) -> list[str]:
    """The map's department names, in lane order (what the CLI and the dialog offer)."""
    return [" ".join(d.name.split()) or "(unnamed department)" for d in doc.departments.values()]


def resolve(doc: Document, names: Iterable[str]) -> list[str]:
    """Department ids for `names` (case and spacing ignored), in lane order.

    Raises UnknownDepartment naming the ones not found and listing the map's departments."""
    by_key: dict[str, list[str]] = {}
    for d in doc.departments.values():
        by_key.setdefault(_key(d.name), []).append(d.id)
    wanted: list[str] = []
    unknown: list[str] = []
    for raw in names:
        key = _key(raw)
        if not key:
            continue
        if key in by_key:
            wanted += by_key[key]
        elif raw in doc.departments:  # a department id, as the GUI passes it
            wanted.append(raw)
        else:
            unknown.append(" ".join(str(raw).split()))
    if unknown:
        # one readable line, however long the names typed or on the map
        names = [name if len(name) <= 40 else f"{name[:39]}…" for name in department_names(doc)]
        more = f" and {len(names) - LISTED} more" if len(names) > LISTED else ""
        listed = ", ".join(names[:LISTED]) + more
        noun = "department" if len(unknown) == 1 else "departments"
        raise UnknownDepartment(f"no {noun} {', '.join(shown(u) for u in unknown[:5])} on the map; "
                                f"its departments are: {listed or 'none (the map has no departments)'}")
    if not wanted:
        raise UnknownDepartment("name at least one department")
    chosen = set(wanted)
    return [did for did in doc.departments if did in chosen]


def _short(name: str, most: int = 60) -> str:
    """A name short enough for a footer line (which is never cut) and a cover line."""
    return name if len(name) <= most else name[: most - 1].rstrip() + "\u2026"


def file_part(name: str) -> str:
    """A department name as part of a file name: letters, digits and dashes, any script."""
    cleaned = re.sub(r"[^\w]+", "-", name.strip(), flags=re.UNICODE).strip("-_.")
    return cleaned[:60].strip("-_.") or "department"


@dataclass
class Focus:
    """The departments a playbook is for, the people in them, and their neighbours."""

    doc: Document
    department_ids: list[str]
    people: set[str] = field(default_factory=set)  # in the chosen departments
    neighbours: set[str] = field(default_factory=set)  # at the other end of their hand-offs
    handoffs: set[str] = field(default_factory=set)  # with at least one end in `people`

    def __post_init__(self) -> None:
        chosen = set(self.department_ids)
        self.people = {p.id for p in self.doc.people.values()
                       if not p.is_customer and p.department_id in chosen}
        for h in self.doc.handoffs.values():
            if h.source in self.people or h.target in self.people:
                self.handoffs.add(h.id)
                for end in (h.source, h.target):
                    if end not in self.people and end in self.doc.people:
                        self.neighbours.add(end)

    @property
    def label(self) -> str:
        """'Sales and Legal' — how the cover and the running footer name the team."""
        names = [_short(" ".join(self.doc.departments[d].name.split())) or "(unnamed department)"
                 for d in self.department_ids if d in self.doc.departments]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def narrow(self, report: Report) -> Report:
        """The report with the walk steps of the team and the findings that involve it."""
        chosen = set(self.department_ids)
        walk = [s for s in report.walk if s.person_id in self.people]
        findings = [
            f for f in report.findings
            if any(pid in self.people for pid in f.people)
            or any(did in chosen for did in f.departments)
            or any(hid in self.handoffs for hid in f.handoffs)
        ]
        return dataclasses.replace(report, walk=walk, findings=findings)

    def map_document(self, doc: Document) -> Document:
        """The map to draw: the team as it sits, its neighbours in their own lanes (packed
        up, so a lane of a few neighbours is a few rows, not the whole department's height),
        and the hand-offs between them (a neighbour's other hand-offs are left out)."""
        twin = Document(dataclasses.replace(doc.meta))
        twin.people.update({pid: p for pid, p in doc.people.items() if pid in self.people})
        packed = _packed([doc.people[pid] for pid in self.neighbours])
        twin.people.update({p.id: p for p in packed})
        lanes_used = {p.department_id for p in twin.people.values() if not p.is_customer}
        chosen = set(self.department_ids)
        twin.departments.update({
            did: d if did in chosen else dataclasses.replace(d, lane_height=0.0)
            for did, d in doc.departments.items() if did in lanes_used
        })
        twin.handoffs.update({hid: h for hid, h in doc.handoffs.items() if hid in self.handoffs})
        return twin


def _packed(people: list[Person]) -> list[Person]:
    """Copies of `people` moved up their lane: in each stage column, one card per row from
    the top, in the order they stood (a column's cards never overlap)."""
    from model.layout import COL_W, LABEL_W, PAD, ROW_H, lane_key

    columns: dict[tuple[str, int], list[Person]] = {}
    for p in people:
        col = int((p.pos[0] - LABEL_W) // COL_W)
        columns.setdefault((lane_key(p), col), []).append(p)
    out: list[Person] = []
    for group in columns.values():
        group.sort(key=lambda p: (p.pos[1], p.pos[0]))
        out += [dataclasses.replace(p, pos=(p.pos[0], PAD + i * ROW_H)) for i, p in enumerate(group)]
    return out


# ----- what the walk prints of a neighbour ----------------------------------
def outside(ctx: Any, pid: str) -> str:
    """' (Finance)' after a name from another department in a team's playbook, else ''."""
    person = ctx.doc.people.get(pid)
    if ctx.focus is None or person is None or pid in ctx.focus.people:
        return ""
    return f" ({'customer' if person.is_customer else ctx.dept_name(person) or 'no department'})"


def handoffs_in(ctx: Any, incoming: list[str]) -> list[Flowable]:
    """A team's playbook: what comes in from other departments, and from whom."""
    out: list[Flowable] = []
    for hid in incoming:
        h = ctx.doc.handoffs.get(hid)
        if h is None or not outside(ctx, h.source):
            continue
        what = ctx.free(h.what).strip() or "(not said what)"
        source = ctx.name(h.source) + outside(ctx, h.source)
        text = f"<b>Takes</b> {styles.markup(what)} <b>from</b> {styles.markup(source)}"
        out.append(ctx.p(text, ctx.styles.body_tight, what + source))
    return out
