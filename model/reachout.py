"""Keep in touch: each person's reach-out cadence and the date they are next due.

Reaching out once is not the point; reaching out again is (PRODUCT.md). A person
has an optional cadence (`Person.cadence_days`: None follows the map's "stale
after", 0 means no reminders); their next reach-out is the last logged contact
plus the cadence, and somebody never contacted is due now. Logging a contact
moves the date on by itself, because the date is computed, never stored.

Pure arithmetic, no Qt: the reach-out list, the calendar export and the
playbook all read the same `schedule`.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from model.document import Document
from model.entities import Person

log = logging.getLogger(__name__)

# (days, label) offered by the person inspector; 0 = no reminders
CADENCES: tuple[tuple[int, str], ...] = (
    (0, "No reminders"),
    (14, "Every 2 weeks"),
    (30, "Every month"),
    (42, "Every 6 weeks"),
    (61, "Every 2 months"),
    (91, "Every quarter"),
    (182, "Every 6 months"),
    (365, "Every year"),
)
_LABELS = dict(CADENCES)


def _parse(day: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(day or "")
    except (TypeError, ValueError):
        return None


def _after(day: dt.date, days: int) -> dt.date:
    """`day` plus `days`, the calendar's last day at most: a contact logged (or mistyped) late in
    year 9999 must not make every list, badge and export of the map fail."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def cadence_of(person: Person, stale_days: int) -> int:
    """The person's cadence in days (0: no reminders); their own, else the map's."""
    return person.cadence_days if person.cadence_days is not None else max(1, int(stale_days))


def describe_cadence(days: int) -> str:
    """'Every quarter', 'Every 45 days', 'No reminders'."""
    if days in _LABELS:
        return _LABELS[days]
    return "Every day" if days == 1 else f"Every {days} days"


def next_date(person: Person, stale_days: int, today: dt.date | None = None) -> dt.date | None:
    """When to reach out next: the last logged contact plus the cadence; today if never
    contacted; None with no reminders."""
    cadence = cadence_of(person, stale_days)
    if cadence == 0:
        return None
    last = _parse(person.last_contact())
    if last is None:
        return today or dt.date.today()
    return _after(last, cadence)


def overdue(person: Person, stale_days: int, today: dt.date | None = None) -> bool:
    """Contacted, with reminders, and past their next reach-out date: the card's "Stale" badge.
    By the person's own cadence (a monthly contact three weeks ago is not stale, a weekly one ten
    days ago is); never contacted is due on the reach-out list but not "stale" (the card fades)."""
    last = _parse(person.last_contact())
    cadence = cadence_of(person, stale_days)
    return last is not None and cadence > 0 and (today or dt.date.today()) > _after(last, cadence)


NEVER_CONTACTED = "due now, never contacted"


def describe_due(days_until: int | None) -> str:
    """'due today', 'due tomorrow', 'due in 3 days', '1 day overdue', '4 days overdue', 'no reminders'."""
    if days_until is None:
        return "no reminders"
    if days_until == 0:
        return "due today"
    if days_until == 1:
        return "due tomorrow"
    if days_until > 1:
        return f"due in {days_until} days"
    late = -days_until
    return f"{late} day{'s' if late != 1 else ''} overdue"


def due_summary(never: int, overdue: int, due_today: int, nobody: str = "Nobody is due a call.") -> str:
    """How many to reach out to, and why, said honestly: somebody never contacted is "due now,
    never contacted", not overdue. '12 to reach out to: 9 never contacted, 3 overdue.' One wording
    for the reach-out panel, the insights' "For you" and the `check` text."""
    parts = [(never, "never contacted"), (overdue, "overdue"), (due_today, "due today")]
    total = sum(n for n, _ in parts)
    if not total:
        return nobody
    return f"{total} to reach out to: " + ", ".join(f"{n} {why}" for n, why in parts if n) + "."


@dataclass(frozen=True)
class ReachOut:
    """One person's place in the keep-in-touch schedule."""

    person_id: str
    cadence_days: int  # 0: no reminders
    own_cadence: bool  # False: follows the map's "stale after"
    last_contact: str | None  # ISO date, None if never
    next_date: dt.date | None  # None: no reminders
    days_until: int | None  # negative: overdue; None: no reminders

    @property
    def due(self) -> bool:
        """Due today or overdue (somebody never contacted is due now)."""
        return self.days_until is not None and self.days_until <= 0

    @property
    def when(self) -> str:
        """As describe_due, but somebody never contacted is "due now, never contacted": their
        date is only today's, and "due today" on a colleague just added read as a forgotten
        reminder."""
        if self.last_contact is None and self.days_until is not None:
            return NEVER_CONTACTED
        return describe_due(self.days_until)

    @property
    def cadence(self) -> str:
        return describe_cadence(self.cadence_days)

    @property
    def why_due(self) -> str:
        """'never contacted', 'overdue' or 'due today' for somebody due; '' for anyone else."""
        if not self.due:
            return ""
        if self.last_contact is None:
            return "never contacted"
        return "overdue" if (self.days_until or 0) < 0 else "due today"


