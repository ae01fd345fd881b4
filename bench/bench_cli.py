"""Start-up of the command line, next to Python start-up plus the same imports."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, format_rows, median_time

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> None:
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True)


def measure(sizes: list[int] | None = None, repeat: int = 7) -> list[Row]:
    help_s = median_time(lambda: _run("main.py", "--help"), repeat)
    floor_s = median_time(lambda: _run("-c", "import argparse, pathlib"), repeat)
    qt_loaded = subprocess.run(
        [sys.executable, "-c", "import sys, main; main.build_parser(); print('PySide6' in sys.modules)"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip()
    rows = [Row(0, "python main.py --help", help_s, "python -c 'import argparse'", floor_s, "<=0.3 s")]
    print(f"headless verbs import Qt: {qt_loaded}")
    return rows


if __name__ == "__main__":
    print(format_rows(measure()))
