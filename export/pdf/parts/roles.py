"""One section per role (the canvas card, then the line-of-sight story under its four
prompts, what they do, strengths, hand-offs, contact and outreach), and the
departments (their definition of serving the customer, their KPIs).

Long free text never goes into a table cell or a card: it follows the card as
plain paragraphs, so a 30,000-character story simply flows over the pages.
"""
from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from export.pdf import styles
from export.pdf.context import HEADING_LIMIT, Ctx, shortened
from export.pdf.doc import RunningEnd, TocEntry
from export.pdf.flowables import Badges, Panel, Rule, callout_painter, card_painter, swatch_painter
from export.pdf.parts import keep
from export.pdf.parts.keep import KeepTail
from export.pdf.parts.sections import date_text, facts_line, heading, lead
from model import coaching
from model.analysis.results import EXPERIENCE_CONFLICT
from model.entities import OUTSOURCED, Person, Story
from model.layout import CUSTOMER_LANE, UNASSIGNED_LANE, lane_key
from model.stages import stage_index, stage_label

LIST_ROLES_UP_TO = 150  # more roles than this: the contents list the section only (the outline has all)
BADGE = {
    "you": styles.ACCENT,
    "sweet": styles.hex_color("#B8860B"),
    "story": styles.DONE,
    "nostory": styles.FAINT,
    "outsourced": styles.hex_color("#7B5EA7"),
    "stale": styles.SEVERITY["medium"][1],
    "customer": styles.hex_color("#2F3E46"),
    "unplaced": styles.FAINT,
}


def role_order(ctx: Ctx) -> list[Person]:
    """Walk order first (as the timeline), then the rest by lane and name, customers last."""
    doc = ctx.doc
    seen: set[str] = set()
    out: list[Person] = []
    for step in ctx.report.walk:
        p = doc.people.get(step.person_id)
        if p is not None and p.id not in seen and not p.is_customer:
            seen.add(p.id)
            out.append(p)
    lane_rank = {did: i for i, did in enumerate(doc.departments)}
    rest = [p for p in doc.people.values() if p.id not in seen]

    def key(p: Person) -> tuple[int, int, str]:
        lane = lane_key(p)
        # a lane that is not a department after the departments: unassigned, other, customers
        after = 0 if lane == UNASSIGNED_LANE else 1 if lane != CUSTOMER_LANE else 2
        rank = lane_rank.get(lane, len(lane_rank) + after)
        return (2 if p.is_customer else 0 if p.placed else 1, rank, p.name.casefold())

    return [p for p in out + sorted(rest, key=key) if ctx.in_focus(p.id)]


def roles(ctx: Ctx) -> list[Flowable]:
    ctx.where = "the roles"
    people = role_order(ctx)
    out: list[Flowable] = [heading(ctx, "Roles and their stories", "Roles")]
    if not people:
        out.append(ctx.nothing_yet(
            "Nothing yet: nobody is on the map. Drag colleagues onto the canvas to begin."))
        return ctx.tag(out)
    out.append(
        lead(
            ctx,
            "Every role on the map, in the order the contract reaches them: who they are, their "
            "line-of-sight story (how their work reaches the customer, and why they are good at it), what "
            "they do and whom they hand on to.",
        )
    )
    if ctx.redact:
        from export.pdf.parts.cover import redaction_note

        out.append(redaction_note(ctx))
    stale = {pid for f in ctx.report.findings if f.kind == "stale_contact" for pid in f.people}
    listed = len(people) <= LIST_ROLES_UP_TO
    starts: list[int] = []
    for i, person in enumerate(people):
        if i % 25 == 0:
            ctx.check()
        starts.append(len(out))
        out += role(ctx, person, listed, person.id in stale)
    # the last two roles, so that a short last role (a customer) need not move to a page alone
    end = next((k for k in starts[-2:] if len(out) - k <= keep.MAX_GUARDED), starts[-1])
    return ctx.tag(keep.guard_end(out, end))


