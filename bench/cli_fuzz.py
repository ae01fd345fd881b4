"""A fuzz-style walk of the command-line contract with rosters and maps nobody planned for.

    .venv/bin/python bench/cli_fuzz.py [--only CASE ...] [--rosters-only | --maps-only]

Every odd roster (bench/fuzz_inputs.py) is imported as a new map, again without --force (refused),
with --force, and into an existing map; every odd map, and every map a roster made, goes through
every verb that reads a map, then --into and import-forms change it. Each run is held to the
contract: exit 0 or 2 (1 only for a merge with conflicts), no traceback and no "unexpected
problem" (main.py's last resort for a bug), stderr only `error: ` / `warning: ` lines (at least one error on
exit 2), nothing written and the map untouched on an error, and on success an output that reads
back (a PDF pypdf opens, SVG and GraphML that parse, a CSV that imports to as many people, JSON of
check's shape, a calendar icalendar reads). Prints each broken promise and a tally; exit 1 if any.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fuzz_inputs import EXAMPLE, ROOT, Case, map_cases, roster_cases

Checker = Callable[[Path], str | None]


@dataclass
class Walk:
    """The broken promises found, and how many runs were made."""

    problems: list[str] = field(default_factory=list)
    runs: int = 0

    def add(self, case: str, what: str, problem: str | None) -> None:
        if problem:
            self.problems.append(f"{case}: {what}: {problem}")


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    problem: str | None  # a broken promise of the contract itself


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cli(*args: str | Path, cwd: Path, allowed: tuple[int, ...] = (0, 2)) -> Outcome:
    """`python main.py ARGS` as a user runs it, with the contract's promises on every run checked."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1",
           "HOME": str(cwd), "XDG_DATA_HOME": str(cwd / ".xdg"), "XDG_CONFIG_HOME": str(cwd / ".xdg")}
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, errors="replace", timeout=600, check=False)
    lines = proc.stderr.splitlines()
    problem = None
    if "Traceback" in proc.stdout + proc.stderr:
        problem = "a traceback reached the user: " + proc.stderr.strip().splitlines()[-1][:200]
    elif "unexpected problem" in proc.stderr:  # main.py's last resort: a bug, said in one line
        problem = "a bug: " + proc.stderr.strip()[:200]
    elif proc.returncode not in allowed:
        problem = f"exit {proc.returncode}: {proc.stderr.strip()[:200]}"
    elif not all(line.startswith(("error: ", "warning: ")) for line in lines):
        problem = "stderr has a line that is neither error: nor warning: " + proc.stderr[:200]
    elif proc.returncode == 2 and not any(line.startswith("error: ") for line in lines):
        problem = "exit 2 without an error: line"
    return Outcome(proc.returncode, proc.stdout, proc.stderr, problem)


# ----- outputs that must read back ------------------------------------------------------------

def pdf_ok(path: Path) -> str | None:
    import pypdf

    try:
        pages = len(pypdf.PdfReader(str(path)).pages)
    except Exception as exc:  # noqa: BLE001 - any failure to read is the finding
        return f"the PDF does not open: {exc}"
    return None if pages else "the PDF has no pages"


def png_ok(path: Path) -> str | None:
    return None if path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") else "not a PNG"


def xml_ok(path: Path) -> str | None:
    import xml.etree.ElementTree as ElementTree

    try:
        ElementTree.parse(path)
    except ElementTree.ParseError as exc:
        return f"not well-formed XML: {exc}"
    return None


def graphml_ok(path: Path) -> str | None:
    import networkx

    try:
        networkx.read_graphml(path)
    except Exception as exc:  # noqa: BLE001
        return f"networkx cannot read it: {exc}"
    return None


def ics_ok(path: Path) -> str | None:
    import icalendar

    try:
        icalendar.Calendar.from_ical(path.read_bytes())
    except Exception as exc:  # noqa: BLE001
        return f"not a calendar: {exc}"
    return None


def map_ok(path: Path) -> str | None:
    from model.storage.store import load

    try:
        load(path)
    except Exception as exc:  # noqa: BLE001
        return f"the map written does not open: {exc}"
    return None


def people_in(path: Path) -> list[str]:
    from model.storage.store import load

    return [p.name for p in load(path).people.values()]


# ----- the walk -------------------------------------------------------------------------------

