"""The Report as readable text (what `main.py check MAP` prints)."""
from __future__ import annotations

from model.analysis.graph import NAME_LIMIT, clean, join_names
from model.analysis.results import KIND_TITLES, STAT_LABELS, Report
from model.analysis.you import reach_out_summary
from model.document import Document
from model.naming import counted
from model.stages import stage_label

HANDS_TO_SHOWN = 4


def _step_line(report: Report, index: int, you_marks: dict[str, str]) -> str:
    step = report.walk[index]
    who = report.label(step.person_id)
    kind = " [customer]" if step.is_customer else ""
    head = f"{step.step:>3}. {who}{kind}, {stage_label(step.stage)}"
    if step.in_loop:
        head += " [rework loop]"
    if step.person_id in you_marks:
        head += f" [{you_marks[step.person_id]}]"
    targets = [report.name(p) for p in step.hands_to]
    if targets:
        head += " \u2192 " + join_names(targets, HANDS_TO_SHOWN)
    return head


def _you_marks(report: Report) -> dict[str, str]:
    you = report.you
    if you is None:
        return {}
    marks = {}
    for pid, d in you.distances.items():
        if pid == you.person_id:
            marks[pid] = "you"
        elif d is not None:
            marks[pid] = f"{d} from you"
    return marks


def report_text(doc: Document, report: Report) -> str:
    """The walk as a numbered list, then findings grouped by kind with counts,
    then the figures, then "for you" when a you is marked."""
    lines: list[str] = []
    title = clean(doc.meta.title, 200) or "Untitled map"
    lines += [f"Contract Walk check: {title}", ""]

    colleagues = sum(1 for s in report.walk if not s.is_customer)
    customers = len(report.walk) - colleagues
    if report.walk:
        lines.append(f"The walk, from first touch to the customer ({counted(colleagues, 'colleague')}, "
                     f"{counted(customers, 'customer')}):")
        marks = _you_marks(report)
        lines += [_step_line(report, i, marks) for i in range(len(report.walk))]
    else:
        lines.append("The walk is empty: nobody hands anything to anyone yet.")
    lines.append("")

    counts = report.severity_counts()
    total = len(report.findings)
    if total:
        lines.append(
            f"Findings ({total}): {counts['high']} high, {counts['medium']} medium, {counts['low']} low"
        )
        for kind, items in report.findings_by_kind():
            lines.append("")
            lines.append(f"{KIND_TITLES.get(kind, kind)} ({len(items)}):")
            for f in items:
                lines.append(f"  - [{f.severity}] {f.message}")
    else:
        lines.append("Findings: none. Nothing in the map suggests the walk loses the customer.")
    lines.append("")

    lines.append("Figures:")
    stats = report.stats
    width = max(len(label) for label in STAT_LABELS.values())
    for key, label in STAT_LABELS.items():
        if key in stats:
            lines.append(f"  {label:<{width}}  {stats[key]}")
    lines += _you_lines(report)
    return "\n".join(lines).rstrip() + "\n"


def _you_lines(report: Report) -> list[str]:
    you = report.you
    if you is None:
        return []
    lines = ["", f"For you ({clean(report.name(you.person_id), NAME_LIMIT)}):"]
    if you.customer_distance is not None and you.nearest_customer_id:
        hops = you.customer_distance
        lines.append(f"  You are {counted(hops, 'hand-off')} from the customer "
                     f"(nearest: {report.name(you.nearest_customer_id)}).")
    else:
        lines.append("  No chain of hand-offs connects you to a customer yet.")
    if not you.next_people:
        if you.person_id in you.distances:
            lines.append("  No colleague is connected to you by hand-offs yet.")
        else:
            lines.append("  You have no hand-offs yet, so nobody is on your walk: draw who you work with.")
        return lines
    lines.append(f"  {reach_out_summary(you)} Reach out next:")
    for i, n in enumerate(you.next_people, start=1):
        if n.last_contact is None:
            when = "never contacted"
        else:
            when = f"last contact {n.last_contact} ({n.days_since} days ago)"
        plural = "s" if n.distance != 1 else ""
        lines.append(f"  {i}. {report.name(n.person_id)}: {n.distance} hand-off{plural} away, {when}")
    return lines
