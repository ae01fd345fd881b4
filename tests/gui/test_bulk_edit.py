"""Several cards or hand-offs selected: one field changes them all, as a person does it (clicks on
the canvas, keys in the inspector), as one undo step that gives each item its own value back."""
from __future__ import annotations

from canvas_fixtures import click
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from gui.inspector.mixed import SEVERAL, SEVERAL_TEXT
from model.entities import Person

CTRL = Qt.KeyboardModifier.ControlModifier


def _select_cards(window, *pids):
    for i, pid in enumerate(pids):
        click(window.view, window.scene.cards[pid].sceneBoundingRect().center(),
              modifiers=CTRL if i else Qt.KeyboardModifier.NoModifier)
    QApplication.processEvents()


def _heard(doc):
    events = []
    doc.subscribe(events.append)
    return events


def test_several_departments_show_as_several_and_one_choice_moves_them_all(window, qtbot):
    doc, stack = window.document, window.undo_stack
    _select_cards(window, "ana", "luc", "eli")
    box = window.inspector.map_form.people_bulk
    assert box.isVisibleTo(window.inspector) and box.title() == "Change all 3 people"
    assert box.department.currentText() == SEVERAL_TEXT and box.department.currentData() == SEVERAL
    assert box.sourcing.currentText() == "Insourced"  # all alike: the shared value, no "(several)"
    assert box.sourcing.findData(SEVERAL) < 0
    # by keyboard, as after Enter on the canvas: the first field takes the keys
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box.department)
    events, steps = _heard(doc), stack.count()
    box.department.setCurrentIndex(box.department.findData("legal") - 1)  # just above Legal
    qtbot.keyClick(box.department, Qt.Key.Key_Down)
    assert [doc.people[p].department_id for p in ("ana", "luc", "eli")] == ["legal"] * 3
    assert len(events) == 1 and stack.count() == steps + 1  # one event, one undo step
    assert box.department.currentText() == "Legal" and box.department.findData(SEVERAL) < 0
    legal = sorted(doc.people[p].pos for p in ("ana", "luc", "eli", "zed") if doc.people[p].placed)
    assert len(set(legal)) == 3  # moved into one lane: no two cards on one spot
    stack.undo()
    assert [doc.people[p].department_id for p in ("ana", "luc", "eli")] == ["sales", "legal", "eng"]
    assert box.department.currentText() == SEVERAL_TEXT  # the field follows the undo


def test_two_way_is_partly_ticked_and_a_click_ticks_every_hand_off(window, qtbot):
    doc, stack = window.document, window.undo_stack
    stack.push(_two_way(doc, "h1"))
    window.scene.select_ids([], ["h1", "h2"])
    QApplication.processEvents()
    box = window.inspector.map_form.handoff_bulk
    assert box.isVisibleTo(window.inspector) and box.title() == "Change all 2 hand-offs"
    assert box.two_way.checkState() == Qt.CheckState.PartiallyChecked
    assert box.what.text() == "" and box.what.placeholderText().startswith(SEVERAL_TEXT)
    box.two_way.click()
    assert doc.handoffs["h1"].two_way and doc.handoffs["h2"].two_way
    assert box.two_way.checkState() == Qt.CheckState.Checked
    stack.undo()
    assert doc.handoffs["h1"].two_way and not doc.handoffs["h2"].two_way  # each its own again
    assert box.two_way.checkState() == Qt.CheckState.PartiallyChecked


def test_what_is_handed_over_is_written_once_when_typed_and_never_when_left_empty(window, qtbot):
    doc, stack = window.document, window.undo_stack
    window.scene.select_ids([], ["h1", "h2"])
    QApplication.processEvents()
    what = window.inspector.map_form.handoff_bulk.what
    steps = stack.count()
    what.setFocus()
    qtbot.keyClick(what, Qt.Key.Key_A)
    qtbot.keyClick(what, Qt.Key.Key_Backspace)
    qtbot.keyClick(what, Qt.Key.Key_Return)  # typed, then emptied: a mixed field says nothing
    assert (doc.handoffs["h1"].what, doc.handoffs["h2"].what) == ("signed order", "contract terms")
    what.setFocus()
    qtbot.keyClicks(what, "the file <&> ")
    typed = QInputMethodEvent()  # QTest cannot press keys for CJK
    typed.setCommitString("合同")
    QApplication.sendEvent(what, typed)
    assert doc.handoffs["h1"].what == "signed order"  # nothing per keystroke
    window.view.setFocus()  # leaving the field is done typing, as Enter is
    assert doc.handoffs["h1"].what == doc.handoffs["h2"].what == "the file <&> 合同"
    assert stack.count() == steps + 1
    stack.undo()
    assert (doc.handoffs["h1"].what, doc.handoffs["h2"].what) == ("signed order", "contract terms")


