"""Where things sit on the map: lanes (departments) as rows, stages as columns.

Pure functions shared by the canvas and the PDF so the printed map looks
like the screen. A person's `pos` is (x, y within their lane): moving or
reordering a lane moves its people with it.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from model.entities import CUSTOMER_COLOR, Department, Handoff, Person
from model.stages import STAGE_IDS, STAGES, stage_index

CARD_W = 170.0
CARD_H = 64.0
COL_W = 200.0  # one order-to-cash stage
LABEL_W = 150.0  # the lane names at the left edge
HEADER_H = 40.0  # the stage names along the top
PAD = 14.0  # space above the first card in a lane
ROW_H = CARD_H + 16.0
MIN_LANE_H = ROW_H + PAD
CUSTOMER_LANE = "__customers__"
UNASSIGNED_LANE = "__unassigned__"
# the names the two lanes that are no department show (the canvas, the inspector, the exports)
LANE_NAMES = {UNASSIGNED_LANE: "No department", CUSTOMER_LANE: "Customers"}
UNASSIGNED_COLOR = "#9AA0A6"


class WalkMap(Protocol):
    """What the layout reads of a map (model.document.Document is one). Kept this narrow so
    the layout depends on the entities alone and type-checks strictly on its own."""

    @property
    def people(self) -> Mapping[str, Person]: ...

    @property
    def departments(self) -> Mapping[str, Department]: ...

    def handoffs_of(self, pid: str) -> Sequence[Handoff]: ...


@dataclass(frozen=True)
class Lane:
    key: str  # department id, CUSTOMER_LANE or UNASSIGNED_LANE
    name: str
    color: str
    top: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height


def lane_key(person: Person) -> str:
    if person.is_customer:
        return CUSTOMER_LANE
    return person.department_id or UNASSIGNED_LANE


Widths = Sequence[float]  # each stage column's width (see stage_widths); None: all COL_W
CARD_INSET = (COL_W - CARD_W) / 2  # a card's left edge inside its (sub-)column


def column_x(index: int, widths: Widths | None = None) -> float:
    """Left edge of a stage column."""
    if widths is None:
        return LABEL_W + index * COL_W
    return LABEL_W + sum(widths[:index]) + max(0, index - len(widths)) * COL_W


def card_x_for_stage(stage_id: str | None, widths: Widths | None = None) -> float:
    return column_x(min(stage_index(stage_id), len(STAGES) - 1), widths) + CARD_INSET


def stage_at(x: float, widths: Widths | None = None) -> str | None:
    """The stage column under a scene x (None left of the first column)."""
    if x < LABEL_W:
        return None
    if widths is None:
        return STAGE_IDS[min(int((x - LABEL_W) // COL_W), len(STAGE_IDS) - 1)]
    right = LABEL_W
    for i, width in enumerate(widths):
        right += width
        if x < right:
            return STAGE_IDS[i]
    return STAGE_IDS[-1]


def stage_column_at(x: float, widths: Widths | None = None) -> int:
    """The index of the stage column under a scene x (0 left of the first)."""
    stage = stage_at(x, widths)
    return 0 if stage is None else STAGE_IDS.index(stage)


def map_width(widths: Widths | None = None) -> float:
    return column_x(len(STAGES), widths)


def stage_widths(doc: WalkMap) -> list[float]:
    """Each stage column's width: one card wide, or as many card columns as its people use
    (Tidy Up packs a crowded lane-and-stage cell into a grid). Worked out left to right from
    where the people of each stage sit, so a column always holds its own people."""
    far: dict[int, float] = {}
    for p in doc.people.values():
        if p.placed and p.stage is not None:
            i = stage_index(p.stage)
            if i < len(STAGES) and p.pos[0] > far.get(i, -1.0):
                far[i] = p.pos[0]
    out: list[float] = []
    left = LABEL_W
    for i in range(len(STAGES)):
        sub = int((far.get(i, left) - left - CARD_INSET) / COL_W + 0.5)  # the card's sub-column
        width = COL_W * max(1, sub + 1)
        out.append(width)
        left += width
    return out


def lanes(doc: WalkMap) -> list[Lane]:
    """The lanes top to bottom: departments in order, then people with no
    department (only if there are any), then the customers."""
    members: dict[str, list[Person]] = {}
    for p in doc.people.values():
        if p.placed:
            members.setdefault(lane_key(p), []).append(p)
    specs = [(d.id, d.name, d.color, d.lane_height) for d in doc.departments.values()]
    if members.get(UNASSIGNED_LANE):
        specs.append((UNASSIGNED_LANE, LANE_NAMES[UNASSIGNED_LANE], UNASSIGNED_COLOR, 0.0))
    specs.append((CUSTOMER_LANE, LANE_NAMES[CUSTOMER_LANE], CUSTOMER_COLOR, 0.0))
    out: list[Lane] = []
    top = HEADER_H
    for key, name, color, wanted in specs:
        need = max((p.pos[1] + CARD_H + PAD for p in members.get(key, [])), default=0.0)
        height = max(MIN_LANE_H, wanted, need)
        out.append(Lane(key, name, color, top, height))
        top += height
    return out


def lane_at(all_lanes: list[Lane], y: float) -> Lane | None:
    for lane in all_lanes:
        if lane.top <= y < lane.bottom:
            return lane
    if all_lanes and y >= all_lanes[-1].bottom:
        return all_lanes[-1]
    return None


def map_size(doc: WalkMap) -> tuple[float, float]:
    all_lanes = lanes(doc)
    cards = [p.pos[0] + CARD_W + PAD for p in doc.people.values() if p.placed]
    right = max([map_width(stage_widths(doc))] + cards)
    return right, (all_lanes[-1].bottom if all_lanes else HEADER_H)


def absolute_pos(doc: WalkMap, person: Person, by_key: dict[str, Lane] | None = None) -> tuple[float, float]:
    """A card's top-left in map coordinates."""
    table = by_key if by_key is not None else {lane.key: lane for lane in lanes(doc)}
    lane = table.get(lane_key(person))
    top = lane.top if lane else HEADER_H
    return person.pos[0], top + person.pos[1]


