"""The playbook's cover: title, organisation, description, who it is for and by whom, the map
in five numbers and the departments' colours, on one page whatever was typed.

A description of a few paragraphs pushed the "prepared for" panel, the figures and the
departments onto a second page of their own. The cover now keeps as much of the description as
fits (cut at a word, with an ellipsis) and prints the whole of it on the page after the cover,
under "About this map"; names and lines that have no business filling a page are cut short.
"""
from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.flowables import BalancedColumns

from export.pdf import styles
from export.pdf.context import Ctx, shortened
from export.pdf.flowables import Panel, callout_painter, swatch_painter
from export.pdf.parts.sections import date_text, heading
from export.pdf.reportlab_private import list_wrap_on
from model.redaction.apply import redaction_of
from model.stages import STAGES

# characters of the map title, organisation, prepared for/by on the cover: the first that lets
# the cover keep one page (the rest would fill pages)
COVER_LIMITS = (240, 150, 90)
KEY_NAME_LIMIT = 80  # characters of a department's name in the cover's colour key
KEY_GAP = 8.0  # between the colour key's columns
SPARE = 12.0  # points: what the cover's measure may be short of the layout's own
MORE = "The whole description follows on the next page."


def cover(ctx: Ctx) -> list[Flowable]:
    """The cover, one page; with a description too long for it, that description in full on
    the next page. What gives way, in order: the description, then the title and the prepared
    for/by lines (shorter and shorter)."""
    ctx.where = "the cover"
    description = ctx.free(ctx.doc.meta.description).strip()
    for limit in COVER_LIMITS:
        if _fits(ctx, _cover(ctx, description, limit)):
            return ctx.tag(_cover(ctx, description, limit))
        if _fits(ctx, _cover(ctx, "", limit, more=True)) or limit == COVER_LIMITS[-1]:
            break
    lo, hi = 0, len(description)  # the longest start of the description that keeps the cover one page
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _fits(ctx, _cover(ctx, cut_text(description, mid), limit, more=True)):
            lo = mid
        else:
            hi = mid - 1
    out = _cover(ctx, cut_text(description, lo), limit, more=bool(description))
    if description:
        out += [PageBreak(), heading(ctx, "About this map", "About this map"), *ctx.text(description)]
    return ctx.tag(out)


def cut_text(text: str, limit: int) -> str:
    """The first `limit` characters of `text`, cut back to a word's end, with an ellipsis
    ('' when not even a word fits); its paragraphs and line breaks as they were."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    cut = cut[:space] if space > 0 else ""
    cut = cut.rstrip(" \n,;:-")
    return cut + "\u2026" if cut else ""


def _fits(ctx: Ctx, flowables: list[Flowable]) -> bool:
    """Whether the flowables fit one frame, with a little to spare."""
    plain = [f for f in flowables if not isinstance(f, BalancedColumns)]
    total = float(list_wrap_on(plain, ctx.frame_w, None)[1])
    for f in flowables:
        if isinstance(f, BalancedColumns):  # it wraps only inside a document being built
            n = f._nCols
            width = (ctx.frame_w - (n - 1) * KEY_GAP) / n
            heights = [float(list_wrap_on([k], width, None)[1]) for k in f._content]
            total += sum(heights) / n + max(heights, default=0.0)
    return total + SPARE <= ctx.frame_h


def _cover(ctx: Ctx, description: str, limit: int, more: bool = False) -> list[Flowable]:
    """A fresh cover's flowables with this (perhaps shortened) description."""
    meta = ctx.doc.meta
    st = ctx.styles
    top = 40 if ctx.redact else 70
    out: list[Flowable] = [Spacer(1, top), ctx.p("CONTRACT WALK PLAYBOOK", st.cover_kicker), Spacer(1, 6)]
    # the title and organisation stand like the description below them: flush right in Arabic
    title = shortened(ctx.free(meta.title), limit) or "Untitled map"
    out.append(ctx.line(title, st.cover_title, rtl_align=True))
    if meta.organisation.strip():
        out.append(ctx.line(shortened(ctx.free(meta.organisation), limit), st.cover_sub, rtl_align=True))
    if ctx.focus is not None:
        team = styles.clean(ctx.focus.label)
        out.append(ctx.p(f"For {styles.markup(team)}", st.cover_sub, team))
    out += ctx.text(description)
    if more:
        out.append(ctx.p(f"<i>{styles.plain(MORE)}</i>", st.small_muted))
    out.append(Spacer(1, 26))
    rows: list[tuple[str, str]] = []
    if meta.prepared_for.strip():
        rows.append(("Prepared for", shortened(ctx.free(meta.prepared_for), limit)))
    if meta.prepared_by.strip():
        rows.append(("Prepared by", shortened(ctx.free(meta.prepared_by), limit)))
    rows.append(("Date", date_text(ctx.today.isoformat())))
    info: list[Flowable] = []
    for label, value in rows:
        info.append(ctx.p(styles.plain(label.upper()), st.label))
        info.append(ctx.line(value, st.cover_meta))
    out.append(
        Panel(
            info, painter=callout_painter(styles.PANEL, styles.ACCENT), pad=(10, 12, 10, 16), space_after=12
        )
    )
    if ctx.redact:
        out.append(redaction_note(ctx))
        out.append(Spacer(1, 12))
    out.append(figures(ctx))
    out.append(Spacer(1, 18))
    out += department_key(ctx, limit=12 if ctx.redact else 24)
    return out


