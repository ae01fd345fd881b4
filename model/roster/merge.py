"""A newer roster merged into an existing map: who joined, who moved, who left.

People in the roster are matched to the map's people by the strongest key
they share: the map id (a Contract Walk CSV export), the roster's employee
id, the email (any case), then the name (any case, accents, spacing, and
"Last, First" for "First Last"). A person whose employee id differs from
the row's is never matched by email or name. A row that fits several people
(or a person that several rows fit) is ambiguous: listed, never guessed.

The merge only ever adds and updates what a roster knows (names, titles,
departments, managers, contact details, extra columns); the map's own work
(stories, outreach logs, positions, stages, hand-offs) stays. Joiners wait
unplaced on the roster; leavers are marked "left?" and only removed when the
user says so. A blank cell never erases what the map has.

`plan_merge` reads; `MergePlan.resolve(choices)` settles the ambiguous rows
into a `Merge` (joiners, movers, leavers); `Merge.operations(remove)` lists
the Document changes, which the CLI applies (`apply_operations`) and the GUI
pushes as one undo step.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from model.document import Document
from model.entities import CUSTOMER, DEPARTMENT_COLORS, Department, Person
from model.roster.columns import shown
from model.roster.links import RosterRow
from model.roster.names import name_key, tidy
from model.roster.reading import RosterTable
from model.roster.to_map import checked_rows

log = logging.getLogger(__name__)

JOIN = "__join__"  # an ambiguous row the user adds as a new person
SKIP = None  # an ambiguous row left out (the default)
WALK_FIELDS = ("stage", "hands_off_to", "hands_off_what", "hands_off_stage", "hands_off_why",
               "hands_off_two_way", "sweet_spot")
DETAIL_FIELDS = ("email", "phone", "location", "external_id")
# ("add", entity, item) | ("update", entity, id, changes) | ("remove", entity, id)
Operation = tuple[Any, ...]


def dept_key(name: str) -> str:
    return tidy(name).casefold()


@dataclass
class Ambiguous:
    row: RosterRow
    candidates: list[str]  # person ids it could be
    why: str  # one sentence: what they share


@dataclass
class Mover:
    person_id: str
    name: str
    line: int
    changes: list[tuple[str, str, str]]  # (what, old, new): 'title', 'department', 'manager'


@dataclass
class Merge:
    """A merge with every question answered: what will change."""

    plan: MergePlan
    matches: list[tuple[RosterRow, str]]  # row -> existing person id
    joiners: list[RosterRow]
    movers: list[Mover]
    updated: list[str]  # person ids whose other details (email, name, extra ...) change
    leavers: list[str]  # person ids in the map and not in the roster
    skipped: list[Ambiguous]
    row_pid: dict[int, str] = field(default_factory=dict)  # id(row) -> the person it is or becomes
    new_people: dict[str, Person] = field(default_factory=dict)  # the joiners, by id
    _changes: dict[str, dict[str, Any]] = field(default_factory=dict)
    was_named: dict[str, str] = field(default_factory=dict)  # person id -> name before a rename

    def summary(self) -> str:
        counts = [
            _count(len(self.joiners), "joiner"), _count(len(self.movers), "mover"),
            _count(len(self.leavers), "leaver"), f"{len(self.skipped)} ambiguous",
        ]
        return ", ".join(counts)

    def operations(self, remove: Iterable[str] | bool = ()) -> list[Operation]:
        """The Document changes, in an order that applies: departments, joiners, updates, leavers."""
        doc, plan = self.plan.doc, self.plan
        to_remove = set(self.leavers) if remove is True else set(remove or ()) & set(self.leavers)
        ops: list[Operation] = [("add", "department", dept) for dept in self.new_departments()]
        for row in self.joiners:
            ops.append(("add", "person", plan.joiner_person(row)))
        for pid, changes in self._changes.items():
            real = dict(changes)
            if "department" in real:
                real["department_id"] = plan.department_id(real.pop("department"))
            ops.append(("update", "person", pid, real))
        for row in self.joiners:
            boss = self._boss_of(row)
            if boss:
                ops.append(("update", "person", plan.joiner_person(row).id, {"reports_to": boss}))
        for pid in self.leavers:
            if pid in to_remove:
                ops.append(("remove", "person", pid))
            elif not doc.people[pid].left:
                ops.append(("update", "person", pid, {"left": True}))
        return ops

    def new_departments(self) -> list[Department]:
        """The departments the map does not have yet that joiners or movers need."""
        wanted = {dept_key(r.department) for r in self.joiners if r.kind != CUSTOMER and r.department}
        wanted |= {dept_key(c["department"]) for c in self._changes.values() if "department" in c}
        return [dept for key, dept in self.plan.new_departments.items() if key in wanted]

    def renamed(self) -> list[tuple[str, str]]:
        """(old name, new name) of matched people the roster spells differently (a 'Last, First'
        payroll name, or 娜 李 read again as 李娜); the old one as it was before the merge applied."""
        return [(self.was_named[pid], changes["name"]) for pid, changes in self._changes.items()
                if "name" in changes and pid in self.was_named]

    def unchanged(self) -> int:
        return len(self.matches) - len(self._changes)

    def _boss_of(self, row: RosterRow) -> str | None:
        return self.row_pid.get(id(row.boss)) if row.boss is not None else None

    def name_of(self, pid: str) -> str:
        person = self.plan.doc.people.get(pid) or self.new_people.get(pid)
        return person.name if person is not None else ""


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class MergePlan:
    """The roster read and matched against the map; ambiguous rows still open."""

    doc: Document
    table: RosterTable
    rows: list[RosterRow]
    matched: dict[int, str]  # id(row) -> person id
    ambiguous: list[Ambiguous]
    warnings: list[str]
    new_departments: dict[str, Department]  # dept_key -> a department the map does not have
    _joiners: dict[int, Person] = field(default_factory=dict)  # id(row) -> the person it would add
    _departments: dict[str, str] = field(default_factory=dict)  # dept_key -> the map's department id

    def joiner_person(self, row: RosterRow) -> Person:
        person = self._joiners.get(id(row))
        if person is None:
            customer = row.kind == CUSTOMER
            person = Person(
                name=row.name, title=row.title, kind=row.kind, sourcing=row.sourcing,
                department_id=None if customer else (self.department_id(row.department) or None),
                vendor=row.vendor or (row.department if customer else ""), email=row.email,
                phone=row.phone, location=row.location, what_they_do=row.what_they_do,
                why_this_order=row.why_this_order, strengths=row.strengths, placed=False,
                story=row.story, external_id=row.external_id, extra=dict(row.extra),
            )
            self._joiners[id(row)] = person
        return person

    def department_id(self, name: str) -> str | None:
        """The map's department of that name (any case and spacing), or the one the merge adds."""
        if not name.strip():
            return None
        key = dept_key(name)
        if not self._departments:
            self._departments = {dept_key(d.name): d.id for d in reversed(self.doc.departments.values())}
        known = self._departments.get(key)
        return known if known is not None else self.new_departments[key].id

    def resolve(self, choices: Mapping[int, str | None] | None = None) -> Merge:
        """Settle the ambiguous rows: {row line: person id, JOIN or SKIP}; unanswered ones are skipped."""
        choices = dict(choices or {})
        doc = self.doc
        matches = [(row, self.matched[id(row)]) for row in self.rows if id(row) in self.matched]
        ambiguous_ids = {id(a.row) for a in self.ambiguous}
        joiners = [row for row in self.rows if id(row) not in self.matched and id(row) not in ambiguous_ids]
        skipped: list[Ambiguous] = []
        taken = {pid for _row, pid in matches}
        for item in self.ambiguous:
            choice = choices.get(item.row.line, SKIP)
            if choice == JOIN:
                joiners.append(item.row)
            elif choice in doc.people and choice not in taken:
                matches.append((item.row, choice))
                taken.add(choice)
            else:
                skipped.append(item)
        merge = Merge(self, matches, joiners, [], [], [], skipped)
        merge.row_pid = {id(row): pid for row, pid in matches}
        for row in joiners:
            person = self.joiner_person(row)
            merge.row_pid[id(row)] = person.id
            merge.new_people[person.id] = person
        for row, pid in matches:
            person = doc.people[pid]
            changes = _changes(self, row, person)
            if row.boss is not None:
                boss = merge.row_pid.get(id(row.boss))
                if boss and boss != person.reports_to and boss != pid:
                    changes["reports_to"] = boss
            if changes:
                merge._changes[pid] = changes
                if "name" in changes:
                    merge.was_named[pid] = person.name
                moves = _moves(self, person, changes, merge)
                if moves:
                    merge.movers.append(Mover(pid, person.name, row.line, moves))
                if set(changes) - {"title", "department", "reports_to"}:
                    merge.updated.append(pid)
        kinds = {row.kind for row in self.rows}
        unsure = {pid for item in skipped for pid in item.candidates}
        merge.leavers = [pid for pid, p in doc.people.items()
                         if p.kind in kinds and pid not in taken and pid not in unsure]
        return merge


