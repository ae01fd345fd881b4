"""What is handed over shows on the canvas without hovering (issue 14): every arrow of the
example carries its label, shortened with the whole text in the tooltip when it is long, and
no label covers a card, a step badge or another label, also after a card is dragged."""
from __future__ import annotations

import html
from pathlib import Path

from canvas_fixtures import drag
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QUndoStack

from gui.canvas.items import handoff_labels
from gui.canvas.items.handoff import BADGE_R, HandoffItem
from gui.canvas.scene import MapScene
from model import layout
from model.storage.store import load
from tests.gui.test_arrow_rules import awkward

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "example.cwalk"


def _badge(item: HandoffItem) -> QRectF:
    c = item._badge
    return QRectF(c.x() - BADGE_R, c.y() - BADGE_R, 2 * BADGE_R, 2 * BADGE_R)


def overlaps(scene: MapScene) -> list[str]:
    """Every label that covers a card, a badge, another label or the lane and stage names
    (by more than half a pixel)."""
    cards = [card.scene_card_rect() for card in scene.cards.values()]
    items = list(scene.handoff_items.values())
    labels = [(item.hid, item._label_rect) for item in items if item._label_text]
    badges = [(item.hid, _badge(item)) for item in items]
    found = []
    for hid, rect in labels:
        inner = rect.adjusted(0.5, 0.5, -0.5, -0.5)
        if any(inner.intersects(card) for card in cards):
            found.append(f"{hid} on a card")
        if any(inner.intersects(box) for _other, box in badges):
            found.append(f"{hid} on a badge")
        if any(other != hid and inner.intersects(box) for other, box in labels):
            found.append(f"{hid} on a label")
        if inner.left() < layout.LABEL_W or inner.top() < layout.HEADER_H:
            found.append(f"{hid} under the lane or stage names")
    return found


def test_every_hand_off_of_the_example_shows_what_is_handed_over_clear_of_everything(qtbot) -> None:
    scene = MapScene()
    scene.set_document(load(EXAMPLE), QUndoStack())
    scene.refresh_steps()
    handoff_labels.run_now(scene)
    items = list(scene.handoff_items.values())
    assert len(items) > 10
    for item in items:
        assert item.what and item._label_text, item.hid
        shown = item._label_text.rstrip("…")
        assert item.what.startswith(shown), (item.what, item._label_text)
        item.hover_started()
        assert html.escape(item.what) in item.toolTip()  # the whole text, whatever the label had room for
    # most neighbours in the walk stand in next stage columns: the gap between them is
    # narrower than any label, which used to hide it there
    assert sum(item._route.leaves == "right" for item in items) > len(items) / 2
    assert overlaps(scene) == []
    scene.set_document(None, None)


def test_labels_stay_clear_after_a_card_is_dragged_among_others(window, qtbot) -> None:
    w = window
    w.set_document(awkward(), None)
    scene, view = w.scene, w.view
    handoff_labels.run_now(scene)
    assert overlaps(scene) == []
    card = scene.cards["e"]
    start = card.scene_card_rect().center()
    view.centerOn(start)
    drag(view, start, start + QPointF(0, 60))  # onto the path of other arrows and labels
    qtbot.waitUntil(lambda: overlaps(scene) == [], timeout=20000)
    assert card.pos().y() != start.y() - card.scene_card_rect().height() / 2
    shown = [item for item in scene.handoff_items.values() if item._label_text]
    assert len(shown) >= len(scene.handoff_items) - 2


def test_a_card_dropped_on_another_arrows_label_moves_that_label(window, qtbot) -> None:
    w = window
    w.set_document(load(EXAMPLE), None)
    scene, view = w.scene, w.view
    handoff_labels.run_now(scene)
    arrow = next(item for item in scene.handoff_items.values() if item._label_text)
    card = next(c for c in scene.cards.values() if c is not arrow.source and c is not arrow.target
                and not c.face.customer)
    start, spot = card.scene_card_rect().center(), arrow._label_rect.center()
    view.centerOn(start)
    drag(view, start, spot)
    qtbot.waitUntil(lambda: card.scene_card_rect().intersects(arrow._label_rect) is False
                    and overlaps(scene) == [], timeout=20000)
    assert card.scene_card_rect().contains(spot)  # it was dropped where the label stood


def test_when_a_few_arrows_move_only_they_and_the_labels_under_their_cards_move(qtbot) -> None:
    scene = MapScene()
    scene.set_document(load(EXAMPLE), QUndoStack())
    scene.refresh_steps()
    handoff_labels.run_now(scene)
    arrow = next(item for item in scene.handoff_items.values() if item._label_text)
    card = next(c for c in scene.cards.values() if c is not arrow.source and c is not arrow.target
                and not c.face.customer and len(c.handoffs) * 4 < len(scene.handoff_items))
    before = {hid: item.marks() for hid, item in scene.handoff_items.items()}
    card.setPos(arrow._label_rect.center() - card.card_rect().center())  # its arrows ask again
    handoff_labels.run_now(scene)
    assert not card.scene_card_rect().intersects(arrow._label_rect)
    assert overlaps(scene) == []
    moved = {hid for hid, item in scene.handoff_items.items() if item.marks() != before[hid]}
    assert arrow.hid in moved and len(moved) < len(scene.handoff_items) / 2  # the rest stayed put
    scene.set_document(None, None)
