"""Bundled files and the version come from one place (model/resources.py), so a checkout, an
installed wheel and the bundle find them alike, whatever the current folder."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import main
from model import resources

ROOT = Path(__file__).resolve().parent.parent
ASSETS_LITERAL = re.compile(r"""["']assets["']|["']assets/""")


def test_no_module_builds_its_own_path_to_the_assets_folder():
    packages = [p for d in ("model", "export", "gui") for p in sorted((ROOT / d).rglob("*.py"))]
    code = [ROOT / "main.py", *packages]
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in code if path != ROOT / "model" / "resources.py"
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if ASSETS_LITERAL.search(line)
    ]
    assert offenders == []
    assert ASSETS_LITERAL.search('FONT_DIR = ROOT / "assets" / "fonts"')  # what the scan catches


def test_every_file_the_app_needs_is_found():
    assert resources.example_map().is_file()
    assert (resources.fonts_dir() / "NotoSans-Regular.ttf").is_file()
    assert (resources.fonts_dir() / "OFL.txt").is_file()
    assert resources.icon_svg().read_text("utf-8").lstrip().startswith("<?xml")
    assert all(resources.icon_png(size).is_file() for size in resources.ICON_SIZES)


def test_the_version_is_pyprojects_and_main_prints_it(capsys):
    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert resources.version() == wanted
    assert main.main(["--version"]) == 0
    assert capsys.readouterr().out == f"Contract Walk {wanted}\n"


def test_the_windows_gui_script_runs_without_a_console(monkeypatch):
    # pythonw gives no stdout or stderr: the first print must not fail
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main.gui_main(["--version"]) == 0
    with pytest.raises(SystemExit) as refused:  # a user error, reported into nowhere, not a crash
        main.gui_main(["new"])
    assert refused.value.code == 2


def test_the_files_are_found_from_any_current_folder(tmp_path):
    probe = ("from model import resources as r; "
             "print(r.example_map().is_file(), r.fonts_dir().is_dir(), r.version())")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.split()[:2] == ["True", "True"], done.stderr
    assert done.stdout.split()[2] == resources.version()


def test_the_licence_is_the_mit_licence():
    assert resources.licence_text().startswith("MIT License")
