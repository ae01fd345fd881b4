"""Document events turned into item updates: a changed card redrawn, an added or removed
hand-off's arrow, and the people an edit touched handed to the relayout (never the whole map)."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from gui.canvas.mirror import progressive
from gui.canvas.mirror.progressive import Zone
from gui.canvas.mirror.step_worker import StepNumbering
from model.events import Event

if TYPE_CHECKING:
    from gui.canvas.scene import MapScene

log = logging.getLogger(__name__)

LAYOUT_FIELDS = {"department_id", "kind", "placed", "pos", "stage"}  # where a card sits, its column's width
STEP_FIELDS = {"kind", "placed", "stage"}  # the person fields the walk's order (step numbers) depends on


class DocumentSync:
    """Listens to the scene's document and keeps the items in step with it."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.steps = StepNumbering(scene)

    def rebuild(self, first: Zone | None = None) -> None:
        """Every item afresh from the document (a new map, or after a mirror bug); `first`: the
        part of the scene the first frame shows, made first on a big map (mirror/progressive.py)."""
        scene = self.scene
        scene.selection.quiet = True
        try:
            scene.registry.clear()
            scene.lanes = []
            self.steps.last = {}
            doc = scene.doc
            big = doc is not None and len(doc.people) >= progressive.BIG_FROM
            scene.progressive.begin(first if big else None)
            if doc is not None:
                scene.lane_layout.run(None)  # every card, and the arrows between them (one pass)
                scene.progressive.end()
                # numbers follow the first frame (the walk graph takes ~0.15 s at 2,000 people)
                self.steps.later()
        finally:
            scene.selection.quiet = False
        scene.selection.settle()

    def on_event(self, event: Event) -> None:
        try:
            self.scene.progressive.finish()  # an edit meets the whole map, never a half-built one
            with self.scene.lane_layout.holding():  # a batch's items, a removal's parts: laid out once
                for part in event.each():  # a removal also changes what it took along (model/events.py)
                    self._apply(part)
        except Exception:  # a mirror bug must not break the edit that caused it
            log.exception("canvas could not follow %s; rebuilding", event)
            self.rebuild()

    def _apply(self, event: Event) -> None:
        scene, doc = self.scene, self.scene.doc
        assert doc is not None
        registry, fields = scene.registry, set(event.fields)
        if event.entity == "person":
            if event.action == "changed" and event.id in registry.cards and event.id in doc.people:
                registry.refresh_faces(doc, [event.id])
            if event.action == "moved":
                scene.lane_layout.request(event.ids if event.ids else None)
            elif event.action != "changed" or LAYOUT_FIELDS & fields:
                scene.lane_layout.request([event.id] if event.id else None)
            if event.action != "moved" and (event.action != "changed" or STEP_FIELDS & fields):
                self.steps.later()  # the walk's order; moves and renames leave it as it is
        elif event.entity == "department":
            scene.lane_layout.request(())  # the lanes themselves: their order, names, colours, heights
            if event.action == "changed" and {"color", "name"} & fields:
                registry.refresh_faces(doc, list(scene.lane_layout.table.members.get(event.id, ())))
        elif event.entity == "handoff":
            if event.action == "added":
                registry.add_handoff(doc, event.id)
            elif event.action == "removed":
                registry.remove_handoff(event.id)
            else:
                registry.sync_handoff(doc, event.id)
            self.steps.later()
        elif event.entity == "meta" and {"you_id", "stale_days"} & fields:
            registry.refresh_faces(doc, list(registry.cards))
