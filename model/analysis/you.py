"""What the map says to "you": distances, stale contacts, who to reach out to next.

Distance is counted in hand-offs either way (you can walk over to someone
who hands work to you as easily as to someone you hand work to). Only
colleagues in the walk are considered for contact: customers have their
own account team, and "you" do not need to contact yourself.

Who to reach out to next: the people on your walk (connected to you by
hand-offs) who are due (never contacted, or not within the stale limit),
closest first, the least recently contacted first among equals; if fewer
than five are due, the least recently contacted of the rest fill the list.
"""
from __future__ import annotations

import datetime as dt

import networkx as nx

from model.analysis import results
from model.analysis.graph import WalkGraph, forget_views
from model.analysis.results import Finding, NextContact, YouView
from model.analysis.rules import make
from model.coaching import contact_age_days, staleness
from model.reachout import cadence_of, due_summary

NEXT_PEOPLE = 5
_NEVER = 10**9  # "never contacted" sorts as the oldest contact


def _contacts(
    g: WalkGraph, you_id: str, stale_days: int, today: dt.date
) -> list[tuple[str, str | None, int | None, bool]]:
    """(person id, last contact, days since, due) for every colleague in the walk but you.

    "Due" is model.coaching's one definition of stale (what fades a card on the canvas)."""
    out = []
    for step in g.steps:
        p = g.placed[step.person_id]
        if p.is_customer or p.id == you_id:
            continue
        days = contact_age_days(p, today)
        last = p.last_contact() if days is not None else None
        out.append((p.id, last, days, staleness(p, stale_days, today) >= 1.0))
    return out


def stale_contacts(g: WalkGraph, you_id: str | None, stale_days: int, today: dt.date) -> list[Finding]:
    if you_id is None or you_id not in g.doc.people:
        return []
    distances = _distances(g, you_id)
    out = []
    for pid, last, days, due in _contacts(g, you_id, stale_days, today):
        if not due:
            continue
        away = distances.get(pid)
        where = f", {away} hand-off{'s' if away != 1 else ''} from you," if away is not None else ""
        if days is None:
            message = f"You have never been in touch with {g.who(pid)}{where.rstrip(',')}."
        else:
            message = (f"Your last contact with {g.who(pid)}{where} was {days} days ago ({last}); "
                       f"contact goes stale after {cadence_of(g.doc.people[pid], stale_days)} days.")
        out.append(make(g, results.STALE_CONTACT, message, people=[pid], stages=[g.effective_stage(pid)]))
    return out


def _distances(g: WalkGraph, you_id: str) -> dict[str, int]:
    if you_id not in g.reach:
        return {}
    both_ways = g.reach.to_undirected(as_view=True)
    distances = dict(nx.single_source_shortest_path_length(both_ways, you_id))
    forget_views(both_ways)
    return distances


def you_view(g: WalkGraph, you_id: str | None, stale_days: int, today: dt.date) -> YouView | None:
    if you_id is None or you_id not in g.doc.people:
        return None
    distances = _distances(g, you_id)
    reached = [(distances[c], g.step_of.get(c, 0), c) for c in g.customers if c in distances and c != you_id]
    nearest = min(reached) if reached else None
    candidates = []
    for pid, last, days, due in _contacts(g, you_id, stale_days, today):
        if pid not in distances:
            continue
        candidates.append(NextContact(pid, distances[pid], last, days, due))
    due_now = [c for c in candidates if c.due]
    due_first = sorted(
        due_now,
        key=lambda c: (
            c.distance, -(_NEVER if c.days_since is None else c.days_since), g.step_of[c.person_id],
        ),
    )
    rest = sorted(
        (c for c in candidates if not c.due),
        key=lambda c: (-(c.days_since or 0), c.distance, g.step_of[c.person_id]),
    )
    never = sum(1 for c in due_now if c.days_since is None)
    late = sum(1 for c in due_now if c.days_since is not None
               and c.days_since > cadence_of(g.doc.people[c.person_id], stale_days))
    return YouView(
        person_id=you_id,
        distances={s.person_id: distances.get(s.person_id) for s in g.steps},
        customer_distance=nearest[0] if nearest else None,
        nearest_customer_id=nearest[2] if nearest else None,
        next_people=(due_first + rest)[:NEXT_PEOPLE],
        stale_days=stale_days,
        never_contacted=never,
        overdue=late,
        due_today=len(due_now) - never - late,
    )


def reach_out_summary(view: YouView) -> str:
    """How many on your walk to reach out to, and why ('4 to reach out to: 2 never contacted,
    1 overdue, 1 due today.'): worded once, in model/reachout.py."""
    return due_summary(view.never_contacted, view.overdue, view.due_today,
                       "Nobody on your walk is due a call.")


def contact_tip(contact: NextContact) -> str:
    """What one line of the reach-out list means (its tooltip)."""
    if contact.due:
        return "Due now, never contacted" if contact.last_contact is None else "Due: reach out"
    return "Not due yet, but the longest since you spoke"
