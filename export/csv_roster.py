"""The people of a map as a roster CSV that `import-csv` reads back.

`write_csv(doc, path, redact=False)` writes one row per person (colleagues lane
by lane, then customers) in the roster format of README.md, plus columns that
keep what a plain roster would lose, so importing the file gives back the same
people (with the same ids), departments (those with members, in lane order),
customers, hand-offs (with what, stage, why and two-way) and stories:

- name,title,department,kind,sourcing,email,hands_off_to,hands_off_what,stage,story:
  as in README.md; a customer's department is their organisation; `story` is
  the first prompt ("what I hand on").
- story_reaches_customer, story_why_good, story_moment, sweet_spot: the rest of
  the story.
- hands_off_to lists the person's hand-offs (as giver) separated by ';'. Each
  is named by the receiver's name, or by their map_id when the name is not
  unique in the map. hands_off_what / hands_off_why hold one text when it is
  the same for all of the row's hand-offs, otherwise one per hand-off in the
  same order; hands_off_stage is empty where a hand-off's stage is the
  person's own stage, `none` where it has no stage; hands_off_two_way says
  yes/no per hand-off. Inside these list cells a ';' is written '\\;' and a
  backslash '\\\\' (the importer undoes it).
- phone, location, vendor, what_they_do, why_this_order, strengths,
  reports_to (a name or map_id, like hand-offs), id (the roster's own ID),
  map_id (the person's id in the map; the importer reuses it), then one column
  per extra field (headed 'extra: KEY' where KEY alone would look like a known
  column).
- A cell starting with = + - @ ' (or a tab / CR) gets a leading apostrophe, so
  a spreadsheet shows it as text instead of running it as a formula; the
  importer takes the apostrophe off again.
- Not kept: department colours, KPIs and definitions, departments without
  people, card positions (the importer lays the map out), outreach logs,
  check-ups and sessions, spaces around names, list items and other short
  fields, blank extra values, a second hand-off between the same two people in
  the same direction, and reporting to oneself; a person with no stage and no
  hand-offs comes back unplaced; an empty name comes back '(unnamed)'.

With `redact=True` names become `model.naming` role labels (unique, so
hand-offs still resolve) and email, phone, location, the roster ID and extra
fields (which may hold contact details) are left out.

The file is UTF-8 with a BOM (Excel needs it to read UTF-8), CRLF line ends,
written atomically. A target that cannot be written raises CsvExportError
(an OSError whose message is one sentence for the user); the existing file is
then untouched.
"""
from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

from model.document import Document
from model.entities import Handoff, Person
from model.naming import names
from model.redaction.apply import redacted
from model.roster.columns import ALIASES, EXTRA_PREFIX, escape_item, guard_cell, join_list, normalise_header
from model.storage.atomic import atomic_write_bytes, describe_os_error

log = logging.getLogger(__name__)

COLUMNS: tuple[str, ...] = (
    "name", "title", "department", "kind", "sourcing", "email", "hands_off_to", "hands_off_what", "stage",
    "story", "story_reaches_customer", "story_why_good", "story_moment", "sweet_spot",
    "hands_off_stage", "hands_off_why", "hands_off_two_way",
    "phone", "location", "vendor", "what_they_do", "why_this_order", "strengths", "reports_to", "id",
    "map_id",
)
_REDACTED = {"email", "phone", "location", "id"}


