"""The Coaching menu in the real main window: step through with the keyboard
(the canvas follows), log a contact for the selected person, save a snapshot
and compare with it, and panels that follow a replaced document."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from gui.coaching.compare_dialog import CompareDialog
from gui.commands import AddCommand
from model.entities import Person
from tests.coaching_sample import coaching_doc


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    shown: list[str] = []
    for name in ("warning", "critical", "information", "question"):  # never block a test on a message box
        monkeypatch.setattr(
            QMessageBox, name,
            staticmethod(lambda *a, _n=name, **k: shown.append(f"{_n}: {a[2:3]}")
                         or QMessageBox.StandardButton.Discard),
        )
    from gui.main_window import MainWindow

    doc, ids = coaching_doc()
    w = MainWindow(doc)  # closed here, not by qtbot (which would close it before this teardown)
    w.show()
    w.ids = ids  # type: ignore[attr-defined]
    w.messages = shown  # type: ignore[attr-defined]
    yield w
    w.undo_stack.setClean()  # no "save changes?" question at teardown
    w.close()
    w.deleteLater()
    assert shown == []  # no action failed into a message box


def on_next_dialog(action) -> list:  # type: ignore[no-untyped-def]
    seen: list = []

    def run() -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(20, run)
            return
        seen.append(dlg)
        action(dlg)

    QTimer.singleShot(0, run)
    return seen


def test_menu_has_every_coaching_action_with_shortcuts(window) -> None:  # type: ignore[no-untyped-def]
    c = window.coaching
    titles = [a.text() for a in c.menu.actions() if not a.isSeparator()]
    assert titles[0] == "&Step Through the Walk" and len(titles) == 9
    assert c.step.shortcut().toString() == "F5"
    assert c.log_contact.shortcut().toString() == "Ctrl+L"
    assert c.start in window.file_menu.actions()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.index("&Coaching") == menus.index("&View") - 1


def test_step_through_selects_each_step_on_the_canvas(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = window.ids
    window.view.setFocus()  # the canvas's arrow-key shortcuts must not steal the walk's keys
    window.coaching.step.trigger()
    st = window.coaching.stepthrough
    assert st is not None and st.isVisible() and st.isFullScreen()
    assert window.scene.handoff_items[ids["h1"]].isSelected()
    qtbot.keyClick(st, Qt.Key.Key_Right)
    assert window.scene.handoff_items[ids["h2"]].isSelected()
    assert not window.scene.handoff_items[ids["h1"]].isSelected()
    assert window.scene.cards[ids["cyd"]].isSelected()
    qtbot.keyClick(st, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.coaching.stepthrough is None)


def test_ctrl_l_logs_a_contact_for_the_selected_person(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = window.ids
    window.scene.select_ids([ids["cyd"]], [], False)
    assert window.coaching.selected_person() == ids["cyd"]
    assert "Cyd" in window.coaching.log_contact.text()
    ok = QDialogButtonBox.StandardButton.Ok
    seen = on_next_dialog(lambda d: d.findChild(QDialogButtonBox).button(ok).click())
    window.coaching.log_contact.trigger()
    assert len(seen) == 1
    entries = window.document.people[ids["cyd"]].outreach
    assert len(entries) == 1 and entries[0].date == dt.date.today().isoformat()
    assert not window.undo_stack.isClean()
    window.undo_stack.undo()
    assert window.document.people[ids["cyd"]].outreach == []
    # with nobody selected, Ctrl+L offers "Reach out next" instead of guessing
    window.scene.select_ids([], [], False)
    window.coaching.log_contact.trigger()
    assert window.coaching.reach_dock.isVisible()


def test_snapshot_then_compare_shows_progress(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    c = window.coaching
    folder = tmp_path / "snaps"
    path = c.save_snapshot(folder)
    assert path is not None and path.parent == folder and path.suffix == ".cwalk"
    window.undo_stack.push(AddCommand(window.document, "person", Person("Newcomer")))
    texts: list[list[str]] = []

    def grab(dlg) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dlg, CompareDialog)
        texts.append(dlg.item_texts())
        dlg.reject()

    on_next_dialog(grab)
    assert c.compare_with(path)
    assert "People added (1)" in texts[0] and "Newcomer (no department)" in texts[0]


def test_panels_follow_a_replaced_document(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from model.document import Document

    c = window.coaching
    c.show_sessions.trigger()
    assert c.sessions_dock.isVisible() and c.sessions.list.count() == 1
    window.set_document(Document.with_standard_statements(), None)
    assert c.sessions.list.count() == 0 and c.history.list.topLevelItemCount() == 0
    assert c.reach.table.rowCount() == 0
    window.coaching.show_start_page()
    assert c.start_page is not None and c.start_page.isVisible()
    c.start_page.close()


def test_the_start_page_stays_in_front_of_the_window_with_a_plain_title(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    page = window.coaching.show_start_page()
    assert page.windowType() == Qt.WindowType.Dialog  # a dialog of the main window, not a window of its own
    assert page.windowTitle() == "Start" and "start — Contract Walk" not in page.windowTitle()
    page.close()
