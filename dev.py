"""Set everything up in a local virtual environment (.venv), then open the app or run the tests.

    python3 dev.py          set up, then open the app on the bundled example map
    python3 dev.py test     set up, then run the whole test suite on every core (pytest-xdist);
                            pytest's own arguments follow (`-n 0` runs in one process)
    python3 dev.py bench    set up, then run the benchmarks
    python3 dev.py bundle   set up (with PyInstaller), build the app that needs no Python in
                            dist/contract-walk/, then run its smoke test (tests/test_bundle.py)

Needs only Python 3.11+. Re-installs only when pyproject.toml changed.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def requirements(group: str = "test") -> list[str]:
    """The app's dependencies and an optional group's (test: the default; bundle: PyInstaller too)."""
    import tomllib  # here, not at the top: on Python < 3.11 setup() must get to say why it stops

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extra = project["optional-dependencies"]
    groups = ["test", group] if group != "test" else ["test"]
    return list(project["dependencies"]) + [req for name in groups for req in extra[name]]


def setup(group: str = "test") -> None:
    # dev.py runs under whatever python3 is on PATH, older than the project's target too
    if sys.version_info < (3, 11):  # noqa: UP036
        sys.exit("error: Contract Walk needs Python 3.11 or newer")
    if not PYTHON.exists():
        print("setting up .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / (".installed" if group == "test" else f".installed-{group}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("installing dependencies ...", flush=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q", *requirements(group)],
        check=True,
    )
    stamp.write_text(wanted)


def pytest_args(given: list[str]) -> list[str]:
    """The user's pytest arguments, run on every core unless they chose (`-n N`, `-p no:xdist`,
    `--pdb`, which needs one process): the suite takes minutes on one core, about half on two."""
    chosen = any(
        arg.startswith(("-n", "--numprocesses", "-pno:xdist", "--pdb", "--trace")) or arg == "no:xdist"
        for arg in given
    )
    # worksteal: a worker that is done early takes tests from the other's queue (a few slow
    # tests would otherwise leave one core idle at the end)
    return given if chosen else ["-n", "auto", "--dist", "worksteal", *given]


def main() -> int:
    what = sys.argv[1] if len(sys.argv) > 1 else "open"
    setup("bundle" if what == "bundle" else "test")
    os.chdir(ROOT)
    if what == "open":
        return subprocess.call([str(PYTHON), "main.py", "assets/example.cwalk", *sys.argv[2:]])
    if what == "test":
        return subprocess.call([str(PYTHON), "-m", "pytest", *pytest_args(sys.argv[2:])])
    if what == "bench":
        return subprocess.call([str(PYTHON), "bench/run.py", *sys.argv[2:]])
    if what == "bundle":
        built = subprocess.call([str(PYTHON), "tools/bundle.py", *sys.argv[2:]])
        if built:
            return built
        return subprocess.call([str(PYTHON), "-m", "pytest", "-m", "bundle", "-q", "tests/test_bundle.py"])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