def summary_of(reaches: Iterable[ReachOut], nobody: str = "Nobody is due a call.") -> str:
    """due_summary of these schedule entries."""
    why = Counter(r.why_due for r in reaches)
    return due_summary(why["never contacted"], why["overdue"], why["due today"], nobody)


def reach_out_of(person: Person, stale_days: int, today: dt.date | None = None) -> ReachOut:
    day = today or dt.date.today()
    nxt = next_date(person, stale_days, day)
    return ReachOut(
        person_id=person.id,
        cadence_days=cadence_of(person, stale_days),
        own_cadence=person.cadence_days is not None,
        last_contact=person.last_contact(),
        next_date=nxt,
        days_until=None if nxt is None else (nxt - day).days,
    )


def reach_out_in(doc: Document, person: Person, today: dt.date | None = None) -> ReachOut:
    """`reach_out_of` for a person of `doc`: the map's own person ("you") is never due."""
    if person.id == doc.meta.you_id:
        return ReachOut(person.id, 0, False, person.last_contact(), None, None)
    return reach_out_of(person, doc.meta.stale_days, today)


def schedule(doc: Document, today: dt.date | None = None, order: list[str] | None = None) -> list[ReachOut]:
    """Everyone but "you", by what is due: most overdue first, then due today (never contacted
    among them), then the soonest; people with no reminders last. Ties: colleagues in the walk
    before customers and roster entries, then `order` (e.g. the walk), then name."""
    day = today or dt.date.today()
    rank = {pid: i for i, pid in enumerate(order or [])}
    far = len(rank)
    people = [p for p in doc.people.values() if p.id != doc.meta.you_id]
    items = {p.id: reach_out_of(p, doc.meta.stale_days, day) for p in people}

    def key(p: Person) -> tuple[int, int, int, int, str]:
        r = items[p.id]
        never = r.last_contact is None and r.days_until is not None
        return (
            r.days_until if r.days_until is not None else 10**9,
            0 if never else 1,
            1 if (p.is_customer or not p.placed) else 0,
            rank.get(p.id, far),
            p.name.casefold(),
        )

    people.sort(key=key)
    return [items[p.id] for p in people]


def due(doc: Document, today: dt.date | None = None, within_days: int = 0) -> list[ReachOut]:
    """The schedule's entries due within `within_days` of today (0: due now or overdue)."""
    return [r for r in schedule(doc, today) if r.days_until is not None and r.days_until <= within_days]


@dataclass(frozen=True)
class Entry:
    """A row of the reach-out list: the schedule entry and how far the person is from "you"."""

    reach: ReachOut
    distance: int | None  # hand-offs away from "you" (None: no "you", or not connected)


def walk_of(doc: Document, today: dt.date | None = None) -> tuple[list[str], dict[str, int | None]]:
    """The walk's order of people and each one's distance from "you" (one analysis; a list that
    keeps them needs a new one only when the walk or "you" changes, not for a name or a contact)."""
    order: list[str] = []
    distances: dict[str, int | None] = {}
    try:
        from model.analysis.insights import analyse

        report = analyse(doc, today=today or dt.date.today())
        order = [s.person_id for s in report.walk]
        if report.you is not None:
            distances = dict(report.you.distances)
    except Exception:  # an analysis bug must not hide the list: it still orders by what is due
        log.exception("the analysis failed; the reach-out list keeps to due dates and names")
    return order, distances


def entries_in(doc: Document, today: dt.date | None, order: list[str],
               distances: dict[str, int | None]) -> list[Entry]:
    """The schedule with `order` for ties and each person's distance from `distances`."""
    return [Entry(r, distances.get(r.person_id)) for r in schedule(doc, today, order)]


def reach_out_list(doc: Document, today: dt.date | None = None) -> list[Entry]:
    """The schedule in walk order for ties, with each person's distance from "you" (one analysis)."""
    return entries_in(doc, today, *walk_of(doc, today))
