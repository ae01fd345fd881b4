"""A big map's open makes the view's part first and the rest in idle slices (issue 19,
gui/canvas/mirror/progressive.py).

Once idle, the canvas must be exactly what building every item at once makes (cards, arrows
with their routes and step numbers, lanes, the scene's extent), and whatever the user does
while the rest is still being made (an edit, select-all, a roster click, a scroll, a save,
opening another map) must act on the whole map. The threshold is lowered so a 400-person map
(about 600 arrows, ~30,000 px tall) counts as big."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from canvas_fixtures import drag
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QUndoStack

from bench.mapgen import make_big_map
from gui.canvas.items import handoff_labels, handoff_lazy
from gui.canvas.mirror import progressive
from gui.canvas.scene import MapScene
from gui.commands import UpdateCommand
from model import layout as map_layout
from model.document import Document
from model.storage.store import load, save

N = 400


@pytest.fixture
def big(monkeypatch, tmp_path) -> Path:
    """A 400-person map on disk; maps of 100 people or more open progressively."""
    monkeypatch.setattr(progressive, "BIG_FROM", 100)
    monkeypatch.setattr(handoff_lazy, "LAZY_FROM", 50)
    path = tmp_path / "big.cwalk"
    save(make_big_map(N, seed=3), path, backups=0)
    return path


def rect(r: QRectF) -> tuple[float, ...]:
    """Rounded: an arrow moved along with its lane and back sits 1e-12 px off a fresh one."""
    return tuple(round(v, 6) for v in (r.x(), r.y(), r.width(), r.height()))


def picture(scene: MapScene) -> dict[str, Any]:
    """Everything the canvas shows of the map, as plain values (every arrow routed first).
    Not the places of arrows' labels: each pass places them among the marks already there, so
    they follow the order the view went (as without a progressive open); `labels_clear`
    checks what matters of them."""
    labels_clear(scene)
    scene.lazy_arrows.settle_all()
    cards = {pid: (card.pos().toTuple(), card.zValue(), card.face, card.isVisible())
             for pid, card in scene.cards.items()}
    arrows = {}
    for hid, item in scene.handoff_items.items():
        path = item.path()
        points = [path.elementAt(i) for i in range(path.elementCount())]
        arrows[hid] = ([(round(p.x, 6), round(p.y, 6)) for p in points],
                       item.source.pid, item.target.pid, item.step, item.zValue())
    lanes = {key: (lane.pos().toTuple(), rect(lane.boundingRect())) for key, lane in scene.lane_items.items()}
    headers = {key: header.pos().y() for key, header in scene.lane_headers.items()}
    return {"cards": cards, "arrows": arrows, "lanes": lanes, "headers": headers,
            "extent": rect(scene.sceneRect()), "widths": list(scene.widths)}


def full_build(doc: Document, qtbot) -> dict[str, Any]:
    """The same map with every item made at once (nothing counts as big)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(progressive, "BIG_FROM", 10**9)
        scene = MapScene()
        scene.set_document(doc, QUndoStack())
    assert not scene.progressive.active()
    scene.refresh_steps()
    shown = picture(scene)
    scene.set_document(None, None)
    return shown


def labels_clear(scene: MapScene) -> None:
    """No label of an arrow in sight (where the labels are placed) covers a card, made then or later."""
    cards = [card.scene_card_rect() for card in scene.cards.values()]
    for item in scene.handoff_items.values():
        label = None if item.parked or not item.bounds().intersects(scene.visible) else item.marks().label
        if label is not None:
            box = QRectF(label[0], label[1], label[2] - label[0], label[3] - label[1])
            hit = [c for c in cards if c.intersects(box.adjusted(0.5, 0.5, -0.5, -0.5))]
            assert not hit, f"the label of {item.hid} covers a card"


def same(got: dict[str, Any], want: dict[str, Any]) -> bool:
    """Equal; if not, the first item that differs is named (a plain == names none of 600)."""
    for part in want:
        if isinstance(want[part], dict):
            for key in set(want[part]) | set(got[part]):
                assert got[part].get(key) == want[part].get(key), f"{part} {key}"
        assert got[part] == want[part], part
    return True


