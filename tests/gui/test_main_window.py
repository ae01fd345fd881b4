"""Main-window editing: clipboard, delete, zoom, search, tidy-up on a big
imported roster, the title, and errors that never reach the user as a traceback."""
from __future__ import annotations

import pytest
from canvas_fixtures import write_roster
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.app import install_excepthook
from gui.canvas import clipboard
from model import layout
from model.roster.to_map import import_roster
from model.storage.serialize import to_data


@pytest.fixture
def criticals(boxes, monkeypatch):
    """Warnings and errors in one list (set up after `boxes`, so these win)."""
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: seen.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: seen.append(text))
    return seen


def test_title_names_the_map_and_marks_unsaved_changes(window):
    w = window
    assert w.windowTitle().startswith("Test walk") and not w.isWindowModified()
    w.scene.select_ids(["ana"])
    w.edit.mark_you.trigger()
    assert w.document.meta.you_id == "ana" and w.isWindowModified()
    assert w.scene.cards["ana"].face.you
    w.undo_stack.undo()
    assert not w.isWindowModified() and not w.scene.cards["ana"].face.you


def test_copy_paste_and_duplicate_bring_hand_offs_along_with_new_ids(window):
    w = window
    doc = w.document
    w.scene.select_ids(["ana", "luc"])
    w.edit.copy.trigger()
    people, handoffs = len(doc.people), len(doc.handoffs)
    w.edit.paste.trigger()
    new = w.scene.selected_person_ids()
    assert len(new) == 2 and not set(new) & {"ana", "luc"}
    assert len(doc.people) == people + 2 and len(doc.handoffs) == handoffs + 1
    copies = {doc.people[p].name: doc.people[p] for p in new}
    pos = copies["Ana Seller"].pos  # offset, and moved down clear of the cards already there
    assert pos[0] == 175.0 + clipboard.OFFSET and pos[1] >= 14.0 + clipboard.OFFSET
    assert copies["Ana Seller"].department_id == "sales"
    link = [h for h in doc.handoffs.values() if h.source in new]
    assert len(link) == 1 and link[0].target in new and link[0].what == "signed order"
    w.edit.duplicate.trigger()
    assert len(doc.people) == people + 4
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert len(doc.people) == people and len(doc.handoffs) == handoffs


def test_paste_of_foreign_clipboard_text_changes_nothing(window):
    w = window
    QApplication.clipboard().setText("just some text")
    before = to_data(w.document)
    w.edit.paste.trigger()
    assert to_data(w.document) == before


def test_delete_removes_people_with_their_hand_offs_and_undo_restores(window):
    w = window
    doc = w.document
    before = to_data(doc)
    w.scene.select_ids(["luc"])
    w.edit.delete.trigger()
    assert "luc" not in doc.people and "luc" not in w.scene.cards
    assert not doc.handoffs and not w.scene.handoff_items
    w.undo_stack.undo()
    assert to_data(doc) == before
    assert set(w.scene.handoff_items) == {"h1", "h2"}


