"""The scene's mouse and key handling: an interaction (draw a hand-off, move a lane) gets the
mouse first; otherwise Qt moves the selected cards and the release commits them as one undo step."""
from __future__ import annotations

import abc
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from gui.canvas.items import Z_CARD, Z_CARD_DRAGGED
from gui.canvas.items.card import PersonCard
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.mirror.registry import ItemRegistry
from gui.canvas.mirror.selection import SelectionTracker

FAST_DRAG_HANDOFFS = 400  # above this many arrows, a drag paints them without antialiasing
_ABSTRACT = ("commit_card_moves",)  # what a scene built on SceneGestures must define
FRAME_WAIT_MS = 250  # a view that paints nothing for this long: the work after the frame runs anyway


class _AfterFrame(QObject):
    """Watches the scene's viewports for the next paint, then runs `work` in the turn of the event
    loop after it (once; a child of the scene, so it goes with it)."""

    def __init__(self, scene: QGraphicsScene, work: Any) -> None:
        super().__init__(scene)
        self._work: Any = work
        self._ports = [view.viewport() for view in scene.views()]
        for port in self._ports:
            port.installEventFilter(self)
        QTimer.singleShot(FRAME_WAIT_MS, self, self._run)  # (no paint came: nothing was left to show)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._ports:
            self._unwatch()
            QTimer.singleShot(0, self, self._run)  # a timer: after the paint, which runs now
        return False

    def _unwatch(self) -> None:
        for port in self._ports:
            if shiboken6.isValid(port):  # (its view may have closed meanwhile)
                port.removeEventFilter(self)
        self._ports = []

    def _run(self) -> None:
        work, self._work = self._work, None
        self._unwatch()
        self.deleteLater()
        if work is not None:
            work()


def after_frame(scene: QGraphicsScene, work: Any) -> None:
    """Run `work` once the scene's view has painted its next frame (the drop's), in the turn of the
    event loop after that paint. A 0 ms timer does not wait for it: the scene's changes reach the
    view in a queued call, whose paint is posted for the NEXT turn, so a timer started before it
    ran first in one drop of three (a probe at 10,000 people) and the drop's frame waited for it."""
    _AfterFrame(scene, work)


def smooth_later(scene: QGraphicsScene) -> None:
    """After a drag on a big map: paint again, antialiased, the arrows it painted rough, in
    the frame after the drop's. The drop's own frame paints only what the drop changed (at
    10,000 people a whole view of arrows cost ~20 ms of it: issue 19); the smoothing changes
    no place, only the edges of lines already shown."""
    rough, HandoffItem.rough = HandoffItem.rough, set()

    def smooth() -> None:
        for item in rough:
            if item.scene() is scene:  # (not deleted meanwhile)
                item.update()

    after_frame(scene, smooth)  # the next frame


def cursor_later(scene: QGraphicsScene, where: QPointF) -> None:
    """After a drop on a big map: the pointer's shape is set from the item under it in the
    frame after the drop's. On release a view looks for it over every item of the scene
    (unindexed: ~26,000 at 10,000 people, a few ms) before the drop's frame; with its cursor
    let go of here it does not, and this looks the same way once the frame is shown."""
    ports = [view.viewport() for view in scene.views()
             if view.viewport().testAttribute(Qt.WidgetAttribute.WA_SetCursor)]
    for port in ports:
        port.unsetCursor()

    def look() -> None:
        for view in scene.views():
            port = view.viewport()
            if port not in ports or port.testAttribute(Qt.WidgetAttribute.WA_SetCursor):
                continue  # (the pointer moved meanwhile and the view set it)
            for item in view.items(view.mapFromScene(where)):
                if item.isEnabled() and item.hasCursor():
                    port.setCursor(item.cursor())
                    break

    after_frame(scene, look)


