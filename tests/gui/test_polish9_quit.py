"""Quitting is prompt: once every window has closed cleanly (saved or discarded, its lock let go),
the process ends at once instead of taking Python's slow tear-down of every Qt object and
waiting for a closed map's analysis; an autosave being written is finished first, and a window
that did not close (Cancel at "save changes?") keeps the ordinary ending."""
from __future__ import annotations

from canvas_fixtures import open_window
from PySide6.QtWidgets import QMessageBox

from gui import app
from gui.commands import MetaFieldCommand
from gui.files import map_guard
from model.storage.store import load


def _record_exit(monkeypatch, window) -> list[tuple[str, int]]:
    said: list[tuple[str, int]] = []
    # only this test's window: earlier tests in the same process may leave theirs unclosed
    monkeypatch.setattr(app.QApplication, "topLevelWidgets", staticmethod(lambda: [window]))

    def exit_now(code: int) -> None:
        said.append(("exit", code))

    monkeypatch.setattr(app.os, "_exit", exit_now)
    monkeypatch.setattr(map_guard, "finish_autosaves", lambda: said.append(("autosaves written", 0)))
    return said


def test_after_a_clean_close_the_process_ends_at_once_keeping_the_save(qtbot, tmp_path, monkeypatch, boxes):
    w = open_window(qtbot, tmp_path, monkeypatch)
    target = tmp_path / "walk.cwalk"
    assert w.save_as(target)
    w.undo_stack.push(MetaFieldCommand(w.document, "organisation", "Acme <&> 株式会社"))
    boxes["state"]["answer"] = QMessageBox.StandardButton.Save  # "Save changes?" - Save
    said = _record_exit(monkeypatch, w)
    assert w.close()
    assert load(target).meta.organisation == "Acme <&> 株式会社"  # the final save is kept
    app.leave(0)
    assert said == [("autosaves written", 0), ("exit", 0)]  # the writer first, then at once


def test_a_cancelled_quit_keeps_the_window_and_the_ordinary_ending(qtbot, tmp_path, monkeypatch, boxes):
    w = open_window(qtbot, tmp_path, monkeypatch)
    w.undo_stack.push(MetaFieldCommand(w.document, "organisation", "Acme"))
    boxes["state"]["answer"] = QMessageBox.StandardButton.Cancel
    said = _record_exit(monkeypatch, w)
    assert not w.close() and w.isVisible()
    assert app.leave(3) == 3 and said == []  # nothing cut short: the work is still open
    w.undo_stack.setClean()


def test_the_autosave_writer_finishes_what_it_was_given(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    writer = ThreadPoolExecutor(max_workers=1)
    done: list[int] = []
    import time

    writer.submit(lambda: (time.sleep(0.2), done.append(1)))
    monkeypatch.setattr(map_guard, "_WRITER", writer)
    map_guard.finish_autosaves()
    assert done == [1]
