"""What is selected on the canvas, told to the rest of the window once per change: one kind of
thing (people, hand-offs or departments) and their ids, or nothing when the kinds are mixed."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.items.card import PersonCard
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.items.lane import LaneHeaderItem

if TYPE_CHECKING:
    from gui.canvas.scene import MapScene
    from gui.canvas.whatif_marks import GhostMarks


ELSEWHERE = "elsewhere"  # the last thing announced was not the canvas's (see shown_elsewhere)


class SelectionTracker:
    """Turns Qt's selection into `selectionChangedTo(entity, ids)`; `quiet` holds it back while
    the scene changes many items at once (one signal at the end)."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.quiet = False
        self._last: tuple[str, list[str]] = ("", [])
        self._ghost_marks: GhostMarks | None = None

    def settle(self) -> None:
        """The selection may have changed: say so, and what it is if it is not what it was."""
        if self.quiet:
            return
        entity, ids = "", []
        kinds: set[str] = set()
        for item in self.scene.selectedItems():
            if isinstance(item, PersonCard):
                kinds.add("person")
                ids.append(item.pid)
            elif isinstance(item, HandoffItem):
                kinds.add("handoff")
                ids.append(item.hid)
            elif isinstance(item, LaneHeaderItem):
                kinds.add("department")
                ids.append(item.key)
        if len(kinds) == 1:
            entity = kinds.pop()
        else:
            ids = []
        if (entity, ids) != self._last:
            self._last = (entity, ids)
            self.scene.selectionChangedTo.emit(entity, list(ids))
        self.scene.selectionSettled.emit()

    def shown_elsewhere(self) -> None:
        """The window shows something the canvas cannot select (a roster person with no card): the
        next press on the map says again what it selects, even if that is nothing, as before."""
        self._last = (ELSEWHERE, [])

    def recheck(self) -> None:
        """After a press on the map: announce its selection if the window shows something else."""
        if self._last[0] == ELSEWHERE:
            self.settle()

    def select_ids(self, person_ids: Sequence[str], handoff_ids: Sequence[str], centre: bool,
                   department_ids: Sequence[str]) -> None:
        registry = self.scene.registry
        self.quiet = True
        blocked = self.scene.blockSignals(True)  # Qt tells each setSelected: select-all at 10,000
        try:  # cards told every listener 25,000 times, each listing the selection (~14 minutes)
            self.scene.clearSelection()
            chosen: list[QGraphicsItem] = [registry.cards[p] for p in person_ids if p in registry.cards]
            chosen += [registry.handoff_items[h] for h in handoff_ids if h in registry.handoff_items]
            chosen += [registry.lane_headers[d] for d in department_ids if d in registry.lane_headers]
            for item in chosen:
                item.setSelected(True)
        finally:
            self.scene.blockSignals(blocked)
            self.quiet = False
        self.scene.selectionChanged.emit()  # once, for the whole new selection (it settles it too)
        if centre and chosen:
            rect = QRectF()
            for item in chosen:
                rect = rect.united(item.sceneBoundingRect())
            self.scene.centreRequested.emit(rect)

    def set_ghosted(self, people: Iterable[str], handoffs: Iterable[str], cut: Iterable[str]) -> None:
        from gui.canvas.whatif_marks import GhostMarks

        if self._ghost_marks is None:
            self._ghost_marks = GhostMarks(self.scene)
        self._ghost_marks.apply(set(people), set(handoffs), set(cut))
