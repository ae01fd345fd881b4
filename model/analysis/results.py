"""The plain data an analysis returns, and the words shown around it.

The CLI, the GUI insights dock and the PDF playbook all read these same
dataclasses, so everything here refers to people, stages, hand-offs and
departments by id (the GUI selects by id); `Report.to_json` turns people
into the names the command-line contract promises.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITIES: tuple[str, ...] = (HIGH, MEDIUM, LOW)

# Kinds, in the order a reader should meet them (worst and most structural first).
REWORK_LOOP = "rework_loop"
NO_CUSTOMER = "no_customer"
SINGLE_POINT_OF_FAILURE = "single_point_of_failure"
DEAD_END = "dead_end"
BOTTLENECK = "bottleneck"
EXPERIENCE_CONFLICT = "experience_conflict"
OUTSOURCED_WITHOUT_OWNER = "outsourced_without_owner"
MISSING_STAGE = "missing_stage"
CROSS_DEPARTMENT_HANDOFF = "cross_department_handoff"
MISSING_STORY = "missing_story"
STALE_CONTACT = "stale_contact"
ISOLATED = "isolated"
UNPLACED = "unplaced"

KIND_ORDER: tuple[str, ...] = (
    NO_CUSTOMER,
    SINGLE_POINT_OF_FAILURE,
    DEAD_END,
    REWORK_LOOP,
    BOTTLENECK,
    EXPERIENCE_CONFLICT,
    OUTSOURCED_WITHOUT_OWNER,
    MISSING_STAGE,
    CROSS_DEPARTMENT_HANDOFF,
    MISSING_STORY,
    STALE_CONTACT,
    ISOLATED,
    UNPLACED,
)

# kind -> the plain-language title of its group (GUI dock, PDF, text report)
KIND_TITLES: dict[str, str] = {
    NO_CUSTOMER: "The walk never reaches a customer",
    SINGLE_POINT_OF_FAILURE: "Single points of failure",
    DEAD_END: "Work that never reaches the customer",
    REWORK_LOOP: "Work that comes back (rework loops)",
    BOTTLENECK: "Bottlenecks",
    EXPERIENCE_CONFLICT: "Departments that measure the customer differently",
    OUTSOURCED_WITHOUT_OWNER: "Outsourced work nobody inside owns",
    MISSING_STAGE: "Stages nobody is mapped to",
    CROSS_DEPARTMENT_HANDOFF: "Hand-offs that cross department lines",
    MISSING_STORY: "Roles without a line-of-sight story",
    STALE_CONTACT: "People you have not been in touch with",
    ISOLATED: "People with no hand-offs",
    UNPLACED: "People not yet in the walk",
}

# kind -> severity. High: the contract can stop or go round in circles;
# medium: the customer is likely to feel a gap; low: homework for the map.
KIND_SEVERITY: dict[str, str] = {
    NO_CUSTOMER: HIGH,
    SINGLE_POINT_OF_FAILURE: HIGH,
    DEAD_END: HIGH,
    REWORK_LOOP: HIGH,
    BOTTLENECK: MEDIUM,
    EXPERIENCE_CONFLICT: MEDIUM,
    OUTSOURCED_WITHOUT_OWNER: MEDIUM,
    MISSING_STAGE: MEDIUM,
    CROSS_DEPARTMENT_HANDOFF: LOW,
    MISSING_STORY: LOW,
    STALE_CONTACT: LOW,
    ISOLATED: LOW,
    UNPLACED: LOW,
}

# stats key -> label, in the order figures are shown
STAT_LABELS: dict[str, str] = {
    "people": "People on the map (colleagues and customers, placed or not)",
    "colleagues": "Colleagues",
    "customers": "Customers",
    "in_walk": "People in the walk (with at least one hand-off)",
    "departments": "Departments",
    "handoffs": "Hand-offs",
    "linear_handoffs": "One-way hand-offs",
    "two_way_handoffs": "Two-way hand-offs",
    "department_crossings": "Hand-offs that cross a department line",
    "stories_written": "Line-of-sight stories written",
    "stories_expected": "Colleagues in the walk (who could have a story)",
    "stages_covered": "Order-to-cash stages somebody is mapped to",
    "stages_total": "Order-to-cash stages",
    "unplaced": "People on the roster not yet in the walk",
}


# Slots: a 10,000-person map has ~10,000 steps and ~27,000 findings, held as long as the map is
# open (the insights dock, the canvas); without a __dict__ each they take ~10 MB less (issue 19).
@dataclass(slots=True)
class WalkStep:
    """One person in the walk, in hand-off order (colleagues first, then customers)."""

    step: int  # 1-based position in the walk
    person_id: str
    stage: str | None  # the person's stage, or else the stage of their first hand-off
    department_id: str | None
    is_customer: bool
    depth: int  # hand-offs on the longest chain from first touch to here (0 = first touch)
    incoming: list[str] = field(default_factory=list)  # hand-off ids with this person as target
    outgoing: list[str] = field(default_factory=list)  # hand-off ids with this person as source
    receives_from: list[str] = field(default_factory=list)  # person ids (sources of `incoming`)
    hands_to: list[str] = field(default_factory=list)  # person ids (targets of `outgoing`)
    in_loop: bool = False  # part of a rework loop


@dataclass(slots=True)
class Finding:
    kind: str
    severity: str
    message: str  # plain language, naming the people
    people: list[str] = field(default_factory=list)  # person ids
    stages: list[str] = field(default_factory=list)  # stage ids
    handoffs: list[str] = field(default_factory=list)  # hand-off ids
    departments: list[str] = field(default_factory=list)  # department ids

    @property
    def title(self) -> str:
        return KIND_TITLES.get(self.kind, self.kind)


@dataclass
class NextContact:
    person_id: str
    distance: int  # hand-offs away from "you" (either direction)
    last_contact: str | None  # ISO date of the last outreach entry, None if never
    days_since: int | None  # days since that contact, None if never
    due: bool  # never contacted, or not within the stale limit


@dataclass
class YouView:
    """Where "you" stand in the walk."""

    person_id: str
    distances: dict[str, int | None]  # walk person id -> hand-offs away (None: not connected)
    customer_distance: int | None  # hand-offs to the nearest customer
    nearest_customer_id: str | None
    next_people: list[NextContact]  # up to five people to reach out to next
    stale_days: int
    # of everyone on your walk who is due (not only the five listed): why they are
    never_contacted: int = 0
    overdue: int = 0  # past their next reach-out date
    due_today: int = 0


@dataclass
class Report:
    walk: list[WalkStep]
    findings: list[Finding]
    stats: dict[str, int]
    you: YouView | None = None
    names: dict[str, str] = field(default_factory=dict, repr=False)  # person id -> unique name shown
    labels: dict[str, str] = field(default_factory=dict, repr=False)  # person id -> 'Dana Lee (Legal)'
    department_names: dict[str, str] = field(default_factory=dict, repr=False)

    def findings_by_kind(self) -> list[tuple[str, list[Finding]]]:
        """(kind, findings) in KIND_ORDER, leaving out kinds with nothing found."""
        groups: dict[str, list[Finding]] = {}
        for f in self.findings:
            groups.setdefault(f.kind, []).append(f)
        order = [k for k in KIND_ORDER if k in groups] + [k for k in groups if k not in KIND_ORDER]
        return [(k, groups[k]) for k in order]

    def findings_for(self, person_id: str) -> list[Finding]:
        return [f for f in self.findings if person_id in f.people]

    def severity_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        return counts

    def name(self, person_id: str) -> str:
        return self.names.get(person_id, "(unknown)")

    def label(self, person_id: str) -> str:
        """The name with the department, as the messages write it."""
        return self.labels.get(person_id) or self.name(person_id)

    def to_json(self) -> dict[str, Any]:
        """The `check --json` shape (README.md): people as names, stages as ids."""
        by_step = {s.person_id: s for s in self.walk}
        walk = []
        for s in self.walk:
            walk.append({
                "step": s.step,
                "person": self.name(s.person_id),
                "stage": s.stage,
                "department": self.department_names.get(s.department_id or "", None),
                "kind": "customer" if s.is_customer else "colleague",
                "depth": s.depth,
                "in_loop": s.in_loop,
                "receives_from": _unique([self.name(p) for p in s.receives_from]),
                "hands_to": _unique([self.name(p) for p in s.hands_to]),
            })
        findings = [
            {
                "kind": f.kind,
                "severity": f.severity,
                "title": f.title,
                "message": f.message,
                "people": [self.name(p) for p in f.people],
                "stages": list(f.stages),
                "departments": [self.department_names.get(d, "") for d in f.departments],
            }
            for f in self.findings
        ]
        out: dict[str, Any] = {"walk": walk, "findings": findings, "stats": dict(self.stats)}
        if self.you is not None:
            out["you"] = self._you_json(by_step)
        return out

    def _you_json(self, by_step: dict[str, WalkStep]) -> dict[str, Any]:
        you = self.you
        assert you is not None
        return {
            "person": self.name(you.person_id),
            "hand_offs_to_customer": you.customer_distance,
            "nearest_customer": self.name(you.nearest_customer_id) if you.nearest_customer_id else None,
            "stale_days": you.stale_days,
            "steps": [
                {"step": by_step[pid].step, "person": self.name(pid), "hand_offs_away": d}
                for pid, d in you.distances.items()
                if pid in by_step
            ],
            "reach_out_next": [
                {
                    "person": self.name(n.person_id),
                    "hand_offs_away": n.distance,
                    "last_contact": n.last_contact,
                    "days_since": n.days_since,
                }
                for n in you.next_people
            ],
        }


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
