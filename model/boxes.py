"""Rectangles already on a map, found fast: badges and hand-off labels (model/arrows.py) keep
off cards, other badges and labels by asking an Obstacles grid what a box would hit."""
from __future__ import annotations

import itertools
from collections.abc import Iterable

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 with x0 <= x1 and y0 <= y1


class Obstacles:
    """Rectangles already on the map, bucketed on a grid so a 2,000-card map checks a badge
    or label against its neighbours only. Each may name an owner it does not block."""

    CELL = 64.0
    MAX_CELLS = 256  # a box over more cells than this (a far-flung map's long arrow) is kept in a list

    def __init__(self, boxes: Iterable[Box] = ()) -> None:
        self._grid: dict[tuple[int, int], list[tuple[float, float, float, float, str]]] = {}
        self._large: list[tuple[float, float, float, float, str]] = []  # checked one by one
        self._entries: list[tuple[float, float, float, float, str]] = []
        self._boxes: list[Box] = []
        for box in boxes:
            self.add(box)

    def boxes(self) -> list[Box]:
        """Every box added, in order."""
        return list(self._boxes)

    def _cells(self, box: Box) -> tuple[range, range] | None:
        """The grid cells a box covers, or None when they are too many to visit (coordinates
        may run to a million: bucketing such a box would take minutes and gigabytes)."""
        x0, y0, x1, y1 = box
        c = self.CELL
        cols, rows = range(int(x0 // c), int(x1 // c) + 1), range(int(y0 // c), int(y1 // c) + 1)
        return (cols, rows) if len(cols) * len(rows) <= self.MAX_CELLS else None

    def add(self, box: Box, owner: str = "") -> None:
        self._boxes.append(box)
        x0, y0, x1, y1 = box
        entry = (x0, y0, x1, y1, owner)
        self._entries.append(entry)
        cells = self._cells(box)
        if cells is None:
            self._large.append(entry)
            return
        grid = self._grid
        for i in cells[0]:
            for j in cells[1]:
                cell = grid.get((i, j))
                if cell is None:
                    grid[(i, j)] = [entry]
                else:
                    cell.append(entry)

    def hits(self, box: Box, ignore: str = "") -> bool:
        x0, y0, x1, y1 = box
        cells = self._cells(box)
        if cells is None:
            candidates: Iterable[tuple[float, float, float, float, str]] = self._entries
        else:
            grid = self._grid
            near = (e for i in cells[0] for j in cells[1] for e in grid.get((i, j), ()))
            candidates = itertools.chain(near, self._large)
        for r0, r1, r2, r3, owner in candidates:
            if x0 < r2 and r0 < x1 and y0 < r3 and r1 < y1 and (not ignore or owner != ignore):
                return True
        return False
