"""The window on a 1366×768 laptop with every coaching dock open: no dock tab is cut to "In…",
a list below the map opens tall enough to read, and the roster shows the canvas's selection
(and no stale one once the canvas selects nothing, a hand-off or several people)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QTabBar
from test_screen_fit import open_window

from gui.app import load_fonts


@pytest.fixture
def laptop(qtbot, tmp_path, monkeypatch, boxes):
    """The main window as it opens on a 1366×768 laptop, in the app's own bundled font."""
    font = QApplication.font()
    family = load_fonts()
    if family:
        ui = QFont(family)
        ui.setPointSizeF(max(9.0, font.pointSizeF()))
        QApplication.setFont(ui)
    w = open_window(qtbot, tmp_path, monkeypatch, QRect(0, 0, 1366, 740))
    yield w
    QApplication.setFont(font)


def open_every_coaching_dock(w) -> None:
    for action in (w.coaching.show_history, w.coaching.reach_out, w.coaching.show_sessions):
        action.trigger()
        QApplication.processEvents()


def dock_tab_bars(w) -> list[QTabBar]:
    """The tab bars QMainWindow makes for tabbed docks (its own children, not a panel's tabs)."""
    return [bar for bar in w.findChildren(QTabBar) if bar.parent() is w and bar.isVisible()]


def test_no_dock_tab_is_elided_on_a_laptop_screen(laptop, qtbot):
    w = laptop
    open_every_coaching_dock(w)
    bars = dock_tab_bars(w)
    assert sum(bar.count() for bar in bars) >= 4  # the coaching docks share tabs with the built-in ones
    for bar in bars:
        for i in range(bar.count()):
            assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width(), f"'{bar.tabText(i)}' is cut short"


def test_a_coaching_list_below_the_map_opens_tall_enough_to_read(laptop, qtbot):
    w = laptop
    open_every_coaching_dock(w)
    w.coaching.reach_out.trigger()
    QApplication.processEvents()
    dock = w.coaching.reach_dock
    assert w.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea and dock.isVisible()
    table = w.coaching.reach.table
    assert table.rowCount() >= 4
    room = table.viewport().height()
    whole = [r for r in range(table.rowCount()) if table.rowViewportPosition(r) + table.rowHeight(r) <= room]
    assert len(whole) >= 3, (len(whole), dock.height())  # it showed a row and a half
    assert w.view.height() > dock.height()  # the map keeps most of the height


def test_the_roster_shows_only_the_canvas_selection(laptop, qtbot):
    w = laptop
    roster = w.palette_panel
    w.scene.select_ids(["luc"], centre=False)
    assert roster.selected_id() == "luc"
    w.scene.select_ids([], ["h1"], centre=False)  # a hand-off: no person is selected
    assert roster.selected_id() == "" and not roster.view.selectionModel().hasSelection()
    w.scene.select_ids(["eli"], centre=False)
    assert roster.selected_id() == "eli"
    w.scene.select_ids(["eli", "luc"], centre=False)  # several people: no single row stands for them
    assert roster.selected_id() == "" and not roster.view.selectionModel().hasSelection()
    w.scene.select_ids(["ana"], centre=False)
    w.scene.clearSelection()  # a click on empty canvas
    assert roster.selected_id() == "" and not roster.view.selectionModel().hasSelection()
    row = roster.model.row_of("luc")  # and back: a click in the roster selects the card
    rect = roster.view.visualRect(roster.model.index(row))
    qtbot.mouseClick(roster.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.scene.selected_person_ids() == ["luc"] and roster.selected_id() == "luc"


def test_every_inspector_page_fits_the_docks_width_on_a_laptop(laptop, qtbot):
    """No sideways scrolling in the inspector: a field cut at the dock's edge hides what is typed."""
    w = laptop
    for entity, ids in (("person", ["luc"]), ("department", ["legal"]), ("handoff", ["h1"]), ("", [])):
        w.inspector.show_selection(entity, ids)
        QApplication.processEvents()
        page = w.inspector.current_form()
        assert page.horizontalScrollBar().maximum() == 0, (entity, page.widget().minimumSizeHint().width(),
                                                           page.viewport().width())


def test_arrow_keys_in_the_roster_move_the_canvas_selection(laptop, qtbot):
    w = laptop
    roster = w.palette_panel
    w.scene.select_ids(["eli"], centre=False)
    roster.view.setFocus()
    qtbot.waitUntil(roster.view.hasFocus)
    start = roster.model.row_of("eli")
    qtbot.keyClick(roster.view, Qt.Key.Key_Down)
    below = roster.selected_id()
    assert roster.model.row_of(below) == start + 1
    if below in w.scene.cards:  # a person already in the walk: their card is selected with them
        assert w.scene.selected_person_ids() == [below]
    qtbot.keyClick(roster.view, Qt.Key.Key_Up)
    assert roster.selected_id() == "eli" and w.scene.selected_person_ids() == ["eli"]
