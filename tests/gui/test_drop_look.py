"""A drop on a big map looks only at the arrows it parked (issue 19): while the view stays put, the
thousands of arrows parked far away cannot have come into it, and asking the scene which parked
arrows meet the view walked every item (~9 ms at 10,000 people, on the release and again in the
first idle slice). What the drop shows once settled is what a scene built afresh shows."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt

from gui.canvas.items import handoff_lazy
from gui.commands import MoveCommand
from tests.gui import test_lazy_arrows
from tests.gui.canvas_fixtures import calm, mouse
from tests.gui.test_undo_sketch import assert_settled_as_built, sketched

lazy, shown = test_lazy_arrows.lazy, test_lazy_arrows.shown


def test_a_drop_looks_at_its_own_arrows_not_the_whole_scene(shown, qtbot, monkeypatch):
    scene, view, doc, _stack = shown
    monkeypatch.setattr(handoff_lazy, "SCAN_UP_TO", 0)  # any look at the whole queue asks the scene
    card = max(scene.cards.values(), key=lambda c: (len(c.handoffs), c.pid))
    view.centerOn(card)
    calm(qtbot, scene)
    asked: list[int] = []
    looked_among: list[int] = []
    whole, among = handoff_lazy.LazyRouting._in, handoff_lazy.LazyRouting._among

    def counting(self, zone):
        asked.append(1)
        return whole(self, zone)

    def counting_among(self, items, sight, zone):
        found, near = among(self, items, sight, zone)
        looked_among.append(len(found))
        return found, near

    monkeypatch.setattr(handoff_lazy.LazyRouting, "_in", counting)
    monkeypatch.setattr(handoff_lazy.LazyRouting, "_among", counting_among)
    start = card.sceneBoundingRect().center()
    held, free = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    mouse(view, QEvent.Type.MouseButtonPress, start)
    for step in range(1, 6):
        mouse(view, QEvent.Type.MouseMove, start + QPointF(8 * step, 40 * step), button=free)
    mouse(view, QEvent.Type.MouseButtonRelease, start + QPointF(40, 200), button=held, buttons=free)
    assert sum(looked_among) > 0, "the drop's arrows in sight were found among those it parked"
    calm(qtbot, scene)  # the idle slices: what is near the view comes from the same look
    assert not asked, "the view stayed put: the scene is not asked which parked arrows meet it"
    assert not sketched(scene)
    assert_settled_as_built(scene, view, doc, qtbot, monkeypatch)


def test_after_a_scroll_the_scene_is_asked_again(shown, qtbot, monkeypatch):
    """A look after the view moved finds everything parked in the new place (not only the new)."""
    scene, view, doc, stack = shown
    monkeypatch.setattr(handoff_lazy, "SCAN_UP_TO", 0)
    calm(qtbot, scene)
    asked: list[int] = []
    whole = handoff_lazy.LazyRouting._in
    monkeypatch.setattr(handoff_lazy.LazyRouting, "_in", lambda it, zone: asked.append(1) or whole(it, zone))
    moved = {pid: (doc.people[pid].pos[0] + 15.0, doc.people[pid].pos[1]) for pid in list(doc.people)[:40]}
    stack.push(MoveCommand(doc, moved, {pid: doc.people[pid].pos for pid in moved}))
    view.centerOn(scene.sceneRect().bottomRight())
    calm(qtbot, scene)
    assert asked, "a look after a scroll asks the scene"
    assert_settled_as_built(scene, view, doc, qtbot, monkeypatch)
