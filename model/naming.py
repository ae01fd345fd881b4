"""How a person is named in any output, with or without redaction.

`--redact` replaces every person's name with their role and department and
leaves out contact details, everywhere: `model.redaction.apply` makes the redacted copy
of a map that every exporter prints; the labels it uses are made here.
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


LABEL_ROLE_MAX = 80  # characters of a title kept in a redacted label
LABEL_DEPARTMENT_MAX = 60


def _clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at a space if there is one in its second half."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "\u2026"


def redacted_label(doc: Document, person: Person, number: int = 0) -> str:
    """'Contract administrator (Legal)', or with a number where two roles read alike:
    'Account executive 2 (Sales)'. The label a redacted output prints for a person.

    It stands where a name stood, in every sentence that names them: a title or department
    of thousands of characters is cut (a 6,000-character title repeated at every mention
    made a redacted playbook five times as long as the map's own)."""
    role = _clip(" ".join(person.title.split()), LABEL_ROLE_MAX) or (
        "Customer contact" if person.is_customer else "Colleague")
    if number:
        role = f"{role} {number}"
    dept = _clip(" ".join(department_name(doc, person).split()), LABEL_DEPARTMENT_MAX)
    return f"{role} ({dept})" if dept else role


def display_name(doc: Document, person: Person, redact: bool = False) -> str:
    if redact:
        return redacted_names(doc).get(person.id) or redacted_label(doc, person)
    return person.name.strip() or "(unnamed)"


def redacted_names(doc: Document) -> dict[str, str]:
    """Person id -> redacted label, made unique with a number where two roles read alike.

    A redacted copy (`model.redaction.apply.redacted`) already carries these labels as names."""
    if getattr(doc.meta, "redaction", None) is not None:
        return {pid: p.name for pid, p in doc.people.items()}
    labels = {pid: redacted_label(doc, p) for pid, p in doc.people.items()}
    counts: dict[str, int] = {}
    for label in labels.values():
        key = label.casefold()
        counts[key] = counts.get(key, 0) + 1
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for pid, label in labels.items():
        key = label.casefold()
        if counts[key] > 1:
            seen[key] = seen.get(key, 0) + 1
            out[pid] = redacted_label(doc, doc.people[pid], seen[key])
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
