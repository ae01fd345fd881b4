"""The map as graphs, built on demand for one analysis, and the walk in order.

Three views of the same hand-offs between placed people (people still on
the roster, `placed == False`, are left out until they are dragged in):

- `walk`: one edge per pair in the walk direction (source -> target), used
  for ordering, loops, paths from first touch and betweenness. A two-way
  pair counts once, in the direction of its first two-way hand-off (turned
  towards the customer when a customer drew it); hand-offs a customer
  gives (feedback, a signed order) are left out, so they never make a loop.
- `reach`: every hand-off source -> target, two-way ones both ways; used for
  "does this work ever reach a customer".
- `reach` without direction: "how many hand-offs apart" for "you".
"""
from __future__ import annotations

import functools
import re
import weakref
from collections import deque
from collections.abc import Iterable

import networkx as nx

from model.analysis.results import WalkStep
from model.document import Document
from model.entities import Handoff, Person
from model.naming import department_name, redacted_names
from model.stages import stage_index

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
NAME_LIMIT = 80
TEXT_LIMIT = 100


_VIEW_NAMES: dict[type, tuple[str, ...]] = {}


def _cached_views(cls: type) -> tuple[str, ...]:
    """The names under which a graph class caches its views (`nodes`, `adj`, `in_degree` ...)."""
    names = _VIEW_NAMES.get(cls)
    if names is None:
        names = _VIEW_NAMES[cls] = tuple(sorted({
            name for klass in cls.__mro__ for name, attr in vars(klass).items()
            if isinstance(attr, functools.cached_property)
        }))
    return names


def forget_views(*graphs: object) -> None:
    """Drop each graph's cached views, so reference counting frees the graph.

    Why: networkx caches `G.nodes`, `G.adj`, `G.in_degree` ... in the graph's own `__dict__`, and
    each view points back at the graph: a graph any of whose views was used is a reference cycle,
    which only the cyclic collector frees, and in the app that runs on the GUI thread (at 10,000
    people ~67,000 objects per analysis, gui/jobs/main_thread_gc.py). The graph stays usable: a
    view asked for again is made again."""
    for graph in graphs:
        cache = vars(graph)
        for name in _cached_views(type(graph)):
            cache.pop(name, None)


