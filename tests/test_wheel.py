"""The wheel installs and works with no checkout in sight: built from a copy of the sources,
installed into a fresh virtual environment in a temporary folder, and run from another folder
as a user would (`contract-walk --version`, `new`, `export --pdf`, `check`).

To stay fast and work offline, the wheel is built with this venv's setuptools and the fresh venv
borrows this venv's third-party packages through a .pth file; the wheel itself goes in with
--no-deps, and the test checks that the app's own code is the installed copy, not the checkout."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

from pypdf import PdfReader

from tests.test_fonts import _fonts_in as pdf_fonts

ROOT = Path(__file__).resolve().parent.parent
# only what a build reads: the checkout's tests, benches, venv and build leftovers stay behind
NOT_SOURCES = (".venv", ".git", "tests", "bench", "build", "dist", "*.egg-info", "__pycache__",
               ".mypy_cache", ".ruff_cache", ".hypothesis", ".pytest_cache", "*.cwalk.bak*")


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done


def test_the_wheel_installs_into_a_fresh_venv_and_every_verb_works_from_another_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env.update(PYTHONNOUSERSITE="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INDEX="1")
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
          "-w", str(tmp_path / "wheels"), str(src)], tmp_path, env)
    wheel = next((tmp_path / "wheels").glob("contract_walk-*.whl"))

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, env)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     tmp_path, env).stdout.strip())
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "dev-venv-packages.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
         tmp_path, env)
    command = venv / ("Scripts/contract-walk.exe" if os.name == "nt" else "bin/contract-walk")

    elsewhere = tmp_path / "somewhere else"
    elsewhere.mkdir()
    probe = ("import json, main, model, export, gui, assets; "
             "print(json.dumps([m.__file__ for m in (main, model, export, gui, assets)]))")
    where = json.loads(_run([str(python), "-c", probe], elsewhere, env).stdout)
    assert all(Path(f).is_relative_to(site) for f in where), where  # the installed copy, never the checkout

    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert _run([str(command), "--version"], elsewhere, env).stdout.strip() == f"Contract Walk {version}"

    made = _run([str(command), "new", "-o", "acme.cwalk", "--template", "order-to-cash"], elsewhere, env)
    assert "created acme.cwalk" in made.stdout and (elsewhere / "acme.cwalk").is_file()
    _run([str(command), "export", "acme.cwalk", "--pdf", "acme.pdf"], elsewhere, env)
    assert len(PdfReader(elsewhere / "acme.pdf").pages) > 3
    fonts = pdf_fonts((elsewhere / "acme.pdf").read_bytes())
    assert any("NotoSans" in name for name in fonts), fonts  # the bundled fonts were found...
    assert all(fonts.values()), fonts  # ...and every font is embedded
    report = json.loads(_run([str(command), "check", "acme.cwalk", "--json"], elsewhere, env).stdout)
    assert report["walk"] and "findings" in report
    assert _run([str(command), "check", "acme.cwalk"], elsewhere, env).stdout.strip()
    # a user error from the installed command: exit 2, one `error:` line, no traceback
    refused = subprocess.run([str(command), "new", "-o", "acme.cwalk"], cwd=elsewhere, env=env,
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and refused.stderr.startswith("error: ") and "--force" in refused.stderr
