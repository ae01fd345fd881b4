"""Step numbers for the hand-off arrows, in walk order.

The walk comes from the analysis's WalkGraph (the same order as `check`, the
step-through and the playbook) without computing every finding, so it stays
cheap enough to refresh after each edit (debounced by the scene)."""
from __future__ import annotations

import logging

from model.analysis_graph import WalkGraph
from model.document import Document
from model.stages import stage_index

log = logging.getLogger(__name__)


def handoff_steps(doc: Document) -> dict[str, int]:
    """Hand-off id -> 1-based step: by the giver's place in the walk, then the
    hand-off's stage, then the receiver's place. Hand-offs outside the walk
    (an end not placed) get no number."""
    graph = WalkGraph(doc)
    order = {s.person_id: s.step for s in graph.steps}
    last = len(order) + 1

    def stage(hid: str) -> int:
        h = doc.handoffs[hid]
        if h.stage is not None:
            return stage_index(h.stage)
        src = doc.people.get(h.source)
        return stage_index(src.stage if src else None)

    ids = [h.id for h in graph.handoffs]
    ids.sort(key=lambda hid: (order.get(doc.handoffs[hid].source, last), stage(hid),
                              order.get(doc.handoffs[hid].target, last)))
    return {hid: i + 1 for i, hid in enumerate(ids)}
