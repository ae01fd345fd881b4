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

Rules beyond DESIGN.md's: a row may be shorter than the header (missing
cells are empty) but not longer, unless the extra cells are empty (trailing
delimiters from spreadsheets); references (hands_off_to, reports_to) may be
a name, an email, an ID or a map_id; a name shared by two people must be
referred to by email or ID; a person who reports to themselves reports to
nobody.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from model.document import Document, DocumentError
from model.entities import CUSTOMER, DEPARTMENT_COLORS, Department, Handoff, MapInfo, Person, Story
from model.layout import auto_layout
from model.roster.columns import (
    CHOICE_KEYS,
    EXTRA,
    FIELD_CHOICES,
    FIELD_KEYS,
    FIELD_LABELS,
    FIELDS,
    IGNORE,
    Field,
    RosterError,
    detect_mapping,
    extra_key,
    field_for_header,
    parse_flag,
    parse_kind,
    parse_sourcing,
    shown,
    split_story,
)
from model.roster.links import RosterRow, resolve_links
from model.roster.reading import RosterTable, parse_roster, read_roster
from model.stages import STAGE_IDS, parse_stage

__all__ = [
    "EXTRA", "FIELDS", "FIELD_CHOICES", "FIELD_LABELS", "IGNORE", "Field", "RosterError", "RosterResult",
    "RosterTable", "detect_mapping", "import_roster", "parse_roster", "read_roster", "resolve_mapping",
    "roster_to_document",
]

log = logging.getLogger(__name__)
MAX_MAP_ID = 64
_STAGE_HINT = ", ".join(STAGE_IDS)


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


def _read_rows(table: RosterTable, mapping: dict[int, str], problems: list[str]) -> list[RosterRow]:
    """Each record's values by field, checked one by one (problems collected, not raised)."""
    columns = {value: index for index, value in sorted(mapping.items(), reverse=True) if value in FIELD_KEYS}
    extras = [i for i, value in sorted(mapping.items()) if value == EXTRA]
    extra_names = _extra_names(table, extras)
    width = len(table.header)
    story_columns = ("story_reaches_customer", "story_why_good", "story_moment")
    split_story_cell = not any(k in columns for k in story_columns)
    rows: list[RosterRow] = []
    for cells, line in zip(table.rows, table.lines, strict=True):
        cell = _CellReader(cells, columns)
        name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            hint = " (quote values that contain the delimiter)" if table.delimiter in ";," else ""
            problems.append(f"line {line}: {len(cells)} fields, but the header has {width}{hint}")
            # only who it is: other rows may still refer to it, and must not be told it is missing
            rows.append(RosterRow(line=line, name=name, email=cell("email"), external_id=cell("id")))
            continue
        row = RosterRow(line=line, name=name)
        if not name:
            problems.append(f"line {line}: no name (every person in a roster needs one)")
        kind = parse_kind(cell("kind"))
        if kind is None:
            problems.append(f"line {line}: unknown kind {shown(cell('kind'))} (use colleague or customer)")
        sourcing = parse_sourcing(cell("sourcing"))
        if sourcing is None:
            problems.append(
                f"line {line}: unknown sourcing {shown(cell('sourcing'))} (use insourced or outsourced)"
            )
        stage: str | None = None
        if cell("stage"):
            stage = parse_stage(cell("stage"))
            if stage is None:
                problems.append(
                    f"line {line}: unknown stage {shown(cell('stage'))} (use one of: {_STAGE_HINT})"
                )
        sweet = parse_flag(cell("sweet_spot"))
        if sweet is None:
            problems.append(f"line {line}: sweet_spot must be yes or no, not {shown(cell('sweet_spot'))}")
        map_id = cell("map_id")
        if map_id and (len(map_id) > MAX_MAP_ID or any(ch.isspace() for ch in map_id)):
            problems.append(f"line {line}: map_id {shown(map_id)} is not a map id")
            map_id = ""
        story_text = cell("story", strip=False)
        prompts = split_story(story_text) if split_story_cell else {"hand_on": story_text}
        row.story = Story(
            hand_on=prompts.get("hand_on", ""),
            reaches_customer=(
                cell("story_reaches_customer", strip=False) or prompts.get("reaches_customer", "")
            ),
            why_good=cell("story_why_good", strip=False) or prompts.get("why_good", ""),
            moment=cell("story_moment", strip=False) or prompts.get("moment", ""),
            sweet_spot=bool(sweet),
        )
        row.kind = kind or "colleague"
        row.sourcing = sourcing or "insourced"
        row.stage = stage
        row.map_id = map_id
        row.title = cell("title")
        row.department = " ".join(cell("department").split())
        row.vendor = cell("vendor")
        row.email = cell("email")
        row.phone = cell("phone")
        row.location = cell("location")
        row.external_id = cell("id")
        row.what_they_do = cell("what_they_do", strip=False)
        row.why_this_order = cell("why_this_order", strip=False)
        row.strengths = cell("strengths", strip=False)
        row.hands_off_to = cell("hands_off_to", strip=False)
        row.hands_off_what = cell("hands_off_what", strip=False)
        row.hands_off_stage = cell("hands_off_stage")
        row.hands_off_why = cell("hands_off_why", strip=False)
        row.hands_off_two_way = cell("hands_off_two_way")
        row.reports_to = cell("reports_to")
        row.extra = {extra_names[i]: cells[i] for i in extras if i < len(cells) and cells[i].strip()}
        rows.append(row)
    return rows


