"""Comparing with a snapshot (dialog and picker), and the start page's recent maps."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from gui.coaching.compare_dialog import CompareDialog, PickVersionDialog, load_for_compare
from gui.files.start_page import StartPage, recent_paths
from model.compare import save_snapshot
from model.entities import Checkup, Person
from model.storage.store import save
from tests.coaching_sample import coaching_doc


def test_compare_dialog_lists_changes_since_a_snapshot(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc, ids = coaching_doc()
    snap = save_snapshot(doc, "acme", folder=tmp_path, day=dt.date(2026, 1, 15))
    doc.add("person", Person("Nia <new>", department_id=ids["ops"]))
    doc.add("checkup", Checkup("2026-03-01", answers={"heroes": 4}))
    picker = PickVersionDialog("acme", tmp_path)
    qtbot.addWidget(picker)
    assert picker.list.count() == 1
    picker.accept()
    assert picker.chosen == snap
    old, problem = load_for_compare(picker.chosen)
    assert problem == ""
    dlg = CompareDialog(old, doc, snap.stem, "now")
    qtbot.addWidget(dlg)
    texts = dlg.item_texts()
    assert "People added (1)" in texts and "Nia <new> (Operations)" in texts
    assert any(t.startswith("Check-up scores") for t in texts)
    assert any("2 → 4 (+2)" in t for t in texts)
    copy = next(b for b in dlg.findChildren(QPushButton) if b.text() == "Copy as text")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().startswith(f"Changes from {snap.stem} to now")


def test_damaged_earlier_file_is_one_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "old.cwalk"
    bad.write_text("{not json")
    doc, problem = load_for_compare(bad)
    assert doc is None and "old.cwalk" in problem and "\n" not in problem


def test_picker_without_snapshots_says_so(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    picker = PickVersionDialog("nothing", tmp_path / "none")
    qtbot.addWidget(picker)
    assert picker.list.count() == 0
    picker.accept()
    assert picker.chosen is None


def test_start_page_lists_recent_maps_with_details_and_errors(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc, _ = coaching_doc()
    good = tmp_path / "acme.cwalk"
    save(doc, good)
    bad = tmp_path / "broken.cwalk"
    bad.write_bytes(b"")
    gone = tmp_path / "gone.cwalk"
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("recent", [str(good), str(bad), str(gone), str(good)])
    assert recent_paths(settings) == [good, bad, gone]
    page = StartPage(settings=settings)
    qtbot.addWidget(page)
    page.show()
    assert [r.path for r in page.recent] == [good, bad, gone]
    first, broken, missing = page.recent
    assert (first.title, first.organisation, first.open_actions, first.error) == (
        "Acme walk", "Acme <&> Söhne", 1, ""
    )
    assert broken.error.startswith("cannot be opened: ") and "empty" in broken.error
    assert missing.error == "cannot be opened: the file is no longer there"
    row = page.list.itemWidget(page.list.item(0))
    texts = " ".join(label.text() for label in row.findChildren(type(page.empty)))
    assert "Acme <&> Söhne" in texts and "1 open action item" in texts
    assert not page.list.item(1).flags() & Qt.ItemFlag.ItemIsEnabled
    opened: list[str] = []
    page.openRequested.connect(opened.append)
    rect = page.list.visualItemRect(page.list.item(0))
    qtbot.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [str(good)]  # once, not once per signal
    page._open_item(page.list.item(1))  # a broken one does nothing
    assert len(opened) == 1
    templates: list[str] = []
    page.newFromTemplate.connect(templates.append)
    qtbot.mouseClick(page.template_buttons["services"], Qt.MouseButton.LeftButton)
    assert templates == ["services"]


def test_start_page_with_no_recent_maps(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "empty.ini"), QSettings.Format.IniFormat)
    settings.setValue("recent", "not-a-list.cwalk")
    page = StartPage(settings=settings)
    qtbot.addWidget(page)
    page.show()
    assert len(page.recent) == 1 and page.recent[0].error
    settings.setValue("recent", [])
    page.refresh()
    assert page.recent == [] and page.empty.isVisible() and not page.open_button.isEnabled()