def until_built(window, qtbot) -> None:
    """Every card made, the arrows numbered and the labels placed again (their pass's timer)."""
    qtbot.waitUntil(lambda: not window.scene.progressive.active(), timeout=60000)
    qtbot.waitUntil(lambda: not window.scene.sync.steps.busy(), timeout=60000)
    labels = handoff_labels.runner_of(window.scene)
    qtbot.waitUntil(lambda: not labels._timer.isActive(), timeout=60000)


def placed(doc: Document) -> set[str]:
    return {pid for pid, person in doc.people.items() if person.placed}


def test_open_makes_the_view_first_then_the_same_canvas_as_a_full_build(window, big, qtbot):
    assert window.open_path(big, ask=False)
    scene, doc = window.scene, window.document
    assert scene.progressive.active(), "a big map's open leaves the far cards for later"
    assert len(scene.cards) < len(placed(doc)) / 4
    assert scene.card_count() == len(placed(doc))
    qtbot.wait(1)  # the first frame
    seen = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    in_sight = {pid for pid, card in scene.cards.items() if card.sceneBoundingRect().intersects(seen)}
    by_key = {lane.key: lane for lane in map_layout.lanes(doc)}
    for pid in placed(doc):
        x, y = map_layout.absolute_pos(doc, doc.people[pid], by_key)
        if QRectF(x, y, map_layout.CARD_W, map_layout.CARD_H).intersects(seen):
            assert pid in in_sight, f"{pid} is in the first frame's view but was not made"
    for h in doc.handoffs.values():  # every arrow crossing the first frame is drawn in it
        ends = [scene.cards.get(h.source), scene.cards.get(h.target)]
        if h.source in placed(doc) and h.target in placed(doc) and None in ends:
            far = [map_layout.absolute_pos(doc, doc.people[p], by_key) for p in (h.source, h.target)]
            box = QRectF(QPointF(min(p[0] for p in far), min(p[1] for p in far)),
                         QPointF(max(p[0] for p in far) + map_layout.CARD_W,
                                 max(p[1] for p in far) + map_layout.CARD_H))
            assert not box.intersects(seen), f"arrow {h.id} crosses the first frame but was not made"
    until_built(window, qtbot)
    assert same(picture(scene), full_build(load(big), qtbot))


def test_an_edit_while_the_rest_is_made_reaches_a_card_not_made_yet(window, big, qtbot):
    assert window.open_path(big, ask=False)
    scene, doc = window.scene, window.document
    far = next(pid for pid in placed(doc) if pid not in scene.cards)
    scene.push(UpdateCommand(doc, "person", far, {"name": "Zoë <&> 名前"}, "Rename"))
    assert not scene.progressive.active(), "an edit waits for the whole map"
    assert scene.cards[far].face.name == "Zoë <&> 名前"
    until_built(window, qtbot)
    assert same(picture(scene), full_build(doc, qtbot))
    window.undo_stack.undo()
    until_built(window, qtbot)
    assert scene.cards[far].face.name != "Zoë <&> 名前"
    assert same(picture(scene), full_build(load(big), qtbot))


def test_a_drag_while_the_rest_is_made_is_one_whole_undo_step(window, big, qtbot):
    assert window.open_path(big, ask=False)
    scene, doc, view = window.scene, window.document, window.view
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    card = next(c for c in scene.cards.values()
                if seen.adjusted(150, 150, -250, -150).contains(c.sceneBoundingRect()))
    assert scene.progressive.active()
    before = doc.people[card.pid].pos
    start = card.sceneBoundingRect().center()
    drag(view, start, start + QPointF(0, 40))
    assert doc.people[card.pid].pos != before
    assert window.undo_stack.count() == 1
    until_built(window, qtbot)
    assert same(picture(scene), full_build(doc, qtbot))
    window.undo_stack.undo()
    assert doc.people[card.pid].pos == before
    until_built(window, qtbot)
    assert same(picture(scene), full_build(load(big), qtbot))


