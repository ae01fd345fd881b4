"""Copy, paste and duplicate people with the hand-offs among them.

The clipboard carries a small map (JSON, the same shape as a saved map) so
a selection can be pasted into another map or another running app; pasted
people get new ids and land a little offset from the originals, moved down into free
space when that would cover a card.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import logging

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QUndoCommand

from gui.canvas.landing import OVERLAP_SLACK
from gui.commands import AddCommand, UpdateCommand
from model import layout
from model.document import Document, DocumentError
from model.entities import Handoff, Person, new_id
from model.storage.serialize import from_data, item_to_data

log = logging.getLogger(__name__)

SELECTION_MIME = "application/x-contractwalk-selection"
OFFSET = 24.0


def selection_data(doc: Document, person_ids: list[str]) -> dict:
    """The chosen people (in map order), their departments and the hand-offs among them."""
    chosen = [pid for pid in doc.people if pid in set(person_ids)]
    people = []
    for pid in chosen:
        data = item_to_data(doc.people[pid])
        if data.get("reports_to") not in chosen:
            data["reports_to"] = None
        people.append(data)
    depts = {doc.people[pid].department_id for pid in chosen} - {None}
    return {
        "meta": {},
        "departments": [item_to_data(d) for did, d in doc.departments.items() if did in depts],
        "people": people,
        "handoffs": [
            item_to_data(h) for h in doc.handoffs.values() if h.source in chosen and h.target in chosen
        ],
    }


def to_mime(doc: Document, person_ids: list[str]) -> QMimeData:
    data = selection_data(doc, person_ids)
    mime = QMimeData()
    mime.setData(SELECTION_MIME, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    mime.setText("\n".join(p["name"] for p in data["people"]))
    return mime


def copy_selection(doc: Document, person_ids: list[str]) -> int:
    """Put the people on the system clipboard; returns how many."""
    if not person_ids:
        return 0
    QGuiApplication.clipboard().setMimeData(to_mime(doc, person_ids))
    return len(person_ids)


def holds_people() -> bool:
    """Whether the system clipboard carries people copied from a map (what Paste needs);
    cheap enough to ask on every clipboard change, it reads no data."""
    mime = QGuiApplication.clipboard().mimeData()
    return mime is not None and mime.hasFormat(SELECTION_MIME)


def from_mime(mime: QMimeData | None) -> Document | None:
    """The small map a copy carried, or None if the clipboard holds none (or a broken one)."""
    if mime is None or not mime.hasFormat(SELECTION_MIME):
        return None
    try:
        data = json.loads(bytes(mime.data(SELECTION_MIME).data()).decode("utf-8"))
        return from_data(data)
    except (ValueError, UnicodeDecodeError, DocumentError, RecursionError) as exc:
        log.warning("ignoring a clipboard selection that cannot be read: %s", exc)
        return None


def paste_commands(
    doc: Document, piece: Document, offset: float = OFFSET
) -> tuple[list[QUndoCommand], list[str]]:
    """Commands that add copies of `piece`'s people and hand-offs to `doc` (new
    ids, offset), and the new people's ids. Departments are matched by id, then
    by name; a department the map lacks leaves the copy without one."""
    by_name = {d.name.strip().casefold(): did for did, d in doc.departments.items()}
    dept_map: dict[str, str | None] = {}
    for did, d in piece.departments.items():
        dept_map[did] = did if did in doc.departments else by_name.get(d.name.strip().casefold())
    ids = {pid: new_id() for pid in piece.people}
    cmds: list[QUndoCommand] = []
    links: list[QUndoCommand] = []
    twins: list[Person] = []
    for pid, p in piece.people.items():
        twin: Person = copy.deepcopy(p)
        twin.id = ids[pid]
        twin.department_id = dept_map.get(p.department_id or "") if p.department_id else None
        twin.reports_to = None  # linked after every copy is in (a manager may come later)
        twin.pos = (p.pos[0] + offset, p.pos[1] + offset)
        for entry in twin.outreach:
            entry.id = new_id()
        twins.append(twin)
        cmds.append(AddCommand(doc, "person", twin, "Paste"))
        if p.reports_to in ids:
            links.append(UpdateCommand(doc, "person", twin.id, {"reports_to": ids[p.reports_to]}, "Paste"))
    _into_free_space(doc, twins)
    cmds += links
    for h in piece.handoffs.values():
        twin_h: Handoff = dataclasses.replace(h, id=new_id(), source=ids[h.source], target=ids[h.target])
        cmds.append(AddCommand(doc, "handoff", twin_h, "Paste"))
    return cmds, list(ids.values())


def _into_free_space(doc: Document, twins: list[Person]) -> None:
    """Move the pasted group down, row by row and all together (its shape kept), until none of
    its cards covers a card already in the map: a paste never hides what is there."""
    placed = [t for t in twins if t.placed]
    if not placed:
        return
    by_lane: dict[str, list[tuple[float, float]]] = {}
    for p in doc.people.values():
        if p.placed:
            by_lane.setdefault(layout.lane_key(p), []).append(p.pos)

    def covers(dy: float) -> bool:
        for t in placed:
            x, y = t.pos[0], t.pos[1] + dy
            for ox, oy in by_lane.get(layout.lane_key(t), ()):
                near_x = abs(ox - x) < layout.CARD_W - OVERLAP_SLACK
                if near_x and abs(oy - y) < layout.CARD_H - OVERLAP_SLACK:
                    return True
        return False

    dy = 0.0
    for _ in range(len(doc.people) + 1):
        if not covers(dy):
            break
        dy += layout.ROW_H
    if dy:
        for t in placed:
            t.pos = (t.pos[0], t.pos[1] + dy)


def duplicate_piece(doc: Document, person_ids: list[str]) -> Document:
    """The selection as a small map, without going through the system clipboard."""
    return from_data(selection_data(doc, person_ids))