def role(ctx: Ctx, person: Person, listed: bool, stale: bool) -> list[Flowable]:
    st = ctx.styles
    name = shortened(ctx.name(person.id, whole=True), HEADING_LIMIT)  # a heading's length, not pages
    ctx.where = f"the role of {name}"
    entry = ctx.section(name, level=1, listed=listed)
    entry.running = True
    entry.key = ctx.role_links.get(person.id, entry.key)  # the walk links here
    card: list[Flowable] = [ctx.line(name, st.card_name)]
    title = "" if ctx.redact else person.title.strip()
    if title:
        card.append(ctx.line(title, st.card_title))
    facts = facts_line(ctx, person)
    card.append(ctx.p(styles.markup(facts), st.small_muted, facts))
    badges = role_badges(ctx, person, stale)
    if badges:
        card.append(Spacer(1, 3))
        card.append(Badges(badges))
    out: list[Flowable] = [
        CondPageBreak(150),
        Panel(
            card,
            painter=card_painter(ctx.color_of(person), customer=person.is_customer),
            pad=(8, 10, 8, 16),
            entry=entry,
            space_before=6,
            space_after=8,
        ),
    ]
    out += story(ctx, person)
    out += ctx.labelled("What they do", person.what_they_do)
    out += ctx.labelled("Why it happens in this order", person.why_this_order)
    out += ctx.labelled("Strengths", person.strengths)
    out += handoffs(ctx, person)
    out += contact(ctx, person)
    out.append(Rule(before=6, after=4))
    out.append(RunningEnd())
    return ctx.tag(ctx.keep_labels(out))


def role_badges(ctx: Ctx, person: Person, stale: bool) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    if ctx.doc.meta.you_id == person.id:
        out.append(("You are here", BADGE["you"]))
    if person.is_customer:
        out.append(("Customer", BADGE["customer"]))
    if person.story.sweet_spot:
        out.append(("Sweet spot", BADGE["sweet"]))
    if not person.is_customer:
        if person.story.is_written():
            out.append(("Story written", BADGE["story"]))
        else:
            out.append(("No story yet", BADGE["nostory"]))
    if person.sourcing == OUTSOURCED and not person.is_customer:
        out.append(("Outsourced", BADGE["outsourced"]))
    if stale:
        out.append(("Stale contact", BADGE["stale"]))
    if not person.placed:
        out.append(("Not yet in the walk", BADGE["unplaced"]))
    return out


def story(ctx: Ctx, person: Person) -> list[Flowable]:
    st = ctx.styles
    out: list[Flowable] = []
    for key, prompt in Story.PROMPTS:
        out += ctx.labelled(prompt, getattr(person.story, key))
    if person.story.sweet_spot:
        note = (
            "<b>Sweet spot.</b> One of the few contact points where a better customer experience and "
            "better economics coincide: worth getting right every time."
        )
        out.append(
            Panel([ctx.p(note, st.small)],
                  painter=callout_painter(styles.tint(BADGE["sweet"], 0.12), BADGE["sweet"]),
                  pad=(5, 8, 3, 12), space_before=4, space_after=4)
        )
    if not out and not person.is_customer:
        out.append(ctx.nothing_yet("No line-of-sight story yet."))
    return out


def handoffs(ctx: Ctx, person: Person) -> list[Flowable]:
    st = ctx.styles
    given = ctx.given.get(person.id, [])
    taken = ctx.taken.get(person.id, [])
    out: list[Flowable] = []
    for label, items, other in (("Hands on to", given, "target"), ("Receives from", taken, "source")):
        if not items:
            continue
        out.append(ctx.p(styles.plain(label.upper()), st.label))
        for h in items:
            who = ctx.name(getattr(h, other))
            what = ctx.free(h.what).strip()
            text = styles.bold(styles.markup(who))
            if what:
                text += f": {styles.markup(what)}"
            extra = [stage_label(h.stage)] if h.stage else []
            extra.append("two-way" if h.two_way else "one-way")
            text += f' <font color="{styles.MUTED.hexval()}">({styles.plain(", ".join(extra))})</font>'
            out.append(ctx.p(text, st.body_tight, who + what))
    return out


def contact(ctx: Ctx, person: Person) -> list[Flowable]:
    st = ctx.styles
    out: list[Flowable] = []
    log_entries = sorted(person.outreach, key=lambda e: e.date, reverse=True)
    if not ctx.redact:
        bits = [b for b in (person.email.strip(), person.phone.strip(), person.location.strip()) if b]
        if bits:
            text = " \u00b7 ".join(bits)
            out.append(ctx.p("CONTACT", st.label))
            out.append(ctx.p(styles.markup(text), st.body_tight, text))
    if not log_entries:
        return out
    out.append(ctx.p("OUTREACH", st.label))
    age = coaching.contact_age_days(person, ctx.today)
    summary = (
        f"{len(log_entries)} contact{'s' if len(log_entries) != 1 else ''} logged; the last "
        f"{coaching.describe_age(age)} ({date_text(log_entries[0].date)})."
    )
    out.append(ctx.p(styles.plain(summary), st.small_muted))
    if ctx.redact:
        return out  # dates are kept; channels and notes may name people
    for entry in log_entries[:12]:
        channel = f" \u00b7 {styles.clean(entry.channel)}" if entry.channel.strip() else ""
        head = date_text(entry.date) + channel
        note = styles.clean(entry.note).strip()
        text = styles.bold(styles.markup(head)) + (f" \u2014 {styles.markup(note)}" if note else "")
        out.append(ctx.p(text, st.small, head + note))
    if len(log_entries) > 12:
        out.append(ctx.p(f"and {len(log_entries) - 12} earlier contacts", st.small_muted))
    return out