def test_zoom_keys_wheel_and_fit(window, qtbot):
    w = window
    w.view.reset_zoom()
    w.edit.zoom_in.trigger()
    assert w.view.zoom() > 1.0
    w.edit.zoom_reset.trigger()
    assert w.view.zoom() == pytest.approx(1.0)
    pos = QPointF(200, 200)
    wheel = QWheelEvent(pos, QPointF(w.view.viewport().mapToGlobal(pos.toPoint())), QPoint(0, 0),
                        QPoint(0, -240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(w.view.viewport(), wheel)
    assert w.view.zoom() < 1.0
    w.edit.fit.trigger()
    visible = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert visible.contains(w.view.map_rect().adjusted(2, 2, -2, -2))
    assert w.zoom_label.text() == f"{round(w.view.zoom() * 100)}%"


def test_search_selects_and_centres_the_next_match(window, qtbot):
    w = window
    w.view.set_zoom(2.0)
    w.edit.find.trigger()
    assert w.search.hasFocus()
    qtbot.keyClicks(w.search, "lawyer")
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    assert w.scene.selected_person_ids() == ["luc"]
    visible = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert visible.contains(w.scene.cards["luc"].sceneBoundingRect())
    w.search.clear()
    qtbot.keyClicks(w.search, "nobody like this")
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    assert w.scene.selected_person_ids() == ["luc"]


def test_auto_layout_of_a_300_person_roster_leaves_no_overlaps_and_undoes(window, tmp_path):
    w = window
    result = import_roster(write_roster(tmp_path / "roster.csv"))
    w.set_document(result.document, None, modified=True)
    doc = w.document
    placed = [p for p in doc.people.values() if p.placed]
    assert len(placed) == 300 and len(w.scene.cards) == 300
    doc_before = to_data(doc)
    w.edit.auto_layout.trigger()
    rects = sorted((c.sceneBoundingRect().adjusted(4, 4, -10, -4) for c in w.scene.cards.values()),
                   key=lambda r: (r.left(), r.top()))
    for i, a in enumerate(rects):
        for b in rects[i + 1: i + 40]:
            assert not a.intersects(b)
    for pid, card in w.scene.cards.items():
        lane = w.scene.lane(layout.lane_key(doc.people[pid]))
        assert lane.top <= card.pos().y() and card.pos().y() + layout.CARD_H <= lane.bottom
        stage = doc.people[pid].stage
        if stage:
            assert layout.stage_at(card.pos().x() + layout.CARD_W / 2, w.scene.widths) == stage
    w.undo_stack.undo()
    assert to_data(doc) == doc_before


def test_an_exception_in_an_action_is_shown_not_raised_and_the_map_is_intact(window, monkeypatch, criticals):
    w = window
    before = to_data(w.document)

    def broken(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(clipboard, "copy_selection", broken)
    w.scene.select_ids(["ana"])
    w.edit.copy.trigger()
    assert criticals and "boom" in criticals[-1]
    assert to_data(w.document) == before


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_goes_to_the_hook_as_a_message(window, qtbot, monkeypatch, criticals):
    import sys

    w = window
    before = to_data(w.document)
    old = sys.excepthook
    hook = install_excepthook(w)
    try:
        def failing_slot() -> None:
            raise ValueError("a bug in a slot")

        QTimer.singleShot(0, failing_slot)
        qtbot.waitUntil(lambda: bool(hook.shown), timeout=3000)
    finally:
        sys.excepthook = old
    assert "a bug in a slot" in hook.shown[0] and "still open" in hook.shown[0]
    assert criticals and criticals[-1] == hook.shown[0]
    assert to_data(w.document) == before


def test_a_refused_edit_is_a_sentence_and_changes_nothing(window, criticals):
    w = window
    from gui.commands import UpdateCommand

    before, steps = to_data(w.document), w.undo_stack.count()
    assert not w.scene.push(UpdateCommand(w.document, "person", "ana", {"stage": "nowhere"}))
    assert to_data(w.document) == before and w.undo_stack.count() == steps
    assert criticals and "stage" in criticals[-1]


def test_unplaced_people_have_no_card_until_placed(window):
    w = window
    assert "zed" not in w.scene.cards
    w.select_person("zed")
    assert "roster" in w.statusBar().currentMessage()


def test_undo_and_redo_actions_name_the_step_and_lay_out_once(window):
    w = window
    assert not w.edit.undo.isEnabled()
    w.scene.select_ids(["ana", "luc", "eli"])
    w.edit.duplicate.trigger()
    assert "Duplicate 3 people" in w.edit.undo.text()
    copies = w.scene.selected_person_ids()
    w.edit.undo.trigger()
    assert not set(copies) & set(w.scene.cards) and w.edit.redo.isEnabled()
    w.edit.redo.trigger()
    assert set(copies) <= set(w.scene.cards)
    for pid in copies:
        p = w.document.people[pid]
        lane = w.scene.lane(layout.lane_key(p))
        assert w.scene.cards[pid].pos() == QPointF(p.pos[0], lane.top + p.pos[1])
