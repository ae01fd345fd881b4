"""File > Export: a playbook for some departments only, chosen the way a person does."""
from __future__ import annotations

from canvas_fixtures import sample_map
from PySide6.QtCore import QPoint, Qt
from test_export_dialog import boxes, make_window, open_dialog, opened, press_export, type_target

from gui.files.export_runner import DONE
from tests.pdftext import pdf_text
from tests.test_playbook_department import outline_titles

__all__ = ["boxes", "opened"]  # fixtures used by name below
LEFT = Qt.MouseButton.LeftButton


def tick_department(qtbot, dialog, name: str) -> None:
    lst = dialog.team_list
    item = next(lst.item(i) for i in range(lst.count()) if lst.item(i).text() == name)
    rect = lst.visualItemRect(item)
    qtbot.mouseClick(lst.viewport(), LEFT, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert item.checkState() == Qt.CheckState.Checked


def test_a_departments_playbook_from_the_dialog(qtbot, tmp_path, monkeypatch, boxes, opened):
    w = make_window(qtbot, tmp_path, monkeypatch, sample_map())
    dialog = open_dialog(qtbot, w, "pdf")
    assert [dialog.team_list.item(i).text() for i in range(dialog.team_list.count())] == [
        "Sales", "Legal", "Engineering"]
    assert dialog.chosen_teams() == []  # the whole map unless a department is ticked
    target = tmp_path / "legal.pdf"
    type_target(qtbot, dialog, target)
    tick_department(qtbot, dialog, "Legal")
    outcome = press_export(qtbot, w, dialog)
    assert outcome.status == DONE, outcome.message
    text = pdf_text(target)
    assert "For Legal" in text and "Luc Lawyer" in text
    assert "Takes" in text and "(Sales)" in text  # the hand-off in from Sales, with its department
    roles = set(outline_titles(target))  # each role is a bookmark
    assert {"Luc Lawyer", "Zed Roster"} <= roles
    assert not {"Ana Seller", "Eli Engineer", "Cara Client"} & roles
    # the choice is remembered for this map
    again = open_dialog(qtbot, w, None)
    assert again.chosen_teams() == ["legal"]
    again.reject()
    assert not boxes["critical"] and not boxes["warning"]
