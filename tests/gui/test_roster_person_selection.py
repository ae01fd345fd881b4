"""One selection for the roster, the canvas and the inspector, also for someone not yet in the
walk: clicking (or arrowing to, or double-clicking) a roster person who has no card lets go of the
canvas's selection, and the inspector shows that person, never beside other cards still lit."""
from __future__ import annotations

from PySide6.QtCore import Qt


def click_row(qtbot, roster, pid: str, double: bool = False) -> None:
    """A click on `pid`'s row (then a double-click: what a person's double-click sends)."""
    rect = roster.view.visualRect(roster.model.index(roster.model.row_of(pid)))
    qtbot.mouseClick(roster.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if double:
        qtbot.mouseDClick(roster.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def shown(w) -> tuple[str, list[str]]:
    return w.inspector.entity, list(w.inspector.ids)


def test_clicking_an_unplaced_roster_person_clears_the_canvas_and_shows_them(window, qtbot):
    w, roster = window, window.palette_panel
    w.scene.select_ids(["luc", "eli"])
    assert sorted(w.scene.selected_person_ids()) == ["eli", "luc"]
    click_row(qtbot, roster, "zed")
    assert w.scene.selectedItems() == []  # no card stays lit beside Zed's details
    assert shown(w) == ("person", ["zed"]) and w.inspector.person_form.name.text() == "Zed Roster"
    assert roster.selected_id() == "zed"
    click_row(qtbot, roster, "luc")  # and a person in the walk is selected on the canvas again
    assert w.scene.selected_person_ids() == ["luc"] and shown(w) == ("person", ["luc"])
    assert roster.selected_id() == "luc"


def test_arrowing_onto_and_double_clicking_an_unplaced_person_does_the_same(window, qtbot):
    w, roster = window, window.palette_panel
    w.scene.select_ids(["ana"])
    assert roster.selected_id() == "ana"
    roster.view.setFocus()
    qtbot.waitUntil(roster.view.hasFocus)
    for _ in range(len(roster.model.rows)):
        if roster.selected_id() == "zed":
            break
        qtbot.keyClick(roster.view, Qt.Key.Key_Up)
    assert roster.selected_id() == "zed"
    assert w.scene.selectedItems() == [] and shown(w) == ("person", ["zed"])
    w.scene.select_ids(["eli"])
    click_row(qtbot, roster, "zed", double=True)  # "find": Zed has no card to find
    assert w.scene.selectedItems() == [] and shown(w) == ("person", ["zed"])
    assert "roster" in w.statusBar().currentMessage() and roster.selected_id() == "zed"


def test_a_click_on_empty_map_after_a_roster_person_shows_the_map_details(window, qtbot):
    from canvas_fixtures import vp
    from PySide6.QtCore import QPointF

    w, roster = window, window.palette_panel
    w.scene.select_ids(["luc"])
    click_row(qtbot, roster, "zed")
    assert shown(w) == ("person", ["zed"])
    empty = QPointF(w.scene.sceneRect().right() - 5, w.scene.sceneRect().bottom() - 5)  # no card there
    w.view.centerOn(empty)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=vp(w.view, empty).toPoint())
    assert shown(w) == ("", []) and w.inspector.pages.currentWidget() is w.inspector.map_form
    assert roster.selected_id() == "" and w.scene.selectedItems() == []
