"""The findings tree's rows as plain data, made from a Report without Qt.

Why here and not beside the tree (gui/lists/findings_tree.py): the rows are made where the
analysis runs, which is a separate process that never imports Qt (gui/jobs/analysis_process.py),
or a worker thread when no process can be started.
"""
from __future__ import annotations

import hashlib

from model.analysis.results import KIND_SEVERITY, KIND_TITLES, Finding, Report

# key, message, severity, people, hand-offs (the finding's own lists, shared, never changed)
ChildRow = tuple[int, str, str, list[str], list[str]]
# kind, severity, title, people, hand-offs, children
GroupRow = tuple[str, str, str, tuple[str, ...], tuple[str, ...], list[ChildRow]]
GroupHead = tuple[str, str, str, tuple[str, ...], tuple[str, ...]]  # a GroupRow without its children


def finding_key(f: Finding) -> str:
    """A finding's identity across refreshes (its message may change with a name)."""
    return "|".join(
        (f.kind, ",".join(f.people), ",".join(f.stages), ",".join(f.handoffs), ",".join(f.departments))
    )


def row_key(f: Finding) -> int:
    """`finding_key` as a number: 27,000 of those strings (~200 characters each) were ~5 MB held
    as long as the map is open. The same in every process (Python's own `hash` of text is not:
    the rows may be made in the analysis process); two different findings sharing a number
    (about 1 in 10^10 at 27,000) would only lose the selection."""
    text = "\x1f".join((f.kind, *f.people, "", *f.stages, "", *f.handoffs, "", *f.departments))
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "big", signed=True)


def child_row(f: Finding, key: int | None = None) -> ChildRow:
    return (row_key(f) if key is None else key, f.message, f.severity, f.people, f.handoffs)


def group_heads(report: Report) -> list[tuple[GroupHead, list[Finding]]]:
    """Each kind's group row (without its children) and its findings, in the tree's order."""
    heads: list[tuple[GroupHead, list[Finding]]] = []
    for kind, findings in report.findings_by_kind():
        severity = KIND_SEVERITY.get(kind, findings[0].severity)
        heads.append(((
            kind, severity, f"{KIND_TITLES.get(kind, kind)} ({len(findings)})",
            tuple(sorted({p for f in findings for p in f.people})),
            tuple(sorted({h for f in findings for h in f.handoffs})),
        ), findings))
    return heads


def tree_rows(report: Report) -> list[GroupRow]:
    """What the tree shows, as plain data (made where the analysis runs)."""
    return [(*head, [child_row(f) for f in findings]) for head, findings in group_heads(report)]


__all__ = ["ChildRow", "GroupHead", "GroupRow", "child_row", "finding_key", "group_heads", "row_key",
           "tree_rows"]
