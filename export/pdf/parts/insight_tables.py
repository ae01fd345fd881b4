"""Big groups of findings as tables (a 2,000-person map has thousands of them).

One callout per finding reads well for a dozen; for hundreds of cross-department
hand-offs a reader wants to scan: which department borders does the contract
cross most, who hands what to whom there. The table says the same as the
callouts (both people, both departments, what is handed over, the stage, two-way
or not), grouped by the pair of departments, the busiest border first.
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from export.pdf import styles
from export.pdf.context import Ctx
from export.pdf.table import TableRow, TextTable
from model.analysis.results import CROSS_DEPARTMENT_HANDOFF, MISSING_STORY, Finding
from model.stages import stage_label

TABLE_KINDS = frozenset({CROSS_DEPARTMENT_HANDOFF, MISSING_STORY})


def finding_table(ctx: Ctx, kind: str, found: list[Finding]) -> list[Flowable]:
    """The findings of one kind as a lead line and a table (kinds in TABLE_KINDS)."""
    tint = styles.SEVERITY.get(found[0].severity, styles.SEVERITY["low"])[0]
    if kind == CROSS_DEPARTMENT_HANDOFF:
        lead, table = _crossings(ctx, found, tint)
    elif kind == MISSING_STORY:
        lead, table = _missing_stories(ctx, found, tint)
    else:
        raise ValueError(f"no table for findings of kind {kind!r}")
    return [ctx.p(styles.plain(lead), ctx.styles.small_muted), table]


def _dept(ctx: Ctx, did: str | None) -> str:
    dept = ctx.doc.departments.get(did or "")
    if dept is None:
        return "(no department)"
    return styles.clean(dept.name).strip() or "(unnamed department)"


def _crossings(ctx: Ctx, found: list[Finding], tint: object) -> tuple[str, TextTable]:
    pairs: dict[tuple[str, str], list[Finding]] = {}
    for f in found:
        a, b = (f.departments + ["", ""])[:2]
        pairs.setdefault((a, b), []).append(f)
    names = {did: _dept(ctx, did) for pair in pairs for did in pair}
    order = sorted(
        pairs.items(),
        key=lambda kv: (-len(kv[1]), names[kv[0][0]].casefold(), names[kv[0][1]].casefold()),
    )
    rows: list[TableRow] = []
    for (a, b), group in order:
        count = f"{len(group)} hand-off{'s' if len(group) != 1 else ''}"
        rows.append(TableRow(group=f"{names[a]} \u2192 {names[b]} \u00b7 {count}"))
        for f in group:
            h = ctx.doc.handoffs.get(f.handoffs[0]) if f.handoffs else None
            source, target = (f.people + ["", ""])[:2]
            what = (ctx.free(h.what).strip() if h is not None else "") or "(not said what)"
            when = [stage_label(s) for s in f.stages if s]
            if h is not None and h.two_way:
                when.append("two-way")
            rows.append(TableRow([ctx.name(source), ctx.name(target), what, ", ".join(when)]))
    lead = (f"{len(found)} hand-offs cross a department line, at {len(pairs)} borders between departments, "
            "the busiest first. Each is a place where the customer can feel a gap: check that both sides "
            "agree on what is handed over, and when.")
    headers = ["From", "To", "What is handed over", "Stage"]
    table = TextTable(headers, [0.27, 0.27, 0.3, 0.16], rows, tint=tint)
    return lead, table


def _missing_stories(ctx: Ctx, found: list[Finding], tint: object) -> tuple[str, TextTable]:
    rows: list[TableRow] = []
    for f in found:
        pid = f.people[0] if f.people else None
        person = ctx.doc.people.get(pid or "")
        dept = ctx.dept_name(person) if person is not None else ""
        stage = ", ".join(stage_label(s) for s in f.stages if s)
        rows.append(TableRow([ctx.name(pid), styles.clean(dept).strip() or "(no department)", stage]))
    lead = (f"{len(found)} roles in the walk have no line-of-sight story yet, in walk order. "
            "Ask each of them what they hand on, how it reaches the customer and why they are good at it.")
    table = TextTable(["Role", "Department", "Stage"], [0.42, 0.4, 0.18], rows, tint=tint)
    return lead, table
