"""One app per user: a second `contract-walk MAP` (a double-click in the file manager) opens the
map in the window that is already open, and stops."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

from canvas_fixtures import sample_map
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication

from gui.app import open_handed_over, serve_later_starts
from gui.single_instance import SingleInstance, server_name
from model.storage.store import save

ROOT = Path(__file__).resolve().parents[2]


def serving(window) -> SingleInstance:
    instance = SingleInstance()
    assert instance.listen()
    serve_later_starts(window, instance)
    return instance


def test_a_second_start_opens_its_map_in_the_running_window_and_stops(window, qtbot, tmp_path):
    instance = serving(window)
    try:
        save(sample_map(), tmp_path / "second.cwalk")
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        # a relative name, from another folder: the running app must get the full path
        child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "../second.cwalk"],
                                 cwd=elsewhere, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=dict(os.environ))
        # the window keeps serving while the test waits
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=60_000)
        out, err = child.communicate()
        assert child.returncode == 0, err
        assert "already running" in out
        qtbot.waitUntil(lambda: window.path == tmp_path / "second.cwalk", timeout=10_000)
        assert window.document.meta.title == "Test walk"
    finally:
        instance.close()


def test_unsaved_changes_are_asked_about_before_a_handed_over_map_replaces_it(window, tmp_path, boxes):
    save(sample_map(), tmp_path / "other.cwalk")
    window.scene.select_ids({"ana"}, set())
    window.edit.delete.trigger()
    assert window.is_modified()
    open_handed_over(window, str(tmp_path / "other.cwalk"))  # the user says Cancel (the boxes fixture)
    assert boxes["warning"] and "not saved" in boxes["warning"][0]
    assert window.path is None and window.is_modified() and "ana" not in window.document.people


def test_a_map_handed_over_while_a_dialog_is_open_waits_for_it_to_close(window, qtbot, tmp_path):
    from gui.about import show_about

    save(sample_map(), tmp_path / "later.cwalk")
    dialog = show_about(window)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    open_handed_over(window, str(tmp_path / "later.cwalk"))
    qtbot.wait(700)
    assert window.path is None  # nothing changes under the open dialog
    dialog.reject()
    qtbot.waitUntil(lambda: window.path == tmp_path / "later.cwalk", timeout=5000)


def test_a_socket_left_by_a_crashed_app_is_taken_over(qtbot):
    name = f"contract-walk-test-{uuid.uuid4().hex[:12]}"
    stale = Path(QDir.temp().filePath(name))
    stale.write_text("left behind by a crash")
    instance = SingleInstance(name)
    try:
        assert instance.claim(None) is False  # nobody answered: this start becomes the app
        assert instance.server is not None and instance.server.isListening()
    finally:
        instance.close()
        stale.unlink(missing_ok=True)


def test_the_server_name_is_per_data_folder_and_display(monkeypatch, tmp_path):
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "a"))
    first = server_name()
    assert first == server_name() and first.startswith("contract-walk-")
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "b"))
    assert server_name() != first
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "a"))
    monkeypatch.setenv("DISPLAY", ":77")
    assert server_name() != first


def test_a_request_that_is_not_ours_is_ignored(window, qtbot):
    instance = serving(window)
    received: list[str] = []
    instance.received.connect(received.append)
    try:
        socket = QLocalSocket()
        socket.connectToServer(instance.name)
        qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.ConnectedState, timeout=5000)
        socket.write(b"\xff\xfe not json\n")
        socket.flush()
        unconnected = QLocalSocket.LocalSocketState.UnconnectedState
        qtbot.waitUntil(lambda: socket.state() == unconnected, timeout=5000)
        assert received == [] and window.path is None
    finally:
        instance.close()
