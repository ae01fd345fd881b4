"""Check-ups as real charts (reportlab.graphics.charts) and coaching sessions with
their action items as a checklist.

Chart legends are set as paragraphs beside a colour key rather than inside the
drawing, because statements are user text of any length and script.
"""
from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from export.pdf import styles
from export.pdf.context import Ctx
from export.pdf.flowables import Badges, Panel, checkbox_painter, swatch_painter
from export.pdf.parts import keep
from export.pdf.parts.sections import date_text, heading, lead
from model import coaching
from model.entities import SCALE_LABELS, SCALE_MAX, THREE_AREAS, Checkup

SERIES_COLORS = tuple(
    colors.HexColor(c)
    for c in ("#3D5A80", "#E07A5F", "#3C8D5A", "#9C6ADE", "#D9A21B", "#2A9D8F", "#C0392B", "#7F8C8D")
)
# each statement's line also differs by marker and dash, so it reads in greyscale and for
# colour-blind readers; a number at its end matches the legend (a direct label)
MARKERS = ("FilledCircle", "FilledSquare", "FilledDiamond", "FilledTriangle", "Circle", "Square", "Diamond",
           "Cross")
DASHES: tuple[tuple[float, ...] | None, ...] = (
    None, (6, 3), (2, 2), (8, 3, 2, 3), (1, 3), (10, 4), (4, 2, 1, 2), (3, 5))
AREA_COLORS = (colors.HexColor("#3D5A80"), colors.HexColor("#E07A5F"), colors.HexColor("#3C8D5A"))
MAX_BAR_DATES = 12


def short_date(iso: str) -> str:
    text = date_text(iso)
    parts = text.split(" ")
    return f"{parts[0]} {parts[1]} {parts[2][2:]}" if len(parts) == 3 and len(parts[2]) == 4 else text


