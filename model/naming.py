"""How a person is named in any output, with or without redaction.

`--redact` replaces every person's name with their role and department and
leaves out contact details, everywhere: every exporter asks here.
"""
from __future__ import annotations

from model.document import Document
from model.entities import Person


def department_name(doc: Document, person: Person) -> str:
    if person.is_customer:
        return person.vendor or "Customer"
    dept = doc.departments.get(person.department_id or "")
    return dept.name if dept else ""


def role_label(doc: Document, person: Person) -> str:
    """'Contract administrator, Legal' — what a redacted output shows instead of a name."""
    role = person.title.strip() or ("Customer contact" if person.is_customer else "Colleague")
    dept = department_name(doc, person)
    return f"{role}, {dept}" if dept else role


def display_name(doc: Document, person: Person, redact: bool = False) -> str:
    if redact:
        return role_label(doc, person)
    return person.name.strip() or "(unnamed)"


def redacted_names(doc: Document) -> dict[str, str]:
    """Person id -> redacted label, made unique with a number where two roles read alike."""
    labels = {pid: role_label(doc, p) for pid, p in doc.people.items()}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for pid, label in labels.items():
        if counts[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            out[pid] = f"{label} ({seen[label]})"
        else:
            out[pid] = label
    return out


def names(doc: Document, redact: bool = False) -> dict[str, str]:
    """Person id -> the name to print."""
    if redact:
        return redacted_names(doc)
    return {pid: display_name(doc, p) for pid, p in doc.people.items()}


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "1 department", "2 departments", "1 person", "3 people": a count a person reads."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