def _changes(plan: MergePlan, row: RosterRow, person: Person) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if row.name and name_key(row.name) != name_key(person.name):
        changes["name"] = row.name
    if row.title and row.title != person.title:
        changes["title"] = row.title
    if row.department and not person.is_customer:
        current = plan.doc.departments.get(person.department_id or "")
        if current is None or dept_key(current.name) != dept_key(row.department):
            changes["department"] = row.department
    for key in DETAIL_FIELDS:
        new = getattr(row, key)
        old = getattr(person, key)
        if new and (new.casefold() != old.casefold() if key == "email" else new != old):
            changes[key] = new
    if any(person.extra.get(k) != v for k, v in row.extra.items()):
        changes["extra"] = {**person.extra, **row.extra}
    if person.left:
        changes["left"] = False
    return changes


def _moves(
    plan: MergePlan, person: Person, changes: dict[str, Any], merge: Merge
) -> list[tuple[str, str, str]]:
    doc = plan.doc
    moves: list[tuple[str, str, str]] = []
    if "title" in changes:
        moves.append(("title", person.title, changes["title"]))
    if "department" in changes:
        old = doc.departments.get(person.department_id or "")
        moves.append(("department", old.name if old else "", changes["department"]))
    if "reports_to" in changes:
        old_boss = doc.people.get(person.reports_to or "")
        moves.append(("manager", old_boss.name if old_boss else "", merge.name_of(changes["reports_to"])))
    return moves


