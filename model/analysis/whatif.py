"""What if someone leaves? The musical-chairs drill, computed on the analysis graph.

For a set of people who leave, `what_if(doc, ids)` says, without changing the map:

- broken hand-offs: a leaver's hand-off whose other side is cut off by the leaving:
  a giver whose work no longer reaches any customer, or a receiver the contract
  no longer reaches from first touch. A hand-off whose partner still has another
  way through is not broken (it needs someone who knows it; `nothing_breaks` says so);
- steps cut off: people in the walk whose work reached a customer and no longer
  does, or whom the contract no longer reaches from first touch;
- customers no longer reached at all;
- new faces: customer contacts who deal with a leaver directly, and at which stage;
- cover: for each leaver, colleagues in the same department or at the same stage,
  ranked by how much of the walk they already touch (the leaver's own partners first).

Findings are shaped like the analysis's (`Finding`), so `what-if --json` reads like
`check --json`. Reachability follows `WalkGraph.reach` (two-way hand-offs both ways).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from model.analysis.graph import WalkGraph, join_names
from model.analysis.results import HIGH, LOW, MEDIUM, Finding
from model.document import Document
from model.entities import ActionItem
from model.stages import STAGE_IDS, stage_label

BROKEN_HANDOFF = "broken_handoff"
STEP_CUT_OFF = "step_cut_off"
CUSTOMER_NOT_REACHED = "customer_not_reached"
NEW_FACE = "new_face"
COVER = "cover"
NO_COVER = "no_cover"
NOTHING_BREAKS = "nothing_breaks"

TITLES: dict[str, str] = {
    BROKEN_HANDOFF: "Hand-offs that break",
    STEP_CUT_OFF: "Steps that no longer reach the customer",
    CUSTOMER_NOT_REACHED: "Customers the contract no longer reaches",
    NEW_FACE: "Customers who would meet a new face",
    COVER: "Who could cover",
    NO_COVER: "Nobody to cover",
    NOTHING_BREAKS: "Nothing breaks",
}
SEVERITY: dict[str, str] = {
    BROKEN_HANDOFF: HIGH, STEP_CUT_OFF: HIGH, CUSTOMER_NOT_REACHED: HIGH,
    NEW_FACE: MEDIUM, NO_COVER: MEDIUM, COVER: LOW, NOTHING_BREAKS: LOW,
}
MAX_COVER = 3  # suggestions per leaver


@dataclass(frozen=True)
class Cover:
    person_id: str
    same_department: bool
    same_stage: bool
    partners: int  # the leaver's hand-off partners this person already works with
    touches: int  # hand-offs this person is part of
    customer: bool = False  # a customer contact's cover: another contact at the same organisation


@dataclass(frozen=True)
class NewFace:
    customer_id: str
    leaver_id: str
    stage: str | None
    handoff_id: str


@dataclass
class WhatIf:
    leavers: list[str]
    broken_handoffs: list[str] = field(default_factory=list)  # hand-off ids
    cut_off: list[str] = field(default_factory=list)  # person ids, walk order
    customers_lost: list[str] = field(default_factory=list)
    new_faces: list[NewFace] = field(default_factory=list)
    cover: dict[str, list[Cover]] = field(default_factory=dict)  # leaver id -> suggestions
    findings: list[Finding] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def breaks(self) -> bool:
        return bool(self.broken_handoffs or self.cut_off or self.customers_lost)

    def to_json(self, departments: dict[str, str]) -> dict[str, Any]:
        """`check --json`'s findings shape, plus who leaves and the cover, by name."""
        name = self.names.get
        return {
            "leaves": [name(p, "(unknown)") for p in self.leavers],
            "breaks": self.breaks,
            "findings": [
                {"kind": f.kind, "severity": f.severity, "title": TITLES.get(f.kind, f.kind),
                 "message": f.message, "people": [name(p, "(unknown)") for p in f.people],
                 "stages": list(f.stages), "departments": [departments.get(d, "") for d in f.departments]}
                for f in self.findings
            ],
            "cover": {
                name(leaver, "(unknown)"): [
                    {"person": name(c.person_id, "(unknown)"), "same_department": c.same_department,
                     "same_stage": c.same_stage, "touches": c.touches}
                    for c in options
                ]
                for leaver, options in self.cover.items()
            },
        }


def _reach_from(graph: Any, starts: set[str], gone: set[str], backwards: bool = False) -> set[str]:
    seen = {s for s in starts if s not in gone and s in graph}
    stack = list(seen)
    while stack:
        node = stack.pop()
        nxt = graph.predecessors(node) if backwards else graph.successors(node)
        for n in nxt:
            if n not in seen and n not in gone:
                seen.add(n)
                stack.append(n)
    return seen


def _stage(g: WalkGraph, pid: str) -> str | None:
    return g.effective_stage(pid) if pid in g.placed else g.doc.people[pid].stage


