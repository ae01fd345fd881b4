"""How a hand-off arrow (gui/canvas/items/handoff.py) answers the pointer: its tooltip, the
cursor over its ends, and a press on an end of a selected arrow that starts reconnecting it."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLineF, QPointF, Qt

from gui.canvas.items import handoff_paint, map_scene
from gui.canvas.items.handoff_shape import HEAD_LEN

if TYPE_CHECKING:
    from gui.canvas.items.handoff import HandoffItem

END_GRAB = 9.0  # how close to an end a press must be to reconnect it


def end_near(item: HandoffItem, scene_pos: QPointF) -> str | None:
    """'source' or 'target' when a press is on that end of a selected arrow."""
    a, b = item.ends()
    if QLineF(scene_pos, b).length() <= END_GRAB + HEAD_LEN / 2:
        return "target"
    if QLineF(scene_pos, a).length() <= END_GRAB:
        return "source"
    return None


class ArrowGrips:
    """Mixin for HandoffItem (before HoverHighlight): the pointer over an arrow and its ends."""

    def end_near(self, scene_pos: QPointF) -> str | None:
        return end_near(self, scene_pos)  # type: ignore[arg-type]

    def hover_started(self) -> None:
        # built here, not on every move of an end card
        self.setToolTip(handoff_paint.tooltip(self))  # type: ignore[attr-defined,arg-type]

    def hoverMoveEvent(self, event: Any) -> None:
        near = self.isSelected() and self.end_near(event.scenePos()) is not None  # type: ignore[attr-defined]
        self.setCursor(  # type: ignore[attr-defined]
            Qt.CursorShape.SizeAllCursor if near else Qt.CursorShape.PointingHandCursor)
        super().hoverMoveEvent(event)  # type: ignore[misc]

    def mousePressEvent(self, event: Any) -> None:
        scene = map_scene(self)  # type: ignore[arg-type]
        end = self.end_near(event.scenePos()) if self.isSelected() else None  # type: ignore[attr-defined]
        if event.button() == Qt.MouseButton.LeftButton and end and scene is not None:
            from gui.canvas.interactions import ReconnectHandoff

            scene.begin_interaction(ReconnectHandoff(scene, self, end))  # type: ignore[arg-type]
            event.accept()
            return
        super().mousePressEvent(event)  # type: ignore[misc]