class _Index:
    """The map's people by map id, employee id, email and name key."""

    def __init__(self, doc: Document) -> None:
        self.by_id: dict[str, list[str]] = {}
        self.by_email: dict[str, list[str]] = {}
        self.by_name: dict[str, list[str]] = {}
        for pid, p in doc.people.items():
            if p.external_id.strip():
                self.by_id.setdefault(p.external_id.strip(), []).append(pid)
            if p.email.strip():
                self.by_email.setdefault(p.email.strip().casefold(), []).append(pid)
            self.by_name.setdefault(name_key(p.name), []).append(pid)
        self.doc = doc

    def candidates(self, row: RosterRow) -> tuple[list[str], int, str]:
        """(who the row could be, how strong the key was (4 = map id .. 1 = name), the key)."""
        if row.map_id and row.map_id in self.doc.people:
            return [row.map_id], 4, "map id"
        rid = row.external_id.strip()
        found: list[str] | None = None
        strength, what = 0, ""
        lookups = ((3, "ID", self.by_id, rid), (2, "email", self.by_email, row.email.strip().casefold()),
                   (1, "name", self.by_name, name_key(row.name) if row.name else ""))
        for level, label, index, key in lookups:
            if not key:
                continue
            known = index.get(key, ())
            if not known and level == 1 and row.also_spelled:  # a map read when 李娜 was '娜 李'
                known = index.get(name_key(row.also_spelled), ())
            hits = [pid for pid in known
                    if level == 3 or not rid or not self.doc.people[pid].external_id.strip()
                    or self.doc.people[pid].external_id.strip() == rid]
            narrowed = hits if found is None else [pid for pid in found if pid in hits]
            if narrowed:
                found, strength, what = narrowed, max(strength, level), what or label
                if len(found) == 1:
                    return found, strength, what
        return found or [], strength, what


def plan_merge(
    doc: Document, table: RosterTable, mapping: Mapping[int | str, str] | None = None
) -> MergePlan:
    """Read the roster and match it against the map; RosterError lists every problem found."""
    rows, columns, warnings = checked_rows(table, mapping)
    fields = set(columns.values())
    walk = sorted(f for f in fields if f in WALK_FIELDS)
    if walk:
        warnings.append(f"the walk columns ({', '.join(walk)}) are not merged into an existing map: "
                        "joiners wait unplaced on the roster, the map's hand-offs stay as they are")
    index = _Index(doc)
    found: dict[int, tuple[list[str], int, str]] = {id(row): index.candidates(row) for row in rows}
    claims: dict[str, list[RosterRow]] = {}
    for row in rows:
        cands, _level, _what = found[id(row)]
        if len(cands) == 1:
            claims.setdefault(cands[0], []).append(row)
    matched: dict[int, str] = {}
    ambiguous: list[Ambiguous] = []
    for pid, claimants in claims.items():
        best = max(found[id(r)][1] for r in claimants)
        winners = [r for r in claimants if found[id(r)][1] == best]
        if len(winners) == 1:
            matched[id(winners[0])] = pid
        for row in claimants:
            if id(row) not in matched:
                lines = ", ".join(str(r.line) for r in claimants if r is not row)
                why = f"line {lines} also fits {shown(doc.people[pid].name)}"
                ambiguous.append(Ambiguous(row, [pid], why))
    for row in rows:
        cands, _level, what = found[id(row)]
        if len(cands) > 1:
            ambiguous.append(Ambiguous(row, cands, f"{len(cands)} people in the map have this {what}"))
    ambiguous.sort(key=lambda a: a.row.line)
    known = {dept_key(d.name) for d in doc.departments.values()}
    new_departments: dict[str, Department] = {}
    for row in rows:
        key = dept_key(row.department)
        if row.kind != CUSTOMER and key and key not in known and key not in new_departments:
            color = DEPARTMENT_COLORS[(len(doc.departments) + len(new_departments)) % len(DEPARTMENT_COLORS)]
            new_departments[key] = Department(name=tidy(row.department), color=color)
    log.info("merge plan for %s: %d rows, %d matched, %d ambiguous",
             table.path.name, len(rows), len(matched), len(ambiguous))
    return MergePlan(doc, table, rows, matched, ambiguous, warnings, new_departments)


def apply_operations(doc: Document, ops: Iterable[Operation]) -> None:
    """Apply a merge's operations to a document (the CLI's way; the GUI pushes commands)."""
    for op in ops:
        if op[0] == "add":
            doc.add(op[1], op[2])
        elif op[0] == "update":
            doc.update(op[1], op[2], **op[3])
        elif op[0] == "remove" and op[2] in doc.collection(op[1]):
            doc.remove(op[1], op[2])
