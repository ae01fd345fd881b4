"""The keep-in-touch schedule and the open action items as an iCalendar (.ics) file.

One all-day VEVENT per scheduled reach-out (on its next date, or today when it
is overdue) and per open action item (on its due date, or today when overdue or
undated). VEVENT rather than VTODO: Google Calendar and Outlook import only
events from a file, and the point is that the reminder lands in the calendar the
user already looks at. Events are transparent (they never block time).

UIDs come from the entity's own id (a uuid that every copy of the map keeps), so
importing a newer export updates each event instead of adding a second one.
`redact=True` names people by role and department, scrubs names from free text
and leaves out contact details (the redacted copy of model/redaction, as every export).
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from icalendar import Calendar, Event

from model import coaching, reachout
from model.analysis.graph import clean
from model.document import Document
from model.entities import Person
from model.naming import role_label
from model.stages import stage_label
from model.storage.atomic import atomic_write_bytes, describe_os_error
from model.textfold import loose

log = logging.getLogger(__name__)

PRODID = "-//Contract Walk//Keep in touch//EN"
UID_DOMAIN = "contract-walk"
CONTEXT_LIMIT = 200  # one line of context
TEXT_LIMIT = 160


class IcsExportError(OSError):
    """The calendar file could not be written; the message says why."""


@dataclass(frozen=True)
class Redaction:
    """How people are named in the file: a name per person id, and a scrubber for free text."""

    names: dict[str, str]
    scrub: Callable[[str], str]
    redact: bool


def _redaction(doc: Document, redact: bool) -> Redaction:
    """How people are named: `doc` is already the redacted copy when `redact` (see calendar())."""
    from model.naming import names

    return Redaction(names(doc, False), lambda text: text, redact)


def uid(kind: str, entity_id: str) -> str:
    """A stable UID: the same entity gives the same UID in every export of the map."""
    return f"{kind}-{entity_id}@{UID_DOMAIN}"


def _line(text: str, limit: int = TEXT_LIMIT) -> str:
    return clean(text, limit)


def _context(person: Person) -> str:
    """One line that reminds the user who this is: what they do, else their story."""
    for text in (person.what_they_do, person.story.hand_on, person.story.reaches_customer, person.strengths):
        if text.strip():
            return _line(text.strip().splitlines()[0], CONTEXT_LIMIT)
    return ""


def _event(
    uid_: str, day: dt.date, summary: str, lines: list[str], category: str, stamp: dt.datetime
) -> Event:
    ev = Event()
    ev.add("uid", uid_)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", day)
    if day < dt.date.max:  # without DTEND an all-day event lasts its one day (RFC 5545 3.6.1)
        ev.add("dtend", day + dt.timedelta(days=1))
    ev.add("summary", _line(summary))
    ev.add("description", "\n".join(line for line in lines if line))
    ev.add("categories", ["Contract Walk", category])
    ev.add("transp", "TRANSPARENT")
    return ev


def _reach_out_events(doc: Document, r: Redaction, today: dt.date, stamp: dt.datetime) -> list[Event]:
    out = []
    for item in reachout.schedule(doc, today):
        if item.next_date is None:
            continue
        person = doc.people[item.person_id]
        name = r.names[person.id]
        role = role_label(doc, person) if not r.redact else ""
        stage = f"Stage: {stage_label(person.stage)}" if person.stage else ""
        age = coaching.contact_age_days(person, today)
        last = "Never contacted yet" if item.last_contact is None else (
            f"Last contact {item.last_contact} ({coaching.describe_age(age)})")
        contact = []
        if not r.redact:
            contact = [f"Email: {_line(person.email)}" if person.email.strip() else "",
                       f"Phone: {_line(person.phone)}" if person.phone.strip() else ""]
        lines = [
            f"Role: {_line(role)}" if role else "",
            stage,
            f"Keep in touch: {item.cadence.lower()} ({item.when})",
            last,
            _line(r.scrub(_context(person)), CONTEXT_LIMIT),
            *contact,
        ]
        day = max(item.next_date, today)
        out.append(_event(uid("reachout", person.id), day, f"Reach out to {_line(name)}", lines,
                          "Reach out", stamp))
    return out


def _owner(doc: Document, owner: str, r: Redaction) -> tuple[str, Person | None]:
    """(how the owner is shown, the person they are on the map, if any)."""
    text = owner.strip()
    if not text:
        return "", None
    found = doc.find_people(text)
    if not found:  # typed as a first name or without accents: 'dana' is the map's only Dana
        key = loose(text)
        found = [p for p in doc.people.values() if loose(p.name) == key]
        found = found or [p for p in doc.people.values() if loose(p.name).split()[:1] == [key]]
    person = found[0] if len(found) == 1 else None
    if person is not None:
        return _line(r.names[person.id]), person
    return ("" if r.redact else _line(text)), None


def _action_events(doc: Document, r: Redaction, today: dt.date, stamp: dt.datetime) -> list[Event]:
    out = []
    for o in coaching.action_items(doc, today):
        a = o.item
        owner, person = _owner(doc, a.owner, r)
        due = coaching._parse(a.due)
        day = today if due is None or due < today else due
        session = f"From the session of {o.session_date}" + (
            f": {_line(r.scrub(o.session_title), 80)}" if o.session_title.strip() else "")
        lines = [
            f"Owner: {owner}" if owner else "",
            f"Role: {_line(role_label(doc, person))}" if person is not None and not r.redact else "",
            f"Due: {a.due}" + (" (overdue)" if o.overdue else "") if a.due else "No due date",
            session,
        ]
        text = _line(r.scrub(a.text)) or "Action item"
        summary = text + (f" ({owner})" if owner else "")
        out.append(_event(uid("action", a.id), day, summary, lines, "Action item", stamp))
    return out


def calendar(doc: Document, redact: bool = False, today: dt.date | None = None,
             now: dt.datetime | None = None) -> Calendar:
    """The calendar: reach-outs first (by what is due), then open action items."""
    day = today or dt.date.today()
    stamp = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    if redact:  # one owner of redaction for every export (model/redaction)
        from model.redaction.apply import redacted

        doc = redacted(doc)
    r = _redaction(doc, redact)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    title = _line(r.scrub(doc.meta.title), 80) or "Untitled map"
    cal.add("x-wr-calname", f"Contract Walk: {title}")
    for ev in _reach_out_events(doc, r, day, stamp) + _action_events(doc, r, day, stamp):
        cal.add_component(ev)
    return cal


def ics_bytes(doc: Document, redact: bool = False, today: dt.date | None = None,
              now: dt.datetime | None = None) -> bytes:
    return bytes(calendar(doc, redact, today, now).to_ical())


def write_ics(doc: Document, path: Path | str, redact: bool = False, today: dt.date | None = None) -> int:
    """Write the calendar atomically; returns how many events it holds. Raises IcsExportError."""
    target = Path(path)
    cal = calendar(doc, redact, today)
    data = cal.to_ical()
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise IcsExportError(exc.errno, f"could not write {describe_os_error(exc, target)}") from None
    count = len(cal.walk("VEVENT"))
    log.info("wrote %s (%d events%s)", target, count, ", redacted" if redact else "")
    return count