def cover_for(g: WalkGraph, leaver: str, gone: set[str]) -> list[Cover]:
    """Colleagues in the leaver's department or stage, best placed first; for a customer contact,
    the other contacts at the same organisation (a colleague cannot stand in for the customer)."""
    doc = g.doc
    me = doc.people[leaver]
    stage = _stage(g, leaver)
    partners = {h.target if h.source == leaver else h.source for h in doc.handoffs_of(leaver)}
    touches: dict[str, set[str]] = {}
    for h in g.handoffs:
        touches.setdefault(h.source, set()).add(h.target)
        touches.setdefault(h.target, set()).add(h.source)
    out = []
    org = me.vendor.strip().casefold()
    for pid, p in doc.people.items():
        if pid in gone or p.is_customer != me.is_customer:
            continue
        if me.is_customer:
            same_dept = bool(org) and p.vendor.strip().casefold() == org
        else:
            same_dept = me.department_id is not None and p.department_id == me.department_id
        same_stage = stage is not None and _stage(g, pid) == stage
        if not (same_dept or same_stage):
            continue
        mine = touches.get(pid, set())
        out.append(Cover(pid, same_dept, same_stage, len(mine & partners),
                         sum(1 for h in g.handoffs if pid in (h.source, h.target)), me.is_customer))
    out.sort(key=lambda c: (-(c.same_department + c.same_stage), -c.partners, -c.touches,
                            g.step_of.get(c.person_id, len(g.step_of) + 1),
                            doc.people[c.person_id].name.casefold()))
    return out[:MAX_COVER]


def _make(g: WalkGraph, kind: str, message: str, people: list[str], stages: list[str | None]) -> Finding:
    depts = [g.doc.people[p].department_id for p in people if p in g.doc.people]
    return Finding(kind=kind, severity=SEVERITY[kind], message=message, people=list(dict.fromkeys(people)),
                   stages=sorted({s for s in stages if s}, key=STAGE_IDS.index),
                   departments=list(dict.fromkeys(d for d in depts if d and d in g.doc.departments)))


def what_if(doc: Document, leavers: list[str] | set[str]) -> WhatIf:
    """What breaks, and who could cover, if these people (ids) left. The map is not changed."""
    gone = {pid for pid in leavers if pid in doc.people}
    g = WalkGraph(doc)
    order = g.by_walk(gone)
    result = WhatIf(leavers=order, names=dict(g.names))
    targets = set(g.customers_reached())
    starts = set(g.sources) or {s.person_id for s in g.steps if not s.incoming}
    reached_before = _reach_from(g.reach, starts, set())
    reaching_before = _reach_from(g.reach, targets, set(), backwards=True)
    reached_after = _reach_from(g.reach, starts, gone)
    reaching_after = _reach_from(g.reach, targets - gone, gone, backwards=True)
    cut = [p for p in g.steps if p.person_id not in gone and not p.is_customer and (
        (p.person_id in reaching_before and p.person_id not in reaching_after)
        or (p.person_id in reached_before and p.person_id not in reached_after))]
    result.cut_off = [s.person_id for s in cut]
    result.customers_lost = [
        c for c in g.by_walk(targets - gone) if c in reached_before and c not in reached_after
    ]
    cut_set = set(result.cut_off) | set(result.customers_lost)
    for h in g.handoffs:
        if (h.source in gone) == (h.target in gone):
            continue
        other = h.target if h.source in gone else h.source
        if other in cut_set:
            result.broken_handoffs.append(h.id)
        if doc.people[other].is_customer:
            result.new_faces.append(NewFace(other, h.source if h.source in gone else h.target,
                                            h.stage or _stage(g, h.source if h.source in gone else h.target),
                                            h.id))
    for pid in order:
        result.cover[pid] = cover_for(g, pid, gone)
    result.findings = _findings(g, result)
    return result


