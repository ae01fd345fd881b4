"""The log file the error messages point to: in the user's data folder, private, never via a link."""
from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui import logfile
from gui.app import ExceptionHook


@pytest.fixture
def fresh_log(monkeypatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setitem(logfile._state, "path", None)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield tmp_path / "data"
    for h in root.handlers[:]:
        if h not in handlers:
            root.removeHandler(h)
            h.close()
    root.setLevel(level)


def test_the_log_is_a_private_file_in_the_data_folder(fresh_log: Path) -> None:
    path = logfile.start()
    assert path == fresh_log / "logs" / "contract-walk.log"
    logging.getLogger("gui.test").error("the pump order %s failed", "A-17")
    for h in logging.getLogger().handlers:
        h.flush()
    assert "the pump order A-17 failed" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_error_message_says_where_the_log_is(fresh_log: Path, qtbot, monkeypatch) -> None:
    path = logfile.start()
    monkeypatch.setattr("gui.app.QMessageBox.critical", lambda *a, **k: None)
    hook = ExceptionHook()
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        hook(RuntimeError, exc, exc.__traceback__)
    assert str(path) in hook.shown[-1]


def test_a_link_planted_at_the_log_is_not_followed(fresh_log: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me", encoding="utf-8")
    (fresh_log / "logs").mkdir(parents=True)
    (fresh_log / "logs" / "contract-walk.log").symlink_to(elsewhere)
    assert logfile.start() is None
    logging.getLogger("gui.test").error("should not reach the link's target")
    assert elsewhere.read_text(encoding="utf-8") == "keep me"
