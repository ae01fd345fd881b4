"""A map file that is read-only on disk opens read-only (the title says so, the status bar says
why), and Save offers Save As with a clear message instead of failing; no edit is lost."""
from __future__ import annotations

import os
import stat

from canvas_fixtures import open_window, sample_map
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.commands import MetaFieldCommand
from model.storage.store import load, save


def test_a_read_only_map_opens_read_only_and_save_offers_save_as(qtbot, tmp_path, monkeypatch, boxes):
    folder = tmp_path / "maps"
    folder.mkdir()
    locked = folder / "shared walk.cwalk"
    save(sample_map(), locked)
    os.chmod(locked, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # chmod a-w (root too: the bits count)
    before = locked.read_bytes()
    w = open_window(qtbot, tmp_path, monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(locked), ""))
    w.file.open.trigger()  # File > Open...
    assert w.read_only and "[read-only]" in w.windowTitle()
    assert "read-only on disk" in w.statusBar().currentMessage()
    w.undo_stack.push(MetaFieldCommand(w.document, "organisation", "Edited <&> 😀"))
    boxes["state"]["answer"] = QMessageBox.StandardButton.Cancel
    w.file.save.trigger()  # Ctrl+S: asked, cancelled: nothing written, the edit stays
    assert any("read-only on disk" in text for text in boxes["question"])
    assert locked.read_bytes() == before and w.isWindowModified()
    assert w.document.meta.organisation == "Edited <&> 😀"
    copy = tmp_path / "my copy.cwalk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    boxes["state"]["answer"] = QMessageBox.StandardButton.Save
    w.file.save.trigger()  # Save -> Save As, the new name chosen
    assert load(copy).meta.organisation == "Edited <&> 😀"
    assert locked.read_bytes() == before  # the read-only file is untouched
    assert not w.read_only and "[read-only]" not in w.windowTitle() and not w.isWindowModified()
    assert "my copy" in w.windowTitle() or "Test walk (my copy.cwalk)" in w.windowTitle()


def test_a_writable_map_opens_writable(qtbot, tmp_path, monkeypatch, boxes):
    target = tmp_path / "mine.cwalk"
    save(sample_map(), target)
    w = open_window(qtbot, tmp_path, monkeypatch)
    assert w.open_path(target)
    assert not w.read_only and "[read-only]" not in w.windowTitle()
