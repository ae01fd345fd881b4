"""Coaching > Check-up History opens below the map (a short, wide dock): the chart sat above the
list, so the list of check-ups and its New / Edit / Delete buttons were out of sight under the
dock's edge and the chart was cut off. Now the two sit side by side, both whole."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from model.storage.store import load

EXAMPLE = __import__("pathlib").Path(__file__).resolve().parents[2] / "assets" / "example.cwalk"


def _seen(widget) -> bool:
    """Shown whole: nothing of it is clipped away by the dock or a scroll area around it."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def test_the_check_up_history_below_the_map_shows_its_chart_list_and_buttons(qtbot, tmp_path, monkeypatch,
                                                                              boxes):
    from gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    w = MainWindow(load(EXAMPLE), None)
    qtbot.addWidget(w)
    w.resize(1366, 720)
    w.show()
    qtbot.waitExposed(w)
    w.coaching.show_history.trigger()
    history = w.coaching.history
    qtbot.waitUntil(lambda: history.list.isVisible())
    dock = w.coaching.history_dock
    assert dock.height() < 320  # it did open below the map, short
    qtbot.waitUntil(lambda: _seen(history.chart))
    for widget in (history.list, history.new_button, history.edit_button, history.delete_button):
        assert _seen(widget), widget
    assert history.list.topLevelItemCount() == 2
    row = history.list.visualItemRect(history.list.topLevelItem(1))
    assert row.bottom() <= history.list.viewport().height()  # both check-ups in sight
