"""The bundled example map: the order-to-cash template, lived in for half a year.

It shows every feature: "you", outreach logs (recent, stale and never),
stories and sweet spots, outsourced roles, customers, department KPIs with a
conflict, roster people not yet placed (with an HR ID, a manager and an extra
field), two dated check-ups with a coach's own statement, and two coaching
sessions with action items (done, open and overdue).

Everything is deterministic, ids included (uuid5 from fixed keys) and dates
counted back from EXAMPLE_DATE, so `assets/example.cwalk` can be rebuilt
byte for byte:   python -m model.example [OUT]   (default: assets/example.cwalk)
"""
from __future__ import annotations

import contextlib
import datetime as dt
import sys
import uuid
from pathlib import Path
from typing import Any

from model.document import Document, DocumentError
from model.entities import ActionItem, Checkup, OutreachEntry, Person, Session, Statement
from model.resources import example_map
from model.storage.serialize import from_data
from model.storage.store import MapFileError, read_data
from model.templates.catalog import build_template

EXAMPLE_PATH = example_map()  # through importlib.resources, wherever the app is installed
EXAMPLE_DATE = dt.date(2026, 11, 16)  # "today" in the example's story; all dates count back from it
_NAMESPACE = uuid.UUID("6f1d8e2a-3c4b-5a69-8d7e-0a1b2c3d4e5f")


def example_id(kind: str, key: str) -> str:
    """The same id on every build: uuid5 of the thing's kind and key."""
    return uuid.uuid5(_NAMESPACE, f"{kind}/{key}").hex


def load_example(path: Path = EXAMPLE_PATH, today: dt.date | None = None) -> Document:
    """The bundled example, to be opened as an unsaved map, its dates moved so that the story's
    "today" (EXAMPLE_DATE) is today: its contacts look as fresh, and as stale, on any day as on
    the day it was written. Raises MapFileError like store.load."""
    data, _version = read_data(path)
    shift = (today or dt.date.today()) - EXAMPLE_DATE
    if shift:
        _shift_dates(data, shift)
    try:
        return from_data(data)
    except DocumentError as exc:
        raise MapFileError(f"{path.name} is damaged: {exc}") from None


def _shift_dates(data: dict[str, Any], shift: dt.timedelta) -> None:
    """Every dated record of the map's plain data moved by `shift` (contacts, check-ups,
    sessions, action items' due dates); a value that is not a date is left as it is."""
    def moved(record: dict[str, Any], key: str) -> None:
        with contextlib.suppress(KeyError, TypeError, ValueError):
            record[key] = (dt.date.fromisoformat(record[key]) + shift).isoformat()

    for person in data.get("people", []):
        for entry in person.get("outreach", []):
            moved(entry, "date")
    for checkup in data.get("checkups", []):
        moved(checkup, "date")
    for session in data.get("sessions", []):
        moved(session, "date")
        for item in session.get("action_items", []):
            moved(item, "due")


def days_ago(days: int) -> str:
    return (EXAMPLE_DATE - dt.timedelta(days=days)).isoformat()


# person key -> (days ago, channel, note); people left out were never contacted
_OUTREACH: dict[str, list[tuple[int, str, str]]] = {
    "maya": [(200, "meeting", "Riverside kick-off; she walked me through her quote notes."),
             (6, "coffee", "Asked her to add site photos to every quote. She said yes.")],
    "tom": [(21, "call", "Agreed that his one-page summary comes with every contract.")],
    "priya": [(45, "email", "Sent her the flange question; she added a clause on site standards.")],
    "aisha": [(130, "meeting", "Supplier review; she showed me the second-source list.")],
    "lars": [(10, "walk", "Walked the line together; he showed me where drawings raise questions.")],
    "elena": [(250, "call", "Asked about the vibration re-test."),
              (95, "coffee", "She wants the test plan before the drawings, not after.")],
    "sven": [(100, "site visit", "Met at the Riverside commissioning; he wants drawings on paper on site.")],
    "daniel": [(60, "email", "Sent him the Riverside commissioning report."),
               (30, "chat", "He told me which alarms operators misread."),
               (3, "call", "Listened in on a support call; he let the operator talk for two minutes.")],
    "grace": [(14, "meeting", "Prepared the Riverside account review together.")],
    "rita": [(35, "site visit", "Plant tour with Sven and Rita; she asked for one contact for everything.")],
}


def _p(key: str) -> str:
    return example_id("person", key)