def _column_of(doc: WalkMap, person: Person) -> int:
    if person.stage is not None:
        return stage_index(person.stage)
    stages = sorted(
        stage_index(h.stage) for h in doc.handoffs_of(person.id) if h.stage is not None
    )
    if person.is_customer:
        return len(STAGES) - 1 if not stages else stages[-1]
    return stages[len(stages) // 2] if stages else 0


GRID_FROM = 6  # a lane-and-stage cell with this many people or more becomes a grid
GRID_ASPECT = 1.5  # a grid's width to its height


def grid_columns(count: int, grid: bool = True) -> int:
    """How many card columns a cell of `count` people gets: one for a few; more for a crowd,
    so the cell is a little wider than tall (cards are 200 wide, rows 80 tall), as screens are."""
    if count < GRID_FROM or not grid:
        return 1
    return max(2, math.ceil(math.sqrt(count * GRID_ASPECT * ROW_H / COL_W)))


def auto_layout(doc: WalkMap, grid: bool = False) -> dict[str, tuple[float, float]]:
    """A tidy position for every placed person: in their lane, in their stage column, without
    overlaps, stacked (order kept by current height, then name). With `grid` (Tidy Up), a
    crowded cell is packed into a grid (rows and columns, in reading order); its stage column
    widens to fit, so the walk still reads left to right, stage by stage."""
    cells: dict[tuple[str, int], list[Person]] = {}
    for p in doc.people.values():
        if p.placed:
            col = min(_column_of(doc, p), len(STAGES) - 1)
            cells.setdefault((lane_key(p), col), []).append(p)
    across = [1] * len(STAGES)  # card columns per stage: the most any of its cells needs
    for (_key, col), people in cells.items():
        staged = sum(1 for p in people if p.stage is not None)  # only they set a column's width
        across[col] = max(across[col], min(grid_columns(len(people), grid), max(staged, 1)))
    widths = [COL_W * n for n in across]
    out: dict[str, tuple[float, float]] = {}
    for (_key, col), people in cells.items():
        if grid:  # people with a stage first: the grid's first row then says how wide the column is
            people.sort(key=lambda p: (p.stage is None, p.pos[1], p.pos[0], p.name.casefold()))
        else:
            people.sort(key=lambda p: (p.pos[1], p.name.casefold()))
        per_row = max(1, min(across[col], grid_columns(len(people), grid)))
        left = column_x(col, widths) + CARD_INSET
        for n, p in enumerate(people):
            row, sub = divmod(n, per_row)
            out[p.id] = (left + sub * COL_W, PAD + row * ROW_H)
    return out


def free_slot(doc: WalkMap, lane_key_: str, stage_id: str | None, exclude: str = "") -> tuple[float, float]:
    """The first free row in a lane's stage column (for new or newly placed people)."""
    return FreeSlots(doc, (exclude,)).take(lane_key_, stage_id)


class FreeSlots:
    """First free rows in lanes' stage columns, handed out one after another: cards placed
    together (a bulk edit moving 10,000 people to another lane) never share a row, and the
    map's cards are read once, not once per card. `leaving`: cards that are being moved away,
    whose rows count as free."""

    def __init__(self, doc: WalkMap, leaving: Iterable[str] = ()) -> None:
        self.widths = stage_widths(doc)
        skip = set(leaving)
        self._cards: dict[str, list[tuple[float, float]]] = {}  # lane -> where its cards sit
        for p in doc.people.values():
            if p.placed and p.id not in skip:
                self._cards.setdefault(lane_key(p), []).append(p.pos)
        self._taken: dict[tuple[str, float], set[int]] = {}  # (lane, column x) -> rows in use
        self._first: dict[tuple[str, float], int] = {}  # rows below this are all taken

    def take(self, lane_key_: str, stage_id: str | None) -> tuple[float, float]:
        x = card_x_for_stage(stage_id, self.widths)
        key = (lane_key_, x)
        taken = self._taken.get(key)
        if taken is None:
            taken = self._taken[key] = set()
            for cx, y in self._cards.get(lane_key_, ()):
                if abs(cx - x) < CARD_W:
                    taken.update(_rows_at(y))
        row = self._first.get(key, 0)
        while row in taken:
            row += 1
        taken.update(_rows_at(PAD + row * ROW_H))
        self._first[key] = row
        return x, PAD + row * ROW_H


def _rows_at(y: float) -> list[int]:
    """The rows a card whose top is at `y` overlaps (a row is taken if a card is nearer than
    a card's height to it)."""
    low = max(0, math.floor((y - CARD_H - PAD) / ROW_H))
    high = math.ceil((y + CARD_H - PAD) / ROW_H)
    return [row for row in range(low, high + 1) if abs(y - (PAD + row * ROW_H)) < CARD_H]
