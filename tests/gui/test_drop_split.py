"""Dropping a dragged card on a big map (issue 19): the arrows that follow it are sorted into
parked-now and left-stale by reading their own bounds, not by asking the unindexed scene for
everything in the zone around the view (a walk over all ~26,000 items at 10,000 people). The
sort must come out exactly as the scene-wide question sorts them, and the dropped card's
arrows must end where a scene built afresh draws them."""
from __future__ import annotations

from PySide6.QtCore import QPointF

from gui.canvas.items import handoff_stale
from gui.canvas.scene import MapScene
from tests.gui import test_lazy_arrows
from tests.gui.canvas_fixtures import drag
from tests.gui.test_undo_arrows import assert_as_built

lazy, shown = test_lazy_arrows.lazy, test_lazy_arrows.shown


def busiest_in_sight(scene: MapScene, view, qtbot) -> object:
    """The card with the most hand-offs, the view centred on it (as a person finds it)."""
    card = max(scene.cards.values(), key=lambda c: (len(c.handoffs), c.pid))
    view.centerOn(card)
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    return card


def test_a_drop_sorts_its_arrows_without_asking_the_scene_and_as_the_scene_would(
        shown, qtbot, monkeypatch) -> None:
    scene, view, doc, stack = shown
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    card = busiest_in_sight(scene, view, qtbot)
    asked: list[object] = []
    sorted_: list[tuple[list, list]] = []
    whole_scene, split = MapScene.items, handoff_stale.split

    def counting(self, *args, **kwargs):
        asked.append(args)
        return whole_scene(self, *args, **kwargs)

    def both_ways(scene_, items, zone):
        got = split(scene_, items, zone)
        with monkeypatch.context() as patch:
            patch.setattr(handoff_stale, "FEW", -1)  # the scene-wide question, as before
            want = split(scene_, items, zone)
        sorted_.append((got, want))
        return got

    monkeypatch.setattr(MapScene, "items", counting)
    monkeypatch.setattr(handoff_stale, "split", both_ways)
    start = card.sceneBoundingRect().center() + QPointF(-30, 0)
    drag(view, start, start + QPointF(260, 140), steps=6)  # down into its lane: the lane grows
    monkeypatch.setattr(MapScene, "items", whole_scene)
    assert stack.count() == 1, "the drop is one undo step"
    assert sorted_, "the drop should sort the arrows that followed the card"
    calls_while_dropping = len(asked) - len(sorted_)  # the comparison above asked once per sort
    assert calls_while_dropping == 0, f"the drop asked the whole scene {calls_while_dropping} times"
    for got, want in sorted_:
        assert set(got[0]) == set(want[0]) and set(got[1]) == set(want[1])
    assert_as_built(scene, doc, monkeypatch)
