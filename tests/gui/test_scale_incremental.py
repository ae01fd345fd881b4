"""The incremental paths that keep a big map fluid show exactly what a full rebuild
shows: the roster after renames (rows moved in place, no reset), and the findings
tree after edits (rows updated in place)."""
from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QTreeView

from bench.mapgen import make_big_map
from gui.commands import UpdateCommand
from gui.lists.findings_tree import HANDOFFS_ROLE, KEY_ROLE, PEOPLE_ROLE, FindingsTree, tree_rows
from gui.palette import Palette, roster_rows
from model.analysis.insights import analyse

sys.path.insert(0, str(Path(__file__).parent))

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def palette(qtbot):
    widget = Palette()
    qtbot.addWidget(widget)
    widget.resize(260, 600)
    widget.show()
    return widget


def test_renames_update_the_roster_as_a_rebuild_would(palette, qtbot):
    doc = make_big_map(300, seed=3)
    stack = QUndoStack()
    palette.set_document(doc)
    resets: list[int] = []
    palette.model.modelReset.connect(lambda: resets.append(1))
    rng = random.Random(5)
    people = list(doc.people)
    chosen = people[17]
    palette.view.setCurrentIndex(palette.model.index(palette.model.row_of(chosen)))
    for i in range(40):
        pid = rng.choice(people)
        name = rng.choice(["Aaron", "Zoe", "Mia", "ömer", "李", ""]) + f" {i}"
        stack.push(UpdateCommand(doc, "person", pid, {"name": name}, "Rename"))
        # shown at once, in place, without waiting for the debounced rebuild
        assert palette.model.rows == roster_rows(doc), f"after renaming {pid} to {name!r}"
        assert palette.selected_id() == chosen  # the selection stays on the same person
        row = palette.model.row_of(pid)
        assert palette.model.rows[row].pid == pid
    for _ in range(10):
        stack.undo()
        assert palette.model.rows == roster_rows(doc)
    assert not resets, "a rename must never reset the roster"


def test_a_rename_under_a_search_shows_what_the_search_would(palette, qtbot):
    doc = make_big_map(120, seed=4)
    palette.set_document(doc)
    palette.search.setText("a")
    stack = QUndoStack()
    for i, pid in enumerate(list(doc.people)[:30]):
        stack.push(UpdateCommand(doc, "person", pid, {"name": "Xyz" if i % 2 else f"Ann {i}"}, "Rename"))
        if palette._timer.isActive():  # someone entered or left the search: the debounced rebuild
            palette.refresh()
        assert palette.model.rows == roster_rows(doc, "a")
    assert palette.count.text().endswith("match")


def tree_contents(tree: QTreeView) -> list[tuple]:
    model = tree.model()

    def row(index) -> tuple:
        return (index.data(), index.data(KEY_ROLE), index.data(PEOPLE_ROLE), index.data(HANDOFFS_ROLE),
                index.data(Qt.ItemDataRole.ToolTipRole), tree.isExpanded(index),
                [row(model.index(j, 0, index)) for j in range(model.rowCount(index))])

    return [row(model.index(i, 0)) for i in range(model.rowCount())]


def test_the_findings_tree_updated_in_place_equals_a_fresh_one(qtbot):
    doc = make_big_map(200, seed=6)
    live, fresh = QTreeView(), QTreeView()
    qtbot.addWidget(live)
    qtbot.addWidget(fresh)
    shown = FindingsTree(live, set(), set())
    shown.fill(tree_rows(analyse(doc, today=TODAY)))
    people = list(doc.people)
    rng = random.Random(2)
    for step in range(12):
        pid = rng.choice(people)
        if step % 3 == 2:
            doc.remove("person", pid)  # findings come and go
            people.remove(pid)
        else:
            doc.update("person", pid, name=f"Renamed {step}")
        rows = tree_rows(analyse(doc, today=TODAY))
        shown.fill(rows)
        FindingsTree(fresh, set(), set()).fill(rows)
        assert tree_contents(live) == tree_contents(fresh)


def test_a_rename_changes_only_the_findings_that_name_them(qtbot):
    doc = make_big_map(200, seed=6)
    tree = QTreeView()
    qtbot.addWidget(tree)
    shown = FindingsTree(tree, set(), set())
    shown.fill(tree_rows(analyse(doc, today=TODAY)))
    model = tree.model()
    told: list[tuple[str, str]] = []
    remade: list[str] = []
    model.dataChanged.connect(lambda first, last: told.append((first.data(KEY_ROLE), last.data(KEY_ROLE))))
    model.modelReset.connect(lambda: remade.append("reset"))
    model.rowsRemoved.connect(lambda *_: remade.append("removed"))
    model.rowsInserted.connect(lambda *_: remade.append("inserted"))
    findings = analyse(doc, today=TODAY).findings
    named = next(p for p in doc.people.values() if any(p.id in f.people for f in findings))
    doc.update("person", named.id, name="Quentin Renamed")
    shown.fill(tree_rows(analyse(doc, today=TODAY)))
    assert not remade  # updated in place, no row made afresh
    renamed = {key for key, _ in told}
    assert renamed and all(first == last for first, last in told)  # one finding at a time
    naming = [(index.data(KEY_ROLE), "Quentin Renamed" in index.data())
              for i in range(model.rowCount()) for index in
              (model.index(j, 0, model.index(i, 0)) for j in range(model.rowCount(model.index(i, 0))))]
    assert {key for key, says in naming if says} == renamed  # exactly the findings that name them


def test_owner_suggestions_follow_the_people_when_the_field_is_entered(qtbot):
    from gui.coaching.sessions_panel import SessionsPanel
    from model.entities import Person

    doc = make_big_map(30, seed=2)
    panel = SessionsPanel(doc, QUndoStack())
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    pid = next(iter(doc.people))
    doc.update("person", pid, name="Quinn Newname")
    doc.add("person", Person(name="Rae Added"))
    qtbot.wait(10)  # the watcher's turn of the event loop
    # what clicking into the field delivers (offscreen, a child widget gets no real focus)
    QApplication.sendEvent(panel.new_owner, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.MouseFocusReason))
    model = panel.new_owner.completer().model()
    suggested = {model.index(i, 0).data() for i in range(model.rowCount())}
    assert {"Quinn Newname", "Rae Added"} <= suggested
    assert suggested == {p.name for p in doc.people.values() if p.name.strip()}


def test_the_window_counts_follow_placing_and_undo(window, qtbot):
    doc = window.document
    pid = next(p.id for p in doc.people.values() if p.placed)
    before = window.counts_label.text()
    window.undo_stack.push(UpdateCommand(doc, "person", pid, {"placed": False}, "Take off the map"))
    after = window.counts_label.text()
    assert after != before
    placed = sum(1 for p in doc.people.values() if p.placed)
    assert after.startswith(f"{placed} in the walk · {len(doc.people) - placed} on the roster")
    window.undo_stack.undo()
    assert window.counts_label.text() == before
