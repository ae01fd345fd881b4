"""How long a roster import and a roster CSV export take on big maps.

    .venv/bin/python bench/bench_roster.py [--sizes 300 2000 5000] [--repeat 5]

The roster is the CSV export of a generated map (every column used: hand-offs,
stories, managers, extra fields), so import and export are timed on the same
data. The floor is the stdlib csv module reading the same file into rows.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
from functools import partial
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, format_rows, median_time
from bench.mapgen import make_big_map
from export.csv_roster import csv_bytes, write_csv
from model.roster.to_map import import_roster


def _read_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def measure(sizes: list[int], repeat: int = 5) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            doc = make_big_map(size)
            path = Path(folder) / f"roster{size}.csv"
            write_csv(doc, path)
            text = path.read_bytes().decode("utf-8-sig")
            floor = median_time(partial(_read_rows, text), repeat)
            took = median_time(partial(import_roster, path), repeat)
            rows.append(Row(size, "import-csv (read + build + layout)", took,
                            "csv.reader alone", floor, "2,000 people: well under 1 s"))
            rows.append(Row(size, "export csv (in memory)", median_time(partial(csv_bytes, doc), repeat)))
            written = median_time(partial(write_csv, doc, path), repeat)
            rows.append(Row(size, "export csv (atomic write)", written))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 2000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(format_rows(measure(args.sizes, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
