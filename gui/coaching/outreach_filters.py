"""Which document events can change the outreach panels (gui/coaching/outreach.py), so that an
edit elsewhere in a big map costs them nothing (issue 19)."""
from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject

from gui.coaching.shared import DocWatcher
from model.events import Action, Event

# what a person's row on the reach-out list shows or sorts by, without the walk
ROW_FIELDS = frozenset({"name", "title", "department_id", "outreach", "cadence_days"})
# what moves a person in the walk (its order breaks the list's ties) or their distance from "you"
WALK_FIELDS = frozenset({"placed", "stage", "kind"})
NAMED = frozenset({"name"})  # a department's name shows in its people's rows (its removal changes them)


class FilteredWatcher(DocWatcher):
    """A DocWatcher that lets through only the events `wants` says can change its panel."""

    def __init__(self, owner: QObject, callback: Callable[[], None], wants: Callable[[Event], bool],
                 delay_ms: int = 0) -> None:
        super().__init__(owner, callback, None, delay_ms)
        self._wants = wants

    def _listen(self, event: Event) -> None:
        if not shiboken6.isValid(self) or self._wants(event):
            super()._listen(event)


def changes(part: Event, fields: frozenset[str]) -> bool:
    """Whether one item's event may change any of `fields` (an addition or removal changes all;
    a move changes none; a change without field names may be any)."""
    if part.action is Action.MOVED:
        return False
    return part.action is not Action.CHANGED or not part.fields or bool(fields & set(part.fields))


def walk_changed(event: Event) -> bool:
    """Whether `event` may change the walk's order or the distances from "you" (a new analysis)."""
    return any(
        (part.entity == "handoff" and part.action is not Action.MOVED)
        or (part.entity == "person" and changes(part, WALK_FIELDS))
        or (part.entity == "meta" and changes(part, frozenset({"you_id"})))
        for part in event.each()
    )


def rows_changed(event: Event) -> bool:
    """Whether `event` may change a row of the reach-out list, the walk aside."""
    return any(
        (part.entity == "person" and changes(part, ROW_FIELDS))
        or (part.entity == "meta" and changes(part, frozenset({"stale_days"})))
        or (part.entity == "department" and part.action is Action.CHANGED and changes(part, NAMED))
        for part in event.each()
    )
