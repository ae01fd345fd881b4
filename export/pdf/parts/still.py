"""Sections with nothing in them yet, collapsed into one short "Still to do" page.

A new map's playbook used to be ten pages, eight of them a heading over one
"Nothing yet" line. Each empty section is now one line of a checklist saying what
would fill it, so a blank map prints as a cover, the contents and this page.
"""
from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from export.pdf import styles
from export.pdf.context import Ctx
from export.pdf.flowables import Panel, swatch_painter
from model import coaching


def _no_people(ctx: Ctx) -> bool:
    return not any(ctx.in_focus(pid) for pid in ctx.doc.people)


def _nobody_else(ctx: Ctx) -> bool:
    return not [pid for pid in ctx.doc.people if pid != ctx.doc.meta.you_id]


# section -> (its title, whether it is empty, what would fill it)
EMPTY: dict[str, tuple[str, Callable[[Ctx], bool], str]] = {
    "map": ("The map", lambda ctx: not any(p.placed for p in ctx.map_doc.people.values()),
            ("Drag colleagues onto the canvas, put them in department lanes and draw who hands the "
            "contract on to whom.")),
    "walk": ("The walk, step by step", lambda ctx: not ctx.report.walk,
             ("Draw the first hand-off on the map: the walk follows the contract from first touch to "
             "the customer.")),
    "insights": ("Where the walk may lose the customer",
                 lambda ctx: not ctx.report.findings and _no_people(ctx),
                 "Insights appear as the map fills in."),
    "roles": ("Roles and their stories", _no_people,
              "Add the people who touch the contract and write their line-of-sight stories."),
    "departments": ("Departments", lambda ctx: not ctx.doc.departments,
                    "Add a lane for each department and say what serving the customer means to it."),
    "checkups": ("Check-ups over time", lambda ctx: not coaching.checkups_by_date(ctx.doc),
                 "Ask the integrity check-up in a session; its scores show here over time."),
    "sessions": ("Coaching sessions", lambda ctx: not coaching.sessions_by_date(ctx.doc),
                 "Record a coaching session and its action items."),
    "reach-out": ("Reach out next", _nobody_else,
                  "Add colleagues to the map: the people to get in touch with next are listed here."),
}


def empty_sections(ctx: Ctx, chosen: list[str]) -> list[str]:
    """The chosen sections with nothing to print yet (in playbook order)."""
    return [name for name in chosen if name in EMPTY and EMPTY[name][1](ctx)]


def still_to_do(ctx: Ctx, names: list[str]) -> list[Flowable]:
    """One heading and a line per empty section: what it is, and what would fill it."""
    from export.pdf.doc import SectionBreak
    from export.pdf.parts.sections import heading

    ctx.where = "still to do"
    st = ctx.styles
    out: list[Flowable] = [SectionBreak("Still to do"), heading(ctx, "Still to do", "Still to do")]
    out.append(ctx.p(styles.plain("These parts of the playbook have nothing in them yet. They fill in as the "
                             "map grows:"), st.body))
    for name in names:
        title, _empty, hint = EMPTY[name]
        body = [
            ctx.p(f"<b>{styles.plain(title)}</b>", st.body_tight),
            ctx.p(styles.plain(hint), st.small_muted),
        ]
        out.append(Panel(body, painter=swatch_painter(styles.FAINT), pad=(0, 6, 2, 16), space_after=8))
    return ctx.tag(out)
