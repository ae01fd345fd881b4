"""The map session (gui/files/map_session.py): a restart after a crash comes back to the map the
crashed run had open, and a cloud drive's conflicted copy is noticed when the window regains focus."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from canvas_fixtures import sample_map
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from test_files import edit

from gui import app
from gui.files import map_session
from gui.files.recovery_dialog import RecoveryDialog, offer_recovery
from gui.main_window import MainWindow
from model.storage import store
from model.storage.recovery import find_snapshots

LEFT = Qt.MouseButton.LeftButton


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def crash(window: MainWindow) -> None:
    """What a killed process leaves: its autosave (its process gone) and its lock let go, and no
    closeEvent (nothing saved, nothing recorded on the way out)."""
    assert window.guard.autosave_now()
    snapshot = window.guard.snapshot_file
    assert snapshot is not None
    record = snapshot.with_suffix(".json")
    facts = json.loads(record.read_text("utf-8"))
    facts["pid"] = dead_pid()
    record.write_text(json.dumps(facts), "utf-8")
    window.guard.detach(keep_snapshot=True)  # a dead process's lock is stale: the next run takes it


def test_a_restart_after_a_crash_reopens_the_map_the_crashed_run_had_open(qtbot, window, tmp_path,
                                                                           monkeypatch) -> None:
    earlier, crashed_on = tmp_path / "earlier.cwalk", tmp_path / "crashed.cwalk"
    store.save(sample_map(), earlier)
    store.save(sample_map(), crashed_on)
    assert window.open_path(earlier)
    window.close()  # a clean quit with earlier.cwalk open
    assert app.first_map(None) == ("path", earlier.resolve())

    second = MainWindow()
    qtbot.addWidget(second)
    assert second.open_path(crashed_on)
    edit(second, "Typed before the crash")
    crash(second)

    restarted = MainWindow()
    qtbot.addWidget(restarted)
    assert app.first_map(None) == ("path", crashed_on.resolve())  # not earlier.cwalk, closed cleanly
    app.open_first(restarted, None)
    assert restarted.path == crashed_on.resolve() and not restarted.read_only
    assert restarted.document.people["ana"].name != "Typed before the crash"  # the file as saved ...

    def restore(dialog: RecoveryDialog) -> int:
        assert "crashed.cwalk" in dialog.list.item(0).text()
        dialog.restore_button.click()
        return 1

    monkeypatch.setattr(RecoveryDialog, "exec", restore)
    assert offer_recovery(restarted)  # ... and the work the crash left comes back into it
    assert restarted.document.people["ana"].name == "Typed before the crash"
    assert restarted.path == crashed_on.resolve() and restarted.is_modified()
    assert store.load(crashed_on).people["ana"].name != "Typed before the crash"  # written only on Save
    assert find_snapshots() == []
    restarted.undo_stack.setClean()


def test_a_map_saved_under_a_new_name_is_the_one_a_restart_opens(window, tmp_path) -> None:
    first, renamed = tmp_path / "first.cwalk", tmp_path / "renamed.cwalk"
    store.save(sample_map(), first)
    assert window.open_path(first)
    assert window.save_as(renamed)
    assert app.first_map(None) == ("path", renamed.resolve())  # no quit needed: a crash now reopens it


def regain_focus(window: MainWindow) -> None:
    """What the window hears when the user comes back to it from another app."""
    window.activateWindow()
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))


def test_a_conflicted_copy_that_appears_while_the_map_is_open_is_offered_on_focus(
        qtbot, window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(map_session, "COPY_CHECK_EVERY_S", 0.0)
    path = tmp_path / "team.cwalk"
    store.save(sample_map(), path)
    assert window.open_path(path)
    offers = window.file.merging
    assert offers.offers == []  # nothing beside it yet
    window.show()
    qtbot.waitUntil(window.isActiveWindow)

    theirs = store.load(path)  # a colleague's copy of the same version
    theirs.update("person", "luc", title="Theirs: counsel")
    copy = tmp_path / "team (conflicted copy).cwalk"
    store.save(theirs, copy)  # the sync client writes it while the user is in another app
    regain_focus(window)
    assert len(offers.offers) == 1 and copy.name in offers.offer_label.text()
    regain_focus(window)
    assert len(offers.offers) == 1  # offered once, not once per focus

    qtbot.mouseClick(offers.offers[0].findChildren(type(offers.offer_button))[0], LEFT)
    review = offers.review
    assert review is not None
    qtbot.mouseClick(review.apply_button, LEFT)
    assert window.document.people["luc"].title == "Theirs: counsel"
    regain_focus(window)
    assert offers.offers == []  # the same copy, already taken: not offered again

    newer = tmp_path / "team (conflicted copy 2).cwalk"
    store.save(theirs, newer)
    regain_focus(window)
    assert len(offers.offers) == 1 and newer.name in offers.offer_label.text()
    window.undo_stack.setClean()


def test_focus_looks_at_the_folder_at_most_every_few_seconds(qtbot, window, tmp_path, monkeypatch) -> None:
    from model.merging import revision

    path = tmp_path / "team.cwalk"
    store.save(sample_map(), path)
    assert window.open_path(path)
    looked: list[Path] = []
    real = revision.conflict_copies
    monkeypatch.setattr(revision, "conflict_copies", lambda p: looked.append(p) or real(p))
    for _ in range(5):
        regain_focus(window)
    assert len(looked) <= 1  # switching back and forth between windows costs no folder listing each time
    monkeypatch.setattr(map_session, "COPY_CHECK_EVERY_S", 0.0)
    regain_focus(window)
    assert looked and looked[-1] == path


def test_the_start_page_and_file_new_offer_the_templates_under_the_same_names(qtbot) -> None:
    from gui.files.start_page import StartPage
    from gui.files.template_dialog import TemplateDialog
    from model.templates.catalog import TEMPLATES

    page, dialog = StartPage(), TemplateDialog()
    qtbot.addWidget(page)
    qtbot.addWidget(dialog)
    on_page = {name: button.text() for name, button in page.template_buttons.items()}
    items = [dialog.list.item(row) for row in range(dialog.list.count())]
    in_dialog = {item.data(Qt.ItemDataRole.UserRole): item.text().split("\n")[0] for item in items}
    assert on_page == in_dialog == {name: label for name, (label, _about) in TEMPLATES.items()}
    assert list(on_page) == list(in_dialog)  # in the same order too
