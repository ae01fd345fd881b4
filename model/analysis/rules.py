"""The structural findings: how the walk itself may lose the customer.

Each rule takes the WalkGraph and returns Findings; one finding per
occurrence (per person, per hand-off, per pair of departments, per loop),
except `unplaced`, which lists everyone still on the roster in one finding.
Choices made here (documented so a reader can check a finding on the map):

- single_point_of_failure: someone every path from first touch to a
  customer runs through (they dominate the customers in the walk graph).
  The first-touch people themselves and the customers are never reported:
  every walk starts and ends somewhere.
- bottleneck: betweenness in the walk graph (exact up to EXACT_LIMIT people,
  sampled with a fixed seed above). A person is reported when their score is
  at least twice the median score of the colleagues who relay any work at all
  (score above zero: first-touch people and last steps do not dilute it) and
  at least half the top score; at most MAX_BOTTLENECKS of them. So people of
  equal weight in parallel lanes are never bottlenecks, and a map needs at
  least three relays before one can stand out. Single points of failure are
  not reported again as bottlenecks: they are the stronger finding.
- dead_end: reported where the work stops (the last colleague, or the last
  group working two-way), naming the colleagues whose work ends there too.
- experience_conflict: departments whose people hand work to each other
  (either way) that share no KPI, compared case- and space-insensitively, or
  where either has not written what serving the customer means to it.
- No finding about the walk is made for a map with nobody placed in it.
"""
from __future__ import annotations

import statistics

import networkx as nx

from model.analysis import results
from model.analysis.graph import TEXT_LIMIT, WalkGraph, clean, forget_views, join_names
from model.analysis.results import Finding
from model.entities import OUTSOURCED, Handoff
from model.stages import STAGE_IDS, STAGES, stage_label

EXACT_LIMIT = 500  # exact betweenness up to this many people in the walk
SAMPLES = 200  # betweenness samples above it (fixed seed: the same map gives the same findings)
SEED = 20261123
MAX_BOTTLENECKS = 5
_START, _END = ("first touch",), ("customers",)  # graph nodes that can never be a person id


def make(g: WalkGraph, kind: str, message: str, people: list[str] | None = None,
         stages: list[str | None] | None = None, handoffs: list[str] | None = None,
         departments: list[str | None] | None = None) -> Finding:
    """A Finding with its kind's severity; the departments of its people are added for the GUI."""
    people = list(dict.fromkeys(people or []))
    depts = list(departments or [])
    depts += [g.placed[p].department_id if p in g.placed else g.doc.people[p].department_id for p in people]
    return Finding(
        kind=kind,
        severity=results.KIND_SEVERITY[kind],
        message=message,
        people=people,
        stages=sorted({s for s in stages or [] if s is not None}, key=STAGE_IDS.index),
        handoffs=list(dict.fromkeys(handoffs or [])),
        departments=list(dict.fromkeys(d for d in depts if d and d in g.doc.departments)),
    )


def rework_loops(g: WalkGraph) -> list[Finding]:
    out = []
    for members in g.loops:
        inside = set(members)
        sub = g.colleague_walk.subgraph(members)
        cycle = [u for u, _v in nx.find_cycle(sub, source=members[0])]
        forget_views(sub)
        route = " \u2192 ".join(g.who(p) for p in cycle[:6])
        route += (" \u2192 \u2026" if len(cycle) > 6 else "") + f" \u2192 {g.who(cycle[0])}"
        more = f" ({len(members)} people are in this loop.)" if len(members) > len(cycle) else ""
        hs = [h for h in g.handoffs if h.source in inside and h.target in inside]
        out.append(make(
            g, results.REWORK_LOOP,
            f"Work goes back round: {route}. Each time round, the customer waits; "
            f"ask why the work comes back.{more}",
            people=members, stages=[h.stage for h in hs], handoffs=[h.id for h in hs],
        ))
    return out