def test_a_mixed_selection_offers_both_boxes_and_the_vendor_only_for_the_outsourced(window, qtbot):
    doc = window.document
    window.scene.select_ids(["ana", "luc"], ["h1"])
    QApplication.processEvents()
    form = window.inspector.map_form
    assert form.people_bulk.isVisibleTo(window.inspector) and form.handoff_bulk.isVisibleTo(window.inspector)
    assert form.handoff_bulk.title() == "Change the selected hand-off"
    assert not form.people_bulk.vendor.isEnabled()  # nobody selected is outsourced
    box = form.people_bulk
    box.sourcing.activated.emit(box.sourcing.findData("outsourced"))
    assert doc.people["ana"].sourcing == doc.people["luc"].sourcing == "outsourced"
    assert box.vendor.isEnabled()
    box.vendor.setFocus()
    qtbot.keyClicks(box.vendor, "Acme")
    qtbot.keyClick(box.vendor, Qt.Key.Key_Return)
    assert doc.people["ana"].vendor == doc.people["luc"].vendor == "Acme"


def _two_way(doc, hid):
    from gui.commands import UpdateCommand

    return UpdateCommand(doc, "handoff", hid, {"two_way": True})


def test_on_a_laptop_the_fields_that_change_them_all_are_in_sight_first(qtbot, tmp_path, monkeypatch):
    from canvas_fixtures import open_window, sample_map

    doc = sample_map()
    for i in range(12):  # more names than the list shows
        doc.add("person", Person(f"Extra {i}", department_id="sales", stage="sell", id=f"x{i}",
                                 pos=(175.0, 94.0 + 80 * i)))
    window = open_window(qtbot, tmp_path, monkeypatch, doc, size=(1024, 640))
    window.scene.select_all()
    QApplication.processEvents()
    form = window.inspector.map_form
    for field in (form.people_bulk.department, form.handoff_bulk.stage):
        assert not field.visibleRegion().isEmpty()  # no scrolling to find them


def test_typing_then_clicking_another_card_keeps_the_typing_for_what_was_selected(window, qtbot):
    doc = window.document
    window.scene.select_ids([], ["h1", "h2"])
    QApplication.processEvents()
    what = window.inspector.map_form.handoff_bulk.what
    what.setFocus()
    qtbot.keyClicks(what, "order pack")
    _select_cards(window, "eli")  # a click on the map: the field loses the focus, another item shows
    assert window.inspector.current_form() is window.inspector.person_form
    assert doc.handoffs["h1"].what == doc.handoffs["h2"].what == "order pack"


def test_five_hundred_people_change_stage_in_one_step_and_get_their_own_back(qtbot):
    from PySide6.QtGui import QUndoStack

    from bench.mapgen import make_big_map
    from gui.inspector.panel import Inspector

    doc, stack, inspector = make_big_map(500, seed=3), QUndoStack(), Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(doc, stack)
    pids = [p.id for p in doc.people.values()]
    before = {pid: (doc.people[pid].stage, doc.people[pid].pos) for pid in pids}
    inspector.show_selection("person", pids)
    stage = inspector.map_form.people_bulk.stage
    assert stage.currentText() == SEVERAL_TEXT
    events = _heard(doc)
    stage.activated.emit(stage.findData("build"))
    assert len(events) == 1 and stack.count() == 1
    assert {p.stage for p in doc.people.values()} == {"build"}
    assert stage.currentText().endswith("Build") and stage.findData(SEVERAL) < 0
    spots = [(p.department_id, p.kind, p.pos) for p in doc.people.values() if p.placed]
    assert len(set(spots)) == len(spots)  # one column now, and still no two cards on one spot
    stack.undo()
    assert {pid: (doc.people[pid].stage, doc.people[pid].pos) for pid in pids} == before


def test_the_same_people_listed_in_another_order_are_the_same_selection(qtbot):
    from panels_fixtures import small_map
    from PySide6.QtGui import QUndoStack

    from gui.inspector.panel import Inspector

    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(small_map(), QUndoStack())
    inspector.resize(360, 220)  # short: the page scrolls
    inspector.show()
    inspector.show_selection("person", ["ana", "luc", "zed"])
    bar = inspector.map_form.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    inspector.show_selection("person", ["zed", "ana", "luc"])  # a relayout re-listed them
    assert bar.value() == bar.maximum()  # not taken back to the top as if something else was chosen


def test_a_long_choice_in_a_narrow_inspector_ends_with_an_ellipsis(qtbot):
    from gui.widgets import FormComboBox

    combo = FormComboBox()
    qtbot.addWidget(combo)
    combo.addItem("Contract administration and order management", "x")
    combo.resize(140, combo.sizeHint().height())
    combo.show()
    assert combo.shown_text().endswith("…") and combo.shown_text().startswith("Contract")
    combo.resize(900, combo.sizeHint().height())
    assert combo.shown_text() == "Contract administration and order management"
    combo.grab()  # paints without error
