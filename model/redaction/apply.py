"""Redaction, in one place: a redacted COPY of a map that every exporter prints as usual.

Why a copy: when each exporter scrubbed the fields it knew about, every new
field (and every new exporter) was a new leak. Here every text field of every
entity is scrubbed — found by walking the dataclasses, so a field added later
is scrubbed too unless it is listed as not text (ids, dates, colours).

What the copy holds:
- each person's name is their role label ('Applications engineer (Engineering)',
  numbered where two read alike); their full name, each part of it and its
  possessive ("Jonas's") are replaced by that label in every text, whole words,
  any case, any script; a first name two people share becomes "a colleague";
- e-mail, phone, location, the roster ID and extra roster columns are left out,
  and e-mail addresses and phone numbers inside free text too; outreach notes
  are left out (dates and channels stay);
- an action item's owner is the owner's label, or "someone not on the map"
  when it names nobody on the map (a department, a title or "me" stay);
- "prepared for/by" name each person once (no "Engineer (Eng), Engineer");
- with `orgs`, the organisation becomes "our organisation" and customer and
  partner organisations "Customer A", "Partner A"...

What cannot be recognised is listed by `redaction_warnings` (the export dialog
shows it before exporting): name parts that are ordinary words (replaced only
where written as in the roster), parts too short to find, owners not on the map.
"""
from __future__ import annotations

import copy
import dataclasses
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from model.document import COLLECTIONS, Document
from model.entities import MapInfo
from model.redaction.plan import Plan, make_plan, unknown_names
from model.redaction.scrub import Scrubber, Term, fold, words_of

SOMEONE_ELSE = "someone not on the map"
MARK = "redaction"  # the attribute of a redacted copy's MapInfo (never saved: not a field)
# Fields that are not text a person typed about people: kept as they are.
_KEEP = frozenset({
    "id", "department_id", "kind", "sourcing", "stage", "source", "target", "date", "due", "color",
    "reports_to", "you_id", "template", "placed", "pos", "lane_height", "two_way", "standard", "done",
    "answers", "areas", "stale_days", "sweet_spot",
})
_DROP = frozenset({"email", "phone", "location", "external_id"})  # contact details and roster ids


@dataclass(frozen=True)
class Redaction:
    """How a copy was redacted; kept on its MapInfo, so a clone of the copy is known as redacted."""

    orgs: bool
    terms: tuple[Term, ...]  # what was replaced, so an earlier version can be redacted alike
    warnings: tuple[str, ...]


def redaction_of(doc: Document) -> Redaction | None:
    found = getattr(doc.meta, MARK, None)
    return found if isinstance(found, Redaction) else None


def redacted(doc: Document, orgs: bool = False, alongside: Document | None = None) -> Document:
    """A redacted copy of `doc` (the map itself when it already is one, as strict).

    alongside: a redacted map whose names must be taken out of this one too (an
    earlier version of it that the playbook compares with). A copy redacted without
    `orgs` cannot be redacted again with it (its names are labels by then): ValueError."""
    done = redaction_of(doc)
    if done is not None and (done.orgs or not orgs):
        return doc
    if done is not None:
        raise ValueError("redact the original map with orgs=True, not a copy redacted without it")
    before = redaction_of(alongside) if alongside is not None else None
    plan = make_plan(doc, orgs)
    scrub = Scrubber([*plan.terms, *(before.terms if before else ())], phrases=plan.phrases)
    twin = Document(MapInfo())
    for entity in COLLECTIONS:
        twin.collection(entity).update(copy.deepcopy(doc.collection(entity)))
    for d in twin.departments.values():
        _scrub_fields(d, scrub, skip={"name"})
        d.name = plan.clean(d.name)
    for p in twin.people.values():
        _scrub_fields(p, scrub, skip={"name", "title", "vendor"})
        p.title, p.vendor = plan.clean(p.title), plan.clean(p.vendor)
        p.extra = {}
        for entry in p.outreach:
            entry.note = ""
    for pid, p in twin.people.items():
        p.name = plan.labels[pid]
    for entity in ("handoff", "statement", "checkup"):
        for item in twin.collection(entity).values():
            _scrub_fields(item, scrub)
    for s in twin.sessions.values():
        _scrub_fields(s, scrub, skip={"action_items"})
        for a in s.action_items:
            _scrub_fields(a, scrub, skip={"owner"})
            a.owner = _owner(a.owner, scrub, plan)
    meta = copy.deepcopy(doc.meta)
    _scrub_fields(meta, scrub, skip={"prepared_for", "prepared_by", "organisation"})
    meta.organisation = plan.org_name(meta.organisation, scrub)
    meta.prepared_for = _prepared(meta.prepared_for, scrub, plan, twin)
    meta.prepared_by = _prepared(meta.prepared_by, scrub, plan, twin)
    setattr(meta, MARK, Redaction(orgs, tuple(plan.terms), tuple(plan.warnings)))
    twin.meta = meta
    return twin


