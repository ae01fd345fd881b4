"""A whole organisation on the canvas: a generated 5,000-person map opens in the
main window, every card and arrow where the map says, tidies up (undoably), saves
and reloads unchanged. Functional checks only: the figures are in bench/."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from bench.mapgen import make_big_map
from gui.canvas.items.handoff import HandoffItem, route
from gui.canvas.items.handoff_lazy import LazyRouting
from gui.canvas.scene import MapScene
from gui.commands import MoveCommand
from gui.main_window import MainWindow
from model import layout
from model.document import Document
from model.storage.serialize import to_data
from model.storage.store import load, save

PEOPLE = 5000


@pytest.fixture(scope="module")
def big_map(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "organisation.cwalk"
    save(make_big_map(PEOPLE, seed=5), path, backups=0)
    return path


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    boxes: list[str] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a, **kw: boxes.append(text))
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    assert boxes == []
    w.insights.set_document(None)
    w.insights.wait_for_idle()


def card_places(w: MainWindow) -> dict[str, tuple[float, float]]:
    return {pid: (card.pos().x(), card.pos().y()) for pid, card in w.scene.cards.items()}


def model_places(doc: Document) -> dict[str, tuple[float, float]]:
    by_key = {lane.key: lane for lane in layout.lanes(doc)}
    return {p.id: layout.absolute_pos(doc, p, by_key) for p in doc.people.values() if p.placed}


def assert_arrows_follow_their_cards(w: MainWindow) -> None:
    for item in w.scene.handoff_items.values():
        a, _c1, _c2, b = route(item.source.scene_card_rect(), item.target.scene_card_rect())
        assert item.ends() == (a, b), item.hid


def test_a_5000_person_map_opens_tidies_up_saves_and_reloads(window, big_map, qtbot, tmp_path):
    w = window
    assert w.open_path(big_map, ask=False)
    doc = w.document
    placed = {p.id for p in doc.people.values() if p.placed}
    assert len(doc.people) == PEOPLE and len(placed) > 4800
    assert w.scene.progressive.active()  # the view's part first, the rest in idle slices
    qtbot.waitUntil(lambda: not w.scene.progressive.active(), timeout=60000)

    # every placed person has a card at the map's place; every hand-off between them an arrow
    assert set(w.scene.cards) == placed
    assert card_places(w) == model_places(doc)
    drawn = {h.id for h in doc.handoffs.values() if h.source in placed and h.target in placed}
    assert len(drawn) > 7000 and set(w.scene.handoff_items) == drawn
    assert_arrows_follow_their_cards(w)
    lanes = [lane.key for lane in w.scene.lanes]
    assert lanes[:len(doc.departments)] == list(doc.departments) and lanes[-1] == layout.CUSTOMER_LANE

    # the first frame shows the map (cards and lanes, not an empty canvas)
    image = w.view.viewport().grab().toImage()
    assert not image.isNull() and image.width() > 400
    colours = {image.pixelColor(x, y).rgb()
               for x in range(0, image.width(), 23) for y in range(0, image.height(), 19)}
    assert len(colours) > 10

    # scatter the cards, then tidy up with the window's action: one undo step back to the scatter
    scattered = {pid: (doc.people[pid].pos[0] + (i % 7) * 13.0, doc.people[pid].pos[1] + (i % 5) * 9.0)
                 for i, pid in enumerate(sorted(placed))}
    w.undo_stack.push(MoveCommand(doc, scattered, {pid: doc.people[pid].pos for pid in scattered}, "scatter"))
    assert card_places(w) == model_places(doc)
    before = w.undo_stack.count()
    w.edit.auto_layout.trigger()
    assert w.undo_stack.count() == before + 1
    tidy = layout.auto_layout(doc, grid=True)  # what Tidy Up does: crowded cells packed into grids
    assert {pid: doc.people[pid].pos for pid in tidy} == tidy
    assert card_places(w) == model_places(doc)
    assert_arrows_follow_their_cards(w)
    in_cell: dict[tuple[str, float, float], str] = {}
    for p in doc.people.values():  # no two cards share a place in a lane after tidying up
        if p.placed:
            key = (layout.lane_key(p), *p.pos)
            assert key not in in_cell, (p.id, in_cell.get(key))
            in_cell[key] = p.id
    rects = [card.scene_card_rect() for card in w.scene.cards.values()]
    overlaps = [(i, j) for i in range(0, len(rects), 97) for j in range(len(rects))
                if i != j and rects[i].intersects(rects[j])]
    assert overlaps == []
    w.undo_stack.undo()
    assert {pid: doc.people[pid].pos for pid in scattered} == scattered
    assert card_places(w) == model_places(doc)
    w.undo_stack.redo()
    assert card_places(w) == model_places(doc)

    # finding someone at the far end of the map selects and shows them
    far = max(placed, key=lambda pid: w.scene.cards[pid].pos().y())
    w.select_person(far)
    assert w.scene.selected_person_ids() == [far]
    visible = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert visible.intersects(w.scene.cards[far].scene_card_rect())

    # save, read it back, and open it again in the same window
    target = tmp_path / "tidied.cwalk"
    assert w.save_as(target)
    assert not w.is_modified()
    assert to_data(load(target)) == to_data(doc)
    assert w.open_path(target, ask=False)
    assert w.document is not doc and to_data(w.document) == to_data(doc)
    qtbot.waitUntil(lambda: not w.scene.progressive.active(), timeout=60000)
    assert set(w.scene.cards) == placed and set(w.scene.handoff_items) == drawn
    assert card_places(w) == model_places(w.document)


# ----- the performance fixes, checked for what they must keep doing -------------------------------
@pytest.fixture(scope="module")
def mid_map() -> Document:
    return make_big_map(2000, seed=2)


def test_a_bulk_move_re_routes_each_arrow_once_and_every_arrow_follows(qtbot, mid_map, monkeypatch):
    doc = mid_map.clone()
    scene = MapScene()
    stack = QUndoStack()
    scene.set_document(doc, stack)
    calls: Counter[str] = Counter()
    original = HandoffItem.adjust

    def counting(self: HandoffItem) -> None:
        calls[self.hid] += 1
        original(self)

    shift = HandoffItem.translate

    def shifting(self: HandoffItem, dx: float, dy: float) -> None:  # both ends moved alike
        calls[self.hid] += 1
        shift(self, dx, dy)

    park = LazyRouting.park_moved

    def parking(self: LazyRouting, items: list[HandoffItem],
                far: list[HandoffItem] | None = None) -> None:  # ends moved apart (or far), a big map
        calls.update(item.hid for item in [*items, *(far or ())])
        park(self, items, far)

    monkeypatch.setattr(HandoffItem, "adjust", counting)
    monkeypatch.setattr(HandoffItem, "translate", shifting)
    monkeypatch.setattr(LazyRouting, "park_moved", parking)
    moved = sorted(scene.cards)[::3]
    new = {pid: (doc.people[pid].pos[0] + 25.0, doc.people[pid].pos[1] + 12.0) for pid in moved}
    stack.push(MoveCommand(doc, new, {pid: doc.people[pid].pos for pid in moved}))
    assert calls and max(calls.values()) == 1  # never twice, though both ends of many arrows moved
    touching = {item.hid for pid in moved for item in scene.cards[pid].handoffs}
    assert touching <= set(calls)  # each re-routed or translated
    for pid, card in scene.cards.items():
        assert (card.pos().x(), card.pos().y()) == model_places(doc)[pid]
    for item in scene.handoff_items.values():
        a, _c1, _c2, b = route(item.source.scene_card_rect(), item.target.scene_card_rect())
        assert item.ends() == (a, b)
    scene.set_document(None, None)


def test_dragging_a_card_re_routes_only_its_own_arrows(window, mid_map, qtbot, monkeypatch):
    from canvas_fixtures import mouse

    w = window
    w.set_document(mid_map.clone(), None)
    w.scene.finish_build()  # the busiest card of the whole map (a big map's open makes far ones later)
    card = max(w.scene.cards.values(), key=lambda c: (len(c.handoffs), c.pid))
    assert len(card.handoffs) >= 5
    w.view.centerOn(card)
    adjusted: list[HandoffItem] = []
    original = HandoffItem.adjust

    def counting(self: HandoffItem) -> None:
        adjusted.append(self)
        original(self)

    start = card.scene_card_rect().center() - QPointF(30, 0)
    mouse(w.view, QEvent.Type.MouseButtonPress, start)
    monkeypatch.setattr(HandoffItem, "adjust", counting)
    for i in range(1, 6):
        mouse(w.view, QEvent.Type.MouseMove, start + QPointF(12 * i, 5 * i), button=Qt.MouseButton.NoButton)
    monkeypatch.setattr(HandoffItem, "adjust", original)
    assert len(adjusted) == 5 * len(card.handoffs) and set(adjusted) == card.handoffs
    mouse(w.view, QEvent.Type.MouseButtonRelease, start + QPointF(60, 25), buttons=Qt.MouseButton.NoButton)
    assert w.undo_stack.count() == 1  # one drag, one undo step
    assert_arrows_follow_their_cards(w)
    w.undo_stack.setClean()  # the window closes after the test: nothing to ask about


def test_an_arrow_cover_holds_everything_the_arrow_draws(mid_map):
    scene = MapScene()
    scene.set_document(mid_map.clone(), QUndoStack())
    checked = 0
    for item in scene.handoff_items.values():
        boxes = [box.adjusted(2, 2, -2, -2) for box in item.cover()]  # with room for the pen
        path = item.path()
        for k in range(201):
            point = path.pointAtPercent(k / 200)
            assert any(box.contains(point) for box in boxes), (item.hid, k)
            checked += 1
        for head in item._heads:
            assert all(any(box.contains(p) for box in item.cover()) for p in head)
    assert checked > 500_000
    scene.set_document(None, None)


def test_cards_and_arrows_answer_their_bounds_in_qt_and_the_bounds_follow_their_moves(qtbot, mid_map):
    """Bounds asked of every item on every frame are kept in Qt (no Python boundingRect), and
    still hold everything an item draws and is clicked on, also after its card moves."""
    from gui.canvas.items.card import PersonCard

    assert "boundingRect" not in vars(HandoffItem) and "boundingRect" not in vars(PersonCard)
    scene = MapScene()
    scene.set_document(mid_map.clone(), QUndoStack())
    card = max(scene.cards.values(), key=lambda c: len(c.handoffs))
    assert card.boundingRect().contains(card.shape().boundingRect())
    card.setPos(card.pos() + QPointF(310, 170))
    assert card.handoffs
    for item in scene.handoff_items.values():
        bounds = item.boundingRect()
        parts = [item.path().controlPointRect(), item.shape().boundingRect()]
        parts += [head.boundingRect() for head in item._heads]
        # (united, not contains: a straight arrow's box is 0 wide)
        assert all(bounds.united(part) == bounds for part in parts), item.hid
    edge = card.scene_card_rect().adjusted(-1, -1, 1, 1)
    for item in card.handoffs:  # the arrow followed the card, and so did its bounds
        assert any(edge.contains(end) for end in item.ends())
        assert all(item.boundingRect().contains(end) for end in item.ends())
    scene.set_document(None, None)


def test_arrow_badges_and_heads_sit_where_the_curve_puts_them(qtbot, mid_map):
    """adjust() takes the badge and the far head's direction from the curve's symmetry: they
    match the length-based points of the path (its middle, 3% from its start)."""
    from gui.canvas.items.handoff import arrow_head

    scene = MapScene()
    scene.set_document(mid_map.clone(), QUndoStack())
    for item in list(scene.handoff_items.values())[:600]:
        item.set_content(item.what or "a", True)  # both heads
        path = item.path()
        middle = path.pointAtPercent(0.5)
        assert abs(item._badge.x() - middle.x()) < 0.01 and abs(item._badge.y() - middle.y()) < 0.01, item.hid
        expected = arrow_head(item.ends()[0], path.pointAtPercent(0.03))
        assert all(abs(p.x() - q.x()) < 0.01 and abs(p.y() - q.y()) < 0.01
                   for p, q in zip(item._heads[1], expected, strict=True)), item.hid
    scene.set_document(None, None)


def test_an_arrow_tooltip_is_written_when_the_pointer_arrives(window, qtbot):
    from canvas_fixtures import mouse, sample_map

    w = window
    w.set_document(sample_map(), None)
    w.scene.refresh_steps()
    item = w.scene.handoff_items["h1"]
    assert item.toolTip() == ""  # not built on every move of its cards
    mouse(w.view, QEvent.Type.MouseMove, item.path().pointAtPercent(0.3), button=Qt.MouseButton.NoButton,
          buttons=Qt.MouseButton.NoButton)
    assert "Ana Seller" in item.toolTip() and "Luc Lawyer" in item.toolTip() and "Step 1" in item.toolTip()
