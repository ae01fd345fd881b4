"""The main window on a 1366×768 laptop (or a 2× display of the same logical size) and on a
tiny screen: it fits the free area, the panels can shrink, the canvas keeps most of the width."""
from __future__ import annotations

import pytest
from canvas_fixtures import sample_map
from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtWidgets import QApplication

from gui import screen_fit


def open_window(qtbot, tmp_path, monkeypatch, area: QRect, geometry: QByteArray | None = None):
    from gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(screen_fit, "available", lambda window: QRect(area))
    if geometry is not None:
        from gui.files import file_actions

        file_actions.settings().setValue("window/geometry", geometry)
    w = MainWindow(sample_map(), None)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()
    return w


@pytest.mark.parametrize("area", [QRect(0, 0, 1366, 740), QRect(0, 28, 1366, 712)])
def test_the_window_fits_a_laptop_screen_and_the_canvas_keeps_the_room(qtbot, tmp_path, monkeypatch, area):
    w = open_window(qtbot, tmp_path, monkeypatch, area)
    assert area.contains(w.frameGeometry())
    assert w.view.width() >= 0.6 * w.width()  # the canvas keeps most of the width
    assert w.view.height() >= 0.55 * w.height()
    # the coaching panels opened too (tabbed with the inspector): the window can still be this short
    coaching = w.coaching
    for dock in (coaching.sessions_dock, coaching.history_dock, coaching.reach_dock):
        dock.show()
    QApplication.processEvents()
    assert w.minimumSizeHint().height() <= area.height() - 40
    assert w.minimumSizeHint().width() <= area.width()


def test_a_remembered_window_larger_than_the_screen_is_brought_back_onto_it(qtbot, tmp_path, monkeypatch):
    big = open_window(qtbot, tmp_path, monkeypatch, QRect(0, 0, 2560, 1400))
    big.resize(2400, 1300)
    geometry = big.saveGeometry()
    big.close()
    w = open_window(qtbot, tmp_path / "again", monkeypatch, QRect(0, 0, 1366, 740), geometry)
    assert w.width() <= 1366 and w.height() <= 740


def test_on_a_tiny_screen_the_palette_shares_the_inspector_column(qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, tmp_path, monkeypatch, QRect(0, 0, 1024, 700))
    assert w.palette_dock in w.tabifiedDockWidgets(w.inspector_dock)
    assert w.view.width() >= 0.6 * w.width()
