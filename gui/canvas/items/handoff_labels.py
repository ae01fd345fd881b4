"""The scene-wide placement of the arrows' step badges and "what is handed over" labels.

Each arrow places its marks between its own two cards as soon as it moves (cheap, in
`HandoffItem.adjust`); once the moves settle, this pass places them by the rules the printed
map follows (model/arrows.py): in walk order, clear of every card, badge and label, and where
it can of other arrows' lines. One pass per burst of edits (a timer restarted by every
request, a little longer on a big map, where a drag keeps requesting); when only some arrows
asked, only they are placed, around the others' marks as they stand.

On a map big enough for lazy routing (handoff_lazy.py) a pass places only the arrows in or
near the view, among the cards and marks around them, and only where labels can be read; the
others keep waiting until the view comes to them (issue 19: all 15,735 arrows of a 10,000-person
map took 3.9 s, before the first frame of an open).
"""
from __future__ import annotations

import time
from collections.abc import Generator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QTimer

from gui.canvas.items import handoff_lazy, map_scene
from model import arrows

if TYPE_CHECKING:
    from gui.canvas.items.card import PersonCard
    from gui.canvas.items.handoff import HandoffItem
    from gui.canvas.scene import MapScene

BIG = 400  # arrows: above this, the pass waits for a pause in the edits
QUICK_MS, SETTLE_MS = 0, 150
SLICE_S = 0.006  # the longest a slice of the pass runs before giving the event loop back (its
# last step may overrun it by a step: well under a millisecond, or one Qt call on a big region)
APPLYING = ""  # in a pass's hand-offs: it is giving out its marks (no hand-off has this id)
STEP, SET_STEP = 200, 40  # cards or marks looked at, arrows given their marks, between two steps
SIGHT_STEP = 150  # arrows in sight given their marks a step (each step given out is a frame)
READABLE_FROM = 0.5  # zoom: below it badges and labels are not drawn (HandoffItem.paint)
# how far from its curve an arrow's marks can go (arrows.badge_spot, label_spot): the
# cards and marks further off cannot be in their way
REACH = 2 * arrows.LOOP + 240.0


