"""Fixtures shared by the GUI tests: message boxes recorded instead of shown, and a main
window on the small sample map with its own settings and data folder."""
from __future__ import annotations

import pytest
from canvas_fixtures import open_window
from PySide6.QtWidgets import QMessageBox

SB = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def desktop_screen(monkeypatch):
    """The offscreen platform's screen is 800 px wide; the window tests assume a desktop monitor
    (the main window fits itself to the screen: see test_screen_fit.py for laptops and 2x)."""
    from PySide6.QtCore import QRect

    from gui import screen_fit

    monkeypatch.setattr(screen_fit, "available", lambda window: QRect(0, 0, 1920, 1050))


@pytest.fixture
def boxes(monkeypatch):
    """Every message box is recorded instead of shown; `answer` is what warning() and question() return."""
    seen: dict[str, list[str]] = {"warning": [], "critical": [], "information": [], "question": []}
    state = {"answer": SB.Cancel}

    def box(kind):
        def show(parent, title, text, *args, **kwargs):
            seen[kind].append(text)
            return state["answer"] if kind in ("warning", "question") else SB.Ok
        return show

    for kind in list(seen):
        monkeypatch.setattr(QMessageBox, kind, box(kind))
    seen["state"] = state  # type: ignore[assignment]
    return seen


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, boxes):
    """The main window on `sample_map()`, shown; settings and autosaves stay in tmp_path."""
    return open_window(qtbot, tmp_path, monkeypatch)
