"""The canvas driven the way a person does: drops from the palette, drawing and
reconnecting hand-offs, dragging cards and lanes, then undo back to the start."""
from __future__ import annotations

import pytest
from canvas_fixtures import click, double_click, drag, drop_on_view, sample_map, tile_mime
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from gui.canvas.mime import NEW_COLLEAGUE, NEW_CUSTOMER, NEW_DEPARTMENT, person_payload
from gui.main_window import MainWindow
from model import layout
from model.stages import STAGE_IDS
from model.storage.serialize import to_data


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda *a, **k: warnings.append(a[2]) or QMessageBox.StandardButton.Ok)
    w = MainWindow(sample_map(), None)
    w.warnings = warnings
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.view.reset_zoom()
    return w


def cell_point(w, lane_key: str, stage: str, dy: float = 0.0) -> QPointF:
    """The scene point in the middle of a lane's stage column."""
    lane = w.scene.lane(lane_key)
    x = layout.column_x(STAGE_IDS.index(stage)) + layout.COL_W / 2
    return QPointF(x, lane.top + layout.PAD + layout.CARD_H / 2 + dy)


def show(w, point: QPointF) -> None:
    w.view.centerOn(point)


def card_centre(w, pid: str) -> QPointF:
    return w.scene.cards[pid].scene_card_rect().center()


def handle(w, pid: str) -> QPointF:
    card = w.scene.cards[pid]
    return card.mapToScene(card.handle_rect().center())


def test_a_person_builds_a_map_and_undo_takes_it_all_back(window, qtbot):
    w = window
    doc = w.document
    original = to_data(doc)

    # 1. drag the roster entry "Zed" onto the Engineering lane, Build column
    target = cell_point(w, "eng", "build")
    show(w, target)
    assert drop_on_view(w.view, tile_mime(person_payload("zed")), target)
    zed = doc.people["zed"]
    assert (zed.placed, zed.department_id, zed.stage) == (True, "eng", "build")
    assert "zed" in w.scene.cards
    assert w.scene.selected_person_ids() == ["zed"]

    # 2. draw a hand-off from Eli's handle to Zed's card
    show(w, card_centre(w, "eli"))
    before = set(doc.handoffs)
    drag(w.view, handle(w, "eli"), card_centre(w, "zed"))
    new = set(doc.handoffs) - before
    assert len(new) == 1
    h = doc.handoffs[new.pop()]
    assert (h.source, h.target) == ("eli", "zed")
    assert w.scene.selected_handoff_ids() == [h.id]

    # 3. type a story in the inspector for Zed
    click(w.view, card_centre(w, "zed"))
    assert w.scene.selected_person_ids() == ["zed"]
    editor = w.inspector.findChild(QWidget, "story_hand_on")
    assert editor is not None
    editor.setFocus()
    qtbot.keyClicks(editor, "Parts list & <specs>")
    qtbot.waitUntil(lambda: doc.people["zed"].story.hand_on == "Parts list & <specs>", timeout=3000)

    # 4. move Luc one column to the right (one undo step; his stage follows the column)
    show(w, card_centre(w, "luc"))
    steps = w.undo_stack.count()
    start = card_centre(w, "luc")
    drag(w.view, start, start + QPointF(layout.COL_W, 0))
    assert w.undo_stack.count() == steps + 1
    assert doc.people["luc"].stage == "specify"
    assert doc.people["luc"].pos == (375.0 + layout.COL_W, 14.0)

    done = to_data(doc)
    assert done != original
    while w.undo_stack.canUndo():
        w.undo_stack.undo()
    assert to_data(doc) == original
    assert "zed" not in w.scene.cards
    while w.undo_stack.canRedo():
        w.undo_stack.redo()
    assert to_data(doc) == done
    assert w.scene.cards["luc"].pos() == QPointF(375.0 + layout.COL_W, w.scene.lane("legal").top + 14.0)


