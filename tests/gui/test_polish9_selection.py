"""Several things selected: the inspector names them ("2 people and 1 hand-off selected") and
never shows the map's own details as if the click had missed."""
from __future__ import annotations

from canvas_fixtures import click
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

CTRL = Qt.KeyboardModifier.ControlModifier


def _card(window, pid):
    return window.scene.cards[pid].sceneBoundingRect().center()


def _shown(window, name: str) -> bool:
    widget = window.inspector.findChild(QWidget, name)
    return widget is not None and widget.isVisibleTo(window.inspector)


def _title(window) -> str:
    label = window.inspector.findChild(QLabel, "severalTitle")
    return label.text() if label is not None and label.isVisibleTo(window.inspector) else ""


def test_ctrl_clicking_three_people_says_three_people_not_map_details(window):
    view = window.view
    click(view, _card(window, "ana"))
    click(view, _card(window, "luc"), modifiers=CTRL)
    click(view, _card(window, "eli"), modifiers=CTRL)
    QApplication.processEvents()
    assert _title(window) == "3 people selected"
    assert not _shown(window, "mapDetails")  # the map's title field is not offered here
    names = window.inspector.findChild(QLabel, "severalNames").text()
    assert "Ana Seller" in names and "Eli Engineer" in names
    assert window.inspector.map_form.people_bulk.isVisibleTo(window.inspector)  # the edits that apply to all
    click(view, _card(window, "ana"))  # a plain click: one person again
    QApplication.processEvents()
    assert window.inspector.current_form() is window.inspector.person_form


def test_a_mixed_selection_is_named_and_follows_changes(window):
    view = window.view
    window.scene.select_ids(["ana", "luc"], ["h1"], centre=False)
    QApplication.processEvents()
    assert _title(window) == "2 people and 1 hand-off selected"
    assert not _shown(window, "mapDetails")
    click(view, _card(window, "eli"), modifiers=CTRL)  # one mix to another: no new "kind" signal
    QApplication.processEvents()
    assert _title(window) == "3 people and 1 hand-off selected"
    window.scene.clearSelection()
    QApplication.processEvents()
    assert _shown(window, "mapDetails") and _title(window) == ""  # nothing selected: the map


def test_deleting_a_selected_person_updates_the_count_and_undo_restores(window):
    window.scene.select_ids(["ana", "luc", "eli"], centre=False)
    QApplication.processEvents()
    assert _title(window) == "3 people selected"
    window.view.setFocus()
    from PySide6.QtTest import QTest

    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert "ana" not in window.document.people
    assert _shown(window, "mapDetails")  # they are gone: nothing is selected
    window.undo_stack.undo()
    QApplication.processEvents()
    assert "ana" in window.document.people
