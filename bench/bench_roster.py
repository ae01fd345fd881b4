"""How long a roster import, a roster CSV export and a roster merge take on big maps.

    .venv/bin/python bench/bench_roster.py [--sizes 300 2000 5000] [--repeat 5] [--merge-rows 20000]

The roster is the CSV export of a generated map (every column used: hand-offs,
stories, managers, extra fields), so import and export are timed on the same
data. The floor is the stdlib csv module reading the same file into rows.

The merge (import-csv --into) is an HR export of the map's colleagues (ID,
name, title, department, email, manager; one in ten with a new title, one in
fifty moved, one in a hundred gone) padded with joiners to --merge-rows rows,
merged into the 2,000-person map: read, match, plan and apply (not saving).
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
from model.document import Document
from model.roster.merge import apply_operations, plan_merge
from model.roster.to_map import import_roster, read_roster


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


def hr_export(doc: Document, rows: int) -> str:
    """The map's colleagues as an HR system exports them, a few changed, padded with joiners."""
    depts = {d.id: d.name for d in doc.departments.values()}
    names = list(depts.values())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Employee ID", "Full Name", "Job Title", "Department", "Work Email", "Manager ID"])
    ids = {pid: f"E{n:06d}" for n, pid in enumerate(doc.people)}
    count = 0
    for n, p in enumerate(doc.colleagues()):
        if n % 100 == 99:
            continue  # a leaver
        title = f"Senior {p.title}" if n % 10 == 0 else p.title
        dept = names[n % len(names)] if n % 50 == 0 else depts.get(p.department_id or "", "")
        writer.writerow([ids[p.id], p.name, title, dept, p.email, ids.get(p.reports_to or "", "")])
        count += 1
    for n in range(count, rows):
        writer.writerow([f"J{n:06d}", f"Joiner {n}", "Analyst", names[n % len(names)],
                         f"joiner{n}@example.com", ""])
    return out.getvalue()


def measure_merge(map_size: int, rows: int, repeat: int) -> list[Row]:
    doc = make_big_map(map_size)
    for n, pid in enumerate(list(doc.people)):  # the map came from an earlier export: it knows the IDs
        doc.people[pid].external_id = f"E{n:06d}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hr.csv"
        path.write_text(hr_export(doc, rows), "utf-8")

        targets: list[Document] = []

        def merge() -> None:
            target = targets.pop()
            result = plan_merge(target, read_roster(path)).resolve()
            apply_operations(target, result.operations())

        took = median_time(merge, repeat, setup=lambda: targets.append(doc.clone()))
        read = median_time(partial(read_roster, path), repeat)
        sample = plan_merge(doc.clone(), read_roster(path)).resolve()
    print(f"merge of {rows:,} rows into {map_size:,} people: {sample.summary()}")
    return [Row(map_size, f"merge {rows:,}-row roster (--into)", took, "reading the roster alone", read,
                "a few seconds")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 2000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--merge-rows", type=int, default=20_000)
    parser.add_argument("--merge-only", action="store_true", help="time only the merge")
    args = parser.parse_args()
    rows = [] if args.merge_only else measure(args.sizes, args.repeat)
    rows += measure_merge(2000, args.merge_rows, max(1, min(args.repeat, 3)))
    print(format_rows(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