def _findings(g: WalkGraph, r: WhatIf) -> list[Finding]:
    out: list[Finding] = []
    gone = set(r.leavers)
    who = g.who
    for hid in r.broken_handoffs:
        h = g.handoff_by_id[hid]
        leaver, other = (h.source, h.target) if h.source in gone else (h.target, h.source)
        if h.two_way:
            lost = other in r.customers_lost
            msg = (f"{who(leaver)} and {who(other)} work on {g.what(h)} together: without {who(leaver)}, "
                   f"{'the contract no longer reaches' if lost else 'nothing else links'} "
                   f"{who(other)}{'' if lost else ' to the rest of the walk'}.")
        elif h.source in gone:
            msg = (f"{who(leaver)} hands {g.what(h)} to {who(other)}, and nobody else does: "
                   f"the contract stops before {who(other)}.")
        else:
            msg = (f"{who(other)} hands {g.what(h)} to {who(leaver)}: without {who(leaver)}, "
                   f"{who(other)}'s work no longer goes on to the customer.")
        out.append(_make(g, BROKEN_HANDOFF, msg, [leaver, other], [h.stage or g.effective_stage(leaver)]))
    if r.cut_off:
        names = [who(p) for p in r.cut_off]
        out.append(_make(
            g, STEP_CUT_OFF,
            f"{cut_off_phrase(len(r.cut_off))}: {join_names(names, 12)}.",
            r.cut_off, [g.effective_stage(p) for p in r.cut_off]))
    for c in r.customers_lost:
        out.append(_make(g, CUSTOMER_NOT_REACHED,
                         f"The contract no longer reaches {who(c)}: every route to them runs through "
                         f"{_through([who(p) for p in r.leavers])}.", [c], []))
    for nf in r.new_faces:
        out.append(_make(g, NEW_FACE,
                         f"{who(nf.customer_id)} would meet a new face at the {stage_label(nf.stage)} stage, "
                         f"where they deal with {who(nf.leaver_id)} now.",
                         [nf.customer_id, nf.leaver_id], [nf.stage]))
    if not r.breaks and r.leavers:
        partners = sorted({h.target if h.source in gone else h.source
                           for h in g.handoffs if (h.source in gone) != (h.target in gone)})
        msg = (f"Nothing breaks: the contract still reaches every customer without "
               f"{join_names([who(p) for p in r.leavers])}.")
        if partners:
            with_ = join_names([who(p) for p in g.by_walk(partners)])
            msg += f" Their work with {with_} still needs someone who knows it."
        out.append(_make(g, NOTHING_BREAKS, msg, r.leavers, [g.effective_stage(p) for p in r.leavers
                                                               if p in g.placed]))
    for leaver, options in r.cover.items():
        stage = _stage(g, leaver)
        if not options:
            if g.doc.people[leaver].is_customer:
                msg = (f"{who(leaver)} is the only contact on the map at their organisation and stage: "
                       f"ask who else there the walk should know.")
            else:
                msg = (f"Nobody else on the map works in {who(leaver)}'s department or at their stage: "
                       f"find someone who could learn their step.")
            out.append(_make(g, NO_COVER, msg, [leaver], [stage]))
            continue
        bits = [f"{who(c.person_id)} ({cover_reason(c)})" for c in options]
        out.append(_make(g, COVER, f"Who could cover for {who(leaver)}: {join_names(bits)}.",
                         [leaver, *[c.person_id for c in options]], [stage]))
    return out


def cut_off_phrase(n: int) -> str:
    """'1 step no longer reaches the customer', '12 steps no longer reach the customer'."""
    return f"{n} step no longer reaches the customer" if n == 1 else f"{n} steps no longer reach the customer"


def _through(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return "somebody who leaves (" + join_names(names) + ")"


def cover_reason(c: Cover) -> str:
    bits = []
    if c.same_department:
        bits.append("same organisation" if c.customer else "same department")
    if c.same_stage:
        bits.append("same stage")
    if c.partners:
        bits.append(f"already works with {c.partners} of their partners")
    if c.touches:
        bits.append(f"touches {c.touches} hand-off{'s' if c.touches != 1 else ''}")
    else:
        bits.append("not yet in the walk")
    return ", ".join(bits)


def plan_items(doc: Document, r: WhatIf, today: dt.date | None = None, days: int = 30) -> list[ActionItem]:
    """Action items that turn the drill into a plan: one per leaver (the best cover learns the step,
    and meets the customers who would see a new face)."""
    due = ((today or dt.date.today()) + dt.timedelta(days=days)).isoformat()
    names = r.names
    out = []
    for leaver in r.leavers:
        options = r.cover.get(leaver, [])
        stage = stage_label(doc.people[leaver].stage) if doc.people[leaver].stage else ""
        faces = [names.get(nf.customer_id, "") for nf in r.new_faces if nf.leaver_id == leaver]
        leaver_name = names.get(leaver, "(unknown)")
        at = f" ({stage})" if stage else ""
        if doc.people[leaver].is_customer:
            you = doc.people.get(doc.meta.you_id or "")
            owner = you.name.strip() if you is not None else ""
            if options:
                text = (f"If {leaver_name} leaves{at}: get to know "
                        f"{join_names([names.get(c.person_id, '') for c in options])} before then")
            else:
                text = f"If {leaver_name} leaves{at}: ask who else at their organisation the walk should know"
            out.append(ActionItem(text=text + ".", owner=owner, due=due))
            continue
        if options:
            best = options[0].person_id
            text = f"Cover for {leaver_name}{at}: {names.get(best, '')} learns their step"
            others = [names.get(c.person_id, "") for c in options[1:]]
            if others:
                text += f" (or {join_names(others)})"
            owner = doc.people[best].name.strip()
        else:
            text = f"Cover for {leaver_name}{at}: find someone who could learn their step"
            owner = ""
        if faces:
            text += f", and meets {join_names(faces)} before they meet a new face"
        out.append(ActionItem(text=text + ".", owner=owner, due=due))
    return out
