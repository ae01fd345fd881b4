"""Insights computed from the map: the walk in order and where it may lose the customer.

`analyse(doc)` builds networkx graphs from the Document on demand and
returns a plain-data `Report`; the CLI (`check`), the GUI insights dock and
the PDF playbook all show the same Report. Nothing here changes the map.

The rules and their choices are documented in `model/analysis/rules.py`
(structure) and `model/analysis/you.py` (contact and "you"); the severity
of each kind is `KIND_SEVERITY` in `model/analysis/results.py`.
"""
from __future__ import annotations

import datetime as dt
import logging
import time

from model.analysis import rules as analysis_rules
from model.analysis.graph import WalkGraph
from model.analysis.results import (
    KIND_ORDER,
    KIND_SEVERITY,
    KIND_TITLES,
    SEVERITIES,
    STAT_LABELS,
    Finding,
    NextContact,
    Report,
    WalkStep,
    YouView,
)
from model.analysis.text_report import report_text
from model.analysis.you import stale_contacts, you_view
from model.document import Document
from model.stages import STAGES

log = logging.getLogger(__name__)

__all__ = [
    "KIND_ORDER",
    "KIND_SEVERITY",
    "KIND_TITLES",
    "SEVERITIES",
    "STAT_LABELS",
    "Finding",
    "NextContact",
    "Report",
    "WalkStep",
    "YouView",
    "analyse",
    "report_text",
]


def analyse(
    doc: Document,
    stale_days: int | None = None,
    today: dt.date | None = None,
    redact: bool = False,
) -> Report:
    """Every finding about the map, the walk in order, the figures, and the view for "you".

    stale_days: contact older than this is stale (None: the map's own setting).
    today: the day contact ages are counted to (None: today).
    redact: name people by role and department in messages and names (the PDF's --redact).
    """
    started = time.perf_counter()
    days = doc.meta.stale_days if stale_days is None else stale_days
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError("stale days is a whole number of at least 1")
    today = today or dt.date.today()
    g = WalkGraph(doc, redact=redact)
    you_id = doc.meta.you_id if doc.meta.you_id in doc.people else None

    spofs = analysis_rules.single_points_of_failure(g)
    crossings = analysis_rules.cross_department(g)
    findings: list[Finding] = [
        *analysis_rules.no_customer(g),
        *analysis_rules.spof_findings(g, spofs),
        *analysis_rules.dead_ends(g),
        *analysis_rules.rework_loops(g),
        *analysis_rules.bottlenecks(g, spofs),
        *analysis_rules.experience_conflicts(g),
        *analysis_rules.outsourced_without_owner(g),
        *analysis_rules.missing_stages(g),
        *crossings,
        *analysis_rules.missing_stories(g),
        *stale_contacts(g, you_id, days, today),
        *analysis_rules.isolated(g),
        *analysis_rules.unplaced(g),
    ]
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    far = len(g.steps) + 1
    findings.sort(key=lambda f: (
        rank.get(f.kind, len(rank)),
        min((g.step_of.get(p, far) for p in f.people), default=far),
    ))  # stable: within a kind and step, the rule's own order stands

    walk_colleagues = [s for s in g.steps if not s.is_customer]
    handoffs = list(doc.handoffs.values())
    two_way = sum(1 for h in handoffs if h.two_way)
    stats = {
        "people": len(doc.people),
        "colleagues": len(doc.colleagues()),
        "customers": len(doc.customers()),
        "in_walk": len(g.steps),
        "departments": len(doc.departments),
        "handoffs": len(handoffs),
        "linear_handoffs": len(handoffs) - two_way,
        "two_way_handoffs": two_way,
        "department_crossings": len(crossings),
        "stories_written": sum(1 for s in walk_colleagues if g.placed[s.person_id].story.is_written()),
        "stories_expected": len(walk_colleagues),
        "stages_covered": analysis_rules.covered_stages(g),
        "stages_total": len(STAGES),
        "unplaced": sum(1 for p in doc.people.values() if not p.placed),
    }
    report = Report(
        walk=g.steps,
        findings=findings,
        stats=stats,
        you=you_view(g, you_id, days, today),
        names=dict(g.names),
        labels={pid: g.who(pid) for pid in doc.people},
        department_names=g.department_names(),
    )
    log.debug("analysed %d people, %d hand-offs in %.3f s: %d findings",
              len(doc.people), len(handoffs), time.perf_counter() - started, len(findings))
    return report
