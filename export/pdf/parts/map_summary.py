"""The map's overview when the whole walk cannot be printed legibly on one page.

Shrinking a big map onto one page prints names at 2–3 pt: nobody can read it. Instead
the overview is a table a reader can take in: departments (lanes) down, the ten
order-to-cash stages across, how many people in each, tinted by the department's
colour; then the hand-off flows between departments, biggest first. The lane pages
after it show the detail at a legible size.
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from export.pdf import styles
from export.pdf.context import Ctx, shortened
from model.document import Document
from model.layout import Lane, lane_key, lanes
from model.stages import STAGES, stage_index, stage_label

MOST_FLOWS = 40  # the biggest flows between departments; the rest are summed up in one line


def _stage_of(doc: Document, pid: str) -> int | None:
    person = doc.people.get(pid)
    if person is None or not person.placed:
        return None
    return min(stage_index(person.stage), len(STAGES) - 1) if person.stage else None


def overview(ctx: Ctx, doc: Document) -> list[Flowable]:
    """The departments x stages table and the flows between departments."""
    st = ctx.styles
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
    out.append(ctx.p(styles.plain("The lane pages after this show every department large enough to read."),
                     st.small_muted))
    return out


def _matrix(ctx: Ctx, shown: list[Lane], counts: dict[str, list[int]], unstaged: dict[str, int]) -> Flowable:
    st = ctx.styles
    head = [ctx.p("<b>Department</b>", st.small)] + [
        ctx.p(f"<b>{i + 1}</b> {styles.plain(s.label)}", st.small) for i, s in enumerate(STAGES)
    ] + [ctx.p("<b>All</b>", st.small)]
    rows: list[list[object]] = [head]
    style: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), styles.REGULAR, 8.5),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, styles.RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for r, lane in enumerate(shown, start=1):
        row = counts[lane.key]
        most = max(row) or 1
        color = styles.hex_color(lane.color)
        total = sum(row) + unstaged.get(lane.key, 0)
        rows.append([ctx.line(shortened(lane.name, 80) or "(unnamed lane)", st.small, bold=True),
                     *[str(n) if n else "" for n in row], str(total)])
        style.append(("LINEBEFORE", (0, r), (0, r), 4, color))
        for c, n in enumerate(row, start=1):
            if n:
                style.append(("BACKGROUND", (c, r), (c, r), styles.tint(color, 0.12 + 0.38 * n / most)))
    first = 150.0
    rest = (ctx.wide_w - first) / (len(STAGES) + 1)
    table = Table(rows, colWidths=[first] + [rest] * (len(STAGES) + 1), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


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
    rows: list[list[object]] = [[ctx.p("<b>From</b>", st.small), ctx.p("<b>To</b>", st.small),
                                 ctx.p("<b>Hand-offs</b>", st.small), ctx.p("<b>At stages</b>", st.small)]]
    for (ka, kb), stages in ordered[:MOST_FLOWS]:
        used = sorted({s for s in stages if s}, key=stage_index)
        used_text = styles.plain(", ".join(stage_label(s) for s in used))
        rows.append([ctx.line(names.get(ka, ka), st.small), ctx.line(names.get(kb, kb), st.small),
                     str(len(stages)), ctx.p(used_text, st.small)])
    w = ctx.wide_w
    table = Table(rows, colWidths=[w * 0.27, w * 0.27, w * 0.1, w * 0.36], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.REGULAR, 8.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, styles.RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("ALIGN", (2, 1), (2, -1), "CENTER"),
                ("TEXTCOLOR", (0, 1), (-1, -1), colors.black),
            ]
        )
    )
    total = sum(len(v) for v in flows.values())
    out: list[Flowable] = [ctx.p(styles.plain(f"HAND-OFFS BETWEEN DEPARTMENTS ({total})"), st.label), table]
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
    out.append(Spacer(1, 6))
    return out
