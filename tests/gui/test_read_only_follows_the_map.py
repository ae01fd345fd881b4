"""Read-only belongs to the map it was opened for: opening the example map or a template from the
Start page after a map another window holds leaves a writable map (title, Save and roster import
say so), and opening the held map again is read-only again."""
from __future__ import annotations

from pathlib import Path

from canvas_fixtures import sample_map
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from gui.files.roster_into import import_into
from gui.main_window import MainWindow
from model.storage.store import save


def held_elsewhere(window: MainWindow, qtbot, tmp_path: Path, boxes) -> tuple[MainWindow, Path]:
    """`window` holds a saved map; a second window opens it read-only."""
    path = tmp_path / "walk.cwalk"
    save(sample_map(), path)
    assert window.open_path(path, ask=False) and not window.read_only
    second = MainWindow()
    qtbot.addWidget(second)
    boxes["state"]["answer"] = QMessageBox.StandardButton.Open  # "Open it read-only here?"
    assert second.open_path(path, ask=False) and second.read_only
    assert "[read-only]" in second.windowTitle()
    return second, path


def click_start_button(window: MainWindow, qtbot, text: str = "", template: str = "") -> None:
    """Click a button of the Start page: by its text, or the one that starts `template`."""
    page = window.coaching.show_start_page()
    button = page.template_buttons[template] if template else next(
        b for b in page.findChildren(QPushButton) if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_example_opened_after_a_read_only_map_is_writable(window, qtbot, tmp_path, boxes, monkeypatch):
    second, path = held_elsewhere(window, qtbot, tmp_path, boxes)
    click_start_button(second, qtbot, "Open the example map")
    assert second.path is None and len(second.document.people) > 10  # the example map is open
    assert not second.read_only and "[read-only]" not in second.windowTitle()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    informed = len(boxes["information"])
    assert not import_into(second, None)  # the user cancelled the file dialog: it was offered
    assert len(boxes["information"]) == informed  # no "this map is open read-only" refusal
    assert second.open_path(path, ask=False) and second.read_only  # the held map is read-only again
    second.undo_stack.setClean()
    second.close()


def test_a_template_started_after_a_read_only_map_is_writable(window, qtbot, tmp_path, boxes):
    second, _path = held_elsewhere(window, qtbot, tmp_path, boxes)
    click_start_button(second, qtbot, template="blank")
    assert second.path is None and not second.document.people  # the blank map is open
    assert not second.read_only and "[read-only]" not in second.windowTitle()
    second.undo_stack.setClean()
    second.close()
