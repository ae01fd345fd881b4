"""The scene-wide placement of the arrows' step badges and "what is handed over" labels.

Each arrow places its marks between its own two cards as soon as it moves (cheap, in
`HandoffItem.adjust`); once the moves settle, this pass places them by the rules the printed
map follows (model/arrows.py): in walk order, clear of every card, badge and label, and where
it can of other arrows' lines. One pass per burst of edits (a timer restarted by every
request, a little longer on a big map, where a drag keeps requesting); when only some arrows
asked, only they are placed, around the others' marks as they stand.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from gui.canvas.items import map_scene
from model import arrows

if TYPE_CHECKING:
    from gui.canvas.items.handoff import HandoffItem
    from gui.canvas.scene import MapScene

BIG = 400  # arrows: above this, the pass waits for a pause in the edits
QUICK_MS, SETTLE_MS = 0, 150


class LabelPass(QObject):
    """One per scene (a child of it): runs `place_all` once after a burst of requests."""

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self._asked: set[str] = set()  # hand-off ids
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run)

    def request(self, hid: str) -> None:
        self._asked.add(hid)
        self._timer.start(SETTLE_MS if len(self._scene.handoff_items) > BIG else QUICK_MS)

    def run(self) -> None:
        self._timer.stop()
        asked, self._asked = self._asked, set()
        items = self._scene.handoff_items
        if len(asked) * 2 >= len(items):
            place_all(self._scene)
        else:
            place_some(self._scene, [hid for hid in asked if hid in items])


def request(item: HandoffItem) -> None:
    """Ask for a placement pass in the arrow's scene (or its cards' scene, while it is
    being added)."""
    scene = map_scene(item) or map_scene(item.source)
    if scene is None:
        return
    runner = scene.findChild(LabelPass)
    if runner is None:
        runner = LabelPass(scene)
    runner.request(item.hid)


def run_now(scene: MapScene) -> None:
    """Place every arrow's marks at once (the pass a request would run)."""
    runner = scene.findChild(LabelPass)
    if runner is not None:
        runner.run()
    else:
        place_all(scene)


def place_all(scene: MapScene) -> None:
    """Every arrow's badge and label, placed among all the cards and each other."""
    place_some(scene, list(scene.handoff_items))


def place_some(scene: MapScene, hids: list[str]) -> None:
    """These arrows' badges and labels, placed among all the cards and the other arrows'
    marks where they stand."""
    from gui.canvas.items.handoff import SIZES, card_rect, fitted_label

    if not hids:
        return
    cards = [card_rect(card.scene_card_rect()) for card in scene.cards.values()]
    ends = [scene.handoff_items[hid] for hid in hids]
    moved = {card for item in ends for card in (item.source, item.target)}
    on_cards = arrows.Obstacles(card_rect(card.scene_card_rect()).box() for card in moved)
    chosen = set(hids)
    kept = []
    for hid, item in scene.handoff_items.items():
        if hid in chosen:
            continue
        marks = item.marks()
        badge = arrows.badge_box(marks.badge[0], marks.badge[1], SIZES.badge_w(item.step), SIZES.badge_h)
        if marks.label is not None and on_cards.hits(marks.label) or on_cards.hits(badge):
            chosen.add(hid)  # a card moved onto its marks: they move too
        else:
            kept.append((item.plan(), marks))
    items = [scene.handoff_items[hid] for hid in chosen]
    frame = scene.sceneRect()
    layout = arrows.place_marks(cards, [item.plan() for item in items], SIZES, fitted_label, kept=kept,
                                reserved=arrows.frame_boxes(frame.right(), frame.bottom()))
    for item in items:
        item.set_marks(layout.marks[item.hid])
