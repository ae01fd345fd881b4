"""The playbook's optional "If someone leaves" section (`--sections ... what-if`).

For every single point of failure the analysis found, the what-if drill
(model/analysis/whatif.py) says which hand-offs break, how many steps no longer reach the
customer, which customers would meet a new face, and who could cover. Everything
is written from ids through the context, so `--redact` names nobody.
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from export.pdf import styles
from export.pdf.context import Ctx
from export.pdf.doc import SectionBreak
from export.pdf.flowables import Panel, Rule, callout_painter
from export.pdf.parts.sections import facts_line, heading, lead
from model.analysis import whatif
from model.analysis.graph import clean
from model.analysis.results import SINGLE_POINT_OF_FAILURE
from model.stages import stage_label

TITLE = "If someone leaves"
MAX_LISTED = 12  # names listed in one line before "and N more"
# a drill is read at a glance: a name or a hand-off's "what" is cut to about a line (with an
# ellipsis), so a 30,000-character name prints as a card, not as a hundred pages of it
NAME_LIMIT = 80
TEXT_LIMIT = 160


def _name(ctx: Ctx, pid: str | None) -> str:
    return clean(ctx.name(pid), NAME_LIMIT)


def _names(ctx: Ctx, ids: list[str]) -> str:
    shown = [_name(ctx, p) for p in ids[:MAX_LISTED]]
    more = len(ids) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _lines(ctx: Ctx, r: whatif.WhatIf) -> list[tuple[str, str]]:
    """(label, plain text) rows for one leaver."""
    doc = ctx.doc
    rows: list[tuple[str, str]] = []
    for hid in r.broken_handoffs:
        h = doc.handoffs[hid]
        what = clean(ctx.free(h.what), TEXT_LIMIT) or "work"
        rows.append(("Breaks", f"{_name(ctx, h.source)} \u2192 {_name(ctx, h.target)}: {what}"))
    if r.cut_off:
        rows.append(("Cut off", f"{whatif.cut_off_phrase(len(r.cut_off))}: {_names(ctx, r.cut_off)}"))
    if r.customers_lost:
        rows.append(("Not reached", f"the contract no longer reaches {_names(ctx, r.customers_lost)}"))
    for nf in r.new_faces:
        rows.append(("New face", f"{_name(ctx, nf.customer_id)} at the {stage_label(nf.stage)} stage"))
    for leaver in r.leavers:
        options = r.cover.get(leaver, [])
        if options:
            text = "; ".join(f"{_name(ctx, c.person_id)} ({whatif.cover_reason(c)})" for c in options)
        else:
            text = "nobody else works in their department or at their stage: find someone to learn the step"
        rows.append(("Cover", text))
    return rows


def what_if(ctx: Ctx) -> list[Flowable]:
    ctx.where = "if someone leaves"
    st = ctx.styles
    out: list[Flowable] = [SectionBreak(TITLE), heading(ctx, TITLE, TITLE)]
    out.append(lead(ctx, (
        "Employee churn (\u201cmusical chairs\u201d) is one of the three things that confuse customers. "
        "Every route from first touch to the customer runs through each person below: this is what "
        "would break if they left, and who could learn their step before that happens."
    )))
    spofs = [f.people[0] for f in ctx.report.findings if f.kind == SINGLE_POINT_OF_FAILURE and f.people]
    if not spofs:
        out.append(ctx.nothing_yet(
            "No single points of failure: the contract has another way to the customer around everyone."))
        return ctx.tag(out)
    tint, strip = styles.SEVERITY["high"]
    for pid in spofs:
        ctx.check()
        person = ctx.doc.people.get(pid)
        if person is None:
            continue
        result = whatif.what_if(ctx.doc, [pid])
        name = _name(ctx, pid)
        title = "" if ctx.redact else clean(styles.clean(person.title), NAME_LIMIT)
        facts = clean(facts_line(ctx, person), TEXT_LIMIT)
        head = styles.bold(styles.markup(name)) + (
            f'  <font color="{styles.MUTED.hexval()}">{styles.markup(title)}</font>' if title else ""
        )
        body: list[Flowable] = [
            ctx.p(head, st.body_tight, name + title),
            ctx.p(styles.markup(facts), st.small_muted, facts),
        ]
        for label, text in _lines(ctx, result):
            body.append(ctx.p(f"<b>{styles.plain(label)}:</b> {styles.markup(text)}", st.small, text))
        out.append(Panel(body, painter=callout_painter(tint, strip), pad=(6, 10, 4, 13), space_after=6))
        out.append(Rule(before=0, after=4))
    return ctx.tag(out)
