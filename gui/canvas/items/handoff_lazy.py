"""Arrows routed when they are looked at (issue 19).

On a big map an undo, a Tidy Up, a drop or an open moves thousands of arrows, and routing each
costs ~50 us of Python. During such a relayout (`bulk`) an arrow whose cards moved is parked
instead: its bounds become a box that surely holds whatever it will draw (its two cards' boxes
grown by how far its curve, badge and label can reach, `safe_box`), so the scene's painting and
hit tests stay right. When the relayout ends, the parked arrows in or near the view are routed
at once; the others are routed when the view comes to them (`view_moved`, from the view's
scroll, zoom and resize) or in idle slices of at most 8 ms off a timer. Anything that asks
an arrow for its geometry (its path, ends, shape, marks) routes it first, so nothing lazy is
ever seen or answered wrong.
"""
from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QPainterPath

from gui.canvas.items import handoff_labels, handoff_stale
from gui.canvas.items.handoff_shape import BADGE_R, HEAD_LEN, HEAD_W, box_of
from gui.jobs import main_thread_gc
from model import arrows

if TYPE_CHECKING:
    from gui.canvas.items.card import PersonCard
    from gui.canvas.items.handoff import HandoffItem
    from gui.canvas.scene import MapScene

LAZY_FROM = 1000  # hand-offs on the map: from this many, a relayout routes what is in sight first
SCAN_UP_TO = 2000  # parked arrows: more, and the scene is asked which are in sight
NOTE_UP_TO = 2000  # arrows parked since the last look that are listed (more: the scene is asked)
SLICE_S = 0.008  # the longest an idle slice routes before giving the event loop back (half a frame;
# each slice also costs Qt a pass over the dirty items, so not much shorter)
STALE_CHUNK = 250  # stale arrows given their safe bounds at a time in an idle slice (~2 ms)
# arrows in sight at a relayout's end: from this many they are sketched for its first frame (an
# undo: ~2,000 at 10,000 people); fewer (a drop: one card's) are routed at once, exactly, so the
# next frame need not repaint them again (a long arrow's area is much of the view)
SKETCH_FROM = 300
HEAD_REACH = math.hypot(HEAD_LEN, HEAD_W)  # an arrow head lies within this of its tip
NEAR_SHARE, NEAR_PX = 0.5, 200.0  # "near the view": grown by half its size and this much each side


Zone = tuple[float, float, float, float]  # left, top, right, bottom
Parked = list["HandoffItem"]


def grown(rect: QRectF) -> Zone:
    """The view's rectangle grown to what counts as near it, as plain numbers."""
    dx = rect.width() * NEAR_SHARE + NEAR_PX
    dy = rect.height() * NEAR_SHARE + NEAR_PX
    return rect.left() - dx, rect.top() - dy, rect.right() + dx, rect.bottom() + dy


def meets(box: tuple[float, float, float, float], zone: tuple[float, float, float, float]) -> bool:
    return box[0] <= zone[2] and zone[0] <= box[2] and box[1] <= zone[3] and zone[1] <= box[3]


def parks(item: HandoffItem) -> bool:
    """Whether an arrow asked to follow its cards waits instead (a relayout of a big map);
    it is then parked (and stays so until settled)."""
    lazy: LazyRouting | None = getattr(item.source.scene(), "lazy_arrows", None)
    if item.parked:
        if lazy is not None:
            lazy.note(item)  # new safe bounds (its card moved again): looked at again
        return True
    if lazy is None or not lazy.lazy():
        return False
    item.parked = True
    lazy.park(item)
    return True


def _marks_reach(x: float, y: float) -> Zone:
    """Where the badge and label of an arrow whose curve's middle is at (x, y) can be, once routed."""
    from gui.canvas.items.handoff import REACH_X, REACH_Y

    return x - REACH_X, y - REACH_Y, x + REACH_X, y + REACH_Y


