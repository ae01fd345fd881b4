"""One way to change the document: every edit applies once; a refused edit leaves the undo stack,
the modified flag and the map as they were (gui/commands.py DocCommand, gui/undo_push.py)."""
from __future__ import annotations

import pytest
from canvas_fixtures import sample_map
from PySide6.QtGui import QUndoStack

from gui.commands import MoveCommand, RemoveCommand, StoryCommand, UpdateCommand
from gui.undo_push import push
from model.document import DocumentError
from model.events import Event


def watched():
    doc = sample_map()
    heard: list[Event] = []
    doc.subscribe(heard.append)
    stack = QUndoStack()
    return doc, stack, heard


def test_an_edit_runs_once_and_is_heard_once(qtbot) -> None:
    doc, stack, heard = watched()
    push(stack, UpdateCommand(doc, "person", "ana", {"title": "Head of sales"}))
    assert doc.person("ana").title == "Head of sales"
    assert [(e.action, e.id) for e in heard] == [("changed", "ana")]
    assert stack.count() == 1 and not stack.isClean()


def test_a_refused_edit_pushed_straight_leaves_stack_flag_and_map_as_they_were(qtbot) -> None:
    doc, stack, heard = watched()
    stack.setClean()
    cmd = UpdateCommand(doc, "person", "ana", {"no_such_field": 1})
    stack.push(cmd)  # as the inspector pushes: no trial run around it
    assert cmd.refusal and "no field" in cmd.refusal
    assert stack.count() == 0 and stack.isClean() and not stack.canUndo()
    assert heard == []


def test_a_refused_edit_through_push_says_why_and_changes_nothing(qtbot) -> None:
    doc, stack, heard = watched()
    push(stack, UpdateCommand(doc, "person", "ana", {"title": "Lead"}))
    stack.setClean()
    with pytest.raises(DocumentError, match="no field"):
        push(stack, UpdateCommand(doc, "person", "luc", {"bogus": 2}))
    assert stack.count() == 1 and stack.isClean() and len(heard) == 1


def test_one_refused_part_refuses_the_whole_step_and_puts_the_rest_back(qtbot) -> None:
    doc, stack, heard = watched()
    before = doc.person("ana").pos
    with pytest.raises(DocumentError):
        push(stack, [MoveCommand(doc, {"ana": (900.0, 14.0)}, {"ana": before}),
                     RemoveCommand(doc, "person", "luc"),
                     UpdateCommand(doc, "person", "eli", {"bogus": 1})], "Three things")
    assert doc.person("ana").pos == before and "luc" in doc.people and "h1" in doc.handoffs
    assert stack.count() == 0


def test_a_refused_keystroke_does_not_merge_into_the_typing_before_it(qtbot) -> None:
    doc, stack, _heard = watched()
    stack.push(StoryCommand(doc, "ana", "moment", "The day the"))
    stack.push(StoryCommand(doc, "ana", "moment", "The day the pump"))
    refused = StoryCommand(doc, "nobody", "moment", "x")
    stack.push(refused)
    assert refused.refusal is not None
    assert stack.count() == 1 and doc.person("ana").story.moment == "The day the pump"
    stack.undo()
    assert doc.person("ana").story.moment == ""