def no_customer(g: WalkGraph) -> list[Finding]:
    if not any(p not in g.customers for p in g.walk):
        return []  # nobody hands anything on yet: the walk has not started
    if g.customers_reached():
        return []
    if not g.customers:
        message = ("Nobody on the map is marked as a customer, so the walk never reaches one: "
                   "add the customer(s) who receive the deliverables and draw who hands to them.")
        return [make(g, results.NO_CUSTOMER, message)]
    names = g.by_walk(g.customers)
    message = (f"No hand-off reaches a customer: {join_names([g.who(p) for p in names])} "
               f"{'is' if len(names) == 1 else 'are'} on the map, but nobody hands them anything.")
    return [make(g, results.NO_CUSTOMER, message, people=names)]


def single_points_of_failure(g: WalkGraph) -> list[str]:
    """People every path from first touch to a customer runs through, in walk order."""
    targets = g.customers_reached()
    if not g.sources or not targets:
        return []
    graph = nx.DiGraph(g.walk)
    graph.add_edges_from((_START, s) for s in g.sources)
    graph.add_edges_from((c, _END) for c in targets)
    idom = nx.immediate_dominators(graph, _START)
    forget_views(graph)
    if _END not in idom:
        return []
    found = []
    node = idom[_END]
    sources = set(g.sources)
    while node != _START:
        if node not in sources and node not in g.customers:
            found.append(node)
        node = idom[node]
    return g.by_walk(found)


def spof_findings(g: WalkGraph, spofs: list[str]) -> list[Finding]:
    out = []
    for pid in spofs:
        hs = g.incoming.get(pid, []) + g.outgoing.get(pid, [])
        out.append(make(
            g, results.SINGLE_POINT_OF_FAILURE,
            f"Every route from first touch to the customer runs through {g.who(pid)}{_at(g, pid)}: "
            f"if they are away "
            f"or leave, the contract stops and the customer meets new faces (\u201cmusical chairs\u201d). "
            f"Make sure someone else knows their step.",
            people=[pid], stages=[g.effective_stage(pid)], handoffs=[h.id for h in hs],
        ))
    return out


def bottlenecks(g: WalkGraph, spofs: list[str]) -> list[Finding]:
    colleagues = [p for p in g.walk if p not in g.customers]
    if len(colleagues) < 3:
        return []
    n = g.walk.number_of_nodes()
    if n <= EXACT_LIMIT:
        scores = nx.betweenness_centrality(g.walk)
    else:
        scores = nx.betweenness_centrality(g.walk, k=SAMPLES, seed=SEED)
    relays = [scores[p] for p in colleagues if scores[p] > 0]
    skip = set(spofs)
    candidates = [p for p in colleagues if p not in skip and scores[p] > 0]
    if not candidates:
        return []
    median = statistics.median(relays)
    top = max(scores[p] for p in candidates)
    chosen = [p for p in candidates if scores[p] >= 2 * median and scores[p] >= top / 2]
    chosen.sort(key=lambda p: (-scores[p], g.step_of.get(p, 0)))
    out = []
    for pid in chosen[:MAX_BOTTLENECKS]:
        upstream = len(nx.ancestors(g.walk, pid))
        downstream = len(nx.descendants(g.walk, pid))
        hs = g.incoming.get(pid, []) + g.outgoing.get(pid, [])
        out.append(make(
            g, results.BOTTLENECK,
            f"{g.who(pid)} passes on work from {upstream} {_people(upstream)} upstream to {downstream} "
            f"downstream, on more of the shortest hand-off routes than almost anyone else: when they are "
            f"busy or away, work queues behind them.",
            people=[pid], stages=[g.effective_stage(pid)], handoffs=[h.id for h in hs],
        ))
    return out


def _at(g: WalkGraph, pid: str) -> str:
    stage = g.effective_stage(pid)
    return f" at the {stage_label(stage)} stage" if stage else ""


def _people(n: int) -> str:
    return "person" if n == 1 else "people"


