"""Who a roster row points at: its hand-offs and its manager, resolved by name, email or ID.

Names are not unique in real organisations, so a reference may also be an
email, the roster's ID or a map_id; a name two people share is refused as
ambiguous (with the lines of both) rather than guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from model.entities import Story
from model.roster.columns import parse_flag, shown, split_list
from model.roster.names import first_last, reference_key
from model.stages import STAGE_IDS, parse_stage

NO_STAGE = ("none", "-", "no stage")  # in hands_off_stage: this hand-off has no stage


@dataclass(eq=False)
class RosterRow:
    """One record, checked and ready to become a Person (identity matters: eq=False)."""

    line: int
    name: str
    kind: str = "colleague"
    sourcing: str = "insourced"
    stage: str | None = None
    map_id: str = ""
    title: str = ""
    department: str = ""
    vendor: str = ""
    email: str = ""
    phone: str = ""
    location: str = ""
    external_id: str = ""
    what_they_do: str = ""
    why_this_order: str = ""
    strengths: str = ""
    story: Story = field(default_factory=Story)
    hands_off_to: str = ""
    hands_off_what: str = ""
    hands_off_stage: str = ""
    hands_off_why: str = ""
    hands_off_two_way: str = ""
    reports_to: str = ""
    # the name as rosters were read before family-name-first names (娜 李 for 李娜): still matched
    also_spelled: str = ""
    organisation: str = ""  # the employer, if the roster has such a column
    extra: dict[str, str] = field(default_factory=dict)
    # filled in by resolve_links: (target, what, stage, why, two_way)
    links: list[tuple[RosterRow, str, str | None, str, bool]] = field(default_factory=list)
    boss: RosterRow | None = None
    person_id: str = ""


class _Directory:
    """Rows looked up by name, email, roster ID and map id."""

    def __init__(self, rows: list[RosterRow]) -> None:
        self.by_name: dict[str, list[RosterRow]] = {}
        self.by_email: dict[str, list[RosterRow]] = {}
        self.by_id: dict[str, list[RosterRow]] = {}
        self.by_map_id: dict[str, RosterRow] = {}
        self.by_other_spelling: dict[str, list[RosterRow]] = {}
        for row in rows:
            if row.name:
                self.by_name.setdefault(reference_key(row.name), []).append(row)
            if row.also_spelled:
                self.by_other_spelling.setdefault(reference_key(row.also_spelled), []).append(row)
            if row.email:
                self.by_email.setdefault(row.email.strip().casefold(), []).append(row)
            if row.external_id:
                self.by_id.setdefault(row.external_id.strip(), []).append(row)
            if row.map_id:
                self.by_map_id.setdefault(row.map_id, row)

    def find(
        self, token: str, column: str, line: int, problems: list[str], missing: list[str] | None = None
    ) -> RosterRow | None:
        """The one row a reference means; a problem (and None) if nobody or several.

        `missing`, if given, takes the "not in the roster" sentence instead of `problems`.
        """
        named = self.by_name.get(reference_key(token), [])
        if not named and token.count(",") == 1:  # 'Lee, Ann' as payroll systems write a manager
            last, first = token.split(",")
            named = self.by_name.get(reference_key(first_last(token) or f"{first} {last}"), [])
        if not named:  # '娜 李' for 李娜, as an HR system joining first and last name writes it
            named = self.by_other_spelling.get(reference_key(token), [])
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            lines = ", ".join(str(r.line) for r in named[:-1]) + f" and {named[-1].line}"
            problems.append(
                f"line {line}: {column} names {shown(token)}, but {len(named)} people have that name "
                f"(lines {lines}); write their email or ID instead"
            )
            return None
        for table, what in ((self.by_email, "email"), (self.by_id, "ID")):
            found = table.get(token.casefold() if what == "email" else token, [])
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                lines = ", ".join(str(r.line) for r in found)
                problems.append(
                    f"line {line}: {column} {shown(token)} is the {what} of several people (lines {lines})"
                )
                return None
        if token in self.by_map_id:
            return self.by_map_id[token]
        if missing is None:
            problems.append(f"line {line}: {column} names {shown(token)}, who is not in the roster")
        else:
            missing.append(f"line {line}: {column} names {shown(token)}, who is not in the roster; "
                           "kept with no manager in the map")
        return None


def _aligned(cell: str, count: int) -> list[str] | None:
    """A ';'-list cell spread over `count` hand-offs: one value for all, or one each; None if neither."""
    items = split_list(cell)
    if not items:
        return [""] * count
    if len(items) == 1:
        return items * count
    if len(items) == count:
        return items
    return None


def _link_row(row: RosterRow, directory: _Directory, problems: list[str], warnings: list[str]) -> None:
    tokens = [token for token in split_list(row.hands_off_to) if token]
    count = len(tokens)
    if not count:
        return
    whats = _aligned(row.hands_off_what, count)
    if whats is None:  # the design's rule: one text for all of the row's hand-offs
        whats = [row.hands_off_what.strip()] * count
        if count > 1:
            warnings.append(
                f"line {row.line}: hands_off_what has {len(split_list(row.hands_off_what))} parts for "
                f"{count} hand-offs, so the whole text is used for each"
            )
    whys = _aligned(row.hands_off_why, count)
    if whys is None:
        whys = [row.hands_off_why.strip()] * count
    stages = _stages(row, count, problems)
    flags = _two_way(row, count, problems)
    seen: list[RosterRow] = []
    for n, token in enumerate(tokens):
        target = directory.find(token, "hands_off_to", row.line, problems)
        if target is None:
            continue
        if target is row:
            problems.append(f"line {row.line}: {shown(row.name)} hands off to themselves")
        elif target in seen:
            warnings.append(
                f"line {row.line}: {shown(token)} is named twice in hands_off_to; one hand-off was made"
            )
        else:
            seen.append(target)
            if stages is not None and flags is not None:
                row.links.append((target, whats[n], stages[n], whys[n], flags[n]))


def _stages(row: RosterRow, count: int, problems: list[str]) -> list[str | None] | None:
    items = _aligned(row.hands_off_stage, count)
    if items is None:
        problems.append(f"line {row.line}: hands_off_stage has {len(split_list(row.hands_off_stage))} "
                        f"entries for {count} hand-offs")
        return None
    out: list[str | None] = []
    for item in items:
        if not item:
            out.append(row.stage)  # a hand-off starts at its giver's stage
        elif item.casefold() in NO_STAGE:
            out.append(None)
        else:
            stage = parse_stage(item)
            if stage is None:
                problems.append(f"line {row.line}: unknown hand-off stage {shown(item)} "
                                f"(use one of: {', '.join(STAGE_IDS)})")
                return None
            out.append(stage)
    return out


def _two_way(row: RosterRow, count: int, problems: list[str]) -> list[bool] | None:
    items = _aligned(row.hands_off_two_way, count)
    if items is None:
        problems.append(f"line {row.line}: hands_off_two_way has {len(split_list(row.hands_off_two_way))} "
                        f"entries for {count} hand-offs")
        return None
    flags = [parse_flag(item) for item in items]
    if any(flag is None for flag in flags):
        bad = next(item for item, flag in zip(items, flags, strict=True) if flag is None)
        problems.append(f"line {row.line}: hands_off_two_way must be yes or no, not {shown(bad)}")
        return None
    return [bool(flag) for flag in flags]


def resolve_links(rows: list[RosterRow], problems: list[str], warnings: list[str]) -> None:
    """Fill each row's `links` and `boss`; every unresolvable reference becomes a problem."""
    directory = _Directory(rows)
    own: list[RosterRow] = []
    for row in rows:
        _link_row(row, directory, problems, warnings)
        token = row.reports_to
        if token:
            # an HR export of one team names managers outside it: no reason to refuse the roster
            boss = directory.find(token, "reports_to", row.line, problems, missing=warnings)
            if boss is row:  # the top of an org chart often reports to itself; a typo looks the same
                own.append(row)
            row.boss = None if boss is row else boss
    _warn_manager_circles(rows, warnings)
    _warn_own_managers(own, warnings)


