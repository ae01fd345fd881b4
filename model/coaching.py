"""Coaching and personal-network helpers: plain data for the step-through,
check-ups, sessions, action items and the outreach log.

Qt-free, so the canvas (card fading), the PDF and the tests share one
definition of "stale", "overdue" and "the walk, one hand-off at a time".
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from model.document import Document
from model.entities import THREE_AREAS, ActionItem, Checkup, Handoff, Person, Session
from model.reachout import cadence_of
from model.stages import STAGES, stage_index

log = logging.getLogger(__name__)

CHANNELS: tuple[str, ...] = ("call", "email", "meeting", "coffee", "chat", "other")

# Asked at every step of the walk, after the stage's own question.
COACH_PROMPTS: tuple[str, ...] = (
    "Have you met the person who hands this on, and the one who receives it?",
    "What does the receiver need to know that is not written down?",
    "How would the customer notice if this hand-off went wrong?",
    "Do both sides measure success the same way here?",
)
# Added where the step crosses a department line or leaves the company.
CROSSING_PROMPT = "This hand-off crosses a department line: who owns the gap between them?"
OUTSOURCED_PROMPT = "Part of this step is outsourced: who on our side speaks for the customer?"
NO_STORY_PROMPT = "{name} has no line-of-sight story yet: how does their work reach the customer?"


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def _parse(day: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(day)
    except (TypeError, ValueError):
        return None


# ----- outreach -------------------------------------------------------------
def contact_age_days(person: Person, today: dt.date | None = None) -> int | None:
    """Days since the last logged contact (0 = today); None if never contacted.

    A contact logged with a future date counts as today (never negative)."""
    last = _parse(person.last_contact() or "")
    if last is None:
        return None
    return max(0, (_today(today) - last).days)


def staleness(person: Person, stale_days: int, today: dt.date | None = None) -> float:
    """0.0 = spoken to today, 1.0 = never or at least a cadence ago; linear in between. The
    cadence is the person's own, else the map's `stale_days` (model/reachout.py); with no
    reminders (cadence 0) a contact never goes stale.

    The canvas fades a card by this; the insights call 1.0 "stale"."""
    limit = cadence_of(person, stale_days)
    if limit == 0:
        return 0.0
    age = contact_age_days(person, today)
    if age is None:
        return 1.0
    return min(1.0, age / limit)


def describe_age(age: int | None) -> str:
    """'never', 'today', 'yesterday', '12 days ago', '3 months ago', '2 years ago'."""
    if age is None:
        return "never"
    if age == 0:
        return "today"
    if age == 1:
        return "yesterday"
    if age < 60:
        return f"{age} days ago"
    if age < 730:
        return f"{age // 30} months ago"
    return f"{age // 365} years ago"


@dataclass(frozen=True)
class Contact:
    """Somebody to reach out to, and how long it has been."""

    person_id: str
    name: str
    age_days: int | None  # None: never contacted
    stale: bool
    distance: int | None = None  # hand-offs away from "you" (None: no "you", or not connected)


def _you_view(doc: Document, today: dt.date | None) -> tuple[list[str], dict[str, int | None]]:
    """(people the analysis says are due, nearest first; hand-offs away from you) — empty without "you"."""
    if doc.meta.you_id not in doc.people:
        return [], {}
    try:
        from model.analysis.insights import analyse

        you = analyse(doc, today=_today(today)).you
    except ImportError:
        return [], {}
    except Exception:  # an analysis bug must not hide the list
        log.exception("the analysis could not say who is due; ordering by last contact")
        return [], {}
    if you is None:
        return [], {}
    return [n.person_id for n in you.next_people if n.due], dict(you.distances)


def reach_out_next(doc: Document, today: dt.date | None = None, limit: int | None = None) -> list[Contact]:
    """Who to reach out to next. With "you" marked: the people on your walk who
    are due (never contacted or stale), nearest first, as the analysis ranks
    them; then everybody else: never contacted first, then the longest ago.

    Colleagues in the walk come before customers and unplaced roster entries;
    "you" is left out. Ties go by walk order, then name."""
    you = doc.meta.you_id
    due_first, distances = _you_view(doc, today)
    rank = {pid: i for i, pid in enumerate(due_first)}
    order = {pid: i for i, pid in enumerate(walk_people(doc))}
    people = [p for p in doc.people.values() if p.id != you]

    def key(p: Person) -> tuple[int, int, int, int, int, str]:
        age = contact_age_days(p, today)
        return (
            rank.get(p.id, len(rank)),
            0 if age is None else 1,
            -(age or 0),
            1 if (p.is_customer or not p.placed) else 0,
            order.get(p.id, len(order)),
            p.name.casefold(),
        )

    people.sort(key=key)
    out = [
        Contact(
            p.id,
            p.name.strip() or "(unnamed)",
            contact_age_days(p, today),
            staleness(p, doc.meta.stale_days, today) >= 1.0,
            distances.get(p.id),
        )
        for p in people
    ]
    return out[:limit] if limit is not None else out


# ----- the walk ---------------------------------------------------------------
def _handoff_stage(doc: Document, h: Handoff) -> int:
    if h.stage is not None:
        return stage_index(h.stage)
    src = doc.people.get(h.source)
    return stage_index(src.stage if src else None)


def _analysis_walk(doc: Document) -> list[str] | None:
    """Person ids in walk order from model.analysis.insights, if it is there and works."""
    try:
        from model.analysis.insights import analyse
    except ImportError:
        return None
    try:
        walk = analyse(doc).walk
    except Exception:  # an analysis bug must not stop a coaching session
        log.exception("the analysis could not compute the walk; ordering by stage")
        return None
    ids: list[str] = []
    for step in walk:
        pid = step.get("person_id") if isinstance(step, dict) else getattr(step, "person_id", None)
        if isinstance(pid, str) and pid in doc.people and pid not in ids:
            ids.append(pid)
    return ids


def walk_people(doc: Document) -> list[str]:
    """Person ids in the order the contract reaches them (analysis, else by stage)."""
    ids = _analysis_walk(doc)
    if ids:
        return ids
    touched = {pid for h in doc.handoffs.values() for pid in (h.source, h.target)}
    people = [doc.people[pid] for pid in touched if pid in doc.people]

    def key(p: Person) -> tuple[int, int, float, str]:
        stages = [_handoff_stage(doc, h) for h in doc.handoffs_of(p.id) if h.source == p.id]
        first = min(stages) if stages else stage_index(p.stage)
        return (1 if p.is_customer else 0, first, p.pos[0], p.name.casefold())

    return [p.id for p in sorted(people, key=key)]


def walk_handoffs(doc: Document) -> list[Handoff]:
    """Every hand-off once, in walk order: by the giver's place in the walk,
    then the stage, then the receiver's place."""
    order = {pid: i for i, pid in enumerate(walk_people(doc))}
    last = len(order)
    return sorted(
        doc.handoffs.values(),
        key=lambda h: (order.get(h.source, last), _handoff_stage(doc, h), order.get(h.target, last)),
    )