def _verbs(m: Path, person: str) -> dict[str, tuple[list[str | Path], str, Checker | None]]:
    """verb -> (its arguments, the output it writes ('' for stdout), how that output reads back)."""
    out = m.parent / "out"
    return {
        "check": (["check", m], "", None),
        "check --json": (["check", m, "--json"], "", None),
        "what-if": (["what-if", m, "--leaves", person], "", None),
        "show": (["show", m], "", None),
        "diff": (["diff", EXAMPLE, m], "", None),
        "export --pdf": (["export", m, "--pdf", out / "a.pdf"], "a.pdf", pdf_ok),
        "export --pdf --redact letter": (["export", m, "--pdf", out / "r.pdf", "--redact", "--page-size",
                                          "letter"], "r.pdf", pdf_ok),
        "export --pdf-dir": (["export", m, "--pdf-dir", out / "dir"], f"dir/{m.stem}.pdf", pdf_ok),
        "export --png": (["export", m, "--png", out / "a.png"], "a.png", png_ok),
        "export --svg": (["export", m, "--svg", out / "a.svg"], "a.svg", xml_ok),
        "export --graphml": (["export", m, "--graphml", out / "a.graphml"], "a.graphml", graphml_ok),
        "export --csv": (["export", m, "--csv", out / "a.csv"], "a.csv", None),
        "export --ics": (["export", m, "--ics", out / "a.ics"], "a.ics", ics_ok),
        "story-form": (["story-form", m, "--person", person, "-o", out / "form.pdf"], "form.pdf", pdf_ok),
        "merge": (["merge", m, m, m, "-o", out / "merged.cwalk"], "merged.cwalk", map_ok),
        "new over it": (["new", "-o", m, "--template", "blank"], "", None),
    }


QUICK = ("check", "check --json", "export --csv", "new over it")


def walk_map(name: str, case: Case, folder: Path, walk: Walk, quick: bool = False) -> None:
    """Every verb that reads a map, on this one; the map is never changed by any of them."""
    m = folder / "map.cwalk"
    if not m.exists():
        m.write_bytes(case.data)
    out = folder / "out"
    person = _a_name(m)
    for verb, (args, written, readback) in _verbs(m, person).items():
        if (quick and verb not in QUICK) or (person == NOBODY and verb in ("what-if", "story-form")
                                             and not case.refused):
            continue
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        before = snapshot(folder)
        result = cli(*args, cwd=folder, allowed=(0, 1, 2) if verb == "merge" else (0, 2))
        walk.runs += 1
        walk.add(name, verb, result.problem)
        after = snapshot(folder)
        if case.people is not None and result.code == 2 and verb != "new over it":
            walk.add(name, verb, f"refused a sound map: {result.stderr.strip()[:200]}")
        if case.refused or verb == "new over it" or result.code == 2:
            accepted = f"accepted (exit {result.code}); expected a refusal"
            walk.add(name, verb, None if result.code == 2 else accepted)
            walk.add(name, verb, None if after == before else "wrote or changed files although refused")
            if case.error and case.error not in result.stderr and verb != "new over it":
                walk.add(name, verb, f"the error does not say {case.error!r}: {result.stderr.strip()[:160]}")
            continue
        changed = {k for k in set(after) | set(before) if after.get(k) != before.get(k)}
        if any(not k.startswith("out/") for k in changed):
            walk.add(name, verb, f"changed files beside its output: {sorted(changed)[:4]}")
        if written:
            target = out / written
            walk.add(name, verb, None if target.is_file() else "exit 0, but no output was written")
            if target.is_file() and readback is not None:
                walk.add(name, verb, readback(target))
            if verb == "export --csv" and target.is_file():
                _csv_round_trip(name, m, target, folder, walk)
        if verb == "check --json":
            walk.add(name, verb, _check_json_problem(result.stdout))
        if verb == "story-form" and result.code == 0:
            shutil.copyfile(out / "form.pdf", folder / "form.pdf")
    if not quick:
        _changing_verbs(name, case, m, folder, walk)


def _changing_verbs(name: str, case: Case, m: Path, folder: Path, walk: Walk) -> None:
    """The verbs that change a map on purpose: on success it still opens; refused, it is untouched."""
    roster = folder / "joiners.csv"
    roster.write_text("name,title,department\nZoë 😀,<b>x</b> & y,Sales\n李娜,CEO,Board\n", "utf-8")
    form = folder / "form.pdf"
    into: list[str | Path] = ["import-csv", roster, "-o", m, "--into"]
    steps = [("import-csv --into", into)]
    if form.exists():
        steps.append(("import-forms", ["import-forms", m, form]))
    for verb, args in steps:
        before = snapshot(folder)
        result = cli(*args, cwd=folder)
        walk.runs += 1
        walk.add(name, verb, result.problem)
        if result.code == 0:
            walk.add(name, verb, map_ok(m))
        else:
            walk.add(name, verb, None if snapshot(folder) == before else "wrote files although refused")
            if case.people is not None:
                walk.add(name, verb, f"refused a sound map: {result.stderr.strip()[:200]}")


NOBODY = "Nobody Here"


def _a_name(m: Path) -> str:
    """A person on the map for --person / --leaves: one whose name nobody else has (NOBODY if
    there is none, or the map does not open; the verbs that need one are then not run)."""
    try:
        names = people_in(m)
    except Exception:  # noqa: BLE001
        return NOBODY
    counts = Counter(" ".join(n.split()).casefold() for n in names)
    usable = [n for n in names if "\x00" not in n and counts[" ".join(n.split()).casefold()] == 1]
    return usable[0] if usable else NOBODY  # a NUL cannot be passed as an argument


