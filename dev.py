"""Set everything up in a local virtual environment (.venv), then open the app or run the tests.

    python3 dev.py          set up, then open the app on the bundled example map
    python3 dev.py test     set up, then run the whole test suite
    python3 dev.py bench    set up, then run the benchmarks

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


def requirements() -> list[str]:
    import tomllib  # here, not at the top: on Python < 3.11 setup() must get to say why it stops

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return list(project["dependencies"]) + list(project["optional-dependencies"]["test"])


def setup() -> None:
    # dev.py runs under whatever python3 is on PATH, older than the project's target too
    if sys.version_info < (3, 11):  # noqa: UP036
        sys.exit("error: Contract Walk needs Python 3.11 or newer")
    if not PYTHON.exists():
        print("setting up .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("installing dependencies ...", flush=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q", *requirements()],
        check=True,
    )
    stamp.write_text(wanted)


def main() -> int:
    what = sys.argv[1] if len(sys.argv) > 1 else "open"
    setup()
    os.chdir(ROOT)
    if what == "open":
        return subprocess.call([str(PYTHON), "main.py", "assets/example.cwalk", *sys.argv[2:]])
    if what == "test":
        return subprocess.call([str(PYTHON), "-m", "pytest", *sys.argv[2:]])
    if what == "bench":
        return subprocess.call([str(PYTHON), "bench/run.py", *sys.argv[2:]])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
