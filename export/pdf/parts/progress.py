"""The playbook's "Progress since …" section: what changed between an earlier version of the
map (a snapshot saved at the end of a coaching session, or any earlier file) and this one."""
from __future__ import annotations

import re

from reportlab.platypus import Flowable

from export.pdf import styles
from export.pdf.context import Ctx
from export.pdf.parts.sections import date_text, heading, lead
from model.compare import compare
from model.document import Document

_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def earlier_date(label: str, baseline: Document | None) -> str:
    """When the earlier map is from: the date in its name (snapshots are named
    map-YYYY-MM-DD), else the latest session, check-up or contact it records; "" if none."""
    found = _DATE.findall(label)
    for iso in reversed(found):
        text = date_text(iso)
        if text != iso:
            return text
    if baseline is None:
        return ""
    days = [s.date for s in baseline.sessions.values()] + [c.date for c in baseline.checkups.values()]
    days += [e.date for p in baseline.people.values() for e in p.outreach]
    valid = sorted(d for d in days if date_text(d) != d)
    return date_text(valid[-1]) if valid else ""


def progress(ctx: Ctx) -> list[Flowable]:
    ctx.where = "the progress section"
    baseline = getattr(ctx, "baseline", None)
    label = getattr(ctx, "baseline_label", "") or "the earlier version"
    day = earlier_date(label, baseline)
    if day and _DATE.search(label):  # a snapshot: its date says it all
        title = f"Progress since {day}"
        out: list[Flowable] = [heading(ctx, title, "Progress"),
                               ctx.p(styles.plain(f"Compared with {label}."), ctx.styles.small_muted, label)]
    else:
        title = f"Progress since {label}" + (f" ({day})" if day else "")
        out = [heading(ctx, title, "Progress")]
    if baseline is None:
        out.append(ctx.nothing_yet(
            "Nothing to compare with: save a snapshot after a session to see progress here."))
        return ctx.tag(out)
    result = compare(baseline, ctx.doc, label, "now", redact=ctx.redact)
    if result.is_empty():
        out.append(lead(ctx, f"Nothing has changed since {label}."))
        return ctx.tag(out)
    out.append(lead(ctx, f"What changed in the map between {label} and now: people, hand-offs, stories, "
                         "contacts and check-up scores."))
    for title, lines in result.sections():
        ctx.check()
        out.append(heading(ctx, title, level=1, listed=False))
        for line in lines:
            text = ctx.free(line)
            out.append(ctx.p("\u2022 " + styles.markup(text), ctx.styles.body_tight, text))
    return ctx.tag(out)
