"""The playbook's opening and walk-through sections: contents and the walk as a
numbered timeline, with the helpers every section shares (heading, lead, dates, a person's facts).
The insights and "reach out next" have their own modules beside this one.

Each builder takes the shared context and returns a fresh list of flowables
(reportlab flowables are stateful: never reuse them between exports).
"""
from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer

from export.pdf import styles
from export.pdf.bidi import BidiPara, bidi_para, has_rtl_run
from export.pdf.context import HEADING_LIMIT, Ctx, shortened
from export.pdf.doc import ContentsLine, Heading, SectionBreak, TocEntry, mark_here
from export.pdf.flowables import (
    Badges,
    Chip,
    ChipLine,
    Linked,
    Panel,
    timeline_painter,
)
from export.pdf.focus import handoffs_in, outside
from export.pdf.parts import keep
from model.entities import OUTSOURCED
from model.stages import stage_label

STAGE_CHIP = colors.HexColor("#3D4B5C")
LAST_STEPS = 4  # the walk's last steps: kept from ending the walk alone on a page


class BidiHeading(BidiPara):
    """A heading with right-to-left text (a lane page's "Lane: المالية (part 1 of 2)"): set
    by export.pdf.bidi, so it prints and extracts in reading order as the paragraphs do, and,
    like doc.Heading, a bookmark, an outline entry and a contents page where it is drawn."""

    entry: TocEntry | None = None
    section: str | None = None

    def draw(self) -> None:
        mark_here(self.canv, self.entry, self.section, self.height)
        super().draw()

    def _part(self, words: list[Any]) -> BidiPara:
        part = super()._part(words)
        if words and self._words and words[0] is self._words[0]:
            marked = BidiHeading.__new__(BidiHeading)  # the first part carries the mark
            marked.__dict__.update(part.__dict__)
            marked.entry, marked.section = self.entry, self.section
            return marked
        return part


def heading(ctx: Ctx, title: str, section: str | None = None, level: int = 0,
            listed: bool = True) -> Heading | BidiHeading:
    """A section (h1) or sub-section (h2) heading that is also a contents entry and bookmark."""
    entry = ctx.section(title, level, listed=listed)
    title = shortened(title, HEADING_LIMIT)
    style = ctx.styles.h1 if level == 0 else ctx.styles.h2
    markup = styles.bold(styles.markup(title))
    if has_rtl_run(markup):  # Arabic, Hebrew: in reading order, as the paragraphs are (export.pdf.bidi)
        shaped = styles.shaped(style, title)
        para = bidi_para(markup, style, lambda: Heading(markup, shaped, entry=entry, section=section))
        if para is not None:
            marked = BidiHeading.__new__(BidiHeading)
            marked.__dict__.update(para.__dict__)
            marked.entry, marked.section, marked._cw_where = entry, section, ctx.where
            return marked
    h = Heading(markup, styles.shaped(style, title), entry=entry, section=section)
    if styles.needs_shaping(title):
        styles.separate_font_changes(h)
    h._cw_where = ctx.where
    return h


def lead(ctx: Ctx, text: str) -> Flowable:
    return ctx.p(styles.plain(text), ctx.styles.body)