def test_dragging_a_card_into_another_lane_sets_department_and_stage_in_one_step(window):
    w = window
    doc = w.document
    show(w, card_centre(w, "ana"))
    steps = w.undo_stack.count()
    start = card_centre(w, "ana")
    end = cell_point(w, "legal", "procure")
    show(w, (start + end) / 2)
    drag(w.view, start, end, steps=8)
    ana = doc.people["ana"]
    assert (ana.department_id, ana.stage) == ("legal", "procure")
    assert w.undo_stack.count() == steps + 1
    lane = w.scene.lane("legal")
    assert lane.top <= w.scene.cards["ana"].pos().y() < lane.bottom
    w.undo_stack.undo()
    ana = doc.people["ana"]
    assert (ana.department_id, ana.stage, ana.pos) == ("sales", "sell", (175.0, 14.0))


def test_a_colleague_dragged_into_the_customer_lane_stays_in_their_own_lane(window):
    w = window
    doc = w.document
    start = card_centre(w, "luc")
    end = QPointF(start.x(), w.scene.lane(layout.CUSTOMER_LANE).top + 40)
    show(w, end)
    drag(w.view, start, end)
    assert doc.people["luc"].department_id == "legal"
    lane = w.scene.lane("legal")
    assert lane.top <= w.scene.cards["luc"].pos().y() < lane.bottom


def test_palette_tiles_drop_where_they_land(window):
    w = window
    doc = w.document
    point = cell_point(w, "sales", "invoice")
    show(w, point)
    assert drop_on_view(w.view, tile_mime(NEW_COLLEAGUE), point)
    (pid,) = w.scene.selected_person_ids()
    p = doc.people[pid]
    assert (p.department_id, p.stage, p.kind) == ("sales", "invoice", "colleague")
    assert w.scene.cards[pid].scene_card_rect().contains(point)

    point = cell_point(w, "legal", "collect")  # a customer always goes to the customers' lane
    show(w, point)
    assert drop_on_view(w.view, tile_mime(NEW_CUSTOMER), point)
    (cid,) = w.scene.selected_person_ids()
    assert doc.people[cid].is_customer and doc.people[cid].stage == "collect"

    # a new department lands between the lanes where it is dropped
    between = QPointF(400, w.scene.lane("legal").bottom - 5)
    show(w, between)
    assert drop_on_view(w.view, tile_mime(NEW_DEPARTMENT), between)
    order = list(doc.departments)
    assert order[:2] == ["sales", "legal"] and order[3] == "eng" and len(order) == 4
    assert w.scene.selected_department_ids() == [order[2]]
    w.view.close_editor()

    # a colleague tile on the customers' lane is refused with a sentence, and nothing changes
    count = len(doc.people)
    point = QPointF(800, w.scene.lane(layout.CUSTOMER_LANE).top + 30)
    show(w, point)
    assert not drop_on_view(w.view, tile_mime(NEW_COLLEAGUE), point)
    assert len(doc.people) == count
    assert any("customers" in m for m in w.warnings)


def test_reconnect_a_hand_off_end_and_delete_it(window):
    w = window
    doc = w.document
    item = w.scene.handoff_items["h2"]
    w.scene.select_ids([], ["h2"])
    _start, end = item.ends()
    show(w, end)
    drag(w.view, end, card_centre(w, "ana"))
    assert doc.handoffs["h2"].target == "ana"
    w.scene.select_ids([], ["h2"], centre=False)
    w.edit.delete.trigger()
    assert "h2" not in doc.handoffs and "h2" not in w.scene.handoff_items
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert (doc.handoffs["h2"].source, doc.handoffs["h2"].target) == ("luc", "eli")


def test_hand_off_shape_includes_arrowhead_and_two_way_heads(window):
    w = window
    item = w.scene.handoff_items["h1"]
    _a, b = item.ends()
    assert item.shape().contains(b - QPointF(3, 0))
    assert len(item._heads) == 1
    from gui.commands import UpdateCommand

    w.undo_stack.push(UpdateCommand(w.document, "handoff", "h1", {"two_way": True}))
    assert len(item._heads) == 2