class _CellReader:
    """One record's value for a field: '' where the column is missing or the row is short."""

    def __init__(self, cells: list[str], columns: dict[str, int]) -> None:
        self.cells = cells
        self.columns = columns

    def __call__(self, key: str, strip: bool = True) -> str:
        index = self.columns.get(key)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip() if strip else self.cells[index]


def _extra_names(table: RosterTable, extras: list[int]) -> dict[int, str]:
    """Person.extra keys for the extra columns: the header text, made unique."""
    names: dict[int, str] = {}
    used: set[str] = set()
    for index in extras:
        base = extra_key(table.header[index])
        base = base if base.strip() else f"column {index + 1}"
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base} ({n})"
        used.add(name)
        names[index] = name
    return names


def _extra_column_label(table: RosterTable, columns: dict[int, str], index: int) -> str:
    """'Dept' or, for a column that repeats a known one, 'Email' (a second Email column)."""
    header = table.header[index]
    label = shown(header) if header.strip() else f"column {index + 1}"
    key = field_for_header(header)
    if key in FIELD_KEYS and key in columns.values():
        label += f" (a second {FIELD_LABELS[key]} column)"
    return label


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


def roster_to_document(
    table: RosterTable, mapping: Mapping[int | str, str] | None = None, title: str | None = None
) -> RosterResult:
    """Build a new map from a roster table; RosterError lists every problem found."""
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
    rows = _read_rows(table, columns, problems)
    _check_map_ids(rows, problems)
    resolve_links(rows, problems, warnings)
    if problems:
        raise RosterError(sorted(problems, key=_line_of))
    if table.skipped_lines:
        skipped = table.skipped_lines
        which = f"line {skipped[0]}" if len(skipped) == 1 else (
            f"lines {', '.join(map(str, skipped[:-1]))} and {skipped[-1]}")
        warnings.append(
            f"left out {which} above the header row on line {table.header_line} (a title, not people)")
    extra_cols = [i for i, v in sorted(columns.items()) if v == EXTRA]
    if extra_cols:
        listed = ", ".join(_extra_column_label(table, columns, i) for i in extra_cols)
        what = "1 column as an extra field" if len(extra_cols) == 1 else (
            f"{len(extra_cols)} columns as extra fields")
        warnings.insert(0, f"kept {what}: {listed}")
    default_title = " ".join(table.path.stem.replace("_", " ").replace("-", " ").split()) or "Imported roster"
    try:
        doc = _build(rows, title or default_title, f"Imported from the roster {name}.")
    except DocumentError as exc:  # the checks above should make this impossible; report, never half-build
        log.exception("roster passed its checks but the map refused it")
        raise RosterError([f"{name} could not be turned into a map: {exc}"]) from None
    log.info("imported %s: %d people, %d hand-offs", name, len(doc.people), len(doc.handoffs))
    return RosterResult(doc, warnings, table)


def import_roster(path: Path | str, mapping: Mapping[int | str, str] | None = None) -> RosterResult:
    """Read a roster file and build a new map from it (nothing is written)."""
    return roster_to_document(read_roster(path), mapping)