def redaction_warnings(doc: Document, orgs: bool = False, limit: int = 12) -> list[str]:
    """What redaction cannot take out with confidence, in sentences for the person exporting
    (they may name people: they are shown to the map's owner, never printed)."""
    plan = make_plan(doc, orgs)
    scrub = Scrubber(plan.terms, phrases=plan.phrases)
    warnings = list(plan.warnings)
    for s in doc.sessions.values():
        for a in s.action_items:
            if a.owner.strip() and _owner(a.owner, scrub, plan) == SOMEONE_ELSE:
                warnings.append(
                    f"The action item owner \u201c{_short(a.owner)}\u201d is nobody on the map: "
                    f"printed as \u201c{SOMEONE_ELSE}\u201d."
                )
    unknown: dict[str, str] = {}
    for where, text in texts(doc):
        if where == "action item owner":
            continue
        for name in unknown_names(text, plan, at_start=where in _PREPARED):
            unknown.setdefault(name, where)
        if len(unknown) >= limit:
            break
    for name, where in unknown.items():
        if where in _PREPARED:
            warnings.append(f"\u201c{_short(name)}\u201d ({where}) is nobody on the map: it is left out.")
        else:
            warnings.append(
                f"\u201c{_short(name)}\u201d ({where}) looks like a name but is nobody on the map: "
                "it is printed as written."
            )
    return list(dict.fromkeys(warnings + plan.shared))


_PREPARED = ("prepared for", "prepared by")
_WHERE = {
    "MapInfo": "the map's", "Person": "a person's", "Story": "a story's", "Department": "a department's",
    "Handoff": "a hand-off's", "Statement": "a check-up statement's", "Checkup": "a check-up's",
    "Session": "a session's", "ActionItem": "an action item's", "OutreachEntry": "an outreach entry's",
}


def texts(doc: Document) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person typed in the map, as redaction sees them."""
    yield from _texts_in(doc.meta)
    for entity in COLLECTIONS:
        for item in doc.collection(entity).values():
            yield from _texts_in(item)


def _texts_in(item: Any) -> Iterator[tuple[str, str]]:
    owner = type(item).__name__
    for f in dataclasses.fields(item):
        if f.name in _KEEP or f.name in _DROP:
            continue
        value = getattr(item, f.name)
        where = f.name.replace("_", " ") if owner == "MapInfo" and f.name.startswith("prepared") else (
            "action item owner" if (owner, f.name) == ("ActionItem", "owner")
            else f"{_WHERE.get(owner, owner)} {f.name.replace('_', ' ')}"
        )
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, str) and v:
                yield where, v
            elif dataclasses.is_dataclass(v) and not isinstance(v, type):
                yield from _texts_in(v)


def _scrub_fields(item: Any, scrub: Scrubber, skip: Iterable[str] = ()) -> None:
    """Every text in `item` (and in the dataclasses and lists inside it) scrubbed in place."""
    skipped = set(skip)
    for f in dataclasses.fields(item):
        name = f.name
        if name in _KEEP or name in skipped:
            continue
        if name in _DROP:
            setattr(item, name, "")
            continue
        setattr(item, name, _scrubbed(getattr(item, name), scrub))


def _scrubbed(value: Any, scrub: Scrubber) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_scrubbed(v, scrub) for v in value]
    if isinstance(value, dict):
        return {}  # free-form pairs (roster columns we do not know): left out
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _scrub_fields(value, scrub)
        return value
    return value


def _owner(owner: str, scrub: Scrubber, plan: Plan) -> str:
    """An owner who is on the map -> their label; nobody on the map -> SOMEONE_ELSE;
    a department, a title or ordinary words ("me", "the team") stay."""
    if not owner.strip():
        return owner
    done = scrub(owner)
    if done != owner:
        return done
    words = [fold(w) for w in words_of(owner)]
    if fold(" ".join(owner.split())) in plan.roles or all(w in plan.vocabulary for w in words):
        return owner
    return SOMEONE_ELSE


def _prepared(text: str, scrub: Scrubber, plan: Plan, twin: Document) -> str:
    """'Prepared for/by': names of people on the map become their label, once; a name of
    somebody not on the map ('Jordan Ellis, coach') is left out."""
    parts = re.split(r"(\s*(?:[,;&/]|\band\b|\u2013|\u2014)\s*)", text)
    kept = "".join(
        "" if i % 2 == 0 and (found := unknown_names(part, plan)) and found[0] == " ".join(part.split())
        else part
        for i, part in enumerate(parts)
    )
    return _once_each(scrub(kept), twin).strip(string.whitespace + ",;&/\u2013\u2014")


def _once_each(text: str, twin: Document) -> str:
    """'Engineer (Eng), Engineer, Eng' -> 'Engineer (Eng)': after a name became its label,
    the title and department typed next to it say the same again."""
    labels = [p.name for p in twin.people.values() if p.name and p.name in text]
    if not labels:
        return text
    marks: dict[str, str] = {}
    for i, label in enumerate(sorted(labels, key=len, reverse=True)):
        mark = f"\ue010{i}\ue011"
        if label in text:
            text = text.replace(label, mark)
            marks[mark] = label
    parts: set[str] = set()
    for label in marks.values():
        role, _, dept = label.partition(" (")
        parts.update(x for x in (role.strip(), dept.rstrip(")").strip()) if x)
        if dept:
            parts.add(f"{role.strip()}, {dept.rstrip(')').strip()}")
    pattern = "|".join(re.escape(x) for x in sorted(parts, key=len, reverse=True))
    after_mark = r"(?<=\ue011)\s*"
    repeat = re.compile(
        rf"{after_mark}(?:[,;/\u2013\u2014-]\s*(?:{pattern})|\(\s*(?:{pattern})\s*\))(?!\w)", re.IGNORECASE
    )
    while True:
        shorter = repeat.sub("", text)
        if shorter == text:
            break
        text = shorter
    for mark, label in marks.items():
        text = text.replace(mark, label)
    return text.strip(string.whitespace + ",;")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