def test_step_numbers_follow_the_walk(window, qtbot):
    w = window
    w.scene.refresh_steps()
    assert w.scene.handoff_items["h1"].step == 1
    assert w.scene.handoff_items["h2"].step == 2


def test_lane_header_drag_reorders_and_actions_move_lanes(window):
    w = window
    doc = w.document
    header = w.scene.lane_headers["sales"]
    start = header.sceneBoundingRect().center()
    end = QPointF(start.x(), w.scene.lane("eng").bottom - 5)
    show(w, start)
    middle = w.view.mapToScene(w.view.viewport().rect().center())
    w.view.centerOn(QPointF(middle.x(), (start.y() + end.y()) / 2))
    start = w.scene.lane_headers["sales"].sceneBoundingRect().center()
    drag(w.view, start, QPointF(start.x(), end.y()))
    assert list(doc.departments) == ["legal", "eng", "sales"]
    # people moved with their lane
    assert w.scene.lane("sales").top < w.scene.cards["ana"].pos().y() < w.scene.lane("sales").bottom
    w.scene.select_ids([], department_ids=["sales"], centre=False)
    w.edit.lane_up.trigger()
    assert list(doc.departments) == ["legal", "sales", "eng"]
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert list(doc.departments) == ["sales", "legal", "eng"]


def test_rename_a_lane_by_double_click(window, qtbot):
    w = window
    header = w.scene.lane_headers["legal"]
    point = header.sceneBoundingRect().topLeft() + QPointF(40, 20)
    show(w, point)
    point = w.scene.lane_headers["legal"].sceneBoundingRect().topLeft() + QPointF(40, 20)
    double_click(w.view, point)
    editor = w.view._editor
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Legal & Compliance")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.document.departments["legal"].name == "Legal & Compliance"
    assert w.scene.lane_headers["legal"].lane.name == "Legal & Compliance"


def test_resize_a_lane_by_dragging_its_bottom_edge(window):
    w = window
    lane = w.scene.lane("sales")
    grip = QPointF(900, lane.bottom)
    show(w, grip)
    drag(w.view, grip, grip + QPointF(0, 120))
    assert w.document.departments["sales"].lane_height == pytest.approx(lane.height + 120, abs=2)
    assert w.scene.lane("sales").height == pytest.approx(lane.height + 120, abs=2)
    assert w.scene.cards["luc"].pos().y() == pytest.approx(w.scene.lane("legal").top + 14.0)


def test_rubber_band_selects_and_alt_or_shift_arrows_nudge_in_one_step(window, qtbot):
    w = window
    doc = w.document
    a, b = w.scene.cards["ana"].sceneBoundingRect(), w.scene.cards["luc"].sceneBoundingRect()
    start = QPointF(a.left() - 10, a.top() - 8)
    end = QPointF(b.right() + 10, b.bottom() + 8)
    w.view.fit_to_window()
    drag(w.view, start, end, steps=10)
    assert sorted(w.scene.selected_person_ids()) == ["ana", "luc"]
    w.view.setFocus()
    steps = w.undo_stack.count()
    for _ in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert doc.people["ana"].pos == (178.0, 24.0)
    assert doc.people["luc"].pos == (378.0, 24.0)
    assert w.undo_stack.count() == steps + 1
    w.undo_stack.undo()
    assert doc.people["ana"].pos == (175.0, 14.0)


def test_selection_signal_names_the_entity(window):
    w = window
    got = []
    w.scene.selectionChangedTo.connect(lambda e, ids: got.append((e, ids)))
    w.scene.select_ids(["ana"])
    w.scene.select_ids([], ["h1"])
    w.scene.select_ids([], department_ids=["eng"])
    w.scene.select_ids(["ana"], ["h1"])
    w.scene.select_ids([])
    expected = [("person", ["ana"]), ("handoff", ["h1"]), ("department", ["eng"]), ("", []), ("", [])]
    assert got == expected[: len(got)]
    assert got[:3] == [("person", ["ana"]), ("handoff", ["h1"]), ("department", ["eng"])]
    assert got[3] == ("", [])

