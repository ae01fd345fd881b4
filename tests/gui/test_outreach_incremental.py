"""The outreach panels follow edits in proportion to them (issue 19): an edit that cannot change
what they show costs them nothing, a name or a contact does not analyse the map again, and after
any run of edits, removals and undos they show what panels built afresh on the map show."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QUndoStack

from gui.coaching.outreach import OutreachLog, ReachOutPanel
from gui.commands import (
    AddCommand,
    AddOutreachCommand,
    MetaCommand,
    MoveCommand,
    RemoveCommand,
    RemoveOutreachCommand,
    UpdateCommand,
)
from model.entities import Handoff, OutreachEntry, Person
from tests.coaching_sample import coaching_doc

TODAY = dt.date(2026, 3, 1)


def table(widget) -> list[tuple]:
    """Everything a person reads in a panel's table: each cell's text, tooltip, colour and id."""
    t = widget.table
    return [
        tuple((c.text(), c.toolTip(), c.foreground().color().name(), c.data(256)) if c else None
              for c in (t.item(r, col) for col in range(t.columnCount())))
        for r in range(t.rowCount())
    ]


def shown_panels(qtbot, doc, stack, person_id: str) -> tuple[ReachOutPanel, OutreachLog]:
    reach, log = ReachOutPanel(doc, stack), OutreachLog(doc, stack)
    reach.today = TODAY
    for w in (reach, log):
        qtbot.addWidget(w)
        w.show()
    reach.refresh()
    log.set_person(person_id)
    return reach, log


@pytest.fixture
def panels(qtbot):
    doc, ids = coaching_doc()
    stack = QUndoStack()
    return doc, ids, stack, *shown_panels(qtbot, doc, stack, ids["bob"])


def same_as_fresh(qtbot, doc, stack, reach, log) -> None:
    reach.watcher.flush()
    log.watcher.flush()
    fresh_reach, fresh_log = shown_panels(qtbot, doc, stack, log.person_id)
    assert table(reach) == table(fresh_reach)
    assert reach.heading.text() == fresh_reach.heading.text()
    assert table(log) == table(fresh_log)
    assert (log.summary.text(), log.isEnabled()) == (fresh_log.summary.text(), fresh_log.isEnabled())


def test_edits_elsewhere_leave_both_panels_alone(panels, qtbot):
    doc, ids, stack, reach, log = panels
    cells = (reach.table.item(0, 0), log.table.item(0, 0))
    analyses = reach.analyses
    stack.push(UpdateCommand(doc, "person", ids["cyd"], {"email": "cyd@example.com", "phone": "123"}))
    stack.push(MoveCommand(doc, {ids["bob"]: (500.0, 40.0)}, {ids["bob"]: doc.people[ids["bob"]].pos}))
    stack.undo()
    qtbot.wait(200)  # the list's debounce
    reach.watcher.flush()
    assert reach.table.item(0, 0) is cells[0]  # an e-mail address and a move change no row
    stack.push(UpdateCommand(doc, "person", ids["cyd"], {"name": "Cydney <&> 契約"}))  # not the log's person
    log.watcher.flush()
    assert log.table.item(0, 0) is cells[1]  # the log was not rebuilt for someone else's name
    for text in ("B", "Bo", "Bob <&> 鲍"):  # its own person's name typed: the heading follows, not the table
        stack.push(UpdateCommand(doc, "person", ids["bob"], {"name": text}))
        log.watcher.flush()
        assert log.table.item(0, 0) is cells[1]
    assert log.summary.text().startswith("Bob <&> 鲍: last contact")
    same_as_fresh(qtbot, doc, stack, reach, log)
    assert reach.analyses == analyses


def test_names_and_contacts_update_the_list_without_a_new_analysis(panels, qtbot):
    doc, ids, stack, reach, log = panels
    analyses = reach.analyses
    stack.push(UpdateCommand(doc, "person", ids["bob"], {"name": "Bobby <b>&</b> مرحبا 😀"}))
    stack.push(AddOutreachCommand(doc, ids["cyd"], OutreachEntry("2026-02-27", "coffee", "x" * 30000)))
    stack.push(UpdateCommand(doc, "person", ids["cus"], {"cadence_days": 14, "title": "Buyer"}))
    stack.push(UpdateCommand(doc, "department", next(iter(doc.departments)), {"name": "Sales & Co"}))
    stack.push(MetaCommand(doc, {"stale_days": 10}))
    same_as_fresh(qtbot, doc, stack, reach, log)
    assert reach.analyses == analyses  # the walk did not change: its order was kept
    assert any("Bobby <b>&</b>" in row[0][0] for row in table(reach))
    while stack.canUndo():
        stack.undo()
        same_as_fresh(qtbot, doc, stack, reach, log)
    assert reach.analyses == analyses


def test_the_walk_changing_analyses_again_and_shows_what_a_rebuild_shows(panels, qtbot):
    doc, ids, stack, reach, log = panels
    analyses = reach.analyses
    newcomer = Person("Eve 😀", title="Support")
    steps = [
        AddCommand(doc, "person", newcomer),
        AddCommand(doc, "handoff", Handoff(ids["cyd"], newcomer.id, what="tickets")),
        UpdateCommand(doc, "person", ids["bob"], {"stage": "implement"}),
        RemoveOutreachCommand(doc, ids["bob"], doc.people[ids["bob"]].outreach[0].id),
        RemoveCommand(doc, "person", ids["bob"]),  # the log's own person leaves the map
        MetaCommand(doc, {"you_id": ids["cyd"]}),
    ]
    for command in steps:
        stack.push(command)
        same_as_fresh(qtbot, doc, stack, reach, log)
    assert reach.analyses > analyses  # hand-offs, people and "you" move the walk
    assert not log.isEnabled()  # Bob is gone
    while stack.canUndo():
        stack.undo()
        same_as_fresh(qtbot, doc, stack, reach, log)
    assert log.isEnabled() and log.table.rowCount() == 1  # Bob and his contact came back
    while stack.canRedo():
        stack.redo()
        same_as_fresh(qtbot, doc, stack, reach, log)
