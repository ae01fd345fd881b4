"""The routed arrows of a map painted by one item, found through a grid (issue 19, session 7).

On a big map a lane is one tall column and many arrows run much of its length: their bounding
rectangles are huge, so any small update near them (a renamed card's name line, a dropped card)
made Qt call the Python paint() of hundreds of arrows, ~12-15 us each although most returned at
once. Now a routed, unselected arrow paints nothing itself (ItemHasNoContents: Qt passes over
it at once) and one layer item per scene paints them all: it looks up the arrows near the
update in a grid of cells and draws each as its own paint() did, in the order Qt stacked them
(the order they were made and added), with the exposed rectangle Qt would have given it. The
screen is the same to the last bit; only the per-arrow dispatch is gone.

The arrows stay in the scene for everything else (hit tests, hover, tooltips, the scene's
queries). A selected arrow (raised above the cards) and a parked one (handoff_lazy.py) paint
themselves, as before. Because Qt no longer repaints a member arrow's area on its own, every
change of a member asks the scene to repaint its old and new bounds (`HandoffItem.set_bounds`,
`update`, `detach`, and the selection, watched here).
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

from gui.canvas.items import Z_HANDOFF, handoff_paint

if TYPE_CHECKING:
    from gui.canvas.items.handoff import HandoffItem
    from gui.canvas.scene import MapScene

ENABLED = False  # prototype, off: a bounds grid costs too much at 10,000 people (bench/RESULTS.md)
CELL = 1024.0  # scene px: the grid's cells (a view at 100 % spans about one)
_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
_EXTENDED = QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption
Cells = tuple[int, int, int, int]


def _cells(rect: QRectF) -> Cells:
    return (math.floor(rect.left() / CELL), math.floor(rect.top() / CELL),
            math.floor(rect.right() / CELL), math.floor(rect.bottom() / CELL))


class ArrowLayer(QGraphicsRectItem):
    """Paints the member arrows of its scene; bounds: all they may draw (grown as they join)."""

    def __init__(self, keeper: LayerKeeper) -> None:
        super().__init__()
        self.keeper = keeper
        self.setPen(Qt.PenStyle.NoPen)
        self.setFlag(_EXTENDED)  # the exposed rectangle, to look up the cells
        self.setZValue(Z_HANDOFF)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        from gui.canvas.items.handoff import HandoffItem

        keeper = self.keeper
        keeper.file_moved()
        exposed = option.exposedRect
        x0, y0, x1, y1 = _cells(exposed)
        cells = keeper.cells
        found: set[HandoffItem] = set()
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                here = cells.get((cx, cy))
                if here:
                    found |= here
        fast = HandoffItem.fast
        for item in sorted(found, key=_made):
            part = exposed.intersected(item._bounds)
            if part.isEmpty():
                continue  # (Qt would not have asked it either)
            if fast:
                HandoffItem.rough.add(item)
            handoff_paint.paint(item, painter, part)


def _made(item: HandoffItem) -> int:
    return item.made


class LayerKeeper(QObject):
    """One per scene (a child of it): the layer item, the member arrows and their cells."""

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self.scene = scene
        self.layer = ArrowLayer(self)
        scene.addItem(self.layer)
        self.cells: dict[tuple[int, int], set[HandoffItem]] = {}
        self.filed: dict[HandoffItem, Cells] = {}  # member -> the cells it is filed in
        self.shown: dict[HandoffItem, QRectF] = {}  # member -> the bounds last asked to repaint
        self.moved: set[HandoffItem] = set()  # members to file again before the next paint
        self.reach = QRectF()  # the layer's bounds
        self.selected: set[HandoffItem] = set()
        scene.selectionChanged.connect(self._selection_changed)

    # ----- membership ------------------------------------------------------------------
    def follow(self, item: HandoffItem) -> None:
        """The arrow's bounds changed (or it was parked): repaint where it was and where it is,
        and let it paint itself (parked, selected) or be painted here."""
        old = self.shown.pop(item, None)
        if old is not None:
            self.scene.update(old)
        if item.parked or item.isSelected():
            self.leave(item)
            return
        bounds = QRectF(item._bounds)
        self.shown[item] = bounds
        item.in_layer = True
        self.moved.add(item)
        if not self.reach.contains(bounds):  # grown a few cells at a time (each repaints the view)
            grown = self.reach.united(bounds) if not self.reach.isNull() else QRectF(bounds)
            step = 4 * CELL
            left, top = math.floor(grown.left() / step) * step, math.floor(grown.top() / step) * step
            self.reach = QRectF(left, top, math.ceil(grown.right() / step) * step - left,
                                math.ceil(grown.bottom() / step) * step - top)
            self.layer.setRect(self.reach)
        if not item.flags() & _NO_CONTENTS:
            item.setFlag(_NO_CONTENTS, True)
        self.scene.update(bounds)

    def leave(self, item: HandoffItem) -> None:
        """The arrow paints itself from now on (or is gone): out of the cells."""
        old = self.shown.pop(item, None)
        if old is not None:
            self.scene.update(old)
        item.in_layer = False
        self.moved.discard(item)
        self._unfile(item)
        if item.flags() & _NO_CONTENTS:
            item.setFlag(_NO_CONTENTS, False)

    def repaint(self, item: HandoffItem) -> bool:
        """Repaint a member arrow where it is; False when it paints itself."""
        bounds = self.shown.get(item)
        if bounds is None:
            return False
        self.scene.update(bounds)
        return True

    # ----- the cells ---------------------------------------------------------------------
    def file_moved(self) -> None:
        """File the members that moved since the last paint in the cells their bounds meet."""
        cells = self.cells
        for item in self.moved:
            self._unfile(item)
            span = _cells(item._bounds)
            x0, y0, x1, y1 = span
            for cx in range(x0, x1 + 1):
                for cy in range(y0, y1 + 1):
                    here = cells.get((cx, cy))
                    if here is None:
                        here = cells[(cx, cy)] = set()
                    here.add(item)
            self.filed[item] = span
        self.moved.clear()

    def _unfile(self, item: HandoffItem) -> None:
        span = self.filed.pop(item, None)
        if span is None:
            return
        x0, y0, x1, y1 = span
        cells = self.cells
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                here = cells.get((cx, cy))
                if here is not None:
                    here.discard(item)

    def _selection_changed(self) -> None:
        """A selected arrow paints itself above the cards; one let go joins the layer again."""
        from gui.canvas.items.handoff import HandoffItem

        try:
            chosen = {item for item in self.scene.selectedItems() if type(item) is HandoffItem}
        except RuntimeError:  # the scene is going away
            return
        for item in chosen - self.selected:
            self.leave(item)
            item.update()
        for item in self.selected - chosen:
            if item.scene() is self.scene:
                self.follow(item)
        self.selected = chosen


def keeper_of(item: HandoffItem) -> LayerKeeper | None:
    """The layer keeper of the arrow's scene (made on first need); None off a map scene."""
    scene = item.source.scene()
    if scene is None or not ENABLED or not hasattr(scene, "lazy_arrows"):
        return None
    keeper: LayerKeeper | None = getattr(scene, "arrow_layer", None)
    if keeper is None:
        keeper = LayerKeeper(scene)  # type: ignore[arg-type]
        scene.arrow_layer = keeper  # type: ignore[attr-defined]
    return keeper


def set_enabled(scene: MapScene, on: bool) -> None:
    """Paint the scene's arrows by the layer (on) or each by itself (off): bench A/B figures and
    the tests that compare the two screens."""
    global ENABLED
    keeper: LayerKeeper | None = getattr(scene, "arrow_layer", None)
    if not on and keeper is not None:
        for item in list(keeper.shown):
            keeper.leave(item)
    ENABLED = on
    if on:
        for item in scene.handoff_items.values():
            item.set_bounds(item.bounds())
