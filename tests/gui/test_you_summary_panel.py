"""The 'For you' tab says why people are due: never contacted apart from overdue."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QUndoStack

from gui.commands import MetaCommand

sys.path.insert(0, str(Path(__file__).parent))
from panels_fixtures import insights_panel, small_map


def test_for_you_counts_never_contacted_apart(qtbot):
    panel = insights_panel(qtbot)
    doc = small_map()
    with qtbot.waitSignal(panel.reportReady, timeout=10000):
        panel.set_document(doc)
    with qtbot.waitSignal(panel.reportReady, timeout=10000):
        QUndoStack().push(MetaCommand(doc, {"you_id": "ana"}))
    said = panel.next_title.text()  # the reach-out list's title says how many, and why
    assert "never contacted" in said and "to reach out to:" in said and "overdue" not in said
    assert panel.next_title.wordWrap()  # a narrow dock wraps it instead of widening
    tips = [panel.next_list.item(i).toolTip() for i in range(panel.next_list.count())]
    assert tips and all(tip == "Due now, never contacted" for tip in tips)


def test_reach_out_next_on_an_empty_map_says_what_will_be_there(qtbot):
    from gui.coaching.outreach import ReachOutPanel
    from model.document import Document

    panel = ReachOutPanel(Document(), QUndoStack())
    qtbot.addWidget(panel)
    panel.show()
    assert panel.heading.text().startswith("Nobody else is on the map yet")
    assert panel.table.rowCount() == 0
