"""A roster table's records, one RosterRow each, checked cell by cell.

Problems are collected (never raised) so the whole file is reported at once;
names are tidied here ('Lee, Ann  M' reads 'Ann M Lee') so that everything
after this step sees one spelling.
"""
from __future__ import annotations

from collections import Counter

from model.entities import Story
from model.roster.columns import (
    EXTRA,
    FIELD_KEYS,
    extra_key,
    parse_flag,
    parse_kind,
    parse_sourcing,
    shown,
    split_story,
)
from model.roster.links import RosterRow
from model.roster.names import first_last, full_name, given_name_first
from model.roster.reading import RosterTable
from model.stages import STAGE_IDS, parse_stage

MAX_MAP_ID = 64
_STAGE_HINT = ", ".join(STAGE_IDS)


def read_rows(
    table: RosterTable, mapping: dict[int, str], problems: list[str], warnings: list[str] | None = None
) -> list[RosterRow]:
    """Each record's values by field, checked one by one (problems collected, not raised)."""
    columns = {value: index for index, value in sorted(mapping.items(), reverse=True) if value in FIELD_KEYS}
    extras = [i for i, value in sorted(mapping.items()) if value == EXTRA]
    extra_names = _extra_names(table, extras)
    width = len(table.header)
    story_columns = ("story_reaches_customer", "story_why_good", "story_moment")
    split_story_cell = not any(k in columns for k in story_columns)
    rows: list[RosterRow] = []
    reordered: list[tuple[str, str]] = []
    # a Contract Walk export (it has map ids) gives names back exactly as the map had them
    respell = "map_id" not in columns
    for cells, line in zip(table.rows, table.lines, strict=True):
        cell = _CellReader(cells, columns)
        written = cell("name") or full_name(cell("first_name"), cell("last_name"))
        also = "" if cell("name") else given_name_first(cell("first_name"), cell("last_name"))
        name = written  # as typed: only a 'Last, First' name is respelled
        natural = first_last(written) if respell else None
        if natural is not None:
            reordered.append((written, natural))
            name = natural
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            quotable = table.delimiter and table.delimiter in ";,"
            hint = " (quote values that contain the delimiter)" if quotable else ""
            problems.append(f"line {line}: {len(cells)} fields, but the header has {width}{hint}")
            # only who it is: other rows may still refer to it, and must not be told it is missing
            rows.append(RosterRow(line=line, name=name, email=cell("email"), external_id=cell("id")))
            continue
        row = RosterRow(line=line, name=name, also_spelled=also if also != name else "")
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
        row.organisation = cell("organisation")
        rows.append(row)
    _organisations_as_extra(table, columns, rows)
    if reordered and warnings is not None:
        before, after = reordered[0]
        many = f"{len(reordered)} names" if len(reordered) > 1 else "1 name"
        warnings.append(f"turned {many} written 'Last, First' into 'First Last' "
                        f"(e.g. {shown(before)} -> {shown(after)})")
    return rows


def _organisations_as_extra(table: RosterTable, columns: dict[str, int], rows: list[RosterRow]) -> None:
    """One organisation for everyone becomes the map's; several (a group of companies) are also
    kept on each person, so nobody's employer is lost."""
    if len({row.organisation for row in rows if row.organisation}) > 1:
        key = extra_key(table.header[columns["organisation"]]).strip() or "Organisation"
        for row in rows:
            if row.organisation:
                row.extra.setdefault(key, row.organisation)


def organisation_of(rows: list[RosterRow]) -> str:
    """The organisation most people in the roster work for ('' if no column says)."""
    counts = Counter(row.organisation for row in rows if row.organisation)
    return counts.most_common(1)[0][0] if counts else ""


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
