"""A map's hand-off arrows painted by one layer item (issue 19, session 7).

On a big map a lane is one tall column and many arrows run much of its length: their bounding
rectangles are huge, so a small update near them (a renamed card's name line, a dropped card)
made Qt call the Python paint() of hundreds of arrows, most of which then found nothing to draw
(at 10,000 people a name-line frame took ~13 ms, ~9 ms of it arrows; with them out, ~4 ms).

Now an arrow paints nothing itself (ItemHasNoContents: Qt passes over it at once) unless it is
selected (raised above the cards, it paints itself as before). One layer item per scene, at the
arrows' depth, paints them: once per frame it decides whether anything beneath the cards can
show in the update at all (a renamed card's name line lies on its opaque body: nothing does,
card_face.covers), and only then asks the scene, in C++, which arrows meet the update, and draws
each as its own paint() did, in the order Qt stacked them, with the exposed rectangle Qt would
have given it: the screen is the same to the last bit, but for one thing (session 10): the step
badges and labels are drawn after every line, so no line drawn later cuts through a badge.

The arrows stay in the scene for everything else (hit tests, hover, tooltips, the scene's
queries). Because Qt no longer repaints an arrow's area on its own, each change of one asks the
scene to repaint where it was drawn and where it is (`follow`, from HandoffItem.set_bounds and
update, and from the selection, watched here).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QPainter, QRegion
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

from gui.canvas.items import Z_HANDOFF, card_face, handoff_paint
from gui.canvas.layers import near

if TYPE_CHECKING:
    from gui.canvas.items.handoff import HandoffItem
    from gui.canvas.scene import MapScene

ENABLED = True  # off: every arrow paints itself, as before (A/B figures and tests: `set_enabled`)
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
# the layer's bounds: larger than any map (its scene's rectangle is set, so this does not grow it)
REACH = QRectF(-4.0e6, -4.0e6, 8.0e6, 8.0e6)


class ArrowLayer(QGraphicsRectItem):
    """Paints the arrows of its scene that do not paint themselves."""

    def __init__(self) -> None:
        super().__init__(REACH)
        self.setPen(Qt.PenStyle.NoPen)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # the exposed rectangle
        self.setZValue(Z_HANDOFF)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.near = near.Near()  # the arrows around the view, kept through a pan or zoom

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        from gui.canvas.items.handoff import HandoffItem

        exposed = option.exposedRect
        if card_face.covers(self, exposed, QRegion(exposed.toAlignedRect())):
            return  # a renamed card's line: its opaque body hides all that lies beneath it
        scene = self.scene()
        if scene is None:
            return
        fast = HandoffItem.fast
        reach = near.reached(painter, widget, exposed)  # the repaint's own pieces (a scroll step's strip)
        seen = near.seen_rect(painter, widget, exposed)
        lines = handoff_paint.LineRun(painter)
        # badges and labels drawn above all the lines (off: each arrow's over the lines before it)
        later: handoff_paint.Marks | None = [] if handoff_paint.MARKS_ABOVE else None
        for item in self.near.arrows(scene, seen, exposed, HandoffItem):  # type: ignore[arg-type]
            if not item.in_layer:
                continue
            bounds = item._bounds
            if item.parked:  # not routed before it came into sight (it should have been): soon
                if bounds.intersects(exposed):
                    lazy = getattr(scene, "lazy_arrows", None)
                    if lazy is not None:
                        lazy.soon()
                continue
            if item._cover is not None:
                if not item._reach.intersects(reach):
                    continue  # its line, heads, badge and label are nowhere near the repaint's pieces
                if not handoff_paint.ends_reach(item, reach, lines.marks):
                    if fast:
                        HandoffItem.rough.add(item)
                    lines.stroke(item)  # a scroll step's strip crosses its line: the line alone
                    continue
            part = exposed.intersected(bounds)
            if part.isEmpty():
                continue  # (Qt would not have asked it either)
            if fast:
                HandoffItem.rough.add(item)
            lines.reset()
            handoff_paint.paint(item, painter, part, later)
        if later:
            handoff_paint.paint_marks(painter, later)


class LayerKeeper(QObject):
    """One per scene (a child of it): the layer item, and the selection it watches."""

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self.scene = scene
        self.layer = ArrowLayer()
        scene.addItem(self.layer)
        self.selected: set[HandoffItem] = set()
        scene.selectionChanged.connect(self._selection_changed)

    def follow(self, item: HandoffItem) -> None:
        """The arrow's geometry changed (or it was selected, or let go): repaint where it was
        drawn and where it is now, painted here unless selected."""
        if item.shown is not None:
            self.scene.update(item.shown)
            item.shown = None
        if item.isSelected():
            self.leave(item)
            return
        if not item.in_layer:
            item.setFlag(NO_CONTENTS, True)
            item.in_layer = True
        if not item.parked:  # (a parked arrow draws nothing)
            item.shown = QRectF(item._bounds)
            self.scene.update(item.shown)
        self.layer.near.moved(item)

    def leave(self, item: HandoffItem) -> None:
        """The arrow paints itself from now on (selected), or leaves the map: its area is
        repainted without it."""
        if item.shown is not None:
            self.scene.update(item.shown)
            item.shown = None
        if item.in_layer:
            item.setFlag(NO_CONTENTS, False)
            item.in_layer = False
        if not item.isSelected():
            self.layer.near.drop()  # it leaves the map (when it comes back, it is stacked anew)

    def _selection_changed(self) -> None:
        """A selected arrow paints itself above the cards; one let go is painted here again."""
        from gui.canvas.items.handoff import HandoffItem

        try:
            chosen = {item for item in self.scene.selectedItems() if type(item) is HandoffItem}
        except RuntimeError:  # the scene is being taken down (a closed map)
            return
        for item in chosen - self.selected:
            if item.in_layer:
                self.leave(item)
                item.update()  # (Qt's own repaint on selecting came while it painted nothing)
        for item in self.selected - chosen:
            if item.scene() is self.scene:
                self.follow(item)
        self.selected = chosen


def keeper_of(item: HandoffItem) -> LayerKeeper | None:
    """The layer keeper of the arrow's map scene (made on first need); None elsewhere."""
    scene = item.source.scene()
    if scene is None or not ENABLED:
        return None
    keeper: LayerKeeper | None = getattr(scene, "arrow_layer", None)
    if keeper is None:
        if not hasattr(scene, "lazy_arrows"):
            return None  # not a map's scene
        keeper = LayerKeeper(scene)  # type: ignore[arg-type]
        scene.arrow_layer = keeper  # type: ignore[attr-defined]
    return keeper


def set_enabled(scene: MapScene, on: bool) -> None:
    """Paint the scene's arrows by the layer (on) or each by itself (off): bench A/B figures and
    the tests that compare the two screens."""
    global ENABLED
    keeper: LayerKeeper | None = getattr(scene, "arrow_layer", None)
    if not on and keeper is not None:
        for item in scene.handoff_items.values():
            keeper.leave(item)
            item.update()
    ENABLED = on
    if keeper is not None:
        keeper.layer.near.drop()
    if on:
        for item in scene.handoff_items.values():
            item.set_bounds(item.bounds())
