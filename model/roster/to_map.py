"""A CSV roster (an HR export, or our own CSV export) -> a new map.

The import is all or nothing: every problem in the file is collected and
reported together (`RosterError.problems`, one line each, `line N: ...` for
a record, N being the file line on which the record starts), and no map is
made until the whole roster is sound.

For the GUI's import dialog: `read_roster` gives the table with the detected
column mapping (`RosterTable.mapping`, column index -> field key from
`FIELDS`, or EXTRA / IGNORE) for a preview; `roster_to_document(table,
mapping)` builds the map with the user's corrections merged over it.
The CLI calls `import_roster(path)`, which does both.

Rules beyond README.md's: a row may be shorter than the header (missing
cells are empty) but not longer, unless the extra cells are empty (trailing
delimiters from spreadsheets); references (hands_off_to, reports_to) may be
a name, an email, an ID or a map_id; a name shared by two people must be
referred to by email or ID; a person who reports to themselves reports to
nobody (with a warning: the top of a chart, or a typo).
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from model.document import Document, DocumentError
from model.entities import CUSTOMER, DEPARTMENT_COLORS, Department, Handoff, MapInfo, Person
from model.layout import auto_layout
from model.roster.columns import (
    CHOICE_KEYS,
    EXTRA,
    FIELD_CHOICES,
    FIELD_KEYS,
    FIELD_LABELS,
    FIELDS,
    IGNORE,
    PART_NAME_FIELDS,
    Field,
    RosterError,
    detect_mapping,
    field_for_header,
    shown,
)
from model.roster.links import RosterRow, resolve_links
from model.roster.reading import RosterTable, parse_roster, read_roster
from model.roster.rows import organisation_of, read_rows

__all__ = [
    "EXTRA", "FIELDS", "FIELD_CHOICES", "FIELD_LABELS", "IGNORE", "Field", "RosterError", "RosterResult",
    "RosterTable", "detect_mapping", "import_roster", "parse_roster", "read_roster", "resolve_mapping",
    "roster_to_document",
]

log = logging.getLogger(__name__)
MAX_LISTED = 20  # column names listed in one warning
_LINE_WORD = re.compile(r"\blines?\b(?= \d)")


@dataclass
class RosterResult:
    document: Document
    warnings: list[str] = field(default_factory=list)
    table: RosterTable | None = None


def resolve_mapping(table: RosterTable, mapping: Mapping[int | str, str] | None = None) -> dict[int, str]:
    """The detected mapping with the user's corrections merged over it.

    Keys of `mapping` are column indexes or header texts (case-insensitive);
    values are field keys, EXTRA or IGNORE. A field the user gives to one
    column is taken from any column it was detected on (which then keeps its
    values as extra fields); two columns the user maps to one field is an error.
    """
    merged = dict(table.mapping) if table.mapping else detect_mapping(table.header)
    if not mapping:
        return merged
    problems: list[str] = []
    chosen: dict[int, str] = {}
    for key, value in mapping.items():
        index = _column_index(table, key)
        if index is None:
            problems.append(
                f"the column mapping names a column {shown(str(key))} that the roster does not have"
            )
        elif value not in CHOICE_KEYS:
            problems.append(
                f"the column mapping maps {shown(table.header[index])} to {shown(str(value))}, "
                "which is not a field"
            )
        else:
            chosen[index] = value
    by_field: dict[str, list[int]] = {}
    for index, value in chosen.items():
        if value in FIELD_KEYS:
            by_field.setdefault(value, []).append(index)
    for value, indexes in by_field.items():
        if len(indexes) > 1:
            cols = " and ".join(shown(table.header[i]) for i in sorted(indexes))
            problems.append(f"columns {cols} are both mapped to {FIELD_LABELS[value]}; choose one")
    if problems:
        raise RosterError(problems)
    for index, value in chosen.items():
        if value in FIELD_KEYS:
            for other, old in merged.items():
                if old == value and other not in chosen:
                    merged[other] = EXTRA
        merged[index] = value
    return merged


def _column_index(table: RosterTable, key: int | str) -> int | None:
    if isinstance(key, int) and not isinstance(key, bool):
        return key if 0 <= key < len(table.header) else None
    if isinstance(key, str):
        wanted = key.strip().casefold()
        for index, header in enumerate(table.header):
            if header.strip().casefold() == wanted:
                return index
    return None


def _extra_column_label(table: RosterTable, columns: dict[int, str], index: int) -> str:
    """'Dept' or, for a column that repeats a known one, 'Email' (a second Email column)."""
    header = table.header[index]
    label = shown(header) if header.strip() else f"column {index + 1}"
    key = field_for_header(header)
    if key in FIELD_KEYS and key in columns.values():
        label += f" (a second {FIELD_LABELS[key]} column)"
    elif key in PART_NAME_FIELDS and "name" in columns.values():
        label += " (the name is taken from the full-name column)"
    return label


def in_table_terms(table: RosterTable, messages: list[str]) -> list[str]:
    """A spreadsheet's problems say 'row 7' (what its row numbers show), a text file's 'line 7'."""
    if table.unit == "line":
        return messages
    return [_LINE_WORD.sub(lambda m: "rows" if m.group(0) == "lines" else "row", text) for text in messages]


def _line_of(problem: str) -> int:
    """Sort key: problems in file order (stable within a line)."""
    if problem.startswith("line "):
        number = problem[5:].split(":", 1)[0]
        if number.isdigit():
            return int(number)
    return 0


def _check_map_ids(rows: list[RosterRow], problems: list[str]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if row.map_id:
            if row.map_id in seen:
                problems.append(
                    f"line {row.line}: map_id {shown(row.map_id)} is also on line {seen[row.map_id]}"
                )
            else:
                seen[row.map_id] = row.line


def _build(rows: list[RosterRow], title: str, description: str) -> Document:
    doc = Document.with_standard_statements(MapInfo(title=title, description=description))
    departments: dict[str, str] = {}  # casefolded name -> department id
    for row in rows:
        if row.kind != CUSTOMER and row.department and row.department.casefold() not in departments:
            color = DEPARTMENT_COLORS[len(departments) % len(DEPARTMENT_COLORS)]
            dept = doc.add("department", Department(name=row.department, color=color))
            departments[row.department.casefold()] = dept.id
    linked = {row.line for row in rows if row.links}
    linked |= {target.line for row in rows for target, *_ in row.links}
    for row in rows:
        customer = row.kind == CUSTOMER
        person = Person(
            name=row.name,
            title=row.title,
            department_id=None if customer else departments.get(row.department.casefold()),
            kind=row.kind,
            sourcing=row.sourcing,
            vendor=row.vendor or (row.department if customer else ""),
            email=row.email,
            phone=row.phone,
            location=row.location,
            what_they_do=row.what_they_do,
            why_this_order=row.why_this_order,
            strengths=row.strengths,
            stage=row.stage,
            placed=row.stage is not None or row.line in linked,
            story=row.story,
            external_id=row.external_id,
            extra=row.extra,
        )
        if row.map_id:
            person.id = row.map_id
        row.person_id = doc.add("person", person).id
    for row in rows:
        if row.boss is not None:
            doc.people[row.person_id].reports_to = row.boss.person_id
        for target, what, stage, why, two_way in row.links:
            doc.add("handoff", Handoff(row.person_id, target.person_id, what=what, stage=stage,
                                       why_order=why, two_way=two_way))
    doc.move_people(auto_layout(doc))
    return doc


def checked_rows(
    table: RosterTable, mapping: Mapping[int | str, str] | None = None
) -> tuple[list[RosterRow], dict[int, str], list[str]]:
    """The roster's records checked and linked: (rows, column mapping, warnings in the table's
    terms); RosterError lists every problem found. Shared by a new map and a merge."""
    columns = resolve_mapping(table, mapping)
    fields = set(columns.values())
    name = table.path.name
    if "name" not in fields and not {"first_name", "last_name"} & fields:
        raise RosterError([
            (
                f"{name} has no name column (found: {table.found_columns()}); "
                "a roster needs a 'name' column, or 'First Name' and 'Last Name'"
            )
        ])
    if not table.rows:
        raise RosterError([f"{name} has a header but no people below it"])
    problems: list[str] = []
    warnings: list[str] = []
    rows = read_rows(table, columns, problems, warnings)
    _check_map_ids(rows, problems)
    resolve_links(rows, problems, warnings)
    if problems:
        raise RosterError(in_table_terms(table, sorted(problems, key=_line_of)) + table.notes)
    warnings += table.notes
    if table.comment_lines:
        warnings.append(f"left out {table.comment_lines} lines starting with '#' above the header "
                        "(an org chart's settings, as draw.io writes them)")
    if table.skipped_lines:
        skipped = table.skipped_lines
        which = f"line {skipped[0]}" if len(skipped) == 1 else (
            f"lines {', '.join(map(str, skipped[:-1]))} and {skipped[-1]}")
        warnings.append(
            f"left out {which} above the header row on line {table.header_line} (a title, not people)")
    extra_cols = [i for i, v in sorted(columns.items()) if v == EXTRA]
    if extra_cols:
        listed = ", ".join(_extra_column_label(table, columns, i) for i in extra_cols[:MAX_LISTED])
        if len(extra_cols) > MAX_LISTED:  # a wide export would make one unreadable line
            listed += f" and {len(extra_cols) - MAX_LISTED:,} more"
        what = "1 column as an extra field" if len(extra_cols) == 1 else (
            f"{len(extra_cols)} columns as extra fields")
        warnings.insert(0, f"kept {what}: {listed}")
    return rows, columns, in_table_terms(table, warnings)


def roster_to_document(
    table: RosterTable, mapping: Mapping[int | str, str] | None = None, title: str | None = None
) -> RosterResult:
    """Build a new map from a roster table; RosterError lists every problem found."""
    rows, _columns, warnings = checked_rows(table, mapping)
    name = table.path.name
    organisation = organisation_of(rows)
    try:
        doc = _build(rows, title or default_title(table, organisation), f"Imported from the roster {name}.")
        doc.update_meta(organisation=organisation)
    except DocumentError as exc:  # the checks above should make this impossible; report, never half-build
        log.exception("roster passed its checks but the map refused it")
        raise RosterError([f"{name} could not be turned into a map: {exc}"]) from None
    log.info("imported %s: %d people, %d hand-offs", name, len(doc.people), len(doc.handoffs))
    return RosterResult(doc, warnings, table)


def roster_organisation(table: RosterTable, mapping: Mapping[int | str, str] | None = None) -> str:
    """The organisation most rows name in the column mapped to it ('' if none), before any build."""
    columns = resolve_mapping(table, mapping) if mapping else (table.mapping or detect_mapping(table.header))
    index = next((i for i, key in columns.items() if key == "organisation"), None)
    if index is None:
        return ""
    counts = Counter(row[index].strip() for row in table.rows if index < len(row) and row[index].strip())
    return counts.most_common(1)[0][0] if counts else ""


def default_title(table: RosterTable, organisation: str = "") -> str:
    """A new map's title: the organisation the roster names, else the file's name in words."""
    if organisation:
        return organisation
    return " ".join(table.path.stem.replace("_", " ").replace("-", " ").split()) or "Imported roster"


def import_roster(
    path: Path | str, mapping: Mapping[int | str, str] | None = None, sheet: str | None = None
) -> RosterResult:
    """Read a roster file and build a new map from it (nothing is written)."""
    return roster_to_document(read_roster(path, sheet), mapping)