class LabelPass(QObject):
    """One per scene (a child of it): one pass after a burst of requests, worked off in idle
    slices of at most SLICE_S (issue 19: ~9,000 labels after a drop on a 10,000-person map
    took 110-520 ms in one go). A slice gives the event loop back; a request from outside
    meanwhile (an edit) drops the pass and starts it again with what it was placing, so the
    end is what one pass over the scene as it then stands places. The timer is active until
    the pass has ended."""

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self._asked: set[str] = set()  # hand-off ids
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._steps: Generator[None, None, None] | None = None  # the pass under way, if any
        self._placing: set[str] = set()  # the hand-offs asked of it (put back when it is dropped;
        # only APPLYING once it gives out the marks it worked out: then it is not dropped)
        self._inside = False  # a slice is running: requests it makes join the next pass
        self._again = False  # the view moved during the pass: a pass for what waited, after it

    def request(self, hid: str, start: bool = True) -> None:
        self._asked.add(hid)
        if start:
            self.start()

    def start(self) -> None:
        if self._inside or APPLYING in self._placing:
            self._again = True  # (a pass giving out its marks ends, for an exact result: ~50 ms)
            return
        self._drop()
        self._timer.start(SETTLE_MS if len(self._scene.handoff_items) > BIG else QUICK_MS)

    def busy(self) -> bool:
        """Whether a pass waits or is under way."""
        return self._timer.isActive()

    def view_moved(self) -> None:
        """On a big map, the labels waiting for the view may now be in it."""
        if self._steps is not None:
            self._again = True
        elif self._asked:
            self.start()

    def _drop(self) -> None:
        """The pass under way is dropped; what it was placing is asked again."""
        if self._steps is not None:
            if APPLYING in self._placing:  # (only from `run`: it ends first, as one pass would have)
                arrows.run_out(self._steps)
            else:
                self._asked |= self._placing
            self._steps, self._placing = None, set()

    def _tick(self) -> None:
        """A slice of the pass (begun first if none is under way), at most SLICE_S long."""
        if self._steps is None:
            self._steps = self._begin()
        deadline = time.perf_counter() + SLICE_S
        self._inside = True
        try:
            for _ in self._steps:
                if time.perf_counter() > deadline:
                    self._timer.start(0)
                    return
        finally:
            self._inside = False
        self._steps, self._placing = None, set()
        if self._again and self._asked:
            self._again = False
            self.start()
        self._again = False

    def run(self, everything: bool = False) -> None:
        """The whole pass at once (`everything`: the arrows out of sight too)."""
        self._timer.stop()
        self._drop()
        self._inside = True
        try:
            arrows.run_out(self._begin(everything))
        finally:
            self._inside = False
        self._steps, self._placing = None, set()

    def _begin(self, everything: bool = False) -> Generator[None, None, None]:
        """The pass's steps: which arrows it places, then `placing` them."""
        scene, items = self._scene, self._scene.handoff_items
        lazy = len(scene.doc.handoffs) >= handoff_lazy.LAZY_FROM if scene.doc is not None else False
        zone = scene.lazy_arrows.zone()
        if everything or not lazy or zone is None:
            scene.lazy_arrows.settle_all()  # (their requests join this pass, not another)
            asked, self._asked = self._asked, set()
            if len(asked) * 2 >= len(items):
                return placing(scene, list(items), into=self._placing)
            return placing(scene, [hid for hid in asked if hid in items], into=self._placing)
        if scene.view_scale < READABLE_FROM:
            return placing(scene, [])  # nothing to read: they wait until the view zooms in
        return self._near(zone)

    def _near(self, zone: tuple[float, float, float, float]) -> Generator[None, None, None]:
        """The arrows asked that are in or near the view, placed; the others keep waiting.
        (While it sorts them, all of them count as this pass's: a dropped pass asks again.)"""
        items = self._scene.handoff_items
        asked, self._asked = self._asked, set()
        self._placing |= asked
        near, waiting = [], set()
        x0, y0, x1, y1 = zone
        sight = QRectF(x0, y0, x1 - x0, y1 - y0)
        for n, hid in enumerate(asked, 1):
            if not n % STEP:
                yield
            item = items.get(hid)
            if item is None:
                continue
            if item.parked or not item.bounds().intersects(sight):
                waiting.add(hid)
            else:
                near.append(hid)
        self._asked |= waiting
        self._placing -= waiting
        yield from placing(self._scene, near, around=True, into=self._placing)


def runner_of(scene: MapScene) -> LabelPass:
    runner = scene.findChild(LabelPass)
    return runner if runner is not None else LabelPass(scene)


def request(item: HandoffItem, start: bool = True) -> None:
    """Ask for a placement pass in the arrow's scene (or its cards' scene, while it is
    being added); `start` False: only join the next one."""
    scene = map_scene(item) or map_scene(item.source)
    if scene is not None:
        runner_of(scene).request(item.hid, start)


def view_moved(scene: MapScene) -> None:
    """The view moved: a pass for the labels that waited for it (on a big map)."""
    runner = scene.findChild(LabelPass)
    if runner is not None:
        runner.view_moved()


def run_now(scene: MapScene) -> None:
    """Place every arrow's marks at once (the pass a request would run), the arrows out of
    sight too: every arrow routed and placed."""
    runner = scene.findChild(LabelPass)
    if runner is not None:
        runner.run(everything=True)
    else:
        scene.lazy_arrows.settle_all()
        place_all(scene)


def nearby(scene: MapScene, region: QRectF, cards: list[PersonCard],
           others: dict[str, HandoffItem]) -> Generator[None, None, None]:
    """The cards and routed arrows whose bounds meet `region` (what the scene's
    `items(region, IntersectsItemBoundingRect)` finds of them), into `cards` and `others`, a
    few hundred looked at a step: one such question to the scene walks all ~26,000 items of a
    10,000-person map (it has no index: its items move), 10-50 ms in one go."""
    for n, card in enumerate(list(scene.cards.values()), 1):
        if card.isVisible() and card.sceneBoundingRect().intersects(region):
            cards.append(card)
        if not n % STEP:
            yield
    for n, (hid, item) in enumerate(list(scene.handoff_items.items()), 1):
        if not item.parked and item.isVisible() and item.sceneBoundingRect().intersects(region):
            others[hid] = item
        if not n % STEP:
            yield