def clean(text: str, limit: int | None = None) -> str:
    """One line of printable text: control characters and line breaks become spaces,
    lone surrogates a replacement mark (they cannot be printed or encoded)."""
    text = " ".join(_CONTROL.sub(" ", _SURROGATE.sub("\ufffd", text or "")).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return text


def join_names(items: list[str], limit: int = 5) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C, D, E and 3 more'."""
    if len(items) > limit:
        shown = items[:limit]
        return ", ".join(shown) + f" and {len(items) - limit} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def unique_names(doc: Document, redact: bool = False) -> tuple[dict[str, str], set[str]]:
    """Person id -> a name no one else shows, and the ids whose name had to be widened.

    Two people called the same get their department, then their title, then a
    number added, so a reader (and a JSON consumer) can tell them apart.
    """
    people = doc.people
    if redact:
        labels = redacted_names(doc)
        base = {pid: clean(label, NAME_LIMIT * 2) or "(unnamed)" for pid, label in labels.items()}
    else:
        base = {pid: clean(p.name, NAME_LIMIT) or "(unnamed)" for pid, p in people.items()}
    out = dict(base)
    widened: set[str] = set()

    def clashes(labels: dict[str, str]) -> list[list[str]]:
        groups: dict[str, list[str]] = {}
        for pid, label in labels.items():
            groups.setdefault(label.casefold(), []).append(pid)
        return [ids for ids in groups.values() if len(ids) > 1]

    def dept(pid: str) -> str:
        return clean(department_name(doc, people[pid]), NAME_LIMIT)

    def dept_and_title(pid: str) -> str:
        return ", ".join(x for x in (dept(pid), clean(people[pid].title, NAME_LIMIT)) if x)

    for widen in (dept, dept_and_title):
        for ids in clashes(out):
            for pid in ids:
                extra = widen(pid)
                if extra:
                    out[pid] = f"{base[pid]} ({extra})"
                    widened.add(pid)
    taken = {v.casefold() for v in out.values()}
    for ids in clashes(out):
        for n, pid in enumerate(ids[1:], start=2):
            label = f"{out[pid]} #{n}"
            while label.casefold() in taken:
                n += 1
                label = f"{out[pid]} #{n}"
            out[pid] = label
            taken.add(label.casefold())
            widened.add(pid)
    return out, widened


class WalkGraph:
    """Everything the rules need to know about the map's hand-offs, computed once."""

    def __init__(self, doc: Document, redact: bool = False) -> None:
        self.doc = doc
        self.redact = redact
        self.placed: dict[str, Person] = {pid: p for pid, p in doc.people.items() if p.placed}
        self.handoffs: list[Handoff] = [
            h for h in doc.handoffs.values()
            if h.source in self.placed and h.target in self.placed and h.source != h.target
        ]
        self.handoff_by_id = {h.id: h for h in self.handoffs}
        self.doc_index = {pid: i for i, pid in enumerate(doc.people)}
        self.customers = {pid for pid, p in self.placed.items() if p.is_customer}
        self.names, self._widened = unique_names(doc, redact)
        self.incoming: dict[str, list[Handoff]] = {}
        self.outgoing: dict[str, list[Handoff]] = {}
        for h in self.handoffs:
            self.outgoing.setdefault(h.source, []).append(h)
            self.incoming.setdefault(h.target, []).append(h)
        touched = [pid for pid in self.placed if pid in self.incoming or pid in self.outgoing]
        self.touched = set(touched)
        self.walk = nx.DiGraph()
        self.walk.add_nodes_from(touched)
        self.walk.add_edges_from(self._walk_edges())
        self.reach = nx.DiGraph()
        self.reach.add_nodes_from(touched)
        for h in self.handoffs:
            self.reach.add_edge(h.source, h.target)
            if h.two_way:
                self.reach.add_edge(h.target, h.source)
        # Built, not copied from a subgraph view: a view lists its nodes in the order of a set of
        # ids, which follows the process's string hash seed (the same map must walk the same way).
        self.colleague_walk = nx.DiGraph()
        self.colleague_walk.add_nodes_from(n for n in touched if n not in self.customers)
        self.colleague_walk.add_edges_from(
            (s, t) for s, t in self.walk.edges if s not in self.customers and t not in self.customers
        )
        self.loops: list[list[str]] = []  # members of each rework loop, in walk order
        self.sources: list[str] = []  # first touch: colleagues nothing in the walk leads to
        self.steps: list[WalkStep] = self._order()
        self.step_of: dict[str, int] = {s.person_id: s.step for s in self.steps}
        # However a caller lets go of this object, its graphs' views go with it (`forget_views`).
        self.close = weakref.finalize(self, forget_views, self.walk, self.reach, self.colleague_walk)

    # ----- names ---------------------------------------------------------
    def name(self, pid: str) -> str:
        return self.names.get(pid, "(unknown)")

    def who(self, pid: str) -> str:
        """The name with its department, for messages: 'Dana Lee (Legal)'."""
        name = self.name(pid)
        if self.redact or pid in self._widened:
            return name
        dept = clean(department_name(self.doc, self.doc.people[pid]), NAME_LIMIT)
        return f"{name} ({dept})" if dept else name

    def dept_name(self, did: str | None) -> str:
        dept = self.doc.departments.get(did or "")
        if dept is None:
            return ""
        return clean(dept.name, NAME_LIMIT) or "(unnamed department)"

    def department_names(self) -> dict[str, str]:
        return {did: self.dept_name(did) for did in self.doc.departments}

    def what(self, h: Handoff) -> str:
        """'the signed terms', or 'work' when the hand-off does not say.

        A label written capitalised for the canvas ('Signed contract') reads
        mid-sentence in lower case; acronyms and single letters ('PO', 'A3') stay."""
        text = clean(h.what, TEXT_LIMIT)
        if not text:
            return "work"
        first = text.split(" ", 1)[0]
        if len(first) > 1 and first[0].isupper() and first[1:].islower():
            text = text[0].lower() + text[1:]
        return text

    # ----- ordering ------------------------------------------------------
    def _walk_edges(self) -> list[tuple[str, str]]:
        pair_dir: dict[frozenset[str], tuple[str, str]] = {}
        for h in self.handoffs:
            key = frozenset((h.source, h.target))
            if h.two_way and key not in pair_dir:
                s, t = h.source, h.target
                if s in self.customers and t not in self.customers:
                    s, t = t, s
                pair_dir[key] = (s, t)
        edges = []
        for h in self.handoffs:
            s, t = pair_dir.get(frozenset((h.source, h.target)), (h.source, h.target))
            if s not in self.customers:
                edges.append((s, t))
        return edges

    def effective_stage(self, pid: str) -> str | None:
        """The person's own stage, else the first stage their hand-offs name."""
        stage = self.placed[pid].stage
        if stage is not None:
            return stage
        for h in self.outgoing.get(pid, []) + self.incoming.get(pid, []):
            if h.stage is not None:
                return h.stage
        return None

    def _key(self, pid: str) -> tuple[int, int]:
        return stage_index(self.effective_stage(pid)), self.doc_index[pid]

    def _order(self) -> list[WalkStep]:
        """Colleagues in hand-off order (topological, stage then map order as
        tie-breakers; a loop is walked from where the work enters it), then customers."""
        graph = self.colleague_walk
        cond = nx.condensation(graph)
        members = {c: sorted(cond.nodes[c]["members"], key=self._key) for c in cond}
        comp_key = {c: self._key(m[0]) for c, m in members.items()}
        order: list[str] = []
        depth: dict[str, int] = {}
        comp_depth: dict[int, int] = {}
        for c in nx.lexicographical_topological_sort(cond, key=lambda c: comp_key[c]):
            comp_depth[c] = max((comp_depth[p] + 1 for p in cond.predecessors(c)), default=0)
            if cond.in_degree(c) == 0:
                self.sources.extend(members[c])
            inside = self._walk_loop(members[c], graph, set(order)) if len(members[c]) > 1 else members[c]
            if len(inside) > 1:
                self.loops.append(inside)
            for pid in inside:
                depth[pid] = comp_depth[c]
            order.extend(inside)
        forget_views(cond)
        rank = {pid: i for i, pid in enumerate(order)}
        customers = [pid for pid in self.walk if pid in self.customers]
        for pid in customers:
            depth[pid] = max((depth[p] + 1 for p in self.walk.predecessors(pid) if p in depth), default=0)
        def first_giver(pid: str) -> int:
            return min((rank[p] for p in self.walk.predecessors(pid) if p in rank), default=len(rank))

        customers.sort(key=lambda pid: (first_giver(pid), self._key(pid)))
        steps = []
        for i, pid in enumerate(order + customers, start=1):
            person = self.placed[pid]
            inc, out = self.incoming.get(pid, []), self.outgoing.get(pid, [])
            steps.append(WalkStep(
                step=i,
                person_id=pid,
                stage=self.effective_stage(pid),
                department_id=None if person.is_customer else person.department_id,
                is_customer=person.is_customer,
                depth=depth[pid],
                incoming=[h.id for h in inc],
                outgoing=[h.id for h in out],
                receives_from=list(dict.fromkeys(h.source for h in inc)),
                hands_to=list(dict.fromkeys(h.target for h in out)),
            ))
        in_loop = {pid for loop in self.loops for pid in loop}
        for s in steps:
            s.in_loop = s.person_id in in_loop
        return steps

    def _walk_loop(self, members: list[str], graph: nx.DiGraph, before: set[str]) -> list[str]:
        """A loop's people in the order the work goes round, from where it enters."""
        inside = set(members)
        entries = [m for m in members if any(p in before for p in graph.predecessors(m))]
        start = entries[0] if entries else members[0]
        seen = {start}
        queue = deque([start])
        out = []
        while queue:
            pid = queue.popleft()
            out.append(pid)
            ahead = [n for n in graph.successors(pid) if n in inside and n not in seen]
            for nxt in sorted(ahead, key=self._key):
                seen.add(nxt)
                queue.append(nxt)
        out.extend(m for m in members if m not in seen)
        return out

    # ----- reachability --------------------------------------------------
    def reaching_customers(self) -> set[str]:
        """Everyone whose work reaches a customer (customers included), following `reach`."""
        seen = {pid for pid in self.customers if pid in self.reach and self.reach.in_degree(pid) > 0}
        stack = list(seen)
        while stack:
            pid = stack.pop()
            for prev in self.reach.predecessors(pid):
                if prev not in seen:
                    seen.add(prev)
                    stack.append(prev)
        return seen

    def customers_reached(self) -> list[str]:
        """The customers some hand-off reaches, in walk order (never the order of a set)."""
        return [pid for pid in self.reach if pid in self.customers and self.reach.in_degree(pid) > 0]

    def walk_key(self, pid: str) -> tuple[int, int]:
        """Where a person sorts: their step, then (outside the walk) their place in the map.
        Unique per person and the same in every run, unlike the order of a set or of networkx's
        components, so everything listed by it comes out the same for the same map."""
        return self.step_of.get(pid, len(self.step_of) + 1), self.doc_index.get(pid, 0)

    def by_walk(self, ids: Iterable[str]) -> list[str]:
        """People in walk order (people outside the walk last, in map order)."""
        return sorted(set(ids), key=self.walk_key)
