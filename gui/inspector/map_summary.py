"""The map summary's counts, kept up to date per edited person (issue 19).

Recounting 10,000 people on every document event cost a drop ~100 ms; here each event touches
only the people it names. The text is written from the counts by the same function a fresh
recount uses (`map_page.summary_text`), so the two cannot drift apart in wording.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from model.events import Event

if TYPE_CHECKING:
    from model.document import Document
    from model.entities import Person


@dataclass
class Counts:
    """What the summary says about the people; departments and hand-offs are len() of the map."""

    colleagues: int = 0
    customers: int = 0
    unplaced: int = 0
    stories: int = 0  # colleagues whose line-of-sight story is written


def marks_of(person: Person) -> tuple[bool, bool, bool]:
    """(customer, not placed, colleague with a written story): what one person adds to the counts."""
    customer = person.is_customer
    return customer, not person.placed, (not customer) and person.story.is_written()


def count(doc: Document) -> Counts:
    """A fresh recount of everyone."""
    counts = Counts()
    for person in doc.people.values():
        _add(counts, marks_of(person), 1)
    return counts


def _add(counts: Counts, marks: tuple[bool, bool, bool], sign: int) -> None:
    customer, unplaced, story = marks
    if customer:
        counts.customers += sign
    else:
        counts.colleagues += sign
    counts.unplaced += sign * unplaced
    counts.stories += sign * story


@dataclass
class SummaryTally:
    """Counts for one document, followed event by event. `counts(doc)` recounts only when the
    document is new to it or an event did not say which people it touched."""

    doc: Document | None = None
    _counts: Counts = field(default_factory=Counts)
    _marks: dict[str, tuple[bool, bool, bool]] = field(default_factory=dict)
    _stale: bool = True

    def counts(self, doc: Document) -> Counts:
        if doc is not self.doc or self._stale:
            self.doc, self._stale = doc, False
            self._marks = {pid: marks_of(p) for pid, p in doc.people.items()}
            self._counts = Counts()
            for marks in self._marks.values():
                _add(self._counts, marks, 1)
        return self._counts

    def forget(self) -> None:
        """Events were missed (the document was set again): count everyone next time."""
        self._stale = True

    def on_event(self, event: Event) -> None:
        """Follow one item's event (callers split removals with `Event.each`)."""
        if event.entity != "person" or self._stale or self.doc is None or event.action == "moved":
            return  # positions are not counted; the other counts are len() of the map
        ids = event.ids or ((event.id,) if event.id else ())
        if not ids:
            self._stale = True  # a change that names nobody: count everyone next time
            return
        for pid in ids:
            old = self._marks.pop(pid, None)
            if old is not None:
                _add(self._counts, old, -1)
            person = self.doc.people.get(pid)
            if person is not None:
                marks = marks_of(person)
                self._marks[pid] = marks
                _add(self._counts, marks, 1)
