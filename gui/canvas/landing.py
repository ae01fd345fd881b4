"""Where a dropped or moved card lands: never on top of another card, where one of
the two would hide the other. The card keeps its column and slides down the lane
past the cards it would cover (the lane grows to hold it). Palette tiles and roster
entries dropped on the map (TileDrop) land here too."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QPointF

from gui.canvas import mime
from gui.canvas.items.lane import is_department
from gui.commands import AddCommand, UpdateCommand
from model import layout
from model.document import Document
from model.entities import COLLEAGUE, CUSTOMER, DEPARTMENT_COLORS, Department, Person
from model.stages import STAGE_IDS

if TYPE_CHECKING:
    from gui.canvas.scene import MapScene

OVERLAP_SLACK = 8.0  # cards may touch or overlap by this much: a near miss is left where it is


def clear_spot(doc: Document, lane_key: str, pos: tuple[float, float],
               moving: Iterable[str] = (), members: Iterable[str] | None = None) -> tuple[float, float]:
    """`pos` (lane-relative top-left) moved down just far enough not to cover a card that stays.
    `members`: the ids of the lane's placed people, when the caller keeps them (the scene
    does), so a drop looks at one lane instead of every person on the map."""
    skip = set(moving)
    x, y = pos
    near = layout.CARD_W - OVERLAP_SLACK
    people = doc.people.values() if members is None else (doc.people[pid] for pid in members)
    others = [p.pos[1] for p in people  # only the cards of the same column can be covered
              if p.placed and p.id not in skip and abs(p.pos[0] - x) < near
              and layout.lane_key(p) == lane_key]
    for _ in range(len(others) + 1):
        hit = [oy for oy in others if abs(oy - y) < layout.CARD_H - OVERLAP_SLACK]
        if not hit:
            break
        y = max(hit) + layout.ROW_H
    return x, y


def insertion_index(scene: MapScene, y: float, moving: str | None = None) -> int:
    """Where among the departments a lane dropped at scene y goes."""
    departments = [lane for lane in scene.lanes if is_department(lane.key) and lane.key != moving]
    return sum(1 for lane in departments if lane.top + lane.height / 2 < y)


def tile_payload(data: QMimeData) -> tuple[str, str]:
    """The palette payload a drag carries, or ('', '')."""
    if not data.hasFormat(mime.TILE_MIME):
        return "", ""
    try:
        text = bytes(data.data(mime.TILE_MIME).data()).decode("utf-8")
    except UnicodeDecodeError:
        return "", ""
    return mime.parse_payload(text)


def _unique_name(taken: set[str], base: str) -> str:
    if base.casefold() not in taken:
        return base
    n = 2
    while f"{base} {n}".casefold() in taken:
        n += 1
    return f"{base} {n}"


def _inside_column(x: float, stage: str | None, widths: layout.Widths | None = None) -> float:
    """A dropped card's left edge, kept inside the stage column under the pointer: centred on
    the pointer it could straddle two columns and look as if it belonged to the other one."""
    from model.stages import stage_index

    index = min(stage_index(stage), len(STAGE_IDS) - 1)
    left = layout.column_x(index, widths)
    width = widths[index] if widths is not None and index < len(widths) else layout.COL_W
    return min(max(x, left + 2), left + width - layout.CARD_W - 2)


class TileDrop:
    """Palette tiles and roster entries dropped on the canvas land where they are dropped."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self._lit: Any = None

    def _target(self, kind: str, what: str, pos: QPointF) -> tuple[layout.Lane | None, str | None]:
        """The lane and stage a drop at `pos` goes to (lane None: refused)."""
        doc = self.scene.doc
        if pos.y() >= layout.HEADER_H:
            lane = self.scene.lane_at(pos.y())
        else:
            lane = self.scene.lanes[0] if self.scene.lanes else None
        customer = (kind == "new" and what == "customer") or (
            kind == "person" and doc is not None and what in doc.people and doc.people[what].is_customer
        )
        if customer:
            lane = self.scene.lane(layout.CUSTOMER_LANE)
        elif lane is not None and lane.key == layout.CUSTOMER_LANE:
            lane = None if doc is not None and doc.departments else self._no_department(lane)
        return lane, layout.stage_at(max(pos.x(), layout.LABEL_W), self.scene.widths)

    def _no_department(self, customers: layout.Lane) -> layout.Lane:
        """Where a colleague goes on a map with no department yet (a blank map): the "No
        department" lane, which opens where the customers lane starts. Colleagues belong in a
        department lane, but refusing the first one left a new map's first step failing."""
        lane = self.scene.lane(layout.UNASSIGNED_LANE)
        if lane is not None:
            return lane
        key = layout.UNASSIGNED_LANE
        return layout.Lane(key, layout.LANE_NAMES[key], layout.UNASSIGNED_COLOR, customers.top,
                           customers.height)

    def accepts(self, kind: str, what: str, pos: QPointF) -> bool:
        """Whether a drop of `kind`/`what` at `pos` would land (the context menu's "Add ... Here")."""
        return self.scene.doc is not None and self._target(kind, what, pos)[0] is not None

    def hover(self, kind: str, what: str, pos: QPointF) -> bool:
        """Light up where the drop would land; False if it cannot land there."""
        doc = self.scene.doc
        if doc is None or not kind or (kind == "person" and what not in doc.people):
            self.leave()
            return False
        if kind == "new" and what == "department":
            self.leave()
            return True
        lane, stage = self._target(kind, what, pos)
        item = self.scene.lane_items.get(lane.key) if lane is not None else None
        if item is not self._lit:
            self.leave()
        if item is not None:
            from model.stages import stage_index

            item.set_highlight(stage_index(stage))
            self._lit = item
        return lane is not None

    def leave(self) -> None:
        if self._lit is not None:
            self._lit.set_highlight(None)
            self._lit = None

    def drop(self, kind: str, what: str, pos: QPointF) -> bool:
        """Make the change for a drop at `pos` (one undo step); False if refused."""
        self.leave()
        scene, doc = self.scene, self.scene.doc
        if doc is None or not kind:
            return False
        if kind == "new" and what == "department":
            return self._new_department(pos)
        lane, stage = self._target(kind, what, pos)
        if lane is None:
            scene.messageRaised.emit("Colleagues go in a department lane; the last lane is for customers.")
            return False
        dept = lane.key if is_department(lane.key) else None
        x = _inside_column(pos.x() - layout.CARD_W / 2, stage, self.scene.widths)
        y = max(4.0, pos.y() - layout.CARD_H / 2 - lane.top)
        moving = [what] if kind == "person" else []
        members = self.scene.lane_layout.table.members.get(lane.key, set())
        rel = clear_spot(doc, lane.key, (float(round(x)), float(round(y))), moving, members)
        if kind == "new":
            taken = {p.name.casefold() for p in doc.people.values()}
            if what == "customer":
                person = Person(
                    name=_unique_name(taken, "Customer contact"), kind=CUSTOMER, stage=stage, pos=rel
                )
            else:
                person = Person(name=_unique_name(taken, "New colleague"), kind=COLLEAGUE,
                                department_id=dept, stage=stage, pos=rel)
            ok = scene.push(AddCommand(doc, "person", person, f"Add {person.name}"))
            if ok:
                scene.select_ids([person.id], centre=False)
            return ok
        if what not in doc.people:
            scene.messageRaised.emit("That person is no longer in the map.")
            return False
        person = doc.people[what]
        changes: dict[str, Any] = {"placed": True, "stage": stage, "pos": rel}
        moved: list[tuple[str, str | None]] = []  # the lane decides the department, as a move does
        if not person.is_customer:
            changes["department_id"] = dept
            moved = [(what, dept)] if dept != person.department_id else []
        ok = scene.push(UpdateCommand(doc, "person", what, changes, f"Place {person.name or 'person'}"))
        if ok:
            scene.select_ids([what], centre=False)
            scene.note_department_change(moved)  # (after the selection has named them)
        return ok

    def _new_department(self, pos: QPointF) -> bool:
        scene, doc = self.scene, self.scene.doc
        assert doc is not None
        used = {d.color.upper() for d in doc.departments.values()}
        color = next((c for c in DEPARTMENT_COLORS if c.upper() not in used),
                     DEPARTMENT_COLORS[len(doc.departments) % len(DEPARTMENT_COLORS)])
        name = _unique_name({d.name.casefold() for d in doc.departments.values()}, "New department")
        dept = Department(name=name, color=color)
        index = insertion_index(scene, pos.y())
        ok = scene.push(AddCommand(doc, "department", dept, f"Add {name}", index=index))
        if ok:
            scene.select_ids([], centre=False, department_ids=[dept.id])
        return ok