def _check_json_problem(stdout: str) -> str | None:
    try:
        data = json.loads(stdout)
    except ValueError as exc:
        return f"check --json printed no JSON: {exc}"
    missing = {"walk", "findings", "stats"} - set(data)
    return f"check --json lacks {sorted(missing)}" if missing else None


def _csv_round_trip(name: str, m: Path, csv_file: Path, folder: Path, walk: Walk) -> None:
    again = folder / "out" / "again.cwalk"
    result = cli("import-csv", csv_file, "-o", again, cwd=folder)
    walk.runs += 1
    walk.add(name, "export --csv, imported again", result.problem)
    if result.code != 0:
        walk.add(name, "export --csv, imported again", f"refused: {result.stderr.strip()[:200]}")
    elif sorted(people_in(again)) != sorted(people_in(m)):
        walk.add(name, "export --csv, imported again", "the people differ from the map's")


def walk_roster(name: str, case: Case, folder: Path, walk: Walk, then_the_map: bool = True) -> None:
    """Import as a new map, again without --force, with --force, and into a map; then walk the map."""
    roster = folder / f"roster{case.suffix}"
    roster.write_bytes(case.data)
    m = folder / "made.cwalk"
    before = snapshot(folder)
    result = cli("import-csv", roster, "-o", m, cwd=folder)
    walk.runs += 1
    walk.add(name, "import-csv", result.problem)
    if case.refused:
        walk.add(name, "import-csv", None if result.code == 2 else "accepted; expected a refusal")
        walk.add(name, "import-csv", None if snapshot(folder) == before else "wrote files although refused")
        if case.error and case.error not in result.stderr:
            said = result.stderr.strip()[:200]
            walk.add(name, "import-csv", f"the error does not say {case.error!r}: {said}")
        return
    if result.code != 0:
        if case.people is not None:
            walk.add(name, "import-csv", f"refused: {result.stderr.strip()[:300]}")
        return
    walk.add(name, "import-csv", map_ok(m))
    names = people_in(m)
    if isinstance(case.people, int) and len(names) != case.people:
        walk.add(name, "import-csv", f"{len(names)} people, expected {case.people}")
    elif isinstance(case.people, tuple) and tuple(names) != case.people:
        walk.add(name, "import-csv", f"people {names[:6]}, expected {list(case.people)[:6]}")
    made = m.read_bytes()
    again = cli("import-csv", roster, "-o", m, cwd=folder)
    walk.runs += 1
    walk.add(name, "import-csv over a map", again.problem or (None if again.code == 2 else "overwrote a map"))
    walk.add(name, "import-csv over a map", None if m.read_bytes() == made else "the map changed")
    forced = cli("import-csv", roster, "-o", m, "--force", cwd=folder)
    walk.runs += 1
    walk.add(name, "import-csv --force",
             forced.problem or (None if forced.code == 0 else forced.stderr[:200]))
    into = folder / "into.cwalk"
    shutil.copyfile(EXAMPLE, into)
    merged = cli("import-csv", roster, "-o", into, "--into", cwd=folder)
    walk.runs += 1
    walk.add(name, "import-csv --into", merged.problem)
    if merged.code == 0:
        walk.add(name, "import-csv --into", map_ok(into))
    if not then_the_map:
        return
    sub = folder / "walk"
    sub.mkdir()
    shutil.copyfile(m, sub / "map.cwalk")
    walk_map(name, Case(made, len(names), big=case.big), sub, walk, quick=case.big)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", default=None, help="case names to run")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--rosters-only", action="store_true")
    group.add_argument("--maps-only", action="store_true")
    args = parser.parse_args(argv)
    walk = Walk()
    start = time.perf_counter()
    plans: list[tuple[str, Case, Callable[[str, Case, Path, Walk], None]]] = []
    if not args.maps_only:
        plans += [(f"roster {n}", c, walk_roster) for n, c in roster_cases().items()]
    if not args.rosters_only:
        plans += [(f"map {n}", c, walk_map) for n, c in map_cases().items()]
    for label, case, step in plans:
        if args.only and label.split(" ", 1)[1] not in args.only:
            continue
        with tempfile.TemporaryDirectory(prefix="cwfuzz-") as folder:
            count = len(walk.problems)
            step(label, case, Path(folder), walk)
            print(f"{label}: {'ok' if len(walk.problems) == count else 'BROKEN'}", flush=True)
    print(f"\n{walk.runs} runs in {time.perf_counter() - start:.0f} s, {len(walk.problems)} broken promises")
    for problem in walk.problems:
        print("  " + problem)
    return 1 if walk.problems else 0


if __name__ == "__main__":
    sys.exit(main())