def step_prompts(doc: Document, h: Handoff) -> list[str]:
    """What a coach asks at this step: the stage's question, then ours."""
    out: list[str] = []
    idx = _handoff_stage(doc, h)
    if idx < len(STAGES):
        out.append(STAGES[idx].question)
    src, dst = doc.people.get(h.source), doc.people.get(h.target)
    if src and dst and not dst.is_customer and src.department_id != dst.department_id:
        out.append(CROSSING_PROMPT)
    if any(p is not None and p.sourcing == "outsourced" for p in (src, dst)):
        out.append(OUTSOURCED_PROMPT)
    out.extend(COACH_PROMPTS)
    for p in (src, dst):
        if p is not None and not p.is_customer and not p.story.is_written():
            out.append(NO_STORY_PROMPT.format(name=p.name.strip() or "This person"))
    return out


# ----- sessions and action items ------------------------------------------
def session_on(doc: Document, day: dt.date | None = None) -> Session | None:
    """The (last) session dated `day` (default today), if there is one."""
    iso = _today(day).isoformat()
    found = [s for s in doc.sessions.values() if s.date == iso]
    return found[-1] if found else None


def sessions_by_date(doc: Document) -> list[Session]:
    """Newest first; sessions on one day keep the order they were added in."""
    items = list(doc.sessions.values())
    return sorted(items, key=lambda s: s.date, reverse=True)


def is_overdue(item: ActionItem, today: dt.date | None = None) -> bool:
    due = _parse(item.due)
    return not item.done and due is not None and due < _today(today)


@dataclass(frozen=True)
class OpenItem:
    session_id: str
    session_date: str
    session_title: str
    item: ActionItem
    overdue: bool


def action_items(doc: Document, today: dt.date | None = None, include_done: bool = False) -> list[OpenItem]:
    """Action items across the map: overdue first, then by due date (none last), then session date."""
    out = [
        OpenItem(s.id, s.date, s.title, a, is_overdue(a, today))
        for s in doc.sessions.values()
        for a in s.action_items
        if include_done or not a.done
    ]
    out.sort(key=lambda o: (o.item.done, not o.overdue, o.item.due or "9999", o.session_date))
    return out


def open_action_count(doc: Document) -> int:
    return sum(1 for s in doc.sessions.values() for a in s.action_items if not a.done)


# ----- check-ups --------------------------------------------------------------
def checkups_by_date(doc: Document) -> list[Checkup]:
    """Oldest first (the chart's order); same-day check-ups keep their order."""
    return sorted(doc.checkups.values(), key=lambda c: c.date)


def latest_checkup(doc: Document) -> Checkup | None:
    items = checkups_by_date(doc)
    return items[-1] if items else None


@dataclass(frozen=True)
class Series:
    key: str  # statement id or "area:<key>"
    label: str
    points: tuple[tuple[str, int], ...]  # (ISO date, 1..5), oldest first


def checkup_series(doc: Document) -> tuple[list[Series], list[Series]]:
    """(statement series, three-areas series) for the history chart; series with no points are left out."""
    ordered = checkups_by_date(doc)
    statements = []
    for sid, st in doc.statements.items():
        pts = tuple((c.date, c.answers[sid]) for c in ordered if sid in c.answers)
        if pts:
            statements.append(Series(sid, st.text, pts))
    areas = []
    for key, label in THREE_AREAS:
        pts = tuple((c.date, c.areas[key]) for c in ordered if key in c.areas)
        if pts:
            areas.append(Series(f"area:{key}", label, pts))
    return statements, areas