def test_select_all_reaches_every_card_and_arrow(window, big, qtbot):
    assert window.open_path(big, ask=False)
    scene, doc = window.scene, window.document
    assert scene.progressive.active()
    window.edit.select_all.trigger()
    assert len(scene.selected_person_ids()) == len(placed(doc))
    assert set(scene.selected_handoff_ids()) == set(doc.handoffs)
    assert not scene.progressive.active()


def test_a_roster_click_on_a_far_person_selects_and_centres_their_card(window, big, qtbot, monkeypatch):
    from gui.main_window import choose_person

    monkeypatch.setattr(progressive, "SLICE_S", 0.0)  # one card per idle slice: the bottom one waits
    monkeypatch.setattr(progressive, "BATCH", 1)

    assert window.open_path(big, ask=False)
    scene, doc = window.scene, window.document
    by_key = {lane.key: lane for lane in map_layout.lanes(doc)}
    far = max(placed(doc), key=lambda pid: map_layout.absolute_pos(doc, doc.people[pid], by_key)[1])
    qtbot.wait(5)  # the window has its size and the opening view (a 0 ms timer)
    assert far not in scene.cards, "the bottom card is made last"
    choose_person(window, far)
    assert scene.selected_person_ids() == [far]
    qtbot.wait(1)
    seen = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert seen.intersects(scene.cards[far].sceneBoundingRect())


def test_a_scroll_makes_what_comes_into_sight_before_its_frame(window, big, qtbot):
    assert window.open_path(big, ask=False)
    scene, doc, view = window.scene, window.document, window.view
    assert scene.progressive.active()
    bar = view.verticalScrollBar()
    bar.setValue((bar.minimum() + bar.maximum()) // 2)  # no event loop turn in between
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    by_key = {lane.key: lane for lane in map_layout.lanes(doc)}
    wanted = {pid for pid in placed(doc)
              if QRectF(QPointF(*map_layout.absolute_pos(doc, doc.people[pid], by_key)),
                        QPointF(*map_layout.absolute_pos(doc, doc.people[pid], by_key))
                        + QPointF(map_layout.CARD_W, map_layout.CARD_H)).intersects(seen)}
    assert wanted, "the middle of the map has cards"
    assert wanted <= set(scene.cards)
    assert scene.progressive.active(), "only what came into sight was made"
    until_built(window, qtbot)  # labels placed in the middle first, the rest later: as at once
    assert same(picture(scene), full_build(load(big), qtbot))


def test_save_and_another_open_while_the_rest_is_made(window, big, qtbot, tmp_path):
    assert window.open_path(big, ask=False)
    assert window.scene.progressive.active()
    copy = tmp_path / "copy.cwalk"
    assert window.save_as(copy)
    assert set(load(copy).people) == set(load(big).people)
    small = tmp_path / "small.cwalk"
    save(make_big_map(30, seed=5), small, backups=0)
    assert window.open_path(small, ask=False)
    assert not window.scene.progressive.active()
    assert set(window.scene.cards) == placed(window.document)
    qtbot.wait(50)  # no slice of the earlier map brings its cards back
    assert set(window.scene.cards) == placed(window.document)
    until_built(window, qtbot)
    assert same(picture(window.scene), full_build(load(small), qtbot))


def test_arrows_made_after_the_walk_was_numbered_get_their_numbers(window, big, qtbot, monkeypatch):
    monkeypatch.setattr(progressive, "SLICE_S", 0.0)  # a few cards per idle slice: slow on purpose
    monkeypatch.setattr(progressive, "BATCH", 4)
    assert window.open_path(big, ask=False)
    scene = window.scene
    qtbot.waitUntil(lambda: not scene.sync.steps.busy(), timeout=60000)
    assert scene.progressive.active(), "numbered while cards were still to be made"
    until_built(window, qtbot)
    assert all(item.step is not None for item in scene.handoff_items.values())
    assert same(picture(scene), full_build(load(big), qtbot))
