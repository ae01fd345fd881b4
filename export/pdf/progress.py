"""The playbook's "Progress since …" section: what changed between an earlier version of the
map (a snapshot saved at the end of a coaching session, or any earlier file) and this one."""
from __future__ import annotations

from reportlab.platypus import Flowable

from export.pdf import styles as S
from export.pdf.context import Ctx
from export.pdf.sections import heading, lead
from model.compare import compare


def progress(ctx: Ctx) -> list[Flowable]:
    ctx.where = "the progress section"
    baseline = getattr(ctx, "baseline", None)
    label = getattr(ctx, "baseline_label", "") or "the earlier version"
    out: list[Flowable] = [heading(ctx, f"Progress since {label}", "Progress")]
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
            out.append(ctx.p("\u2022 " + S.markup(text), ctx.styles.body_tight, text))
    return ctx.tag(out)