def _label_steps(n: int, most: int = 8) -> list[int]:
    """Which check-ups' dates label the x axis: evenly spaced, the first and the last always.
    The last takes the place of the even pick before it when the two would sit closer than a
    step ("1 Feb 261 Mar 26", written into each other)."""
    if n <= most:
        return list(range(n))
    step = -(-n // most)
    picks = list(range(0, n, step))
    if picks[-1] != n - 1:
        if n - 1 - picks[-1] < step and len(picks) > 1:
            picks[-1] = n - 1
        else:
            picks.append(n - 1)
    return picks


def statements_chart(ctx: Ctx, checkups: list[Checkup], sids: list[str], width: float) -> Drawing:
    """One line per statement over the check-ups (x: check-up in date order, y: 1..5)."""
    height = 180.0
    drawing = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y = 44, 26
    plot.width, plot.height = width - 44 - 30, height - 48
    data = []
    for k, sid in enumerate(sids):
        nudge = (k - (len(sids) - 1) / 2) * 0.045  # lines with the same scores stay visible side by side
        points = [(i, c.answers[sid] + nudge) for i, c in enumerate(checkups) if sid in c.answers]
        data.append(points)
    plot.data = data
    n = len(checkups)
    plot.xValueAxis.valueMin = -0.4
    plot.xValueAxis.valueMax = max(n - 1, 0) + 0.4
    plot.xValueAxis.valueSteps = _label_steps(n)
    labels = [short_date(c.date) for c in checkups]
    plot.xValueAxis.labelTextFormat = lambda v: labels[int(round(v))] if 0 <= round(v) < n else ""
    plot.xValueAxis.labels.fontName = styles.REGULAR
    plot.xValueAxis.labels.fontSize = 7.5
    plot.xValueAxis.labels.dy = -3
    plot.xValueAxis.strokeColor = styles.FAINT
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax, plot.yValueAxis.valueStep = 0.8, SCALE_MAX + 0.2, 1
    plot.yValueAxis.valueSteps = list(range(1, SCALE_MAX + 1))
    plot.yValueAxis.labels.fontName = styles.REGULAR
    plot.yValueAxis.labels.fontSize = 8
    plot.yValueAxis.labelTextFormat = "%d"
    plot.yValueAxis.visibleGrid = 1
    plot.yValueAxis.gridStrokeColor = styles.RULE
    plot.yValueAxis.gridStrokeWidth = 0.5
    plot.yValueAxis.strokeColor = styles.FAINT
    for i in range(len(data)):
        color = SERIES_COLORS[i % len(SERIES_COLORS)]
        plot.lines[i].strokeColor = color
        plot.lines[i].strokeWidth = 1.8
        plot.lines[i].strokeDashArray = DASHES[i % len(DASHES)]
        plot.lines[i].symbol = makeMarker(MARKERS[i % len(MARKERS)], size=5.5, fillColor=color,
                                          strokeColor=color)
    drawing.add(plot)
    _axis_title(drawing, plot.x, plot.y + plot.height + 10)
    _direct_labels(drawing, plot, data)
    return drawing


def _axis_title(drawing: Drawing, x: float, y: float) -> None:
    from reportlab.graphics.shapes import String

    drawing.add(String(x - 30, y, f"Score, 1\u2013{SCALE_MAX} (1 = {SCALE_LABELS[0].lower()}, "
                       f"{SCALE_MAX} = {SCALE_LABELS[-1].lower()})",
                       fontName=styles.REGULAR, fontSize=7.5, fillColor=styles.MUTED))


def _direct_labels(drawing: Drawing, plot: LinePlot, data: list[Any]) -> None:
    """The statement's number at the end of its line, nudged apart where lines end together."""
    from reportlab.graphics.shapes import String

    xa, ya = plot.xValueAxis, plot.yValueAxis
    xa.setPosition(plot.x, plot.y, plot.width)
    ya.setPosition(plot.x, plot.y, plot.height)
    xa.configure(data)
    ya.configure(data)
    used: list[float] = []
    ends = sorted(((ya.scale(pts[-1][1]), i, xa.scale(pts[-1][0])) for i, pts in enumerate(data) if pts),
                  reverse=True)
    for y, i, x in ends:
        while any(abs(y - u) < 8 for u in used):
            y -= 8
        used.append(y)
        color = SERIES_COLORS[i % len(SERIES_COLORS)]
        drawing.add(String(x + 7, y - 3, str(i + 1), fontName=styles.BOLD, fontSize=8, fillColor=color))


def areas_chart(ctx: Ctx, checkups: list[Checkup], width: float) -> Drawing:
    """The three areas per check-up as grouped bars (the last twelve check-ups)."""
    height = 160.0
    shown = checkups[-MAX_BAR_DATES:]
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 44, 26
    chart.width, chart.height = width - 58, height - 48
    chart.data = [[c.areas.get(key) or 0 for c in shown] for key, _ in THREE_AREAS]
    chart.categoryAxis.categoryNames = [short_date(c.date) for c in shown]
    chart.categoryAxis.labels.fontName = styles.REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.strokeColor = styles.FAINT
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, SCALE_MAX, 1
    chart.valueAxis.labels.fontName = styles.REGULAR
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = styles.RULE
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.valueAxis.strokeColor = styles.FAINT
    chart.groupSpacing = 8
    chart.barSpacing = 1.5
    for i, color in enumerate(AREA_COLORS):
        chart.bars[i].fillColor = color
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    _axis_title(drawing, chart.x, chart.y + chart.height + 10)
    return drawing


def legend(ctx: Ctx, items: list[tuple[colors.Color, str]], lines: bool = True,
           marks: bool = False) -> list[Flowable]:
    """Keys beside the texts; `marks`: each with its line's dash and marker (statements_chart)."""
    return [
        Panel(ctx.text(text, ctx.styles.small) or [ctx.nothing_yet("(no text)")],
              painter=swatch_painter(color, line_style=lines,
                                     dash=DASHES[i % len(DASHES)] if marks else None,
                                     marker=MARKERS[i % len(MARKERS)] if marks else ""),
              pad=(0, 0, 1, 22 if lines else 14))
        for i, (color, text) in enumerate(items)
    ]


def checkups(ctx: Ctx) -> list[Flowable]:
    ctx.where = "the check-ups"
    out: list[Flowable] = [heading(ctx, "Check-ups over time", "Check-ups")]
    ordered = coaching.checkups_by_date(ctx.doc)
    if not ordered:
        out.append(ctx.nothing_yet("Nothing yet: no check-up has been recorded. Ask the integrity check-up "
                                   "in a session and its scores will show here over time."))
        return ctx.tag(out)
    scale = ", ".join(f"{i} {label.lower()}" for i, label in enumerate(SCALE_LABELS, start=1))
    out.append(lead(ctx, f"{len(ordered)} check-up{'s' if len(ordered) != 1 else ''} from "
                         f"{date_text(ordered[0].date)} to {date_text(ordered[-1].date)}. Scale: {scale}."))
    sids = [sid for sid in ctx.doc.statements if any(sid in c.answers for c in ordered)]
    out.append(heading(ctx, "The integrity check-up", level=1, listed=False))
    if sids:
        out.append(statements_chart(ctx, ordered, sids, ctx.frame_w))
        out.append(Spacer(1, 4))
        keys = [(SERIES_COLORS[i % len(SERIES_COLORS)], f"{i + 1}. {ctx.doc.statements[sid].text}")
                for i, sid in enumerate(sids)]
        out += legend(ctx, keys, marks=True)
    else:
        out.append(ctx.nothing_yet("No statement has been answered yet."))
    with_areas = [c for c in ordered if c.areas]
    out.append(CondPageBreak(260))
    out += keep.guard_tail(*areas_and_notes(ctx, ordered, with_areas))
    return ctx.tag(out)


def areas_and_notes(
    ctx: Ctx, ordered: list[Checkup], with_areas: list[Checkup]
) -> tuple[list[Flowable], list[int]]:
    """The check-ups' last two sections, and where the second starts: the part's end, which
    breaks at a heading rather than leave a note alone on a page (parts.keep)."""
    st = ctx.styles
    out: list[Flowable] = [heading(ctx, "The three areas that confuse customers", level=1, listed=False)]
    if with_areas:
        latest = with_areas[-1]
        total = sum(latest.areas.values())
        most = SCALE_MAX * len(latest.areas)
        score = f"Latest three-areas score ({styles.plain(date_text(latest.date))}): <b>{total} of {most}</b>"
        score += f"; {len(with_areas)} check-ups in all." if len(with_areas) > 1 else "."
        out.append(ctx.p(score, st.body))
        out.append(areas_chart(ctx, with_areas, ctx.frame_w))
        if len(with_areas) > MAX_BAR_DATES:
            out.append(ctx.p(f"The chart shows the last {MAX_BAR_DATES} check-ups.", st.small_muted))
        out.append(Spacer(1, 4))
        out += legend(ctx, [(AREA_COLORS[i], f"{label}: {latest.areas[key]} of {SCALE_MAX}"
                             if key in latest.areas else f"{label}: not scored")
                            for i, (key, label) in enumerate(THREE_AREAS)], lines=False)
    else:
        out.append(ctx.nothing_yet("The three areas have not been scored yet."))
    noted = [c for c in ordered if styles.clean(c.note).strip()]
    anchors = [len(out)]
    if noted:
        out.append(heading(ctx, "Notes", level=1, listed=False))
        for c in reversed(noted):
            ctx.check()
            # a date and its note as one splittable panel: the date alone ended a page, its note on the next
            date = ctx.p(f"<b>{styles.plain(date_text(c.date))}</b>", st.body_tight)
            out.append(Panel([date, *ctx.text(c.note)], space_after=st.body.spaceAfter))
    return ctx.tag(out), anchors


def sessions(ctx: Ctx) -> list[Flowable]:
    ctx.where = "the coaching sessions"
    st = ctx.styles
    out: list[Flowable] = [heading(ctx, "Coaching sessions", "Sessions")]
    items = coaching.sessions_by_date(ctx.doc)
    if not items:
        out.append(ctx.nothing_yet("Nothing yet: no coaching session has been recorded."))
        return ctx.tag(out)
    open_items = coaching.action_items(ctx.doc, ctx.today)
    overdue = sum(1 for o in open_items if o.overdue)
    out.append(lead(ctx, f"{len(items)} session{'s' if len(items) != 1 else ''}, newest first. "
                         f"{len(open_items)} action item{'s' if len(open_items) != 1 else ''} open"
                         + (f", {overdue} overdue." if overdue else ".")))
    listed = len(items) <= 40
    last = len(out)
    for session in items:
        ctx.check()
        last = len(out)
        title = ctx.free(session.title).strip()
        label = date_text(session.date) + (f" \u2014 {title}" if title else "")
        ctx.where = f"the session of {date_text(session.date)}"
        out.append(CondPageBreak(90))
        out.append(heading(ctx, label, level=1, listed=listed))
        notes = ctx.text(session.notes)
        out += notes or [ctx.nothing_yet("No notes.")]
        if session.action_items:
            out.append(ctx.p("ACTION ITEMS", st.label))
        for item in session.action_items:
            late = coaching.is_overdue(item, ctx.today)
            text = ctx.free(item.text).strip() or "(no text)"
            body: list[Flowable] = [ctx.p(styles.markup(text), st.body_tight, text)]
            bits = []
            owner = ctx.free(item.owner).strip()
            if owner:
                bits.append(f"owner: {styles.markup(owner)}")
            if item.due:
                bits.append(f"due {styles.plain(date_text(item.due))}")
            bits.append("done" if item.done else "open")
            body.append(ctx.p(" \u00b7 ".join(bits), st.small_muted, owner))
            if late:
                body.append(Badges([("Overdue", styles.OVERDUE)], after=2))
            out.append(Panel(body, painter=checkbox_painter(item.done, late), pad=(0, 0, 4, 18)))
        out.append(Spacer(1, 6))
    return ctx.tag(keep.guard_end(out, last + 1))  # the last session, from its heading