def redaction_note(ctx: Ctx) -> Flowable:
    text = (
        "<b>Redacted copy.</b> People are named by their role and department; e-mail addresses, phone "
        "numbers, locations and outreach notes are left out. Their names, in full or first or last name "
        "alone, are replaced wherever they were typed (stories, notes, action items); a nickname, a "
        "misspelling or somebody not on the map cannot be recognised and may still appear."
    )
    done = redaction_of(ctx.doc)
    if done is not None and done.orgs:
        text += (
            " Organisations are named \u201cour organisation\u201d, \u201cCustomer A\u201d, "
            "\u201cPartner A\u201d\u2026"
        )
    return Panel(
        [ctx.p(text, ctx.styles.small)],
        painter=callout_painter(*styles.SEVERITY["medium"]),
        pad=(7, 10, 5, 14),
    )


def figures(ctx: Ctx) -> Flowable:
    """The map in five numbers, as a row of tiles."""
    stats = ctx.report.stats
    tiles = [
        (stats.get("colleagues", 0), "colleagues"),
        (stats.get("departments", 0), "departments"),
        (stats.get("handoffs", 0), "hand-offs"),
        (stats.get("customers", 0), "customers"),
        (f"{stats.get('stages_covered', 0)}/{stats.get('stages_total', len(STAGES))}", "stages covered"),
    ]
    st = ctx.styles
    top = [ctx.p(f"<b>{styles.plain(v)}</b>", st.h2) for v, _ in tiles]
    bottom = [ctx.p(styles.plain(label), st.small_muted) for _, label in tiles]
    width = ctx.frame_w / len(tiles)
    table = Table([top, bottom], colWidths=[width] * len(tiles))
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.REGULAR),  # tables default to unembedded Helvetica
                ("LINEABOVE", (0, 0), (-1, 0), 2, styles.ACCENT),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def department_key(ctx: Ctx, limit: int = 24) -> list[Flowable]:
    depts = [d for d in ctx.doc.departments.values() if ctx.focus is None or d.id in ctx.focus.department_ids]
    if not depts:
        return []
    keys: list[Flowable] = []
    for dept in depts[:limit]:
        name = shortened(dept.name, KEY_NAME_LIMIT) or "(unnamed department)"
        swatch = swatch_painter(styles.hex_color(dept.color))
        keys.append(Panel([ctx.line(name, ctx.styles.body_tight)], painter=swatch, pad=(0, 6, 2, 16)))
    if len(depts) > limit:
        keys.append(ctx.p(f"and {len(depts) - limit} more", ctx.styles.small_muted))
    columns = 3 if len(keys) > 4 else 1  # the cover stays one page on Letter too
    body: Flowable = (
        BalancedColumns(
            keys, nCols=columns, innerPadding=KEY_GAP, leftPadding=0, rightPadding=0, topPadding=0,
            bottomPadding=0,
        )
        if columns > 1
        else Panel(keys)
    )
    return [ctx.p("DEPARTMENTS", ctx.styles.label), body]