def dead_ends(g: WalkGraph) -> list[Finding]:
    if not g.customers_reached():
        return []  # no_customer says it once, instead of everyone being a dead end
    reaching = g.reaching_customers()
    dead = [p for p in g.reach if p not in reaching and p not in g.customers and g.reach.in_degree(p) > 0]
    if not dead:
        return []
    sub = g.reach.subgraph(dead)
    cond = nx.condensation(sub)
    # Where the work stops: the groups nothing leads out of. networkx numbers them in the order of
    # a set of ids (it changes with the hash seed), so they are listed by their first person's step.
    stops = sorted((g.by_walk(cond.nodes[c]["members"]) for c in cond if not cond.out_degree(c)),
                   key=lambda members: g.walk_key(members[0]))
    out = []
    for members in stops:
        inside = set(members)
        upstream = g.by_walk({a for m in members for a in nx.ancestors(sub, m)} - inside)
        incoming = [h for m in members for h in g.incoming.get(m, []) if h.source not in inside]
        incoming += [
            h for m in members for h in g.outgoing.get(m, []) if h.two_way and h.target not in inside
        ]
        if len(members) == 1:
            pid = members[0]
            if incoming:
                h = incoming[0]
                giver = h.source if h.target == pid else h.target
                got = f"{g.what(h)} from {g.who(giver)}"
            else:
                got = "work"
            message = (f"Work stops at {g.who(pid)}: they receive {got}, but nothing they hand on "
                       f"reaches a customer.")
        else:
            message = (f"Work passed between {join_names([g.who(p) for p in members])} never reaches a "
                       f"customer.")
        if upstream:
            message += f" The work of {join_names([g.who(p) for p in upstream])} ends here too."
        message += " Draw who they hand it to next, or ask where it goes."
        out.append(make(
            g, results.DEAD_END, message, people=members + upstream,
            stages=[h.stage for h in incoming], handoffs=[h.id for h in incoming],
        ))
    forget_views(sub, cond)
    return out


def cross_department(g: WalkGraph) -> list[Finding]:
    out = []
    for h in g.handoffs:
        src, tgt = g.placed[h.source], g.placed[h.target]
        if src.is_customer or tgt.is_customer:
            continue
        a, b = src.department_id, tgt.department_id
        if not a or not b or a == b:
            continue
        da, db = g.dept_name(a), g.dept_name(b)
        if h.two_way:
            message = (f"{g.who(h.source)} and {g.who(h.target)} work on {g.what(h)} together: "
                       f"the contract goes back and forth between {da} and {db} here.")
        else:
            message = (f"{g.who(h.source)} hands {g.what(h)} to {g.who(h.target)}: "
                       f"the contract crosses from {da} to {db} here.")
        out.append(make(g, results.CROSS_DEPARTMENT_HANDOFF, message, people=[h.source, h.target],
                        stages=[h.stage], handoffs=[h.id], departments=[a, b]))
    return out


def _kpis(kpis: list[str]) -> dict[str, str]:
    """normalised KPI -> how it was written (first spelling)."""
    out: dict[str, str] = {}
    for k in kpis:
        key = " ".join(k.split()).casefold()
        if key:
            out.setdefault(key, clean(k, 40))
    return out


def experience_conflicts(g: WalkGraph) -> list[Finding]:
    pairs: dict[tuple[str, str], list[Handoff]] = {}
    order = {did: i for i, did in enumerate(g.doc.departments)}
    for h in g.handoffs:
        src, tgt = g.placed[h.source], g.placed[h.target]
        a, b = src.department_id, tgt.department_id
        if src.is_customer or tgt.is_customer or not a or not b or a == b:
            continue
        low, high = sorted((a, b), key=order.__getitem__)
        pairs.setdefault((low, high), []).append(h)
    out = []
    for (a, b), hs in pairs.items():
        da, db = g.doc.departments[a], g.doc.departments[b]
        na, nb = g.dept_name(a), g.dept_name(b)
        ka, kb = _kpis(da.kpis), _kpis(db.kpis)
        reasons = []
        for name, kpis in ((na, ka), (nb, kb)):
            if not kpis:
                reasons.append(f"{name} has no KPIs written down")
        if ka and kb and not set(ka) & set(kb):
            reasons.append(
                f"their KPIs never overlap ({na}: {join_names(list(ka.values()), 4)}; "
                f"{nb}: {join_names(list(kb.values()), 4)})"
            )
        for name, dept in ((na, da), (nb, db)):
            if not dept.serving_definition.strip():
                reasons.append(f"{name} has not said what serving the customer means to it")
        if not reasons:
            continue
        first = hs[0]
        example = f"{g.who(first.source)} \u2192 {g.who(first.target)}"
        count = f"{len(hs)} hand-offs, e.g." if len(hs) > 1 else "at"
        people = g.by_walk({h.source for h in hs} | {h.target for h in hs})
        out.append(make(
            g, results.EXPERIENCE_CONFLICT,
            f"{na} and {nb} hand work to each other ({count} {example}), but {join_names(reasons, 6)}: "
            f"a gap can open at this hand-off before the customer feels it.",
            people=people, stages=[h.stage for h in hs], handoffs=[h.id for h in hs], departments=[a, b],
        ))
    return out


