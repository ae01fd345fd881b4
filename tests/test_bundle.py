"""Smoke test of the app built by `python3 dev.py bundle` (PyInstaller, dist/contract-walk/): it
runs with no Python of ours, headless: --version, new, export --pdf of the bundled example
(fonts embedded), check, and the window open offscreen, taking a map from a second start.

Deselected from the default run (the `bundle` marker, pyproject's addopts): building takes
minutes. `python3 dev.py bundle` builds, then runs this file; or, after a build:
    .venv/bin/python -m pytest -m bundle tests/test_bundle.py
"""
from __future__ import annotations

import os
import subprocess
import time
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDir

from tests.test_fonts import _fonts_in as pdf_fonts

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "contract-walk"
EXE = BUNDLE / ("contract-walk.exe" if os.name == "nt" else "contract-walk")


@pytest.fixture
def env(tmp_path, monkeypatch):
    """The bundle's environment: offscreen, its own data and settings folders, no PYTHONPATH."""
    assert EXE.is_file(), f"no bundle at {EXE}: build it first with `python3 dev.py bundle`"
    for name in ("PYTHONPATH", "PYTHONHOME", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return dict(os.environ)


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(EXE), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done


def wait_for(condition, what: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)


def test_the_bundle_runs_every_verb_headless(tmp_path, env):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert run(["--version"], tmp_path, env).stdout.strip() == f"Contract Walk {version}"
    assert "created new.cwalk" in run(["new", "-o", "new.cwalk"], tmp_path, env).stdout
    example = next(BUNDLE.rglob("assets/example.cwalk"))  # the bundle's own copy
    run(["export", str(example), "--pdf", "example.pdf"], tmp_path, env)
    assert len(PdfReader(tmp_path / "example.pdf").pages) > 5
    fonts = pdf_fonts((tmp_path / "example.pdf").read_bytes())
    assert any("NotoSans" in name for name in fonts) and all(fonts.values()), fonts
    report = run(["check", str(example)], tmp_path, env).stdout
    assert "The walk, from first touch to the customer" in report
    refused = subprocess.run([str(EXE), "new", "-o", "new.cwalk"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and refused.stderr.startswith("error: ")
    # on the desktop, a double-click starts this very executable
    run(["--install-desktop"], tmp_path, dict(env, XDG_DATA_HOME=str(tmp_path / "share")))
    entry = (tmp_path / "share" / "applications" / "contract-walk.desktop").read_text("utf-8")
    assert f"\nExec={EXE} %f\n" in entry


def test_the_bundled_app_opens_its_window_and_takes_a_map_from_a_second_start(tmp_path, env):
    from gui.single_instance import server_name  # the name the bundled app listens on, in this env

    run(["new", "-o", "second.cwalk"], tmp_path, env)
    example = next(BUNDLE.rglob("assets/example.cwalk"))
    app = subprocess.Popen([str(EXE), str(example)], cwd=tmp_path, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        socket = Path(QDir.temp().filePath(server_name()))
        wait_for(lambda: socket.exists() or app.poll() is not None, "the app to start")
        time.sleep(2)  # the window stays open for two seconds...
        assert app.poll() is None, "the bundled app stopped on its own"
        handed = run(["second.cwalk"], tmp_path, env)  # ...and still serves a second start
        assert "already running" in handed.stdout
        wait_for(lambda: (tmp_path / ".second.cwalk.lock").exists(), "the window to open second.cwalk")
    finally:
        app.terminate()
        _out, err = app.communicate(timeout=60)
    assert "Traceback" not in err and "error" not in err.lower(), err