def _add_roster_people(doc: Document) -> None:
    """Two people from an HR roster who are not in the walk yet (the palette offers them)."""
    production = example_id("department", "production")
    doc.add("person", Person(
        name="Ingrid Berg", title="Head of Operations", department_id=production, placed=False,
        email="ingrid.berg@halvorsen-pumps.example", location="Borås", external_id="E-0007",
        extra={"Cost centre": "OPS-100"}, id=_p("ingrid"),
    ))
    doc.add("person", Person(
        name="Noah Fischer", title="Quality Inspector", department_id=production, placed=False,
        email="noah.fischer@halvorsen-pumps.example", location="Borås", external_id="E-1042",
        extra={"Cost centre": "OPS-120", "Start date": "2026-11-02"}, id=_p("noah"),
    ))
    for key in ("lars", "elena", "noah"):
        doc.update("person", _p(key), reports_to=_p("ingrid"))


def _add_outreach(doc: Document) -> None:
    for key, entries in _OUTREACH.items():
        for n, (ago, channel, note) in enumerate(sorted(entries, reverse=True)):
            doc.add_outreach(_p(key), OutreachEntry(date=days_ago(ago), channel=channel, note=note,
                                                    id=example_id("outreach", f"{key}/{n}")))
    # keep-in-touch cadences: the next hand-off monthly, the customer fortnightly, renewals twice a year
    for key, days in (("tom", 30), ("rita", 14), ("grace", 182)):
        doc.update("person", _p(key), cadence_days=days)


def _add_checkups(doc: Document) -> None:
    names = doc.add("statement", Statement(
        text="We hand off to a person with a name, not to a queue.", id=example_id("statement", "names")))
    doc.add("checkup", Checkup(
        date="2026-06-15",
        answers={"heroes": 2, "core_customers": 3, "voices": 2, names.id: 1},
        areas={"messages": 2, "quality": 3, "churn": 2},
        note="First check-up, with Jonas and his team lead. Nobody could name the people at FreightLine.",
        id=example_id("checkup", "june"),
    ))
    doc.add("checkup", Checkup(
        date="2026-10-12",
        answers={"heroes": 3, "core_customers": 4, "voices": 3, names.id: 3},
        areas={"messages": 3, "quality": 4, "churn": 3},
        note="Second check-up: better on every statement; the hand-off to logistics is still nameless.",
        id=example_id("checkup", "october"),
    ))


def _add_sessions(doc: Document) -> None:
    def item(key: str, text: str, due: str, done: bool, owner: str = "Jonas Weber") -> ActionItem:
        return ActionItem(text=text, owner=owner, due=due, done=done, id=example_id("action", key))

    doc.add("session", Session(
        date="2026-06-15", title="First walk-through",
        notes=(
            "Traced the Riverside order from the quote to the renewal. Jonas knew six of the thirteen people "
            "by name; nobody in engineering had met FreightLine or ProInstall.\n\n"
            "Found the experience conflict between Production and FreightLine: Production ships as soon as a "
            "pump passes its test, FreightLine waits for a full truck."
        ),
        action_items=[
            item("meet-sven", "Introduce yourself to Sven Aalto at ProInstall", "2026-08-31", True),
            item("legal-notes", "Ask Legal for the plain-language clause notes", "2026-07-01", True),
            item("own-story", "Write your own line-of-sight story", "", True),
        ],
        id=example_id("session", "june"),
    ))
    doc.add("session", Session(
        date="2026-10-12", title="Checking the hand-offs",
        notes=(
            "Second check-up; the scores moved on every statement. The hand-off to logistics still has no "
            "name on our side, Lars has no story yet, and invoicing and collections were never contacted."
        ),
        action_items=[
            item("meet-marco", "Meet Marco Rossi at FreightLine about delivery slots", "2026-10-30", False),
            item("shared-kpi", "Propose a KPI that Production and FreightLine share", "2026-12-15", False,
                 owner="Jonas Weber and Lars Nilsson"),
            item("lars-story", "Help Lars write his line-of-sight story", "2026-11-30", False),
            item("playbook", "Share the playbook with the production team", "2026-10-20", True),
        ],
        id=example_id("session", "october"),
    ))


def build_example() -> Document:
    """The rich example map, the same on every call."""
    doc = build_template("order-to-cash", id_factory=example_id)
    _add_roster_people(doc)
    _add_outreach(doc)
    _add_checkups(doc)
    _add_sessions(doc)
    doc.update_meta(
        title="Example: how a pump order walks through Halvorsen Pumps",
        organisation="Halvorsen Pumps",
        prepared_for="Jonas Weber, Applications Engineer",
        prepared_by="Jordan Ellis, customer-experience coach",
        description=(
            "Jonas's map of the Riverside pump order, built over two coaching sessions: who touches the "
            "contract after him, who he has talked to, and where the walk may lose the customer."
        ),
        template="example",
        you_id=_p("jonas"),
    )
    return doc


def main(argv: list[str] | None = None) -> int:
    from model.storage.store import MapFileError, save

    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else EXAMPLE_PATH
    try:
        save(build_example(), out, backups=0, stamp=False)  # the same bytes on every build
    except MapFileError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
