"""Which placed person sits in which lane and stage column, kept up to date per edited person.

The map's shape (lane heights, stage column widths, its size) depends on only a few people: the
lowest and the rightmost card of each lane and the rightmost card of each stage. Keeping those
lets an edit of one card re-measure one lane instead of all 10,000 people (issue 19), while
`model.layout` stays the one place that says how lanes stack and how wide a column is: it is
asked about a stand-in map that holds only those few people.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from model import layout as map_layout
from model.stages import STAGES, stage_index

if TYPE_CHECKING:
    from model.document import Document
    from model.entities import Department, Person


@dataclass
class _FewPeople:
    """A stand-in for the Document with only the people that decide the map's shape
    (model.layout reads `people` and `departments`, nothing else)."""

    people: dict[str, Person]
    departments: dict[str, Department]


@dataclass
class Shape:
    """What model.layout says about the whole map."""

    lanes: list[map_layout.Lane]
    widths: list[float]
    width: float
    height: float


@dataclass
class LaneTable:
    """Placed people by lane and by stage column, and the people each lane and column's size
    depends on. `update` takes the ids an edit touched and returns the lanes whose members changed."""

    lane_of: dict[str, str] = field(default_factory=dict)  # placed person -> lane key
    column_of: dict[str, int] = field(default_factory=dict)  # placed person with a stage -> column
    members: dict[str, set[str]] = field(default_factory=dict)  # lane key -> placed people
    column_members: dict[int, set[str]] = field(default_factory=dict)
    lowest: dict[str, str] = field(default_factory=dict)  # lane key -> the card reaching lowest
    rightmost: dict[str, str] = field(default_factory=dict)  # lane key -> the card reaching furthest right
    far: dict[int, str] = field(default_factory=dict)  # column -> its rightmost card
    # ("low"/"right", lane key) or ("far", column) -> heap of (-reach, person) for the three
    # tables above; it may hold stale entries (see _remeasure)
    _heaps: dict[tuple[str, str | int], list[tuple[float, str]]] = field(default_factory=dict)

    def reset(self, doc: Document) -> None:
        """Measure everything afresh (a new map)."""
        for table in (self.lane_of, self.column_of, self.members, self.column_members,
                      self.lowest, self.rightmost, self.far, self._heaps):
            table.clear()
        self.update(doc, doc.people)

    def update(self, doc: Document, pids: Iterable[str]) -> set[str]:
        """Follow the people `pids` (added, removed, moved, re-staged, placed or taken off the map);
        returns the keys of the lanes they left or joined."""
        lanes: dict[str, set[str]] = {}  # lane -> edited people that were or are in it
        columns: dict[int, set[str]] = {}
        joined_or_left: set[str] = set()
        for pid in pids:
            person = doc.people.get(pid)
            old_lane, old_col = self.lane_of.pop(pid, None), self.column_of.pop(pid, None)
            new_lane = map_layout.lane_key(person) if person is not None and person.placed else None
            new_col = None
            if new_lane is not None and person is not None and person.stage is not None:
                index = stage_index(person.stage)
                new_col = index if index < len(STAGES) else None
            if old_lane != new_lane:
                joined_or_left.update(k for k in (old_lane, new_lane) if k is not None)
                if old_lane is not None:
                    self.members[old_lane].discard(pid)
                if new_lane is not None:
                    self.members.setdefault(new_lane, set()).add(pid)
            if old_col != new_col:
                if old_col is not None:
                    self.column_members[old_col].discard(pid)
                if new_col is not None:
                    self.column_members.setdefault(new_col, set()).add(pid)
            if new_lane is not None:
                self.lane_of[pid] = new_lane
            if new_col is not None:
                self.column_of[pid] = new_col
            for key in (old_lane, new_lane):
                if key is not None:
                    lanes.setdefault(key, set()).add(pid)
            for col in (old_col, new_col):
                if col is not None:
                    columns.setdefault(col, set()).add(pid)
        for key, edited in lanes.items():
            self._remeasure(doc, self.members.get(key, set()), edited, ("low", key), self.lowest, 1)
            self._remeasure(doc, self.members.get(key, set()), edited, ("right", key), self.rightmost, 0)
        for col, edited in columns.items():
            self._remeasure(doc, self.column_members.get(col, set()), edited, ("far", col), self.far, 0)
        return joined_or_left

    def _remeasure(self, doc: Document, members: set[str], edited: set[str], which: tuple[str, str | int],
                   best: dict, axis: int) -> None:
        """The member reaching furthest along `axis` (0: x, 1: y), from a heap per lane or
        column that the edited people are pushed onto; entries that no longer hold (the person
        left, or moved since) are dropped when they come to the top. An undo that moves a
        lane's lowest card up so costs a few heap steps, not a look at all its members."""
        key = which[1]
        people = doc.people
        heap = self._heaps.get(which)
        if heap is None or len(heap) + len(edited) > 2 * len(members) + 64:
            # first look, most members edited (tidy up) or mostly stale: one pass over them all,
            # and the heap is built when a smaller edit next needs it
            self._heaps.pop(which, None)
            if 2 * len(edited) < len(members):
                heap = [(-people[pid].pos[axis], pid) for pid in members]
                heapq.heapify(heap)
                self._heaps[which] = heap
            else:
                top = max(members, key=lambda pid: people[pid].pos[axis], default=None)
                if top is None:
                    best.pop(key, None)
                else:
                    best[key] = top
                return
        else:
            for pid in edited:
                if pid in members:
                    heapq.heappush(heap, (-people[pid].pos[axis], pid))
        while heap:
            value, pid = heap[0]
            if pid in members and -people[pid].pos[axis] == value:
                best[key] = pid
                return
            heapq.heappop(heap)
        best.pop(key, None)

    def shape(self, doc: Document) -> Shape:
        """Lanes, column widths and map size exactly as model.layout works them out for `doc`."""
        deciding = {*self.lowest.values(), *self.rightmost.values(), *self.far.values()}
        people = {pid: doc.people[pid] for pid in sorted(deciding)}
        few = cast("Document", _FewPeople(people, doc.departments))
        width, height = map_layout.map_size(few)
        return Shape(map_layout.lanes(few), map_layout.stage_widths(few), width, height)