MOST_NAMED = 6  # people named in one warning line


def _warn_own_managers(own: list[RosterRow], warnings: list[str]) -> None:
    """One warning for the people whose manager is themselves (kept with no manager): the top of
    a chart written so, or a typo in the manager column, which only the user can tell apart."""
    if not own:
        return
    if len(own) == 1:
        warnings.append(f"line {own[0].line}: {shown(own[0].name, 40)} reports to themselves; kept with "
                        "no manager in the map (check the reports_to column if they are not the top of the "
                        "chart)")
        return
    names = [f"{shown(r.name, 40)} (line {r.line})" for r in own[:MOST_NAMED]]
    if len(own) > MOST_NAMED:
        names.append(f"{len(own) - MOST_NAMED:,} more")
    warnings.append(f"{', '.join(names[:-1])} and {names[-1]} report to themselves; kept with no manager "
                    "in the map (check the reports_to column)")


def _warn_manager_circles(rows: list[RosterRow], warnings: list[str]) -> None:
    """One warning per circle of managers (A reports to B, B to A): an HR export's mistake, kept as given.

    Nothing in the map follows the chain, so a circle is harmless to the map,
    but it is almost always a typo the user wants to hear about.
    """
    state: dict[int, int] = {}  # id(row) -> 1 on the current chain, 2 done
    for start in rows:
        chain: list[RosterRow] = []
        row: RosterRow | None = start
        while row is not None and id(row) not in state:
            state[id(row)] = 1
            chain.append(row)
            row = row.boss
        if row is not None and state[id(row)] == 1:
            circle = chain[chain.index(row):]
            names = [f"{shown(r.name, 40)} (line {r.line})" for r in circle[:6]]
            if len(circle) > 6:
                names.append(f"{len(circle) - 6} more")
            warnings.append(
                f"line {circle[0].line}: reports_to goes round in a circle: {' -> '.join(names)} -> "
                f"{shown(circle[0].name, 40)}; kept as in the roster"
            )
        for r in chain:
            state[id(r)] = 2

