"""The playbook's insights: where the walk may lose the customer, as callouts tinted by
severity (a long group of one kind as a table or compact panels), after the map's figures.

Each builder takes the shared context and returns a fresh list of flowables.
"""
from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from export.pdf import styles
from export.pdf.context import Ctx
from export.pdf.doc import SectionBreak
from export.pdf.flowables import Chip, ChipLine, Panel, callout_painter
from export.pdf.parts import keep
from export.pdf.parts.insight_tables import TABLE_KINDS, finding_table
from export.pdf.parts.sections import heading, lead
from model.analysis.results import KIND_TITLES, STAT_LABELS, Finding
from model.stages import stage_label

MANY = 15  # a group with more findings than this is listed compactly
ITEM_GAP = 4.0  # points between two findings in a compact panel
SEVERITY_WORD = {"high": "High", "medium": "Medium", "low": "Low"}


def insights(ctx: Ctx) -> list[Flowable]:
    ctx.where = "the insights"
    report = ctx.report
    out: list[Flowable] = [
        SectionBreak("Insights"),
        heading(ctx, "Where the walk may lose the customer", "Insights"),
    ]
    counts = report.severity_counts()
    if not report.findings:
        out.append(ctx.nothing_yet("Nothing found yet. Insights appear as the map fills in."))
    else:
        out.append(
            lead(
                ctx,
                f"{len(report.findings)} things to look at: {counts.get('high', 0)} high, "
                f"{counts.get('medium', 0)} medium and {counts.get('low', 0)} low. "
                "High: the contract can stop or go round in circles; "
                "medium: the customer is likely to feel a gap; low: homework for the map.",
            )
        )
    out.append(stats_table(ctx))
    groups: list[list[Flowable]] = []
    for kind, found in report.findings_by_kind():
        ctx.check()
        title = KIND_TITLES.get(kind, kind.replace("_", " ").capitalize())
        ctx.where = f"the insights ({title})"
        group = [heading(ctx, f"{title} ({len(found)})", level=1, listed=False)]
        if len(found) > MANY and kind in TABLE_KINDS:
            group += finding_table(ctx, kind, found)
        elif len(found) > MANY:
            group += compact_group(ctx, found)
        else:
            group += [callout(ctx, f) for f in found]
        groups.append(ctx.tag(group))
    # the part's end: its last groups break at a heading rather than leave a callout alone on a page
    last = groups[-2:]
    for group in groups[: len(groups) - len(last)]:
        out += group
    out += keep.guard_tail([f for g in last for f in g], [len(last[0])] if len(last) == 2 else [])
    return ctx.tag(out)


def stats_table(ctx: Ctx) -> Flowable:
    stats = ctx.report.stats
    rows = [
        [ctx.p(styles.plain(label), ctx.styles.small), ctx.p(f"<b>{stats[key]}</b>", ctx.styles.small)]
        for key, label in STAT_LABELS.items()
        if key in stats
    ]
    if not rows:
        return Spacer(1, 4)
    table = Table(rows, colWidths=[ctx.frame_w - 60, 60], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.REGULAR),  # tables default to unembedded Helvetica
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    table.spaceAfter = 6
    return table


def finding_people(ctx: Ctx, f: Finding) -> str:
    return ", ".join(ctx.name(pid) for pid in f.people)


def callout(ctx: Ctx, f: Finding) -> Flowable:
    st = ctx.styles
    tint, strip = styles.SEVERITY.get(f.severity, styles.SEVERITY["low"])
    message = ctx.free(f.message)
    body: list[Flowable] = [
        ChipLine(
            Chip(SEVERITY_WORD.get(f.severity, f.severity).upper(), strip),
            ctx.p(styles.markup(message), st.body_tight, message),
        )
    ]
    details: list[str] = []
    if f.people:
        details.append(f"<b>People:</b> {styles.markup(finding_people(ctx, f))}")
    if f.stages:
        details.append(f"<b>Stages:</b> {styles.plain(', '.join(stage_label(s) for s in f.stages))}")
    if f.departments:
        names = ", ".join(ctx.doc.departments[d].name for d in f.departments if d in ctx.doc.departments)
        if names:
            details.append(f"<b>Departments:</b> {styles.markup(names)}")
    if details:
        src = finding_people(ctx, f)
        body.append(ctx.p(" \u00a0\u00b7\u00a0 ".join(details), st.small_muted, src))
    return Panel(body, painter=callout_painter(tint, strip), pad=(6, 10, 4, 13), space_after=6)


def compact_group(ctx: Ctx, found: list[Finding]) -> list[Flowable]:
    """Many findings of one kind: tinted panels of a dozen lines each (one panel of
    thousands of lines would be re-measured on every page it is split over)."""
    st = ctx.styles
    tint, strip = styles.SEVERITY.get(found[0].severity, styles.SEVERITY["low"])
    out: list[Flowable] = []
    chunk = 12
    for start in range(0, len(found), chunk):
        body: list[Flowable] = []
        for f in found[start : start + chunk]:
            message = ctx.free(f.message)
            if body:  # a gap between findings: their lines ran together into one block of text
                body.append(Spacer(1, ITEM_GAP))
            body.append(ctx.p(styles.markup(message), st.small, message))
        first, last = start == 0, start + chunk >= len(found)
        pad = (6 if first else 1 + ITEM_GAP, 10, 4 if last else 1, 13)  # the gap at a panel's seam too
        out.append(Panel(body, painter=callout_painter(tint, strip), pad=pad, space_after=6 if last else 0))
    return out

