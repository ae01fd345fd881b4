"""Build Contract Walk as a one-folder app that needs no Python: dist/contract-walk/.

    python3 dev.py bundle        (sets up PyInstaller in .venv, runs this, then the smoke test)

The same command on Linux, Windows and macOS builds for the machine it runs on (PyInstaller
does not cross-compile). The bundle carries exactly the data files the wheel does (read from
pyproject's package-data, one list for both), plus pyproject.toml and LICENSE beside the code
so that model/resources.py finds the version and licence as in a checkout.
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "contract-walk"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"


def data_files() -> list[tuple[Path, str]]:
    """(file, folder in the bundle) for every data file the wheel ships."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    pairs = []
    for package, patterns in config["package-data"].items():
        base = ROOT / package.replace(".", "/")
        for pattern in patterns:
            for name in sorted(glob.glob(str(base / pattern))):
                path = Path(name)
                pairs.append((path, str(path.parent.relative_to(ROOT))))
    pairs += [(ROOT / "pyproject.toml", "."), (ROOT / "LICENSE", ".")]
    return pairs


def pyinstaller_args() -> list[str]:
    args = [str(ROOT / "main.py"), "--name", NAME, "--onedir", "--noconfirm", "--clean",
            "--distpath", str(DIST), "--workpath", str(WORK), "--specpath", str(WORK),
            "--log-level", "WARN"]
    for source, folder in data_files():
        args += ["--add-data", f"{source}{os.pathsep}{folder}"]
    # imported lazily inside functions or by name (importlib.resources): list them, so none is missed
    args += ["--hidden-import", "assets"]
    for package in ("model", "export", "gui"):
        args += ["--collect-submodules", package]
    if sys.platform == "win32":
        args += ["--icon", str(ROOT / "assets" / "icons" / "contract-walk.ico")]
    elif sys.platform == "darwin":  # an app bundle for the Finder; its executable still runs the CLI
        args += ["--windowed", "--icon", str(ROOT / "assets" / "icons" / "contract-walk.icns"),
                 "--osx-bundle-identifier", "org.contractwalk.ContractWalk"]
    return args


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    started = time.monotonic()
    print(f"building {DIST / NAME} with PyInstaller (a few minutes) ...", flush=True)
    shutil.rmtree(DIST / NAME, ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "PyInstaller", *pyinstaller_args()], cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write("error: PyInstaller failed (see above)\n")
        return done.returncode
    size = folder_size(DIST / NAME)
    print(f"built {DIST / NAME} in {time.monotonic() - started:.0f} s: {size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
