"""The panels inside the real main window: select on the map, type in the
inspector, undo from the window, save and reopen; palette and insights drive
the map's selection."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from gui.main_window import MainWindow
from model.storage.store import load


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from canvas_fixtures import sample_map  # the canvas engineer's shared map (tests/gui is on the path)

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    problems: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: problems.append(str(a[2:3])))
    # closing with unsaved edits must not wait for an answer to "Save changes?"
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = MainWindow(sample_map(), None)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    assert problems == []
    w.insights.set_document(None)
    w.insights.wait_for_idle()


def test_typing_a_story_in_the_window_survives_selection_undo_and_save(window, qtbot, tmp_path):
    w = window
    doc = w.document
    w.scene.select_ids(["luc"])
    form = w.inspector.person_form
    assert w.inspector.pages.currentWidget() is form and form.name.text() == "Luc Lawyer"
    edit = form.story.editors["why_good"]
    edit.setFocus()
    qtbot.keyClicks(edit, "I read every clause <twice> & ask why")
    assert doc.people["luc"].story.why_good == "I read every clause <twice> & ask why"
    assert w.isWindowModified()
    w.scene.select_ids(["ana"])
    assert form.name.text() == "Ana Seller"
    w.scene.select_ids(["luc"])
    assert edit.toPlainText() == "I read every clause <twice> & ask why"
    # Ctrl+Z in the field undoes the typed answer once, through the window's one history
    edit.setFocus()
    count = w.undo_stack.index()
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.undo_stack.index() == count - 1
    assert doc.people["luc"].story.why_good == "" and edit.toPlainText() == ""
    w.edit.redo.trigger()
    assert edit.toPlainText() == "I read every clause <twice> & ask why"
    path = tmp_path / "walk.cwalk"
    assert w.save_as(path)
    assert load(path).people["luc"].story.why_good == "I read every clause <twice> & ask why"


def test_palette_and_insights_select_on_the_map(window, qtbot):
    w = window
    w.palette_panel.personActivated.emit("eli")
    assert w.scene.selected_person_ids() == ["eli"]
    assert w.inspector.person_form.name.text() == "Eli Engineer"
    qtbot.waitUntil(lambda: w.insights.report is not None, timeout=10000)
    w.insights.findingActivated.emit(["ana", "luc"], ["h1"])
    assert sorted(w.scene.selected_person_ids()) == ["ana", "luc"]


def test_renaming_in_the_inspector_reaches_the_roster(window, qtbot):
    w = window
    w.scene.select_ids(["eli"])
    name = w.inspector.person_form.name
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Eliane Engineer")
    qtbot.waitUntil(lambda: "Eliane Engineer" in [r.name for r in w.palette_panel.model.rows], timeout=3000)
    assert w.undo_stack.count() == 1  # one typed name, one undo step


def test_a_roster_person_put_in_the_walk_gets_a_card(window, qtbot):
    w = window
    assert "zed" not in w.scene.cards
    w.palette_panel.personActivated.emit("zed")  # double-click in the roster
    form = w.inspector.person_form
    assert w.inspector.pages.currentWidget() is form and form.name.text() == "Zed Roster"
    qtbot.mouseClick(form.place_button, Qt.MouseButton.LeftButton)
    assert "zed" in w.scene.cards
    qtbot.waitUntil(
        lambda: "Not in the walk yet (1)" not in [r.name for r in w.palette_panel.model.rows], timeout=3000
    )
    w.edit.undo.trigger()
    assert "zed" not in w.scene.cards


def test_clicking_a_finding_selects_its_people_on_the_canvas(window, qtbot):
    from PySide6.QtCore import QPoint

    from gui.insights_panel import PEOPLE_ROLE

    w = window
    w.insights.refresh_now()
    qtbot.waitUntil(lambda: w.insights.report is not None, timeout=10000)
    w.insights_dock.show()
    w.insights_dock.raise_()
    tree = w.insights.tree
    model = tree.model()
    groups = [model.index(i, 0) for i in range(model.rowCount())]
    group = next(g for g in groups if model.rowCount(g) and model.index(0, 0, g).data(PEOPLE_ROLE))
    tree.expand(group)
    finding = model.index(0, 0, group)
    people = sorted(finding.data(PEOPLE_ROLE))
    tree.scrollTo(finding)
    rect = tree.visualRect(finding)
    assert rect.isValid()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))
    qtbot.waitUntil(lambda: sorted(w.scene.selected_person_ids()) == people, timeout=3000)