# ----- departments ------------------------------------------------------------
def running(entry: TocEntry) -> TocEntry:
    entry.running = True
    return entry


def departments(ctx: Ctx) -> list[Flowable]:
    ctx.where = "the departments"
    st = ctx.styles
    doc = ctx.doc
    out: list[Flowable] = [heading(ctx, "Departments", "Departments")]
    if not doc.departments:
        out.append(ctx.nothing_yet("Nothing yet: no departments on the map."))
        return ctx.tag(out)
    out.append(
        lead(
            ctx,
            "What each department means by serving the customer, and how it measures it. Where neighbours "
            "in the walk measure the customer differently, gaps open at the hand-offs.",
        )
    )
    members: dict[str, list[Person]] = {}
    for p in doc.people.values():
        if p.department_id:
            members.setdefault(p.department_id, []).append(p)
    conflicts: dict[str, list[str]] = {}
    for f in ctx.report.findings:
        if f.kind == EXPERIENCE_CONFLICT:
            for did in f.departments:
                conflicts.setdefault(did, []).append(f.message)
    shown = [d for d in doc.departments.values() if ctx.focus is None or d.id in ctx.focus.department_ids]
    listed = len(shown) <= 40
    for dept in shown:
        ctx.check()
        name = styles.clean(dept.name).strip() or "(unnamed department)"
        ctx.where = f"the department {name}"
        people = members.get(dept.id, [])
        color = styles.hex_color(dept.color)
        stages = sorted({p.stage for p in people if p.stage}, key=stage_index)
        facts = f"{len(people)} {'person' if len(people) == 1 else 'people'}"
        if stages:
            facts += " \u00b7 " + ", ".join(stage_label(s) for s in stages)
        card = [ctx.line(name, st.card_name), ctx.p(styles.plain(facts), st.small_muted)]
        out.append(CondPageBreak(120))
        block: list[Flowable] = []
        block.append(
            Panel(
                card,
                painter=card_painter(color),
                pad=(8, 10, 7, 16),
                entry=running(ctx.section(name, level=1, listed=listed)),
                space_before=6,
                space_after=6,
            )
        )
        serving = ctx.labelled("Serving the customer means", dept.serving_definition)
        block += serving or [ctx.p("SERVING THE CUSTOMER MEANS", st.label),
                             ctx.nothing_yet("Not written yet.")]
        block.append(ctx.p("KPIS", st.label))
        kpis = [k for k in dept.kpis if styles.clean(k).strip()]
        if not kpis:
            block.append(ctx.nothing_yet("No KPIs yet."))
        for kpi in kpis:
            swatch = swatch_painter(color)
            block.append(Panel(ctx.text(kpi, st.body_tight), painter=swatch, pad=(0, 0, 1, 16)))
        if conflicts.get(dept.id):
            block.append(ctx.p("WHERE IT MEASURES THE CUSTOMER DIFFERENTLY FROM A NEIGHBOUR", st.label))
            for message in conflicts[dept.id]:
                block.append(
                    Panel(  # the app's sentence around department names: it reads left to right
                        [ctx.p(styles.markup(ctx.free(message)), st.small, ctx.free(message))],
                        painter=callout_painter(*styles.SEVERITY["medium"]),
                        pad=(4, 8, 2, 12),
                        space_after=3,
                    )
                )
        if people:
            names = ", ".join(ctx.name(p.id) for p in people)
            block.append(ctx.p("PEOPLE", st.label))
            block.append(ctx.p(styles.markup(names), st.small, names))
        block.append(Spacer(1, 6))
        block.append(RunningEnd())
        if dept is shown[-1]:  # the part's end: no short tail alone on a page (parts.keep)
            out.append(KeepTail(ctx.tag(ctx.keep_labels(block))))
        else:  # a tail on the next page is followed by the next department
            out += block
    return ctx.tag(ctx.keep_labels(out))
