"""File > Export: the dialog driven the way a person does, and targets that cannot be
written (one message, nothing written). Exports running in the background (progress,
cancel, one at a time, the window keeps ticking) are in test_export_background.py."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from canvas_fixtures import sample_map
from icalendar import Calendar
from pypdf import PdfReader
from PySide6.QtCore import QLocale, QPoint, QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gui.commands import AddCommand
from gui.files.export_dialog import ExportDialog, default_page_size
from gui.files.export_runner import DONE, FAILED, ExportJob
from gui.files.export_status import controller_for
from gui.main_window import MainWindow
from model.storage.store import save

SB = QMessageBox.StandardButton
LEFT = Qt.MouseButton.LeftButton
NAMES = ("Ana Seller", "Luc Lawyer", "Eli Engineer", "Cara Client", "Zed Roster")


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes are recorded instead of shown; `answer` is what question() returns."""
    seen: dict[str, list[str]] = {"warning": [], "critical": [], "information": [], "question": []}
    state = {"answer": SB.Yes}

    def box(kind):
        def show(parent, title, text, *args, **kwargs):
            seen[kind].append(text)
            return state["answer"] if kind == "question" else SB.Ok
        return show

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, box(kind))
    seen["state"] = state  # type: ignore[assignment]
    return seen


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


def make_window(qtbot, tmp_path, monkeypatch, doc):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    maps = tmp_path / "maps"
    maps.mkdir()
    path = maps / "acme.cwalk"
    save(doc, path)
    w = MainWindow(doc, path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, boxes, opened):
    return make_window(qtbot, tmp_path, monkeypatch, sample_map())


def open_dialog(qtbot, w, key: str | None = None) -> ExportDialog:
    """Choose File > Export > (format), or Export… (Ctrl+E) when no format is given."""
    if key is None:
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
        w.view.setFocus()
        qtbot.keyClick(w.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    else:
        w.file.exports[key].trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in w.findChildren(ExportDialog)))
    dialog = next(d for d in w.findChildren(ExportDialog) if d.isVisible())
    qtbot.waitUntil(dialog.isActiveWindow)  # keys go to the dialog, not to the canvas behind it
    return dialog


def type_target(qtbot, dialog: ExportDialog, path: Path | str) -> None:
    dialog.target_edit.selectAll()
    qtbot.keyClick(dialog.target_edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(dialog.target_edit, str(path))


def choose_format(qtbot, dialog: ExportDialog, key: str) -> None:
    """Step through the format list with the arrow keys until `key` is chosen."""
    box = dialog.format_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.count()):
        if box.currentData() == key:
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == key


def click_section(qtbot, dialog: ExportDialog, key: str) -> None:
    """Click the check box of one playbook section."""
    lst = dialog.section_list
    item = next(lst.item(i) for i in range(lst.count()) if lst.item(i).data(Qt.ItemDataRole.UserRole) == key)
    rect = lst.visualItemRect(item)
    qtbot.mouseClick(lst.viewport(), LEFT, pos=QPoint(rect.left() + 10, rect.center().y()))


def tick(qtbot, box) -> None:
    """Click a check box on its box (its label may be far narrower than the row)."""
    was = box.isChecked()
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert box.isChecked() != was


def press_export(qtbot, w, dialog: ExportDialog, timeout: int = 60_000):
    """Press Export and wait for the background export to end; returns its outcome."""
    controller = controller_for(w)
    with qtbot.waitSignal(controller.exportFinished, timeout=timeout) as blocker:
        qtbot.mouseClick(dialog.export_button, LEFT)
    return blocker.args[0]


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_redacted_playbook_from_the_dialog(qtbot, window, tmp_path, boxes, opened):
    w = window
    dialog = open_dialog(qtbot, w, "pdf")
    assert dialog.fmt() == "pdf" and dialog.playbook_group.isEnabled()
    assert Path(dialog.target_edit.text()) == w.path.with_suffix(".pdf")  # next to the map by default
    target = tmp_path / "out" / "playbook"
    target.parent.mkdir()
    type_target(qtbot, dialog, target)
    tick(qtbot, dialog.redact_box)
    click_section(qtbot, dialog, "sessions")
    assert "sessions" not in dialog.chosen_sections() and "walk" in dialog.chosen_sections()
    tick(qtbot, dialog.open_box)
    outcome = press_export(qtbot, w, dialog)
    assert outcome.status == DONE, outcome.message
    written = tmp_path / "out" / "playbook.pdf"  # the extension is added
    assert written.read_bytes().startswith(b"%PDF")
    text = pdf_text(written)
    assert "Account executive" in text  # people appear by role ...
    assert not [n for n in NAMES if n in text]  # ... and never by name
    assert opened == [str(written)]
    assert "Exported" in w.statusBar().currentMessage()
    assert not boxes["critical"] and not boxes["warning"]
    # the next export of this map starts from the same choices
    again = open_dialog(qtbot, w, None)
    assert again.fmt() == "pdf" and Path(again.target_edit.text()) == written
    assert again.redact_box.isChecked() and "sessions" not in again.chosen_sections()
    again.reject()


