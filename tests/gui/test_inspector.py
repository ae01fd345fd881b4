"""The inspector driven the way a person does: select, type, undo, switch selection."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QInputMethodEvent, QUndoStack, QWheelEvent
from PySide6.QtWidgets import QApplication

from gui.inspector.panel import Inspector

sys.path.insert(0, str(Path(__file__).parent))
from panels_fixtures import small_map


@pytest.fixture
def setup(qtbot):
    doc = small_map()
    stack = QUndoStack()
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(doc, stack)
    inspector.resize(420, 700)
    inspector.show()
    return doc, stack, inspector


def type_text(qtbot, widget, text):
    """Type as a person does: keys for Latin text, the input method for the rest
    (QTest cannot press keys for CJK, Arabic or emoji)."""
    for ch in text:
        if ord(ch) < 256:
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def select_all_and_type(qtbot, widget, text):
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_typing_a_name_is_one_undo_step(setup, qtbot):
    doc, stack, inspector = setup
    inspector.show_selection("person", ["ana"])
    form = inspector.person_form
    assert inspector.pages.currentWidget() is form
    assert form.name.text() == "Ana Seller"
    select_all_and_type(qtbot, form.name, "Ana Ødegård")
    assert doc.people["ana"].name == "Ana Ødegård"
    assert stack.count() == 1
    stack.undo()
    assert doc.people["ana"].name == "Ana Seller"
    assert form.name.text() == "Ana Seller"
    stack.redo()
    assert form.name.text() == "Ana Ødegård"


def test_ctrl_z_in_a_field_undoes_the_document(setup, qtbot):
    doc, _stack, inspector = setup
    inspector.show_selection("person", ["luc"])
    form = inspector.person_form
    form.title.setFocus()
    form.title.end(False)
    qtbot.keyClicks(form.title, " & counsel")
    assert doc.people["luc"].title == "Legal manager & counsel"
    qtbot.keyClick(form.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.people["luc"].title == "Legal manager"
    assert form.title.text() == "Legal manager"


def test_story_prompts_survive_selection_changes_and_undo_per_prompt(setup, qtbot):
    doc, stack, inspector = setup
    inspector.show_selection("person", ["ana"])
    story = inspector.person_form.story
    hand_on = story.editors["hand_on"]
    moment = story.editors["moment"]
    hand_on.setFocus()
    qtbot.keyClicks(hand_on, "The order, checked <twice> & signed")
    moment.setFocus()
    type_text(qtbot, moment, "مرحبا 你好 🚀")
    # switching selection away and back keeps every word typed
    inspector.show_selection("person", ["luc"])
    assert inspector.person_form.story.editors["hand_on"].toPlainText() == ""
    inspector.show_selection("person", ["ana"])
    assert doc.people["ana"].story.hand_on == "The order, checked <twice> & signed"
    assert doc.people["ana"].story.moment == "مرحبا 你好 🚀"
    assert story.editors["moment"].toPlainText() == "مرحبا 你好 🚀"
    # two prompts are two undo steps; undoing the second keeps the first
    assert stack.count() == 2
    stack.undo()
    assert doc.people["ana"].story.moment == ""
    assert doc.people["ana"].story.hand_on == "The order, checked <twice> & signed"
    assert story.editors["moment"].toPlainText() == ""
    stack.undo()
    assert doc.people["ana"].story.hand_on == ""


def test_refresh_keeps_the_cursor_of_the_field_being_typed_in(setup, qtbot):
    doc, _stack, inspector = setup
    inspector.show_selection("person", ["ana"])
    edit = inspector.person_form.story.editors["why_good"]
    edit.setFocus()
    qtbot.keyClicks(edit, "I listen")
    cursor = edit.textCursor()
    cursor.setPosition(2)
    edit.setTextCursor(cursor)
    qtbot.keyClicks(edit, "X")  # typed in the middle: the write and its event must not move the cursor
    assert doc.people["ana"].story.why_good == "I Xlisten"
    assert edit.textCursor().position() == 3
    qtbot.keyClicks(edit, "Y")
    assert doc.people["ana"].story.why_good == "I XYlisten"


def test_long_story_and_sweet_spot(setup, qtbot):
    doc, stack, inspector = setup
    inspector.show_selection("person", ["luc"])
    story = inspector.person_form.story
    long_text = ("Terms the customer can read. " * 1100)[:30000]
    story.editors["reaches_customer"].setPlainText(long_text)  # a paste
    assert doc.people["luc"].story.reaches_customer == long_text
    story.sweet_spot.click()
    assert doc.people["luc"].story.sweet_spot is True
    assert doc.people["luc"].story.reaches_customer == long_text
    stack.undo()
    assert doc.people["luc"].story.sweet_spot is False
    assert not story.sweet_spot.isChecked()


def test_department_stage_kind_and_you(setup, qtbot):
    doc, stack, inspector = setup
    inspector.show_selection("person", ["ana"])
    form = inspector.person_form
    assert [form.department.itemText(i) for i in range(form.department.count())] == [
        "No department", "Sales", "Legal"
    ]
    form.department.setCurrentIndex(form.department.findData("legal"))
    assert doc.people["ana"].department_id == "legal"
    # she moved to a free row of the Legal lane, not on top of Luc
    assert doc.people["ana"].pos != doc.people["luc"].pos
    form.stage.setCurrentIndex(form.stage.findData("renew"))
    assert doc.people["ana"].stage == "renew"
    form.you.click()
    assert doc.meta.you_id == "ana"
    stack.undo()
    assert doc.meta.you_id is None and not form.you.isChecked()
    stack.undo()
    stack.undo()
    assert doc.people["ana"].department_id == "sales"
    assert form.department.currentData() == "sales"
    assert doc.people["ana"].pos == (175.0, 14.0)
    form.kind.setCurrentIndex(form.kind.findData("customer"))
    assert doc.people["ana"].kind == "customer"
    assert not form.department.isEnabled()


def test_department_colour_and_kpis(setup, qtbot):
    doc, stack, inspector = setup
    inspector.show_selection("department", ["legal"])
    form = inspector.department_form
    assert inspector.pages.currentWidget() is form
    form.swatches.buttons["#59A14F"].click()
    assert doc.departments["legal"].color == "#59A14F"
    assert form.swatches.buttons["#59A14F"].isChecked()
    form.kpis.setFocus()
    form.kpis.moveCursor(form.kpis.textCursor().MoveOperation.End)
    qtbot.keyClick(form.kpis, Qt.Key.Key_Return)
    # an empty new line changes nothing yet, and the refresh leaves it there
    assert doc.departments["legal"].kpis == ["Contract cycle time"]
    assert form.kpis.toPlainText() == "Contract cycle time\n"
    qtbot.keyClicks(form.kpis, "  First-time right  ")
    assert doc.departments["legal"].kpis == ["Contract cycle time", "First-time right"]
    stack.undo()
    assert doc.departments["legal"].kpis == ["Contract cycle time"]
    assert form.kpis.toPlainText() == "Contract cycle time"
    stack.undo()
    assert doc.departments["legal"].color == "#F28E2B"
    # renaming the department shows in a person's department combo
    select_all_and_type(qtbot, form.name, "Legal & Compliance")
    inspector.show_selection("person", ["luc"])
    assert inspector.person_form.department.currentText() == "Legal & Compliance"


def test_handoff_two_way_and_swap(setup, qtbot):
    doc, stack, inspector = setup
    inspector.show_selection("handoff", ["h1"])
    form = inspector.handoff_form
    assert form.source.text() == "Ana Seller (Account executive, Sales)"
    assert form.target.text() == "Luc Lawyer (Legal manager, Legal)"
    form.two_way.click()
    assert doc.handoffs["h1"].two_way is True
    assert form.heading.text() == "Two-way hand-off"
    stack.undo()
    assert doc.handoffs["h1"].two_way is False and not form.two_way.isChecked()
    form.swap.click()
    assert (doc.handoffs["h1"].source, doc.handoffs["h1"].target) == ("luc", "ana")
    assert form.source.text().startswith("Luc Lawyer")
    select_all_and_type(qtbot, form.what, "order form")
    assert doc.handoffs["h1"].what == "order form"


def test_map_details_and_removal(setup, qtbot):
    doc, stack, inspector = setup
    inspector.show_selection("", [])
    form = inspector.map_form
    select_all_and_type(qtbot, form.title, "Acme walk")
    assert doc.meta.title == "Acme walk"
    assert stack.count() == 1
    form.stale_days.setValue(30)
    assert doc.meta.stale_days == 30
    assert "3 colleagues, 1 customer contact" in form.summary.text()
    assert "1 on the roster not yet in the walk" in form.summary.text()
    stack.undo()
    stack.undo()
    assert doc.meta.title == "Untitled map" and form.title.text() == "Untitled map"
    # the person shown is deleted: the inspector falls back to the map's details
    inspector.show_selection("person", ["luc"])
    doc.remove("person", "luc")
    assert inspector.pages.currentWidget() is form


def test_bulk_edit_of_several_people(setup, qtbot):
    doc, stack, inspector = setup
    inspector.show_selection("person", ["ana", "luc"])
    form = inspector.map_form
    assert not form.people_bulk.isHidden()
    index = form.people_bulk.stage.findData("build")
    form.people_bulk.stage.setCurrentIndex(index)
    form.people_bulk.stage.activated.emit(index)
    assert doc.people["ana"].stage == doc.people["luc"].stage == "build"
    assert stack.count() == 1
    stack.undo()
    assert (doc.people["ana"].stage, doc.people["luc"].stage) == ("sell", "contract")


def test_the_same_selection_again_leaves_the_cursor_alone(setup, qtbot):
    _doc, _stack, inspector = setup
    inspector.show_selection("person", ["ana"])
    name = inspector.person_form.name
    name.setFocus()
    name.setCursorPosition(3)
    inspector.show_selection("person", ["ana"])
    assert name.cursorPosition() == 3
    inspector.set_document(small_map(), QUndoStack())  # a new map always reloads
    assert inspector.pages.currentWidget() is inspector.map_form


def test_tab_walks_the_person_form_top_to_bottom(setup, qtbot):
    _doc, _stack, inspector = setup
    inspector.show_selection("person", ["ana"])
    form = inspector.person_form
    form.name.setFocus()
    seen = []
    for _ in range(19):  # the keep-in-touch chooser and the "Left?" box are two more stops
        widget = QApplication.focusWidget()
        seen.append(widget.objectName())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    named = [n for n in seen if n]
    assert named == [
        "name", "title", "email", "phone", "location", "cadence", "what_they_do", "why_this_order",
        "strengths",
        "story_hand_on", "story_reaches_customer", "story_why_good", "story_moment",
    ]
    assert seen.index("title") < seen.index("email") - 4  # kind, department, sourcing, stage, "me" between


def test_pasted_control_characters_and_markup_are_kept_as_typed(setup, qtbot):
    doc, stack, inspector = setup
    inspector.show_selection("person", ["luc"])
    form = inspector.person_form
    form.name.setFocus()
    form.name.selectAll()
    form.name.insert("<b>Luc</b> & \x00\x07 \u202eRTL")  # a paste
    assert doc.people["luc"].name == "<b>Luc</b> & \x00\x07 \u202eRTL"
    assert form.title_label.text() == "<b>Luc</b> & \x00\x07 \u202eRTL"  # shown as text, never as markup
    stack.undo()
    assert doc.people["luc"].name == "Luc Lawyer"
    inspector.show_selection("", [])
    doc.set_you("ana")
    doc.update("person", "ana", name="<i>Ana</i>")
    assert "You are marked as <i>Ana</i>." in inspector.map_form.summary.text()
    assert inspector.map_form.summary.textFormat() == Qt.TextFormat.PlainText


def test_the_wheel_scrolls_past_a_combo_without_changing_it(setup, qtbot):
    doc, stack, inspector = setup
    inspector.show_selection("person", ["ana"])
    combo = inspector.person_form.department
    inspector.person_form.name.setFocus()
    event = QWheelEvent(QPointF(5, 5), QPointF(combo.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(combo, event)
    assert doc.people["ana"].department_id == "sales" and stack.count() == 0
    combo.setFocus()
    QApplication.sendEvent(combo, event)
    assert doc.people["ana"].department_id == "legal"  # a focused combo still answers the wheel


def test_a_roster_person_can_be_put_in_the_walk_from_the_inspector(setup, qtbot):
    doc, stack, inspector = setup
    inspector.show_selection("person", ["zed"])
    form = inspector.person_form
    assert not form.place_button.isHidden()
    qtbot.mouseClick(form.place_button, Qt.MouseButton.LeftButton)
    assert doc.people["zed"].placed
    assert doc.people["zed"].pos != doc.people["luc"].pos  # a free row in the Legal lane
    assert form.place_button.isHidden()
    stack.undo()
    assert not doc.people["zed"].placed and not form.place_button.isHidden()


def test_keep_in_touch_cadence_is_chosen_undone_and_follows_the_maps_default(setup, qtbot):
    from gui.commands import MetaFieldCommand

    doc, stack, inspector = setup
    inspector.show_selection("person", ["ana"])
    form = inspector.person_form
    assert form.cadence.currentText() == f"Map default (every {doc.meta.stale_days} days)"
    assert form.cadence.currentData() is None and "due now, never contacted" in form.next_reach.text()
    form.cadence.setFocus()
    form.cadence.setCurrentIndex(form.cadence.findText("Every 6 weeks"))
    assert doc.people["ana"].cadence_days == 42 and stack.count() == 1
    form.cadence.setCurrentIndex(form.cadence.findText("No reminders"))
    assert doc.people["ana"].cadence_days == 0 and form.next_reach.text() == "No reminders for them."
    stack.undo()
    stack.undo()
    assert doc.people["ana"].cadence_days is None and form.cadence.currentData() is None
    stack.push(MetaFieldCommand(doc, "stale_days", 30))
    assert form.cadence.itemText(0) == "Map default (every month)"
    doc.update("person", "ana", cadence_days=45)  # a value from a file, none of the usual ones
    inspector.show_selection("person", ["luc"])
    inspector.show_selection("person", ["ana"])
    assert form.cadence.currentText() == "Every 45 days"
