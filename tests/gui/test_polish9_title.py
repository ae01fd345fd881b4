"""The window title names the map's file once it has one: after Save As, Open and New, with
Qt's modified mark ([*]) following the undo stack's clean state."""
from __future__ import annotations

from canvas_fixtures import open_window
from PySide6.QtWidgets import QFileDialog

from gui.files.template_dialog import TemplateDialog
from model.document import Document
from model.storage.store import save


def test_save_as_open_and_new_name_the_window(qtbot, tmp_path, monkeypatch, boxes):
    w = open_window(qtbot, tmp_path, monkeypatch, doc=Document.with_standard_statements())
    assert w.windowTitle().startswith("Untitled map[*]")
    target = tmp_path / "acme rollout.cwalk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert w.file.save_as.isEnabled()
    w.file.save_as.trigger()  # File > Save As..., the file chosen in the dialog
    assert target.exists()
    assert w.windowTitle().startswith("acme rollout[*]") and "Untitled" not in w.windowTitle()
    assert not w.isWindowModified()
    w.undo_stack.push(_meta_edit(w))
    assert w.isWindowModified()  # shown as "acme rollout* — Contract Walk"
    while w.undo_stack.canUndo() and not w.undo_stack.isClean():
        w.undo_stack.undo()  # undone back to what is saved: the mark goes away
    assert not w.isWindowModified()

    other = tmp_path / "globex.cwalk"
    doc = Document.with_standard_statements()
    doc.meta.title = "Globex onboarding"
    save(doc, other)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    w.undo_stack.setClean()
    w.file.open.trigger()  # File > Open...
    assert w.windowTitle().startswith("Globex onboarding (globex.cwalk)[*]")

    blank_chosen = staticmethod(lambda parent=None: ("blank", False))
    monkeypatch.setattr(TemplateDialog, "choose_with_people", blank_chosen)
    w.file.new.trigger()  # File > New..., the blank template
    assert w.windowTitle().startswith("Untitled map[*]") and "globex" not in w.windowTitle()
    blank = tmp_path / "blank one.cwalk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(blank), ""))
    w.file.save.trigger()  # a new map's Save asks where, like Save As
    assert w.windowTitle().startswith("blank one[*]")


def _meta_edit(w):
    from gui.commands import MetaFieldCommand

    return MetaFieldCommand(w.document, "organisation", "Acme")


def test_revert_to_saved_goes_back_to_the_file_and_clears_the_mark(qtbot, tmp_path, monkeypatch, boxes):
    from PySide6.QtWidgets import QMessageBox

    w = open_window(qtbot, tmp_path, monkeypatch, doc=Document.with_standard_statements())
    target = tmp_path / "kept.cwalk"
    assert w.save_as(target)
    w.undo_stack.push(_meta_edit(w))
    assert w.isWindowModified() and w.document.meta.organisation == "Acme"
    file_menu = w.menuBar().actions()[0].menu()  # File
    revert = next(a for a in file_menu.actions() if a.text() == "Re&vert to Saved…")
    boxes["state"]["answer"] = QMessageBox.StandardButton.Cancel
    revert.trigger()  # asked, cancelled: the change stays
    assert w.document.meta.organisation == "Acme" and w.isWindowModified()
    boxes["state"]["answer"] = QMessageBox.StandardButton.Discard
    revert.trigger()
    assert w.document.meta.organisation != "Acme"
    assert w.windowTitle().startswith("kept[*]") and not w.isWindowModified()
    assert not w.read_only  # its own lock, kept: still the one writer