def test_every_other_format_from_the_dialog(qtbot, window, tmp_path, boxes):
    w = window
    dialog = open_dialog(qtbot, w, None)
    tick(qtbot, dialog.redact_box)
    out = tmp_path / "maps"
    for key, check in [
        ("png", lambda p: p.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")),
        ("svg", lambda p: ET.parse(p).getroot().tag.endswith("svg")),
        ("graphml", lambda p: nx.read_graphml(p).number_of_nodes() >= 4),
        ("csv", lambda p: len(list(csv.reader(io.StringIO(p.read_text("utf-8-sig"))))) >= 5),
        ("ics", lambda p: len(Calendar.from_ical(p.read_bytes()).walk("VEVENT")) >= 4),
    ]:
        choose_format(qtbot, dialog, key)
        assert not dialog.playbook_group.isEnabled()  # page size and sections are for the PDF only
        assert dialog.ics_note.isVisible() == (key == "ics")
        assert dialog.target_edit.text() == str(out / f"acme.{key}")  # the extension follows the format
        outcome = press_export(qtbot, w, dialog)
        assert outcome.status == DONE, outcome.message
        path = out / f"acme.{key}"
        assert check(path), key
        if key != "png":
            assert not [n for n in NAMES if n in path.read_text("utf-8-sig")], key
        dialog = open_dialog(qtbot, w, None)
        assert dialog.redact_box.isChecked()
    dialog.reject()
    # our own files: no asking
    assert not boxes["critical"] and not boxes["warning"] and not boxes["question"]


def test_targets_that_cannot_be_written(qtbot, window, tmp_path, boxes):
    w = window
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    folder = tmp_path / "exports.csv"
    folder.mkdir()
    dialog = open_dialog(qtbot, w, "pdf")
    type_target(qtbot, dialog, blocker / "out.pdf")  # a path inside a file
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert boxes["warning"] and "part of the path is not a folder" in boxes["warning"][-1]
    assert dialog.isVisible() and not controller_for(w).is_running()
    choose_format(qtbot, dialog, "csv")
    type_target(qtbot, dialog, folder)  # a folder as the target
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert "a folder of that name is in the way" in boxes["warning"][-1]
    type_target(qtbot, dialog, tmp_path / "missing" / "out.csv")
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert "the folder does not exist" in boxes["warning"][-1]
    assert dialog.problem_label.text() == boxes["warning"][-1]  # the same sentence shows in the dialog
    dialog.reject()
    assert blocker.read_text() == "not a folder" and list(folder.iterdir()) == []
    assert not (tmp_path / "missing").exists()
    # a failure found only while writing is one message after the background run
    controller = controller_for(w)
    files = sorted(p.name for p in tmp_path.iterdir())
    with qtbot.waitSignal(controller.exportFinished, timeout=30_000) as done:
        assert controller.start(ExportJob("svg", blocker / "map.svg"))
    assert done.args[0].status == FAILED
    assert boxes["critical"] == [f"Could not write {blocker / 'map.svg'}: part of the path is not a folder."]
    assert sorted(p.name for p in tmp_path.iterdir()) == files and "notes.txt" in files


def test_typed_existing_file_is_confirmed_picked_one_is_not(qtbot, window, tmp_path, boxes, monkeypatch):
    w = window
    target = tmp_path / "maps" / "roster.csv"
    target.write_text("keep me")
    dialog = open_dialog(qtbot, w, "csv")
    type_target(qtbot, dialog, target)
    boxes["state"]["answer"] = SB.No
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert len(boxes["question"]) == 1 and dialog.isVisible()
    assert target.read_text() == "keep me"
    # picked in the file dialog (which asks about replacing by itself): no second question
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(dialog.browse_button, LEFT)
    assert dialog.target_edit.text() == str(target)
    outcome = press_export(qtbot, w, dialog)
    assert outcome.status == DONE and len(boxes["question"]) == 1
    assert "Ana Seller" in target.read_text("utf-8-sig")


def test_sections_and_page_size(qtbot, window, tmp_path, boxes):
    assert default_page_size(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == "letter"
    assert default_page_size(QLocale(QLocale.Language.French, QLocale.Country.Canada)) == "letter"
    assert default_page_size(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "a4"
    w = window
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        dialog = open_dialog(qtbot, w, "pdf")
    finally:
        QLocale.setDefault(QLocale.c())
    assert dialog.page_box.currentData() == "letter"  # nothing chosen before: the locale's paper
    qtbot.mouseClick(dialog.none_button, LEFT)
    assert not dialog.export_button.isEnabled() and "at least one section" in dialog.problem_label.text()
    click_section(qtbot, dialog, "walk")
    assert dialog.chosen_sections() == ["walk"] and dialog.export_button.isEnabled()
    type_target(qtbot, dialog, tmp_path / "walk only.pdf")
    outcome = press_export(qtbot, w, dialog)
    assert outcome.status == DONE and outcome.job.sections == ("walk",) and outcome.job.page_size == "letter"
    reader = PdfReader(str(tmp_path / "walk only.pdf"))
    assert round(float(reader.pages[0].mediabox.width)) == 612  # Letter
    assert "Ana Seller" in pdf_text(tmp_path / "walk only.pdf")


def test_hostile_target_text(qtbot, window, tmp_path, boxes):
    w = window
    dialog = open_dialog(qtbot, w, "graphml")
    type_target(qtbot, dialog, "   ")
    assert not dialog.export_button.isEnabled()
    assert dialog.problem_label.text() == "Choose where to save the export."
    dialog.target_edit.setText(str(tmp_path / "bad\x00name"))  # pasted: a NUL character
    assert not dialog.export_button.isEnabled()
    type_target(qtbot, dialog, tmp_path / "map <&> \"walk\" ")
    dialog.target_edit.insert("地図 🗺")  # pasted (QTest types ASCII only)
    outcome = press_export(qtbot, w, dialog)
    assert outcome.status == DONE
    assert nx.read_graphml(tmp_path / "map <&> \"walk\" 地図 🗺.graphml").number_of_nodes() >= 4


def test_export_with_a_path_runs_now(qtbot, window, tmp_path, boxes):
    w = window
    assert w.file.export("pdf", str(tmp_path / "now"))
    assert (tmp_path / "now.pdf").read_bytes().startswith(b"%PDF")
    assert not w.file.export("png", str(tmp_path / "now.pdf" / "x.png"))
    assert boxes["critical"] and "part of the path is not a folder" in boxes["critical"][-1]
    assert not w.file.export(None, None)  # the dialog opens; nothing is exported yet
    dialog = next(d for d in w.findChildren(ExportDialog) if d.isVisible())
    dialog.reject()
    QApplication.processEvents()


def test_playbook_from_the_dialog_shows_progress_since_the_last_snapshot(qtbot, tmp_path, monkeypatch, boxes,
                                                                        opened):
    from model.compare import save_snapshot
    from model.entities import Person

    w = make_window(qtbot, tmp_path, monkeypatch, sample_map())
    save_snapshot(w.document, w.path.stem)  # the end of last session (Coaching > Save Snapshot)
    w.undo_stack.push(AddCommand(w.document, "person", Person("Nadia Newcomer", title="Buyer")))
    dialog = open_dialog(qtbot, w, "pdf")
    assert dialog.compare_box.currentData()  # the latest snapshot is offered by default
    target = tmp_path / "progress.pdf"
    type_target(qtbot, dialog, target)
    outcome = press_export(qtbot, w, dialog)
    assert outcome.status == DONE, outcome.message
    text = pdf_text(target)
    assert "Progress since" in text and "Nadia Newcomer" in text
    w.undo_stack.setClean()


def test_the_if_someone_leaves_section_is_opt_in(qtbot, window, tmp_path, boxes):
    w = window
    dialog = open_dialog(qtbot, w, "pdf")
    assert "what-if" not in dialog.chosen_sections()  # not part of the default playbook
    click_section(qtbot, dialog, "what-if")
    type_target(qtbot, dialog, tmp_path / "with drill.pdf")
    outcome = press_export(qtbot, w, dialog)
    assert outcome.status == DONE and outcome.job.sections is not None and "what-if" in outcome.job.sections
    assert "If someone leaves" in pdf_text(tmp_path / "with drill.pdf")
    again = open_dialog(qtbot, w, "pdf")
    assert "what-if" in again.chosen_sections()  # remembered for this map
    again.reject()