def date_text(iso: str) -> str:
    """'2026-11-23' -> '23 Nov 2026' (unchanged when it is not a date)."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return f"{day.day} {day.strftime('%b')} {day.year}"


# ----- contents -------------------------------------------------------------
def contents(ctx: Ctx) -> list[Flowable]:
    """Called last: every other section has registered its entries by then."""
    ctx.where = "the contents"
    out: list[Flowable] = [SectionBreak("Contents"), heading(ctx, "Contents", "Contents", listed=False)]
    if not ctx.contents.entries:
        out.append(ctx.nothing_yet("No sections were chosen."))
    lines = [ContentsLine(entry, ctx.styles) for entry in ctx.contents.entries]
    # the last lines break before a section's line rather than end the contents on a near-empty page
    head, tail = lines[: -keep.MAX_GUARDED], lines[-keep.MAX_GUARDED :]
    out += head + keep.guard_tail(tail, [i for i, line in enumerate(tail) if line.entry.level == 0])
    return ctx.tag(out)


# ----- the walk -------------------------------------------------------------
def walk(ctx: Ctx) -> list[Flowable]:
    ctx.where = "the walk"
    st = ctx.styles
    steps = ctx.report.walk
    out: list[Flowable] = [SectionBreak("The walk"), heading(ctx, "The walk, step by step", "The walk")]
    if not steps:
        out.append(
            ctx.nothing_yet("Nothing yet: nobody is handing anything on. Draw the first hand-off on the map.")
        )
        return ctx.tag(out)
    team = f" in {ctx.focus.label}" if ctx.focus is not None else ""
    out.append(
        lead(
            ctx,
            f"{len(steps)} people{team}, in the order the contract reaches them: from first touch to the "
            "customer. Each step says who it is, at which order-to-cash stage, what they hand on, to whom, "
            "and why it happens in this order."
            + (
                " Numbers are the steps of the whole walk; hand-offs in from other departments and out to "
                "them are shown with the department."
                if team
                else ""
            ),
        )
    )
    out.append(Spacer(1, 6))
    first = len(out)
    handoffs = ctx.doc.handoffs
    for n, step in enumerate(steps):
        if n % 50 == 0:
            ctx.check()
        person = ctx.doc.people.get(step.person_id)
        if person is None:
            continue
        ctx.where = f"step {step.step} of the walk ({ctx.name(person.id)})"
        color = ctx.color_of(person)
        chip = Chip(stage_label(step.stage).upper(), STAGE_CHIP)
        # one line beside the stage chip (it cannot split): a name as long as a book is cut here and
        # printed whole in the person's role section
        src = shortened(ctx.name(person.id), HEADING_LIMIT)
        who = styles.bold(styles.markup(src))
        if person.title.strip() and not ctx.redact:
            title = shortened(person.title, HEADING_LIMIT)
            who += f'  <font color="{styles.MUTED.hexval()}">{styles.markup(title)}</font>'
            src += title
        headline: Flowable = ChipLine(chip, ctx.p(who, st.body_tight, src))
        if person.id in ctx.role_links:
            headline = Linked(headline, ctx.role_links[person.id])
        body: list[Flowable] = [headline]
        body.append(ctx.p(styles.markup(facts_line(ctx, person)), st.small_muted, facts_line(ctx, person)))
        if step.in_loop:
            body.append(Badges([("Part of a rework loop", styles.SEVERITY["high"][1])], after=2))
        if ctx.focus is not None:
            body += handoffs_in(ctx, step.incoming)
        for hid in step.outgoing:
            h = handoffs.get(hid)
            if h is None:
                continue
            body += handoff_lines(ctx, h)
        if not step.outgoing and step.receives_from and ctx.focus is None:
            names = ", ".join(ctx.name(pid) for pid in step.receives_from)
            body.append(ctx.p(f"<b>Receives from</b> {styles.markup(names)}", st.body_tight, names))
        body += ctx.labelled("Why here", person.why_this_order, st.small)
        more = n + 1 < len(steps)
        out.append(
            Panel(body, painter=timeline_painter(step.step, color, more), pad=(2, 0, 12, 38), min_first=40)
        )
    return ctx.tag(keep.guard_end(out, max(first, len(out) - LAST_STEPS)))


def facts_line(ctx: Ctx, person: object) -> str:
    """'Legal · outsourced to Acme' — department, sourcing, customer organisation."""
    from model.entities import Person

    assert isinstance(person, Person)
    parts: list[str] = []
    dept = ctx.dept_name(person)
    if person.is_customer:
        parts.append("Customer" + (f" at {ctx.free(person.vendor)}" if person.vendor.strip() else ""))
    else:
        parts.append(dept or "No department")
        if person.sourcing == OUTSOURCED:
            vendor = ctx.free(person.vendor).strip()
            parts.append(f"outsourced to {vendor}" if vendor else "outsourced")
        else:
            parts.append("insourced")
    if person.stage:
        parts.append(f"stage: {stage_label(person.stage)}")
    return " \u00b7 ".join(parts)


def handoff_lines(ctx: Ctx, h: object) -> list[Flowable]:
    from model.entities import Handoff

    assert isinstance(h, Handoff)
    st = ctx.styles
    what = ctx.free(h.what).strip() or "(not said what)"
    target = ctx.name(h.target) + outside(ctx, h.target)
    way = "two-way, both hand back and forth" if h.two_way else "one-way"
    stage = f", at {stage_label(h.stage)}" if h.stage else ""
    text = (
        f"<b>Hands on</b> {styles.markup(what)} <b>to</b> {styles.markup(target)}"
        f' <font color="{styles.MUTED.hexval()}">({way}{styles.plain(stage)})</font>'
    )
    out: list[Flowable] = [ctx.p(text, st.body_tight, what + target)]
    why = ctx.free(h.why_order).strip()
    if why:
        label = f'<font color="{styles.MUTED.hexval()}"><i>Why in this order:</i></font>'
        for markup, src in styles.blocks(why):
            out.append(ctx.p(f"{label} {markup}", st.small, src))
    return out
