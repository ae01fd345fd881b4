"""A whole organisation on the canvas: a generated 5,000-person map opens in the
main window, every card and arrow where the map says, tidies up (undoably), saves
and reloads unchanged. Functional checks only: the figures are in bench/."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from bench.mapgen import make_big_map
from gui.commands import MoveCommand
from gui.items.handoff import route
from gui.main_window import MainWindow
from model import layout as L
from model.document import Document
from model.serialize import to_data
from model.store import load, save

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
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a, _k=kind, **kw: boxes.append(text))
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    assert boxes == []
    w.insights.set_document(None)
    w.insights.wait_for_idle()
    w.undo_stack.setClean()


def card_places(w: MainWindow) -> dict[str, tuple[float, float]]:
    return {pid: (card.pos().x(), card.pos().y()) for pid, card in w.scene.cards.items()}


def model_places(doc: Document) -> dict[str, tuple[float, float]]:
    by_key = {lane.key: lane for lane in L.lanes(doc)}
    return {p.id: L.absolute_pos(doc, p, by_key) for p in doc.people.values() if p.placed}


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

    # every placed person has a card at the map's place; every hand-off between them an arrow
    assert set(w.scene.cards) == placed
    assert card_places(w) == model_places(doc)
    drawn = {h.id for h in doc.handoffs.values() if h.source in placed and h.target in placed}
    assert len(drawn) > 7000 and set(w.scene.handoff_items) == drawn
    assert_arrows_follow_their_cards(w)
    lanes = [lane.key for lane in w.scene.lanes]
    assert lanes[:len(doc.departments)] == list(doc.departments) and lanes[-1] == L.CUSTOMER_LANE

    # the first frame shows the map (cards and lanes, not an empty canvas)
    image = w.view.viewport().grab().toImage()
    assert not image.isNull() and image.width() > 400
    colours = {image.pixelColor(x, y).rgb() for x in range(0, image.width(), 23) for y in range(0, image.height(), 19)}
    assert len(colours) > 10

    # scatter the cards, then tidy up with the window's action: one undo step back to the scatter
    scattered = {pid: (doc.people[pid].pos[0] + (i % 7) * 13.0, doc.people[pid].pos[1] + (i % 5) * 9.0)
                 for i, pid in enumerate(sorted(placed))}
    w.undo_stack.push(MoveCommand(doc, scattered, {pid: doc.people[pid].pos for pid in scattered}, "scatter"))
    assert card_places(w) == model_places(doc)
    before = w.undo_stack.count()
    w.edit.auto_layout.trigger()
    assert w.undo_stack.count() == before + 1
    tidy = L.auto_layout(doc)
    assert {pid: doc.people[pid].pos for pid in tidy} == tidy
    assert card_places(w) == model_places(doc)
    assert_arrows_follow_their_cards(w)
    in_cell: dict[tuple[str, float, float], str] = {}
    for p in doc.people.values():  # no two cards share a place in a lane after tidying up
        if p.placed:
            key = (L.lane_key(p), *p.pos)
            assert key not in in_cell, (p.id, in_cell.get(key))
            in_cell[key] = p.id
    rects = [card.scene_card_rect() for card in w.scene.cards.values()]
    assert not [(i, j) for i in range(0, len(rects), 97) for j in range(len(rects)) if i != j and rects[i].intersects(rects[j])]
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
    assert set(w.scene.cards) == placed and set(w.scene.handoff_items) == drawn
    assert card_places(w) == model_places(w.document)