def place_all(scene: MapScene) -> None:
    """Every arrow's badge and label, placed among all the cards and each other."""
    place_some(scene, list(scene.handoff_items))


def place_some(scene: MapScene, hids: list[str], around: bool = False) -> None:
    """These arrows' badges and labels, placed among all the cards and the other arrows'
    marks where they stand, at once (`placing`)."""
    arrows.run_out(placing(scene, hids, around))


def placing(scene: MapScene, hids: list[str], around: bool = False,
            into: set[str] | None = None) -> Generator[None, None, None]:
    """`place_some` in steps of well under a millisecond each (a few hundred cards or marks
    looked at, one arrow placed, a few dozen moved). `around`: only the cards and routed
    arrows within REACH of them are looked at (what is further cannot be in their way), not
    all 25,000 of a big map. `into` gets every arrow the pass will place (those asked and
    those a moved card pushes off); the ones in sight are given their marks first."""
    from gui.canvas.items.handoff import SIZES, card_rect, fitted_label

    if not hids:
        return
    chosen = set(hids)
    if into is not None:
        into |= chosen
    ends = [scene.handoff_items[hid] for hid in hids]
    if around:
        region = QRectF()
        for n, item in enumerate(ends, 1):
            region = region.united(item.rect())
            if not n % STEP:
                yield
        near_cards: list[PersonCard] = []
        others: dict[str, HandoffItem] = {}
        yield from nearby(scene, region.adjusted(-REACH, -REACH, REACH, REACH), near_cards, others)
    else:
        near_cards, others = list(scene.cards.values()), scene.handoff_items
    cards = []
    for n, card in enumerate(near_cards, 1):
        cards.append(card_rect(card.scene_card_rect()))
        if not n % STEP:
            yield
    moved = {card for item in ends for card in (item.source, item.target)}
    on_cards = arrows.Obstacles()
    for n, card in enumerate(moved, 1):
        on_cards.add(card_rect(card.scene_card_rect()).box())
        if not n % STEP:
            yield
    kept = []
    for n, (hid, item) in enumerate(list(others.items()), 1):
        if not n % STEP:
            yield
        if hid in chosen or item.parked:  # (parked since, by a relayout: placed once routed)
            continue
        marks = item.marks()
        badge = arrows.badge_box(marks.badge[0], marks.badge[1], SIZES.badge_w(item.step), SIZES.badge_h)
        if marks.label is not None and on_cards.hits(marks.label) or on_cards.hits(badge):
            chosen.add(hid)  # a card moved onto its marks: they move too
        else:
            kept.append((item.plan(), marks))
    items = [item for item in (scene.handoff_items.get(hid) for hid in chosen)
             if item is not None and not item.parked]  # (asking a parked one would route it)
    plans = []
    for n, item in enumerate(items, 1):
        plans.append(item.plan())
        if not n % STEP:
            yield
    frame = scene.sceneRect()
    layout = yield from arrows.placing_marks(cards, plans, SIZES, fitted_label, kept=kept,
                                             reserved=arrows.frame_boxes(frame.right(), frame.bottom()),
                                             lines=len(scene.handoff_items) <= arrows.LINES_UP_TO)
    if into is not None:
        into.clear()
        into.add(APPLYING)
    # those in sight first, in big steps (each step given out is a frame repainting what
    # moved), then the others a few dozen a step
    sight, current = scene.visible, scene.handoff_items
    in_sight: list[HandoffItem] = []
    unseen: list[HandoffItem] = []
    for n, item in enumerate(items, 1):
        (in_sight if item.rect().intersects(sight) else unseen).append(item)
        if not n % STEP:
            yield
    for n, item in enumerate(in_sight, 1):
        if current.get(item.hid) is item and not item.parked:  # (not removed or parked meanwhile)
            item.set_marks(layout.marks[item.hid])
        if not n % SIGHT_STEP:
            yield
    yield
    for n, item in enumerate(unseen, 1):
        if current.get(item.hid) is item and not item.parked:
            item.set_marks(layout.marks[item.hid])
        if not n % SET_STEP:
            yield
