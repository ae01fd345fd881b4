"""The playbook's "reach out next": who to get in touch with, nearest to "you" in the walk
first (or, with nobody marked "you", those not contacted for longest), and when next.
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from export.pdf import styles
from export.pdf.context import Ctx
from export.pdf.doc import SectionBreak
from export.pdf.flowables import Badges, Chip, ChipLine, Panel, Rule
from export.pdf.parts import keep
from export.pdf.parts.sections import date_text, facts_line, heading
from model import coaching

ENTRY_WHOLE = 90.0  # points: an entry shorter than this moves to the next page whole
LAST_ENTRIES = 3  # the list's last entries: kept from ending it alone on a page


def reach_out(ctx: Ctx) -> list[Flowable]:
    ctx.where = "reach out next"
    st = ctx.styles
    out: list[Flowable] = [SectionBreak("Reach out next"), heading(ctx, "Reach out next", "Reach out next")]
    you = ctx.report.you
    doc = ctx.doc
    # (person id, hand-offs away or None without "you", last contact, days since it, due)
    people: list[tuple[str, int | None, str | None, int | None, bool]]
    if you is not None and you.person_id in doc.people:
        me = doc.people[you.person_id]
        where = (
            f"{you.customer_distance} hand-off{'s' if you.customer_distance != 1 else ''} "
            "from the nearest customer"
            + (f" ({ctx.name(you.nearest_customer_id)})" if you.nearest_customer_id else "")
            if you.customer_distance is not None
            else "not yet connected to a customer through the walk"
        )
        text = f"You are {styles.bold(styles.markup(ctx.name(me.id)))}: {styles.markup(where)}."
        out.append(ctx.p(text, st.body, ctx.name(me.id) + where))
        out.append(
            ctx.p(
                styles.plain(
                    f"People you have not spoken to, or not within {you.stale_days} days, "
                    "nearest in the walk first. Reaching out more than once is the point: "
                    "a name becomes a face."
                ),
                st.body,
            )
        )
        people = [(n.person_id, n.distance, n.last_contact, n.days_since, n.due) for n in you.next_people]
    else:
        out.append(
            ctx.p(
                "Nobody is marked \u201cyou\u201d on this map, so this is everybody's list: the people "
                "nobody has been in touch with for longest come first.",
                st.body,
            )
        )
        contacts = coaching.reach_out_next(doc, ctx.today, limit=10)
        people = []
        for c in contacts:
            p = doc.people.get(c.person_id)
            last = p.last_contact() if p else None
            people.append((c.person_id, None, last, c.age_days, c.stale))
    if not people:
        out.append(ctx.nothing_yet("Nothing yet: there is nobody else on the map."))
        return ctx.tag(out)
    first = len(out)
    for i, (pid, distance, last, days, due) in enumerate(people, start=1):
        person = doc.people.get(pid)
        if person is None:
            continue
        name = ctx.name(pid)
        title = "" if ctx.redact else person.title.strip()
        head = styles.bold(styles.markup(name))
        if title:
            head += f'  <font color="{styles.MUTED.hexval()}">{styles.markup(title)}</font>'
        bits = [facts_line(ctx, person)]
        if distance is not None:
            bits.append(f"{distance} hand-off{'s' if distance != 1 else ''} away")
        bits.append(
            "never contacted"
            if last is None
            else f"last contact {date_text(last)} ({coaching.describe_age(days)})"
        )
        bits.append(keep_in_touch(ctx, person))
        body: list[Flowable] = [
            ChipLine(Chip(str(i), ctx.color_of(person), size=8), ctx.p(head, st.body_tight, name + title)),
            ctx.p(styles.markup(" \u00b7 ".join(bits)), st.small_muted, " ".join(bits)),
        ]
        if due:
            body.append(Badges([("Due for a call", styles.SEVERITY["medium"][1])]))
        out.append(Panel(body, pad=(0, 0, 8, 0), min_first=ENTRY_WHOLE))  # its badge never alone
        out.append(Rule(before=0, after=6))
    return ctx.tag(keep.guard_end(out, max(first, len(out) - 2 * LAST_ENTRIES)))


def keep_in_touch(ctx: Ctx, person: object) -> str:
    """'keep in touch every quarter: next 3 Mar 2027 (due in 89 days)' (model/reachout.py)."""
    from model import reachout
    from model.entities import Person

    assert isinstance(person, Person)
    item = reachout.reach_out_in(ctx.doc, person, ctx.today)  # "you" is never due
    if item.next_date is None:
        return "no reminders"
    if item.last_contact is None:  # (the line already says "never contacted")
        return f"keep in touch {item.cadence.lower()}: due now"
    return f"keep in touch {item.cadence.lower()}: next {date_text(item.next_date.isoformat())} ({item.when})"

