"""A coach's live session on the canvas: deleting a lane raises no error box, Select All
then Delete works from nothing, and the edit actions follow what is really selected."""
from __future__ import annotations

from canvas_fixtures import sample_map
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from model.document import Document


def test_deleting_a_department_shows_no_error_box(window, qtbot, boxes):
    w = window
    w.view.setFocus()
    w.scene.select_ids([], centre=False, department_ids=["eng"])
    assert w.edit.delete.isEnabled()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert "eng" not in w.document.departments
    assert boxes["critical"] == [] and boxes["warning"] == []
    assert not w.edit.lane_up.isEnabled() and not w.edit.lane_down.isEnabled()
    w.undo_stack.undo()
    assert "eng" in w.document.departments and boxes["critical"] == []


def test_select_all_then_delete_from_an_empty_selection(window, qtbot, boxes):
    w = window
    w.view.setFocus()
    w.scene.select_ids([], centre=False)
    assert not (w.edit.cut.isEnabled() or w.edit.copy.isEnabled() or w.edit.delete.isEnabled())
    qtbot.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert w.edit.delete.isEnabled()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    placed = [p for p in w.document.people.values() if p.placed]
    assert placed == [] and w.document.handoffs == {}
    assert boxes["critical"] == []
    # nothing is left selected, so nothing can be cut, copied or deleted
    assert not (w.edit.cut.isEnabled() or w.edit.copy.isEnabled() or w.edit.delete.isEnabled())
    w.undo_stack.undo()
    assert len(w.document.handoffs) == 2


def test_select_all_after_file_new_enables_delete(window, qtbot, boxes):
    w = window
    w.set_document(Document.with_standard_statements(), None)  # what File > New leaves behind
    w.set_document(sample_map(), None)
    w.view.setFocus()
    w.edit.select_all.trigger()
    assert w.edit.delete.isEnabled() and w.edit.copy.isEnabled()
    w.edit.delete.trigger()
    assert not any(p.placed for p in w.document.people.values())
