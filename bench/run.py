"""Run every benchmark and print each figure next to its floor, measured in the same run.

    python bench/run.py [--sizes 200 2000 5000] [--repeat 5] [--only store cli ...]

Each bench module has `measure(sizes, repeat) -> list[Row]`. Results: paste the
printed table into bench/RESULTS.md with the date and the machine line.
"""
from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import Row, format_rows

MODULES = ("cli", "store", "roster", "analysis", "pdf", "gui")


def machine_line() -> str:
    import networkx
    import reportlab
    import tinydb

    try:
        import PySide6

        qt = PySide6.__version__
    except ImportError:
        qt = "not installed"
    return (
        f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PySide6 {qt}, networkx {networkx.__version__}, reportlab {reportlab.Version}, "
        f"tinydb {tinydb.__version__}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="+", choices=MODULES, default=list(MODULES))
    args = parser.parse_args()
    print(machine_line(), flush=True)
    rows: list[Row] = []
    for name in args.only:
        module = importlib.import_module(f"bench.bench_{name}")
        print(f"\n== {name}", flush=True)
        got = module.measure(args.sizes, args.repeat)
        print(format_rows(got), flush=True)
        rows.extend(got)
    print("\n== all figures\n" + format_rows(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