def missing_stages(g: WalkGraph) -> list[Finding]:
    if not g.placed:
        return []
    covered = {p.stage for p in g.placed.values()} | {h.stage for h in g.handoffs}
    return [
        make(g, results.MISSING_STAGE,
             f"Nobody is mapped to the {s.label} stage yet. {s.question}", stages=[s.id])
        for s in STAGES if s.id not in covered
    ]


def covered_stages(g: WalkGraph) -> int:
    covered = {p.stage for p in g.placed.values()} | {h.stage for h in g.handoffs}
    return sum(1 for s in STAGE_IDS if s in covered)


def isolated(g: WalkGraph) -> list[Finding]:
    out = []
    for pid, p in g.placed.items():
        if pid in g.touched:
            continue
        if p.is_customer:
            message = (f"The customer {g.who(pid)} is on the map, but no hand-off reaches them: "
                       f"draw who delivers to them.")
        else:
            message = (f"{g.who(pid)} is on the map but hands nothing to anyone and receives nothing: "
                       f"draw who they get work from and who they pass it to.")
        out.append(make(g, results.ISOLATED, message, people=[pid], stages=[p.stage]))
    return out


def unplaced(g: WalkGraph) -> list[Finding]:
    ids = [pid for pid, p in g.doc.people.items() if not p.placed]
    if not ids:
        return []
    names = [g.who(pid) for pid in ids]
    lead = "1 person on the roster is" if len(ids) == 1 else f"{len(ids)} people on the roster are"
    return [make(
        g, results.UNPLACED,
        f"{lead} not yet in the walk: {join_names(names, 10)}. Drag them onto the map where they touch "
        f"the contract.",
        people=ids,
    )]


def missing_stories(g: WalkGraph) -> list[Finding]:
    out = []
    for step in g.steps:
        p = g.placed[step.person_id]
        if p.is_customer or p.story.is_written():
            continue
        out.append(make(
            g, results.MISSING_STORY,
            f"{g.who(p.id)} has no line-of-sight story yet: ask what they hand on, how it reaches the "
            f"customer and why they are good at it.",
            people=[p.id], stages=[step.stage],
        ))
    return out


def outsourced_without_owner(g: WalkGraph) -> list[Finding]:
    out = []
    for pid, p in g.placed.items():
        if p.is_customer or p.sourcing != OUTSOURCED:
            continue
        partners = [h.target for h in g.outgoing.get(pid, [])] + [h.source for h in g.incoming.get(pid, [])]
        if any(not g.placed[q].is_customer and g.placed[q].sourcing != OUTSOURCED for q in partners):
            continue
        vendor = clean(p.vendor, TEXT_LIMIT)
        whose = f"outsourced to {vendor}" if vendor else "outsourced"
        out.append(make(
            g, results.OUTSOURCED_WITHOUT_OWNER,
            f"{g.who(pid)} is {whose}, and no insourced colleague hands work to or from them: nobody "
            f"inside owns this part of the walk.",
            people=[pid], stages=[p.stage],
        ))
    return out
