"""The Sessions panel's action items fit a narrow dock: no sideways scrolling, the item keeps
the most room, a long owner is cut with "…" and reads whole in its tooltip."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from gui.coaching.sessions_panel import COL_DUE, COL_OWNER, COL_WHAT, SessionsPanel
from tests.coaching_sample import coaching_doc

OWNER = "Priya Raman (Legal & Compliance, Hamburg office) and Lars Nilsson (Logistics)"
WHAT = "Agree with Legal and Finance who signs off the credit check before the order is confirmed"


def columns_fit(panel: SessionsPanel) -> None:
    table = panel.items
    header = table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(table.columnCount()))
    assert used <= table.viewport().width() + 1, (used, table.viewport().width())
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    assert header.sectionSize(COL_WHAT) >= header.sectionSize(COL_OWNER)
    assert header.sectionSize(COL_DUE) >= table.sizeHintForColumn(COL_DUE)  # a date is never cut


def test_a_long_action_item_and_owner_fit_a_narrow_dock(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, _ids = coaching_doc()
    panel = SessionsPanel(doc, QUndoStack())
    qtbot.addWidget(panel)
    panel.resize(340, 700)  # a dock beside the map on a laptop
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.keyClicks(panel.new_text, WHAT)
    qtbot.keyClicks(panel.new_owner, OWNER)
    qtbot.mouseClick(panel.new_has_due, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.add_item_button, Qt.MouseButton.LeftButton)
    panel.watcher.flush()
    QApplication.processEvents()
    row = next(r for r in range(panel.items.rowCount()) if panel.items.item(r, COL_OWNER).text() == OWNER)
    assert panel.items.item(row, COL_OWNER).toolTip() == OWNER
    assert panel.items.item(row, COL_WHAT).toolTip() == WHAT
    columns_fit(panel)
    panel.resize(300, 700)  # narrower still: the columns follow
    QApplication.processEvents()
    columns_fit(panel)
    header = panel.items.horizontalHeader()
    narrow = header.sectionSize(COL_OWNER)
    panel.resize(1000, 700)  # wide (a dock below the map): the owner gets more of the room
    QApplication.processEvents()
    columns_fit(panel)
    assert header.sectionSize(COL_OWNER) > narrow


def test_the_open_action_items_list_fits_a_narrow_dock_too(qtbot) -> None:  # type: ignore[no-untyped-def]
    from gui.coaching.action_items import COL_OWNER as OWNER_COL
    from gui.coaching.action_items import COL_WHAT as WHAT_COL
    from gui.coaching.action_items import ActionsView
    from model.entities import ActionItem

    doc, _ids = coaching_doc()
    session = next(iter(doc.sessions.values()))
    doc.add_action_item(session.id, ActionItem(WHAT, owner=OWNER, due="2026-12-18"), 0)
    view = ActionsView(doc, QUndoStack())
    qtbot.addWidget(view)
    view.resize(300, 500)
    view.show()
    qtbot.waitExposed(view)
    view.watcher.flush()
    QApplication.processEvents()
    tree, header = view.tree, view.tree.header()
    used = sum(header.sectionSize(c) for c in range(tree.columnCount()))
    sizes = [header.sectionSize(c) for c in range(tree.columnCount())]
    assert used <= tree.viewport().width() + 1, (sizes, header.minimumSectionSize())
    assert tree.horizontalScrollBar().maximum() == 0
    assert header.sectionSize(WHAT_COL) >= header.sectionSize(OWNER_COL)
