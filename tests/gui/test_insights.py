"""The insights panel on a map with known problems: groups, counts, clicks, refresh."""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from gui.commands import MetaCommand, UpdateCommand
from model.analysis.insights import KIND_TITLES
from model.entities import OutreachEntry

sys.path.insert(0, str(Path(__file__).parent))
from panels_fixtures import insights_panel, small_map


@pytest.fixture
def panel(qtbot):
    return insights_panel(qtbot)


def load(panel, qtbot, doc):
    with qtbot.waitSignal(panel.reportReady, timeout=10000):
        panel.set_document(doc)


def groups(panel) -> dict[str, int]:
    model = panel.tree.model()
    return {model.index(i, 0).data(Qt.ItemDataRole.UserRole + 1): model.rowCount(model.index(i, 0))
            for i in range(model.rowCount())}


def group_item(panel, kind):
    model = panel.tree.model()
    for i in range(model.rowCount()):
        if model.index(i, 0).data(Qt.ItemDataRole.UserRole + 1) == kind:
            return model.index(i, 0)
    raise AssertionError(f"no group {kind}")


def child(group, row):
    return group.model().index(row, 0, group)


def test_groups_with_counts_and_click_emits_people(panel, qtbot):
    load(panel, qtbot, small_map())
    found = groups(panel)
    assert found["single_point_of_failure"] == 1
    assert found["missing_story"] == 2
    assert found["unplaced"] == 1
    assert found["missing_stage"] == 7
    spof = group_item(panel, "single_point_of_failure")
    assert spof.data() == f"{KIND_TITLES['single_point_of_failure']} (1)"
    assert panel.tree.isExpanded(spof)  # high severity opens by itself
    finding = child(spof, 0)
    assert "Luc Lawyer" in finding.data()
    panel.tree.scrollTo(finding)
    rect = panel.tree.visualRect(finding)
    with qtbot.waitSignal(panel.findingActivated, timeout=2000) as blocker:
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [["luc"], ["h1", "h2"]]
    assert panel.tabs.tabText(0) == f"Findings ({sum(found.values())})"


def test_refresh_after_edits_keeps_expanded_and_selected(panel, qtbot):
    doc = small_map()
    load(panel, qtbot, doc)
    stories = group_item(panel, "missing_story")
    panel.tree.setExpanded(stories, True)
    panel.tree.setCurrentIndex(child(stories, 1))  # Luc's missing story
    selected_key = child(stories, 1).data(Qt.ItemDataRole.UserRole + 1)
    stack = QUndoStack()
    story = dataclasses.replace(doc.people["ana"].story, hand_on="The signed order")
    with qtbot.waitSignal(panel.reportReady, timeout=10000):
        stack.push(UpdateCommand(doc, "person", "ana", {"story": story}))
    assert groups(panel)["missing_story"] == 1
    stories = group_item(panel, "missing_story")
    assert panel.tree.isExpanded(stories)
    assert panel.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == selected_key
    # collapsing a high-severity group is remembered too
    panel.tree.setExpanded(group_item(panel, "single_point_of_failure"), False)
    with qtbot.waitSignal(panel.reportReady, timeout=10000):
        stack.push(UpdateCommand(doc, "person", "zed", {"placed": True}))
    assert "unplaced" not in groups(panel)
    assert not panel.tree.isExpanded(group_item(panel, "single_point_of_failure"))


def test_for_you_and_figures(panel, qtbot):
    doc = small_map()
    doc.add_outreach("luc", OutreachEntry("2026-01-05", "call"))
    load(panel, qtbot, doc)
    assert panel.next_list.isHidden()
    assert "This is me" in panel.you_summary.text()
    with qtbot.waitSignal(panel.reportReady, timeout=10000):
        QUndoStack().push(MetaCommand(doc, {"you_id": "ana"}))
    assert panel.you_title.text() == "You: Ana Seller (Sales)"
    assert "2 hand-offs from the customer" in panel.you_summary.text()
    texts = [panel.next_list.item(i).text() for i in range(panel.next_list.count())]
    assert texts and texts[0].startswith("Luc Lawyer (Legal)")
    assert "last contact 2026-01-05" in texts[0]
    item = panel.next_list.item(0)
    rect = panel.next_list.visualItemRect(item)
    panel.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(panel.findingActivated, timeout=2000) as blocker:
        qtbot.mouseClick(panel.next_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [["luc"], []]
    figures = {panel.figures.topLevelItem(i).text(0): panel.figures.topLevelItem(i).text(1)
               for i in range(panel.figures.topLevelItemCount())}
    assert figures["Hand-offs"] == "2"
    assert figures["Departments"] == "2"


def test_no_document_clears(panel, qtbot):
    load(panel, qtbot, small_map())
    panel.set_document(None)
    assert panel.tree.model().rowCount() == 0
    assert panel.report is None


def test_a_stale_result_is_dropped(panel, qtbot):
    first = small_map()
    second = small_map()
    second.remove("person", "zed")
    panel.set_document(first)  # its analysis starts in the worker ...
    with qtbot.waitSignal(panel.reportReady, timeout=10000) as blocker:
        panel.set_document(second)  # ... and is outdated before it ends
    assert blocker.args[0].stats["people"] == 3
    assert "unplaced" not in groups(panel)
    panel.wait_for_idle()
    qtbot.wait(50)
    assert panel.report.stats["people"] == 3
