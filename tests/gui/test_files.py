"""Files in the main window: save and reopen, the unsaved-changes question,
recent maps, dropping files on the window, the template chooser, and files
that cannot be read or written (reported; the map in memory is kept)."""
from __future__ import annotations

from pathlib import Path

from canvas_fixtures import drop_on, file_mime, sample_map, write_roster
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.commands import UpdateCommand
from gui.files import file_actions
from gui.files.template_dialog import TemplateDialog
from model.storage.serialize import to_data
from model.storage.store import load, save

SB = QMessageBox.StandardButton


def edit(w, name="Renamed"):
    w.undo_stack.push(UpdateCommand(w.document, "person", "ana", {"name": name}))


def test_save_and_reopen_finds_the_same_map(window, tmp_path):
    w = window
    edit(w)
    assert w.isWindowModified() and "[*]" in w.windowTitle()
    target = tmp_path / "walk"
    assert w.save_as(target)
    assert w.path == tmp_path / "walk.cwalk" and not w.is_modified() and not w.isWindowModified()
    saved = to_data(w.document)
    assert w.open_path(w.path)
    assert to_data(w.document) == saved
    assert w.document.people["ana"].name == "Renamed"


def test_save_without_a_path_asks_for_one(window, tmp_path, monkeypatch):
    w = window
    chosen = tmp_path / "asked.cwalk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    edit(w)
    assert w.save()
    assert load(chosen).people["ana"].name == "Renamed"


def test_unsaved_changes_cancel_keeps_everything(window, tmp_path, boxes):
    w = window
    other = tmp_path / "other.cwalk"
    save(sample_map(), other)
    edit(w)
    boxes["state"]["answer"] = SB.Cancel
    assert not w.open_path(other)
    assert w.document.people["ana"].name == "Renamed" and w.is_modified()
    assert boxes["warning"] and "not saved" in boxes["warning"][0]


def test_unsaved_changes_discard_opens_and_save_saves_first(window, tmp_path, boxes, monkeypatch):
    w = window
    other = tmp_path / "other.cwalk"
    save(sample_map(), other)
    edit(w)
    boxes["state"]["answer"] = SB.Discard
    assert w.open_path(other)
    assert w.path == other and w.document.people["ana"].name == "Ana Seller"
    edit(w, "Changed again")
    boxes["state"]["answer"] = SB.Save
    monkeypatch.setattr(TemplateDialog, "choose_with_people",
                        staticmethod(lambda parent=None: ("blank", True)))
    assert w.file.new_map()
    assert load(other).people["ana"].name == "Changed again"
    assert w.path is None and not w.document.people


def test_close_asks_first(window, boxes):
    w = window
    edit(w)
    boxes["state"]["answer"] = SB.Cancel
    w.close()
    assert w.isVisible()
    boxes["state"]["answer"] = SB.Discard
    w.close()
    assert not w.isVisible()


def test_recent_files_are_remembered_and_a_missing_one_is_dropped(window, tmp_path, boxes):
    w = window
    a, b = tmp_path / "a.cwalk", tmp_path / "b.cwalk"
    assert w.save_as(a)
    assert w.save_as(b)
    assert file_actions.recent_files()[:2] == [str(b.resolve()), str(a.resolve())]
    a.unlink()
    assert not w.file.open_recent(str(a.resolve()))
    assert str(a.resolve()) not in file_actions.recent_files()
    assert any("no longer there" in m for m in boxes["warning"])
    w.file._fill_recent()
    texts = [act.text() for act in w.file.recent_menu.actions()]
    assert any("b.cwalk" in t for t in texts)


def test_a_damaged_file_is_reported_and_the_map_stays(window, tmp_path, boxes):
    w = window
    bad = tmp_path / "bad.cwalk"
    bad.write_text("{ not json", encoding="utf-8")
    before = to_data(w.document)
    assert not w.open_path(bad)
    assert to_data(w.document) == before
    assert boxes["critical"] and "bad.cwalk" in boxes["critical"][0]


def test_a_failed_save_is_reported_and_the_map_stays_unsaved(window, tmp_path, boxes):
    w = window
    edit(w)
    assert not w.save_as(tmp_path / "no" / "such" / "folder" / "x.cwalk")
    assert boxes["critical"]
    assert w.is_modified() and w.path is None
    assert w.document.people["ana"].name == "Renamed"


def test_dropping_a_map_file_on_the_window_opens_it(window, tmp_path, qtbot):
    w = window
    other = sample_map()
    other.meta.title = "Dropped map"
    path = tmp_path / "dropped.cwalk"
    save(other, path)
    assert drop_on(w, file_mime(path), QPoint(300, 300))
    qtbot.waitUntil(lambda: w.path == path)
    assert w.document.meta.title == "Dropped map"
    assert "Dropped map" in w.windowTitle()


def test_dropping_a_roster_csv_on_the_canvas_imports_it_as_a_new_unsaved_map(
    window, tmp_path, qtbot, monkeypatch
):
    w = window
    from gui.files.import_dialog import ImportDialog

    def accept(dialog):
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ImportDialog, "exec", accept)
    roster = write_roster(tmp_path / "roster.csv", people=30, departments=4)
    got = []
    w.view.filesDropped.connect(got.append)
    assert drop_on(w.view.viewport(), file_mime(roster), QPoint(200, 200))
    assert got == [[roster]]
    qtbot.waitUntil(lambda: len(w.document.people) == 30)
    assert w.path is None and w.is_modified()
    assert len(w.scene.cards) == sum(1 for p in w.document.people.values() if p.placed)


def test_template_chooser_offers_every_template(qtbot):
    dialog = TemplateDialog()
    qtbot.addWidget(dialog)
    assert dialog.chosen() == "order-to-cash"
    dialog.select("services")
    assert dialog.chosen() == "services"
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(names) == 3 and any("Blank" in n for n in names)


def test_new_from_a_template_builds_it_unsaved(window, monkeypatch):
    w = window
    monkeypatch.setattr(TemplateDialog, "choose_with_people",
                        staticmethod(lambda parent=None: ("services", True)))
    assert w.file.new_map()
    assert w.path is None and len(w.document.people) > 5
    assert len(w.scene.cards) == sum(1 for p in w.document.people.values() if p.placed)
    monkeypatch.setattr(TemplateDialog, "choose_with_people", staticmethod(lambda parent=None: None))
    before = to_data(w.document)
    assert not w.file.new_map()
    assert to_data(w.document) == before


def test_export_writes_a_csv_roster(window, tmp_path, monkeypatch):
    w = window
    target = tmp_path / "out"
    assert w.file.export("csv", str(target))
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "Ana Seller" in text and "Zed Roster" in text


def test_first_map_prefers_the_asked_then_the_last_then_the_example(tmp_path, qtbot):
    from gui import app

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    assert app.first_map("x.cwalk") == ("path", Path("x.cwalk"))
    kind, _where = app.first_map(None)
    assert kind in ("example", "template")
    last = tmp_path / "last.cwalk"
    save(sample_map(), last)
    file_actions.remember_recent(last)
    assert app.first_map(None) == ("path", last.resolve())
    # the bundled example, even asked for by path, opens as a copy: it is never saved over
    assert app.first_map(str(app.EXAMPLE)) == ("example", app.EXAMPLE)
