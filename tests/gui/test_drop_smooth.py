"""The frame of a drop on a big map (issue 19). While cards are dragged the arrows are drawn
without antialiasing; after the drop they are drawn smooth again. The drop's own frame paints
what the drop changed; the arrows the drag painted rough are painted again, smooth, in the
frame after it (before, the release asked for the whole view at once: ~20 ms of arrows at
10,000 people inside the drop's frame)."""
from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, Qt

from gui.canvas.items import handoff_paint
from gui.canvas.items.handoff import HandoffItem
from tests.gui import test_lazy_arrows
from tests.gui.canvas_fixtures import mouse
from tests.gui.test_lazy_arrows import in_sight

lazy, shown = test_lazy_arrows.lazy, test_lazy_arrows.shown


class Frames(QObject):
    """Each paint of the viewport: the arrows it painted and whether smooth."""

    def __init__(self) -> None:
        super().__init__()
        self.frames: list[list[tuple[HandoffItem, bool]]] = []
        self.regions: list[Any] = []

    def eventFilter(self, _obj: Any, event: Any) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.frames.append([])
            self.regions.append(event.region())
        return False


def test_the_drop_frame_paints_what_the_drop_changed_and_the_next_one_smooths_the_rest(
        shown, qtbot, monkeypatch) -> None:
    scene, view, doc, stack = shown
    with_arrows = sorted((c for c in scene.cards.values() if c.handoffs), key=lambda c: c.pid)
    view.centerOn(with_arrows[len(with_arrows) // 2])
    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    sight = view.mapToScene(view.viewport().rect()).boundingRect()
    # a card in sight with few arrows: a short move inside its lane changes a part of the view
    card = min((c for c in scene.cards.values() if c.handoffs and sight.contains(c.sceneBoundingRect())),
               key=lambda c: (len(c.handoffs), c.pid))
    frames = Frames()
    painted = handoff_paint.paint

    def watched(item: HandoffItem, painter: Any, option: Any, *later: Any) -> None:
        if frames.frames:
            frames.frames[-1].append((item, not item.fast))
        painted(item, painter, option, *later)

    monkeypatch.setattr(handoff_paint, "paint", watched)
    view.viewport().installEventFilter(frames)
    start = card.sceneBoundingRect().center() + QPointF(-20, 0)
    mouse(view, QEvent.Type.MouseButtonPress, start)
    for i in range(1, 6):
        mouse(view, QEvent.Type.MouseMove, start + QPointF(4 * i, 0), button=Qt.MouseButton.NoButton)
        qtbot.wait(30)  # a frame per move, as a person's drag gets
    rough = {item for frame in frames.frames for item, smooth in frame if not smooth}
    assert rough, "the drag should paint arrows rough (a big map)"
    during = len(frames.frames)
    mouse(view, QEvent.Type.MouseButtonRelease, start + QPointF(20, 0), buttons=Qt.MouseButton.NoButton)
    qtbot.waitUntil(lambda: len(frames.frames) >= during + 2, timeout=5000)
    qtbot.wait(100)
    assert stack.count() == 1, "the drop is one undo step"
    drop_frame = frames.frames[during]
    assert all(smooth for _item, smooth in drop_frame), "after the drop every arrow is drawn smooth"
    whole = view.viewport().rect()
    area = sum(r.width() * r.height() for r in frames.regions[during])
    assert area < 0.8 * whole.width() * whole.height(), \
        "the drop's frame repainted the whole view, not only what the drop changed"
    in_view = set(in_sight(scene, view))

    def smoothed() -> set[HandoffItem]:
        return {item for frame in frames.frames[during:] for item, smooth in frame if smooth}

    # the smoothing waits for the drop's frame to be shown (gestures.after_frame), then takes a
    # frame of its own: on a busy machine later than the two frames waited for above
    with contextlib.suppress(TimeoutError, qtbot.TimeoutError):
        qtbot.waitUntil(lambda: rough & in_view <= smoothed(), timeout=5000)
    later = smoothed()
    assert rough & in_view <= later, "every arrow the drag painted rough is painted smooth after the drop"
    changed = {item for item in in_view if card in (item.source, item.target)}
    assert changed <= {item for item, _smooth in drop_frame}, "the drop's frame shows the card's arrows"
