"""A roster merge in words: the preview the command line prints (and the app's summary line).

Long lists are cut (a first import of 20,000 people is 20,000 joiners): the
counts are always whole, the names are the first few of each kind.
"""
from __future__ import annotations

from model.roster.merge import Merge
from model.roster.names import tidy

LIST_LIMIT = 50
ARROW = "→"


def _cut(text: str, limit: int = 60) -> str:
    flat = tidy(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def describe_person(merge: Merge, pid: str) -> str:
    """'Ann Lee (Sales)': a map person as a person reads them in a list."""
    doc = merge.plan.doc
    person = doc.people.get(pid) or merge.new_people.get(pid)
    if person is None:
        return "?"
    dept = doc.departments.get(person.department_id or "")
    detail = ", ".join(x for x in (_cut(person.title, 40), dept.name if dept else "", person.email) if x)
    return f"{_cut(person.name)} ({detail})" if detail else _cut(person.name)


def change_text(what: str, old: str, new: str) -> str:
    return f"{what} {_cut(old, 40) or '(none)'} {ARROW} {_cut(new, 40) or '(none)'}"


def _section(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    lines = [title]
    lines += [f"  {item}" for item in items[:LIST_LIMIT]]
    if len(items) > LIST_LIMIT:
        lines.append(f"  ... and {len(items) - LIST_LIMIT:,} more")
    return lines


def merge_report(merge: Merge, removed: bool, unit: str = "line") -> list[str]:
    """The preview of a merge, one line each: joiners, movers, leavers, ambiguous rows."""
    joiners = []
    for row in merge.joiners:
        where = ", ".join(x for x in (_cut(row.title, 40), _cut(row.department, 40)) if x)
        joiners.append(f"+ {_cut(row.name)}" + (f" — {where}" if where else ""))
    movers = [f"~ {_cut(m.name)}: " + "; ".join(change_text(*c) for c in m.changes) for m in merge.movers]
    leavers = [f"- {describe_person(merge, pid)}" for pid in merge.leavers]
    ambiguous = [
        f"? {unit} {item.row.line}: {_cut(item.row.name)} could be "
        + " or ".join(describe_person(merge, pid) for pid in item.candidates[:4])
        + f" ({item.why})"
        for item in merge.skipped
    ]
    fate = "removed from the map" if removed else 'kept and marked "left?"; --remove-leavers removes them'
    updated = (f", {len(merge.updated)} with a new name, contact details or extra fields"
               if merge.updated else "")
    lines = [f"{merge.summary()}; {merge.unchanged()} matched people unchanged{updated}"]
    lines += _section("joiners (added to the roster, unplaced: drag them into the walk):", joiners)
    lines += _section("movers:", movers)
    renamed = [f"~ {_cut(old, 40)} {ARROW} {_cut(new, 40)}" for old, new in merge.renamed()]
    lines += _section("renamed:", renamed)
    lines += _section(f"leavers ({fate}):", leavers)
    lines += _section("ambiguous (left out; add an ID or email column to tell them apart, "
                      "or import in the app and choose):", ambiguous)
    new_departments = merge.new_departments()
    if new_departments:
        lines.append("new departments: " + ", ".join(_cut(d.name, 40) for d in new_departments[:20])
                     + (f" and {len(new_departments) - 20} more" if len(new_departments) > 20 else ""))
    return lines