class SceneGestures(QGraphicsScene):
    """Base of MapScene for what the mouse and keys do on the map.

    A scene built on it must say what a drag of cards changes (`commit_card_moves`): mypy refuses
    to build a subclass that does not (an abstract method), and so does __init__ at run time, as
    ABCMeta would (Qt's own metaclass cannot be combined with it)."""

    registry: ItemRegistry
    selection: SelectionTracker

    def __init__(self, parent: Any = None) -> None:
        kind = type(self)
        missing = [name for name in _ABSTRACT if getattr(getattr(kind, name), "__isabstractmethod__", False)]
        if missing:
            raise TypeError(f"{kind.__name__} must define {', '.join(missing)} (see SceneGestures)")
        super().__init__(parent)
        self.interaction: Any = None
        self._drag_start: dict[str, QPointF] = {}
        self._drag_at: dict[PersonCard, tuple[float, float]] = {}  # where each dragged card was last seen

    @abc.abstractmethod
    def commit_card_moves(self, starts: dict[str, QPointF]) -> None:
        """The cards in `starts` (their positions before the drag) were dragged: make that one
        undo step (MapScene places them in their lanes and columns)."""

    def begin_interaction(self, interaction: Any) -> None:
        if self.interaction is not None:
            self.interaction.cancel()
        self.interaction = interaction

    def cancel_interaction(self) -> None:
        interaction, self.interaction = self.interaction, None
        if interaction is not None:
            interaction.cancel()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        self.selection.recheck()  # a click on empty map after a roster person: the map's details again
        if self.interaction is None and event.button() == Qt.MouseButton.LeftButton:
            self._drag_start = {
                i.pid: i.pos() for i in self.selectedItems() if isinstance(i, PersonCard)
            }
            self._drag_at = {}
            bands = self.registry.bands
            for pid, p in self._drag_start.items():
                card = self.registry.cards[pid]
                bands.lift(card)  # above every other card and the selected arrows, as it goes
                card.setZValue(Z_CARD_DRAGGED)
                self._drag_at[card] = (p.x(), p.y())
            many = len(self.registry.handoff_items) > FAST_DRAG_HANDOFFS
            HandoffItem.fast = bool(self._drag_start) and many

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            self.interaction.move(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)
        self._follow_drag()

    def _follow_drag(self) -> None:
        """Qt's drag moved the selected cards (and the one pressed on) in C++: their arrows
        follow now, live (a card hears of no move Qt makes itself: card_moves.py)."""
        grabber = self.mouseGrabberItem()
        if not isinstance(grabber, PersonCard):
            return
        at = self._drag_at
        if grabber not in at:  # (pressed without being selected: Qt moves it all the same)
            p = grabber.pos()
            at[grabber] = (p.x(), p.y())
            grabber.moved()
        for card, before in at.items():
            at[card] = card.follow_drag(before)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            interaction, self.interaction = self.interaction, None
            try:
                interaction.release(event.scenePos())
            finally:
                interaction.cancel()
                grabber = self.mouseGrabberItem()
                if grabber is not None:  # the item that started it no longer needs the mouse
                    grabber.ungrabMouse()
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if HandoffItem.fast:
            HandoffItem.fast = False
            smooth_later(self)
        starts, self._drag_start, self._drag_at = self._drag_start, {}, {}
        cards, bands = self.registry.cards, self.registry.bands
        for pid in starts:
            if pid in cards:
                cards[pid].setZValue(Z_CARD)
                bands.home(cards[pid])  # back in the band of where it was let go
        moved = {pid: p for pid, p in starts.items() if pid in cards and cards[pid].pos() != p}
        if moved:
            self.commit_card_moves(moved)
            if len(self.registry.handoff_items) > FAST_DRAG_HANDOFFS:
                cursor_later(self, event.scenePos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.interaction is not None:
            self.cancel_interaction()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.selectedItems():  # Escape lets go of the selection
            self.clearSelection()
            event.accept()
            return
        super().keyPressEvent(event)
