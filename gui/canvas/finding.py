"""Finding a person on the map (the search box, the roster's double-click): which one matches
next, and showing them so they can be read."""
from __future__ import annotations

from typing import TYPE_CHECKING

from model.document import Document
from model.entities import Person

if TYPE_CHECKING:
    from gui.main_window import MainWindow


READABLE_ZOOM = 0.5  # below this a card found or picked from the roster is zoomed to 100% to be read


def next_match(doc: Document, text: str, start: int) -> tuple[str | None, int]:
    """The id of the first person from position `start` on (wrapping round) whose name, title,
    department or vendor contains `text`, and where the next search starts; (None, start) if
    nobody matches or the text is blank."""
    key = text.strip().casefold()
    people = list(doc.people.values())
    if not key or not people:
        return None, start

    def matches(p: Person) -> bool:
        dept = doc.departments.get(p.department_id or "")
        return any(key in s.casefold() for s in (p.name, p.title, dept.name if dept else "", p.vendor))

    n = len(people)
    for step in range(n):
        i = (start + step) % n
        if matches(people[i]):
            return people[i].id, i + 1
    return None, start


def show_person(window: MainWindow, pid: str) -> None:
    """Select a person's card and bring it into view, readable; a roster person not yet in the
    walk is shown in the inspector with a hint instead."""
    person = window.document.people.get(pid)
    if person is None:
        return
    if not person.placed:
        window.show_status(f"{person.name} is on the roster, not yet in the walk: drag them from the palette")
        window.inspector.show_selection("person", [pid])
        return
    if window.view.zoom() < READABLE_ZOOM:  # zoomed far out, the found card would be a speck
        window.view.set_zoom(1.0)
    window.scene.select_ids([pid])
    window.view.setFocus()
