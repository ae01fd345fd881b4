"""The overview map keeps to a modest corner of the canvas (a fifth of each side at most, cut
to the map's shape), steps aside on a map with nobody on it and on a canvas too small to spare
a corner, and View > Overview Map still hides and shows it."""
from __future__ import annotations

from canvas_fixtures import open_window
from PySide6.QtWidgets import QApplication

from model.document import Document


def _settle(window):
    for _ in range(3):
        QApplication.processEvents()


def test_the_overview_is_a_modest_corner_of_a_laptop_canvas(qtbot, tmp_path, monkeypatch, boxes):
    window = open_window(qtbot, tmp_path, monkeypatch, size=(1024, 640))
    window.view.set_zoom(1.3)
    _settle(window)
    overview, port = window.view.overview, window.view.viewport().size()
    assert overview.isVisible()
    # (the docks leave the canvas ~414x380 offscreen: it took 6% of it, a quarter of its width)
    assert overview.width() * overview.height() <= 0.04 * port.width() * port.height()
    assert overview.width() <= max(96, port.width() // 5) and overview.height() <= max(48, port.height() // 5)
    assert overview.width() >= 96 and overview.height() >= 48  # a floor: still readable
    rect = window.view.map_rect()  # the box follows the map's shape: no wide empty band
    shape = (overview.width() - 4) / (overview.height() - 4)
    assert abs(shape - rect.width() / rect.height()) < 0.25 * rect.width() / rect.height() or \
        overview.height() == 48 or overview.width() == 96
    window.edit.overview.trigger()  # View > Overview Map: off, then on again
    _settle(window)
    assert not overview.isVisible()
    window.edit.overview.trigger()
    _settle(window)
    assert overview.isVisible()


def test_a_new_empty_map_shows_no_overview_until_someone_is_on_it(qtbot, tmp_path, monkeypatch, boxes):
    from model.entities import Person

    window = open_window(qtbot, tmp_path, monkeypatch, doc=Document.with_standard_statements(),
                         size=(1024, 640))
    window.view.set_zoom(1.5)
    _settle(window)
    assert not window.view.overview.isVisible()  # no empty box over a blank map
    for i in range(3):  # people far along the walk, out of sight
        window.document.add("person", Person(f"P{i}", "", kind="customer", stage="renew", pos=(1975.0, 14.0)))
    window.scene.relayout()
    _settle(window)
    assert window.view.overview.isVisible()


def test_a_tiny_canvas_has_no_overview(qtbot, tmp_path, monkeypatch, boxes):
    window = open_window(qtbot, tmp_path, monkeypatch, size=(1024, 640))
    window.view.set_zoom(1.3)
    _settle(window)
    assert window.view.overview.isVisible()
    window.inspector_dock.setMinimumWidth(0)
    window.view.setFixedSize(260, 150)  # the docks have taken nearly all the room
    _settle(window)
    assert not window.view.overview.isVisible()
