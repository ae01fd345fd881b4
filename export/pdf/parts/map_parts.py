"""Which stage columns each part of a lane too wide for one page prints (export.pdf.parts.map_pages).

Every stage column is printed by one part only. A part prints the columns its cards sit in,
and beside them the room its stubs need (the short labelled arrows for hand-offs to cards
printed elsewhere): the whole neighbouring column when no other part prints it, else only
the stubs' room with that column's name left out, so no stage shows up in two parts (the
example's customers' lane printed "9 Collect" at the end of part 1 and again at the start
of part 2).
"""
from __future__ import annotations

from export.drawing.mapdraw import STUB_ROOM
from model.document import Document
from model.layout import CARD_W, column_x, stage_at, stage_widths
from model.stages import STAGE_IDS, STAGES

Run = list[tuple[float, str]]  # (card x, person id), left to right


def _column(x: float, widths: list[float]) -> int:
    return STAGE_IDS.index(stage_at(x, widths) or STAGE_IDS[0])


def _stub_sides(doc: Document, run: Run, widths: list[float]) -> tuple[set[int], set[int]]:
    """The columns of the run whose cards have stubs on their left (hand-offs coming from a
    card not in the run) and on their right (going to one), as export.drawing.maparrows draws them."""
    shown = {pid: _column(x + 1.0, widths) for x, pid in run}
    left: set[int] = set()
    right: set[int] = set()
    for h in doc.handoffs.values():
        src, dst = h.source in shown, h.target in shown
        if src == dst:
            continue
        other = doc.people.get(h.target if src else h.source)
        if other is None or not other.placed:
            continue
        (right if src else left).add(shown[h.source if src else h.target])
    return left, right


def part_columns(doc: Document, runs: list[Run], room: float) -> list[tuple[float, float, set[int]]]:
    """For each run of cards (a part): the scene x range it prints and the columns in it whose
    stage name is left out (it shows only the stubs' room: another part prints that column,
    or the whole column does not fit the page)."""
    widths = stage_widths(doc)
    last = len(STAGES) - 1

    def edge(i: int) -> float:
        return column_x(i, widths)

    cols = [sorted({_column(x + 1.0, widths) for x, _pid in run}) for run in runs]
    sides = [_stub_sides(doc, run, widths) for run in runs]
    out: list[tuple[float, float, set[int]]] = []
    printed = -1  # the rightmost column an earlier part printed
    for k, run_cols in enumerate(cols):
        a, b = run_cols[0], run_cols[-1]
        # each side: (x, the column it prints whole or names not) for no stubs, stubs' room, whole column
        left: list[tuple[float, int | None]] = [(edge(a), None)]
        if a in sides[k][0]:  # stubs on the left of the first column's cards
            left = [(min(x for x, _pid in runs[k]) - STUB_ROOM, a - 1 if a > 0 else None)]
            if a > 0 and a - 1 > printed:
                left.append((edge(a - 1), None))
        right: list[tuple[float, int | None]] = [(edge(b + 1), None)]
        if b in sides[k][1]:  # stubs on the right of the last column's cards
            later = cols[k + 1][0] if k + 1 < len(cols) else last + 2
            wanted = k + 1 < len(cols) and cols[k + 1][0] in sides[k + 1][0]  # the next part's left stubs
            right = [(max(x for x, _pid in runs[k]) + CARD_W + STUB_ROOM, b + 1 if b < last else None)]
            if b < last and b + 1 < later - (1 if wanted else 0):
                right.append((edge(b + 2), None))
        # the widest that fits: a whole column on the left before one on the right
        pairs = [(i, j) for i in reversed(range(len(left))) for j in reversed(range(len(right)))]
        i, j = next(((i, j) for i, j in pairs if right[j][0] - left[i][0] <= room), (0, 0))
        printed = b + j  # j == 1: the next column printed whole
        out.append((left[i][0], right[j][0], {c for c in (left[i][1], right[j][1]) if c is not None}))
    return out
