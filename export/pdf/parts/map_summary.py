"""The map's overview when the whole walk cannot be printed legibly on one page.

Shrinking a big map onto one page prints names at 2–3 pt: nobody can read it. Instead
the overview is a table a reader can take in: departments (lanes) down, the ten
order-to-cash stages across, how many people in each, tinted by the department's
colour; then the hand-off flows between departments, biggest first. The lane pages
after it show the detail at a legible size.
"""
from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from export.pdf import styles
from export.pdf.context import Ctx, shortened
from export.pdf.table import MIN_TAIL_ROWS, ROW_H, TableRow, TextTable
from model.document import Document
from model.layout import Lane, lane_key, lanes
from model.stages import STAGES, stage_index, stage_label

MOST_FLOWS = 40  # the biggest flows between departments; the rest are summed up in one line
NAME_W, STAGE_W, ALL_W = 150.0, 55.5, 28.0  # the matrix's columns (a stage's at least), in points


def _stage_of(doc: Document, pid: str) -> int | None:
    person = doc.people.get(pid)
    if person is None or not person.placed:
        return None
    return min(stage_index(person.stage), len(STAGES) - 1) if person.stage else None


def overview(ctx: Ctx, doc: Document) -> list[Flowable]:
    """The departments x stages table and the flows between departments."""
    all_lanes = lanes(doc)
    counts: dict[str, list[int]] = {lane.key: [0] * len(STAGES) for lane in all_lanes}
    unstaged: dict[str, int] = {}
    for p in doc.people.values():
        if not p.placed:
            continue
        col = _stage_of(doc, p.id)
        key = lane_key(p)
        if key not in counts:
            continue
        if col is None:
            unstaged[key] = unstaged.get(key, 0) + 1
        else:
            counts[key][col] += 1
    shown = [lane for lane in all_lanes if sum(counts[lane.key]) + unstaged.get(lane.key, 0)]
    out: list[Flowable] = [_matrix(ctx, shown, counts, unstaged), Spacer(1, 10)]
    out += _flows(ctx, doc)
    return out


def _matrix(ctx: Ctx, shown: list[Lane], counts: dict[str, list[int]], unstaged: dict[str, int]) -> Flowable:
    """A row per department: its name in bold by its colour bar, then a cell per stage tinted
    by how many of the department's people work there. A TextTable, so that a row with an Arabic
    name reads back as the name then its counts, the name set flush right (export.pdf.table)."""
    head = ["Department", *[f"{i + 1} {s.label}" for i, s in enumerate(STAGES)], "All"]
    rows: list[TableRow] = []
    for lane in shown:
        row = counts[lane.key]
        most = max(row) or 1
        color = styles.hex_color(lane.color)
        total = sum(row) + unstaged.get(lane.key, 0)
        fills = [None, *[styles.tint(color, 0.12 + 0.38 * n / most) if n else None for n in row]]
        name = shortened(lane.name, 80) or "(unnamed lane)"
        rows.append(TableRow([name, *[str(n) if n else "" for n in row], str(total)], fills=fills, bar=color))
    width = ctx.wide_w
    stage_w = max(STAGE_W, (width - NAME_W - ALL_W) / len(STAGES))  # "7 Implement" unbroken on Letter too
    widths = [width - ALL_W - stage_w * len(STAGES)] + [stage_w] * len(STAGES) + [ALL_W]
    return TextTable(head, [w / width for w in widths], rows, space_after=0,
                     centered=frozenset(range(1, len(STAGES) + 2)), bold=frozenset({0}))


def _flows(ctx: Ctx, doc: Document) -> list[Flowable]:
    """Hand-offs between departments: 'Sales -> Legal: 12 hand-offs (Sell, Contract)'."""
    st = ctx.styles
    flows: dict[tuple[str, str], list[str]] = {}
    names = {lane.key: shortened(lane.name, 80) or "(unnamed lane)" for lane in lanes(doc)}
    for h in doc.handoffs.values():
        a, b = doc.people.get(h.source), doc.people.get(h.target)
        if a is None or b is None:
            continue
        ka, kb = lane_key(a), lane_key(b)
        if ka != kb:
            flows.setdefault((ka, kb), []).append(h.stage or "")
    if not flows:
        return [ctx.p(styles.plain("No hand-offs cross from one department to another yet."), st.small_muted)]
    ordered = sorted(flows.items(),
                     key=lambda kv: (-len(kv[1]), names.get(kv[0][0], ""), names.get(kv[0][1], "")))
    rows: list[TableRow] = []
    for (ka, kb), stages in ordered[:MOST_FLOWS]:
        used = sorted({s for s in stages if s}, key=stage_index)
        rows.append(TableRow([names.get(ka, ka), names.get(kb, kb), str(len(stages)),
                              ", ".join(stage_label(s) for s in used)]))
    table = TextTable(["From", "To", "Hand-offs", "At stages"], [0.27, 0.27, 0.1, 0.36], rows,
                      space_after=0, centered=frozenset({2}))
    total = sum(len(v) for v in flows.values())
    label = ctx.p(styles.plain(f"HAND-OFFS BETWEEN DEPARTMENTS ({total})"), st.label)
    label_h = st.label.spaceBefore + st.label.leading + st.label.spaceAfter
    out: list[Flowable] = [label, table]  # the label keeps the table with it: one page's table moves whole
    if label_h + table.wrap(ctx.wide_w, ctx.wide_h)[1] > ctx.wide_h:
        # a table longer than a page, kept whole with its label, always began a new page and left
        # the one before all but empty: the label keeps the header and a few rows, the rest flows on
        label.keepWithNext = 0
        out.insert(0, CondPageBreak(label_h + (MIN_TAIL_ROWS + 1) * ROW_H))
    if len(ordered) > MOST_FLOWS:
        rest = ordered[MOST_FLOWS:]
        out.append(
            ctx.p(
                styles.plain(
                    f"and {len(rest)} smaller flows with {sum(len(v) for _k, v in rest)} "
                    "hand-offs between them"
                ),
                st.small_muted,
            )
        )
    return out