def sketch(item: HandoffItem, sight: Zone) -> bool | None:
    """Draw a parked arrow for a relayout's first frame without routing it (~50 us each; an undo
    at 10,000 people brings ~2,000 arrows into a dense view): its curve is the exact new one, its
    heads moved with its ends, its badge and label with the curve's middle. None: neither so
    drawn nor routed would it meet `sight` (it stays parked, for the idle slices); False: it cannot be (never
    routed, a loop, its sides changed: route it). The next idle slice routes a sketched arrow
    exactly (`LazyRouting._slice`); anything asking where it is routes it first (`settle`)."""
    old: arrows.Route | None = getattr(item, "_route", None)
    if (old is None or old.leaves == old.enters or item._shift is not None
            or len(item._heads) != (2 if item.two_way else 1)):
        return False
    new = arrows.route(box_of(item.source), box_of(item.target))
    if new.leaves != old.leaves or new.enters != old.enters:
        return False
    (ax, ay), (c1x, c1y), (c2x, c2y), (bx, by) = new.points
    (oax, oay), _, _, (obx, oby) = old.points
    (mx, my), (omx, omy) = new.at(0.5), old.at(0.5)
    dx, dy = mx - omx, my - omy  # (the badge and label move with the curve's middle)
    badge, label = item._badge, item._label_rect
    bx0, by0 = badge.x() + dx, badge.y() + dy
    # its bounds as `set_marks` makes them, in plain numbers: the control points, the heads (a
    # little more: a circle around each tip), the badge and the label, 6 px around
    r, h = BADGE_R + 2, HEAD_REACH
    x0, x1 = min(ax - h, c1x, c2x, bx - h, bx0 - r) - 6, max(ax + h, c1x, c2x, bx + h, bx0 + r) + 6
    y0, y1 = min(ay - h, c1y, c2y, by - h, by0 - r) - 6, max(ay + h, c1y, c2y, by + h, by0 + r) + 6
    if not label.isNull():
        x0, y0 = min(x0, label.left() + dx - 6), min(y0, label.top() + dy - 6)
        x1, y1 = max(x1, label.right() + dx + 6), max(y1, label.bottom() + dy + 6)
    if not meets((x0, y0, x1, y1), sight) and not meets(_marks_reach(mx, my), sight):
        return None  # nor would it routed: its marks go about the curve's middle (`place_alone`)
    item.parked = False
    item.prepareGeometryChange()
    item._route = new
    path = QPainterPath(QPointF(ax, ay))
    path.cubicTo(QPointF(c1x, c1y), QPointF(c2x, c2y), QPointF(bx, by))
    item._path = path
    item._heads[0].translate(bx - obx, by - oby)
    if item.two_way:
        item._heads[1].translate(ax - oax, ay - oay)
    item._badge = QPointF(bx0, by0)
    label.translate(dx, dy)
    item.sketch = True
    item._cover = item._shape = None
    item._bare = True
    item._bounds = QRectF(x0, y0, x1 - x0, y1 - y0)
    item.set_bounds(item._bounds)
    if not item.in_layer:  # (the layer repaints where it was drawn and where it is: set_bounds)
        item.update()
    handoff_labels.request(item)  # a pass for its marks, as when routed in sight (it routes it first)
    return True


