"""The map summary follows edits person by person (issue 19) and still says exactly what a
fresh recount of the whole map says, whether or not it was on screen while the edits came."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from bench.mapgen import make_big_map
from gui.commands import AddCommand, MoveCommand, RemoveCommand, StoryCommand, UpdateCommand
from gui.inspector.map_page import summary_text
from gui.inspector.panel import Inspector
from model.entities import CUSTOMER, Person


@pytest.fixture
def shown(qtbot):
    doc = make_big_map(120, seed=3)
    stack = QUndoStack()
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(doc, stack)
    inspector.show()
    return doc, stack, inspector


def edits(doc, stack):
    """Every kind of person edit the summary counts, and some it does not."""
    colleague = next(p for p in doc.people.values() if not p.is_customer and not p.story.is_written())
    placed = next(p for p in doc.people.values() if p.placed and p.id != colleague.id)
    dept = next(iter(doc.departments))
    stack.push(StoryCommand(doc, colleague.id, "hand_on", "Signed papers & <notes> 法務 📄"))
    stack.push(UpdateCommand(doc, "person", placed.id, {"placed": False}))
    stack.push(UpdateCommand(doc, "person", colleague.id, {"kind": CUSTOMER}))
    stack.push(AddCommand(doc, "person", Person("Rita Roster", "Clerk", dept, placed=False, id="r1")))
    stack.push(AddCommand(doc, "person", Person("Nadia Neu", "Analyst", dept, pos=(40.0, 40.0), id="n1")))
    stack.push(MoveCommand(doc, {"n1": (400.0, 60.0)}, {"n1": (40.0, 40.0)}))
    stack.push(RemoveCommand(doc, "department", dept))
    stack.push(RemoveCommand(doc, "person", placed.id))
    stack.push(UpdateCommand(doc, "person", "r1", {"name": "Rita R."}))


def test_the_summary_after_edits_undo_and_redo_equals_a_fresh_recount(shown):
    doc, stack, inspector = shown
    label = inspector.map_form.summary
    assert inspector.current_form() is inspector.map_form
    start = label.text()
    assert start == summary_text(doc)
    edits(doc, stack)
    assert label.text() == summary_text(doc)
    assert label.text() != start  # the edits changed the counts
    while stack.canUndo():
        stack.undo()
        assert label.text() == summary_text(doc)
    assert label.text() == start
    while stack.canRedo():
        stack.redo()
        assert label.text() == summary_text(doc)


def test_the_summary_is_right_after_edits_made_while_a_person_was_shown(shown):
    doc, stack, inspector = shown
    pid = next(iter(doc.people))
    inspector.show_selection("person", [pid])
    assert inspector.current_form() is inspector.person_form
    edits(doc, stack)
    inspector.show_selection("", [])
    assert inspector.map_form.summary.text() == summary_text(doc)


def test_a_new_map_is_counted_afresh(shown, qtbot):
    doc, stack, inspector = shown
    other = make_big_map(60, seed=8)
    inspector.set_document(other, QUndoStack())
    assert inspector.map_form.summary.text() == summary_text(other)
    assert summary_text(other) != summary_text(doc)