class CsvExportError(OSError):
    """The CSV could not be written. `str()` and `.strerror` are one sentence naming the file and
    the reason; `.errno` is the original error's."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def _same_or_list(values: list[str]) -> str:
    """One text when all hand-offs share it, else a ';'-list aligned with hands_off_to."""
    if not values or all(v == values[0] for v in values):
        return escape_item(values[0]) if values else ""
    return join_list(values)


def _references(doc: Document, shown_names: dict[str, str]) -> dict[str, str]:
    """Person id -> how other rows refer to them: their (printed) name if unique, else their map_id."""
    counts: dict[str, int] = {}
    for pid in doc.people:
        key = " ".join(shown_names[pid].split()).casefold()
        counts[key] = counts.get(key, 0) + 1
    return {
        pid: name if counts[" ".join(name.split()).casefold()] == 1 and name.strip() else pid
        for pid, name in shown_names.items()
    }


def _extra_headers(doc: Document) -> dict[str, str]:
    """Extra field key -> its column header (prefixed where the bare key would read as a known column)."""
    headers: dict[str, str] = {}
    for person in doc.people.values():
        for key in person.extra:
            if key not in headers:
                plain = (
                    key.strip() != ""
                    and not key.casefold().startswith(EXTRA_PREFIX)
                    and normalise_header(key) not in ALIASES
                )
                headers[key] = key if plain else EXTRA_PREFIX + key
    return headers


def _handoff_cells(doc: Document, person: Person, refs: dict[str, str], out: list[Handoff]) -> dict[str, str]:
    stages = ["" if h.stage == person.stage else (h.stage or "none") for h in out]
    return {
        "hands_off_to": join_list(refs[h.target] for h in out),
        "hands_off_what": _same_or_list([h.what for h in out]),
        "hands_off_stage": join_list(stages) if any(stages) else "",
        "hands_off_why": _same_or_list([h.why_order for h in out]),
        "hands_off_two_way": (
            join_list("yes" if h.two_way else "no" for h in out) if any(h.two_way for h in out) else ""
        ),
    }


def _in_lane_order(doc: Document) -> list[tuple[str, Person]]:
    """People grouped by lane (map order within a lane), so an import creates the lanes in the same order."""
    rank = {did: n for n, did in enumerate(doc.departments)}

    def key(item: tuple[str, Person]) -> int:
        person = item[1]
        if person.is_customer:
            return len(rank) + 1
        return rank.get(person.department_id or "", len(rank))

    return sorted(doc.people.items(), key=key)


def roster_rows(doc: Document, redact: bool = False) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the roster CSV (unguarded: the cells as they are in the map)."""
    if redact:
        doc = redacted(doc)
    shown_names = names(doc, redact)
    refs = _references(doc, shown_names)
    extras = {} if redact else _extra_headers(doc)
    header = list(COLUMNS) + list(extras.values())
    given: dict[str, list[Handoff]] = {pid: [] for pid in doc.people}
    for h in doc.handoffs.values():
        if h.source in given and h.target in refs:
            given[h.source].append(h)
    rows: list[list[str]] = []
    for pid, p in _in_lane_order(doc):
        dept = doc.departments.get(p.department_id or "")
        values = {
            "name": shown_names[pid],
            "title": p.title,
            "department": p.vendor if p.is_customer else (dept.name if dept else ""),
            "kind": p.kind,
            "sourcing": p.sourcing,
            "email": p.email,
            "stage": p.stage or "",
            "story": p.story.hand_on,
            "story_reaches_customer": p.story.reaches_customer,
            "story_why_good": p.story.why_good,
            "story_moment": p.story.moment,
            "sweet_spot": "yes" if p.story.sweet_spot else "",
            "phone": p.phone,
            "location": p.location,
            "vendor": p.vendor,
            "what_they_do": p.what_they_do,
            "why_this_order": p.why_this_order,
            "strengths": p.strengths,
            "reports_to": refs.get(p.reports_to or "", ""),
            "id": p.external_id,
            "map_id": pid,
            **_handoff_cells(doc, p, refs, given[pid]),
        }
        if redact:
            values.update(dict.fromkeys(_REDACTED, ""))
        row = [values[c] for c in COLUMNS] + [p.extra.get(key, "") for key in extras]
        rows.append(row)
    return header, rows


def csv_bytes(doc: Document, redact: bool = False) -> bytes:
    """The whole CSV file's bytes (UTF-8 with BOM)."""
    header, rows = roster_rows(doc, redact)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([guard_cell(c) for c in header])
    for row in rows:
        writer.writerow([guard_cell(c) for c in row])
    return buffer.getvalue().encode("utf-8-sig", errors="replace")


def write_csv(doc: Document, path: Path | str, redact: bool = False) -> None:
    """Write the map's people as a roster CSV, atomically; raises CsvExportError."""
    path = Path(path)
    data = csv_bytes(doc, redact)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise CsvExportError(exc.errno, f"could not write {describe_os_error(exc, path)}") from None
    log.info("wrote %s (%d people%s)", path, len(doc.people), ", redacted" if redact else "")