class LazyRouting(QObject):
    """One per scene (a child of it): the parked arrows, and when to route them."""

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self._queue: list[HandoffItem] = []  # parked arrows (and some routed since: skipped)
        self._bulk = 0
        self._looked: tuple[float, float, float, float] | None = None  # the zone last routed
        self._fresh = False  # arrows were parked since
        self._stale: list[HandoffItem] = []  # parked far from the view, bounds not moved (handoff_stale.py)
        self._stale_zone: tuple[float, float, float, float] | None = None  # the zone they are far from
        self._near_due = False  # the arrows near the view wait for the first idle slice
        self._near: list[HandoffItem] = []  # ... and here they are, routed first
        self._sketched: list[HandoffItem] = []  # drawn for a relayout's first frame (`sketch`)
        # parked or given new safe bounds since the last look (None: too many to list): while the
        # view stays put only these can have come into it, so a drop looks at its card's arrows,
        # not at the thousands parked far away (a scene query of every item: ~9 ms at 10,000)
        self._since: list[HandoffItem] | None = None
        self._near_found: tuple[Zone, list[HandoffItem]] | None = None  # near the view, found by a look
        self._timer = QTimer(self)
        self._timer.setInterval(0)  # an idle slice whenever the event loop has nothing else to do
        self._timer.timeout.connect(self._slice)

    # ----- parking ----------------------------------------------------------
    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """A relayout: arrows whose cards move are parked; those in sight are routed at the end,
        those near it first thing in the idle slices (an undo at 10,000 people: ~1,500 arrows
        near a view of 1366x768, a third of them in it)."""
        self._bulk += 1
        try:
            yield
        finally:
            self._bulk -= 1
            if not self._bulk and self._queue:
                self.view_moved(tight=True)
                self._timer.start()

    def lazy(self) -> bool:
        """Whether an arrow asked to follow its cards now may wait instead."""
        doc = self._scene.doc
        return bool(self._bulk) and doc is not None and len(doc.handoffs) >= LAZY_FROM

    def park(self, item: HandoffItem) -> None:
        self._queue.append(item)
        self._fresh = True
        self.note(item)

    def note(self, item: HandoffItem) -> None:
        """`item` was parked, or its safe bounds changed: the next look checks it."""
        since = self._since
        if since is not None:
            if len(since) < NOTE_UP_TO:
                since.append(item)
            else:
                self._since = None  # more than a look at the queue costs: the scene is asked

    def park_moved(self, items: list[HandoffItem], far: list[HandoffItem] | None = None) -> None:
        """Park arrows whose two cards moved apart in a relayout (an undo of 200 moves at 10,000
        people: ~9,400). Those far from the view, before and after, are only marked stale
        (handoff_stale.py: no Qt call at all); the others get their safe bounds now. `far`:
        arrows the relayout found far already (handoff_stale.part_far), marked stale at once."""
        far = far or []
        zone = self.zone()
        if zone is None or self._scene.mouseGrabberItem() is not None:  # (a card dragged: not at its place)
            self.park_in_bounds(items + far)
            return
        now, later = handoff_stale.split(self._scene, items, zone) if items else ([], [])
        self.park_in_bounds(now)
        later += far
        queue, stale = self._queue, self._stale
        if later:
            if stale and self._stale_zone != zone:
                self._stale_zone = None  # the older ones were looked at for another zone
            elif not stale:
                self._stale_zone = zone
            self._fresh = True
        for item in later:
            if not item.parked:
                item.parked = True
                queue.append(item)
            if not item.stale:  # (a stale one is listed already)
                item.stale = True
                stale.append(item)

    def park_in_bounds(self, items: list[HandoffItem]) -> None:
        """Park these arrows with their safe bounds. Each card's box is read from Qt once, not once
        per arrow end, and the safe box is worked out in plain numbers: one rectangle per arrow."""
        from gui.canvas.items.handoff import REACH_X, REACH_Y

        boxes: dict[PersonCard, Any] = {}  # (left, top, right, bottom) of each card met
        queue = self._queue
        for item in items:
            source, target = item.source, item.target
            a: Any = boxes.get(source)
            if a is None:
                a = boxes[source] = source.sceneBoundingRect().getCoords()
            b: Any = boxes.get(target)
            if b is None:
                b = boxes[target] = target.sceneBoundingRect().getCoords()
            x0 = (a[0] if a[0] < b[0] else b[0]) - REACH_X
            y0 = (a[1] if a[1] < b[1] else b[1]) - REACH_Y
            x1 = (a[2] if a[2] > b[2] else b[2]) + REACH_X
            y1 = (a[3] if a[3] > b[3] else b[3]) + REACH_Y
            if not item.parked:
                item.parked = True
                queue.append(item)
            item.park_in(QRectF(x0, y0, x1 - x0, y1 - y0))
            self.note(item)
        if items:
            self._fresh = True

    def pending(self) -> int:
        """How many arrows still wait to be routed."""
        return (len({item for item in self._queue if item.parked})
                + sum(1 for item in self._sketched if item.sketch and not item.parked))

    def soon(self) -> None:
        """A parked arrow was asked to paint (it should have been routed first): route soon."""
        if not self._timer.isActive():
            self._timer.start()

    # ----- routing ----------------------------------------------------------
    def zone(self, tight: bool = False) -> tuple[float, float, float, float] | None:
        """The part of the scene in or near the view (`tight`: in it); None before any view
        has shown it."""
        seen = self._scene.visible
        if seen.isNull() or seen.isEmpty():
            return None
        return (seen.left(), seen.top(), seen.right(), seen.bottom()) if tight else grown(seen)

    def view_moved(self, tight: bool = False) -> None:
        """The view scrolled, zoomed or resized (or a relayout ended): route the parked arrows
        that are now in or near it, before the frame that shows them, and let the labels of
        the arrows that came into view be placed. `tight` (a relayout ended): only those in
        it; those near it are routed first thing in the idle slices."""
        if self._bulk:
            return
        zone = self.zone()
        if self._queue and zone is not None and (zone != self._looked or self._fresh):
            same = zone == self._looked
            self._looked, self._fresh = zone, False
            sight = self.zone(tight=True) if tight else zone
            assert sight is not None
            self._near_due = self._near_due or tight
            if self._stale and zone != self._stale_zone:  # their bounds in the scene are old:
                self._stale_zone = zone  # looked at from their cards' places, given safe bounds
                self.park_in_bounds(handoff_stale.meeting(self._scene, self._stale, zone))
            since, self._since = self._since, []
            if same and since is not None:  # the view stayed: only what was parked since
                found, near = self._among(since, sight, zone)
                self._near_found = (zone, near) if tight else None
            else:
                found, self._near_found = self._in(sight), None
            sketched, queue = self._sketched, self._queue  # (after `_in`: it may clear the queue)
            many = tight and len(found) >= SKETCH_FROM  # (a relayout's end, for its first frame)
            for item in found:
                drawn = sketch(item, sight) if many else False
                if drawn:
                    sketched.append(item)
                elif drawn is None:
                    queue.append(item)  # (still parked: out of sight once routed)
                else:
                    item.settle()
        handoff_labels.view_moved(self._scene)

    def _among(self, items: list[HandoffItem], sight: Zone, zone: Zone) -> tuple[Parked, Parked]:
        """Of `items`, the parked ones whose safe box meets `sight`, and those meeting only `zone`."""
        current = self._scene.handoff_items
        found: list[HandoffItem] = []
        near: list[HandoffItem] = []
        for item in dict.fromkeys(items):
            if item.parked and not item.stale and current.get(item.hid) is item:
                box = item.safe
                if meets(box, sight):
                    found.append(item)
                elif meets(box, zone):
                    near.append(item)
        return found, near

    def _in(self, zone: tuple[float, float, float, float]) -> list[HandoffItem]:
        """The parked arrows whose safe box meets `zone`. Many parked: the scene finds what is
        there (in C++) and only that is looked at; few: the queue itself, which is also
        cleared of arrows routed meanwhile."""
        from gui.canvas.items.handoff import HandoffItem

        current = self._scene.handoff_items
        if len(self._queue) > SCAN_UP_TO:
            x0, y0, x1, y1 = zone
            found = self._scene.items(QRectF(x0, y0, x1 - x0, y1 - y0),
                                      Qt.ItemSelectionMode.IntersectsItemBoundingRect,
                                      Qt.SortOrder.AscendingOrder)
            return [item for item in found if type(item) is HandoffItem and item.parked
                    and not item.stale and current.get(item.hid) is item]  # (stale: old bounds)
        near: list[HandoffItem] = []
        waiting: list[HandoffItem] = []
        for item in self._queue:
            if item.parked:
                here = not item.stale and meets(item.safe, zone) and current.get(item.hid) is item
                (near if here else waiting).append(item)
        self._queue = waiting
        return near

    def settle_all(self) -> None:
        """Route every parked arrow now (an export, a test, a pass that needs every arrow)."""
        queue, self._queue = [*self._sketched, *self._queue], []
        self._stale, self._near, self._near_due, self._sketched = [], [], False, []
        self._near_found = None
        current = self._scene.handoff_items
        for item in queue:
            if (item.parked or item.sketch) and current.get(item.hid) is item:
                item.settle(quiet=True)
        self._timer.stop()

    def _slice(self) -> None:
        """Route parked arrows for at most SLICE_S, from the end of the queue; when none is
        left, say so (the overview map redraws on it)."""
        deadline = time.perf_counter() + SLICE_S
        main_thread_gc.brisk()  # what the slices make is walked in small steps, not a big one
        current = self._scene.handoff_items
        sketched = self._sketched
        while sketched:  # the relayout's first frame is shown: now exactly (their labels placed after)
            item = sketched.pop()
            if item.sketch and not item.parked and current.get(item.hid) is item:
                item.settle()
                if time.perf_counter() > deadline:
                    return
        if self._near_due:  # a relayout routed what is in the view: now what is near it
            self._near_due = False
            zone, known = self.zone(), self._near_found
            self._near_found = None
            if known is not None and known[0] == zone:  # the look found them (the view stayed)
                self._near = [*self._near, *known[1]]
            else:
                self._near = self._in(zone) if zone is not None else []
        near = self._near
        while near:
            item = near.pop()
            if item.parked and current.get(item.hid) is item:
                item.settle(quiet=True)
                if time.perf_counter() > deadline:
                    return
        queue, stale = self._queue, self._stale
        while stale:  # first the stale arrows get their safe bounds, a chunk at a time
            chunk = stale[-STALE_CHUNK:]
            del stale[-STALE_CHUNK:]
            self.park_in_bounds([item for item in chunk if item.stale and current.get(item.hid) is item])
            if time.perf_counter() > deadline:
                return
        while queue:
            item = queue.pop()
            if item.parked and current.get(item.hid) is item:
                item.settle(quiet=True)  # its label is placed when it comes into view
                if time.perf_counter() > deadline:
                    return
        self._timer.stop()
        self._scene.laidOut.emit()
