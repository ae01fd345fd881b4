"""`main.py new | import-csv`: the verbs that make a map file, or merge a roster into one.

Maps are user data: neither verb overwrites a map without `--force` (`import-csv --into` changes
one on purpose, saving it atomically with a backup, like the app). A user error raises Problem
(exit 2, `error:` lines) and nothing is written. Headless: no Qt, ever.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from export.cli_merge import Loader, Problem

VERBS = ("new", "import-csv")
TEMPLATES = ("order-to-cash", "services", "blank")


def add_parsers(verbs: Any) -> None:
    """The verbs' argument parsers, added to main.py's subparsers."""
    new = verbs.add_parser("new", help="create a map from a template")
    new.add_argument("-o", "--output", required=True, metavar="MAP", help="the new map file (.cwalk)")
    new.add_argument("--template", default="order-to-cash", choices=TEMPLATES, help="what to start from")
    new.add_argument("--force", action="store_true", help="overwrite an existing map")
    new.add_argument("--no-people", action="store_true",
                     help="leave out the template's made-up example people: its departments only, "
                     "ready for your roster (import-csv ROSTER -o MAP --into)")

    imp = verbs.add_parser("import-csv", help="turn a roster (CSV, .xlsx, .ods: an HR export) into a map, "
                           "or merge it into one")
    imp.add_argument("roster", metavar="ROSTER", help="a .csv (or text) roster, an .xlsx or .ods workbook")
    imp.add_argument("-o", "--output", required=True, metavar="MAP", help="the new map file (.cwalk)")
    imp.add_argument("--force", action="store_true", help="overwrite an existing map")
    imp.add_argument("--into", action="store_true",
                     help="merge the roster into the existing MAP: joiners, movers and leavers (see README)")
    imp.add_argument("--remove-leavers", action="store_true",
                     help="with --into: remove people who are not in the roster (default: mark them 'left?')")
    imp.add_argument("--sheet", metavar="NAME", help="the workbook sheet to read (default: the first)")


def run(args: argparse.Namespace, load: Loader) -> int:
    """Carry out one of VERBS; raises Problem for user errors."""
    from export.cli_lock import for_target

    with for_target(args.output):  # held from before the map is read until it is saved
        return (_new if args.verb == "new" else _import_csv)(args, load)


# what a map's name must not end with: the kinds of file the app reads or writes besides maps
# (`import-csv staff.xlsx -o staff.csv`, `new -o playbook.pdf`). Any other name is the user's
# choice: 'acme', 'acme.v2', 'acme.json' stay maps; the app's Open dialog lists *.cwalk by default.
OTHER_KINDS = {
    ".csv": "a CSV file", ".tsv": "a CSV file", ".txt": "a text file", ".xlsx": "an Excel workbook",
    ".xlsm": "an Excel workbook", ".xls": "an Excel workbook", ".ods": "an OpenDocument spreadsheet",
    ".pdf": "a PDF", ".png": "a PNG picture", ".svg": "an SVG picture", ".graphml": "a GraphML file",
    ".ics": "a calendar file", ".html": "a web page", ".docx": "a Word document",
}


def map_name_problem(raw: str, what: str = "map") -> str | None:
    """Why a new map may not be written under the name typed (None: it may): blank, too long, a
    folder's name, or the name of another kind of file."""
    from export.cli import name_problem

    return name_problem(raw, what) or other_kind_problem(raw)


def other_kind_problem(raw: str) -> str | None:
    """Why a map may not take this name: another kind of file's (a map saved as staff.csv was read
    as a roster by the next import and refused as one; a spreadsheet app opened it as garbage)."""
    from model.roster.columns import shorten

    path = Path(raw)
    kind = OTHER_KINDS.get((path.suffix or path.name).lower())  # '.csv' alone has no suffix to Python
    if kind:
        return (f"{shorten(path.name)} is the name of {kind}, not of a map: a map is saved as a .cwalk file "
                f"(e.g. {shorten(path.with_suffix('.cwalk').name)})")
    return None


def _target_problem(raw: str, force: bool) -> str | None:
    """Why a new map cannot be written at the path typed (None: it can)."""
    problem = map_name_problem(raw)
    if problem:
        return problem
    path = Path(raw)
    if path.is_dir():
        return f"{path} is a folder; give a file name for the map"
    if path.exists() and not force:
        return f"{path} already exists; use --force to overwrite it"
    return None


MAX_PROBLEMS = 100  # a roster with the wrong delimiter can have a problem on every one of 50,000 lines


def _at_most(problems: list[str], limit: int) -> list[str]:
    """The first `limit` problems, then one line saying how many more there are."""
    if len(problems) <= limit:
        return problems
    more = len(problems) - limit
    return [*problems[:limit], f"... and {more:,} more problems like these (fix the ones above first)"]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _warn(warnings: list[str]) -> None:
    """`warning:` lines on stderr, one per line of each, with a roster's control codes escaped."""
    from export.cli_merge import printable

    for warning in warnings:
        for line in warning.splitlines() or [""]:
            print(f"warning: {printable(line)}", file=sys.stderr)


def _refuse_if_open(path: Path) -> None:
    """A map the app has open is never written behind its back (export/cli_lock.py)."""
    from export.cli_lock import open_in_app

    problem = open_in_app(path)
    if problem:
        raise Problem(problem)


def _save_new(doc: object, path: Path) -> None:
    from model.storage.store import MapFileError, save

    _refuse_if_open(path)
    try:
        save(doc, path)  # type: ignore[arg-type]
    except MapFileError as exc:
        raise Problem(str(exc)) from None


def _new(args: argparse.Namespace, _load: Loader) -> int:
    from model.templates.catalog import build_template

    path = Path(args.output)
    problem = _target_problem(args.output, args.force)
    if problem:
        raise Problem(problem)
    doc = build_template(args.template, people=not args.no_people)
    _save_new(doc, path)
    print(f"created {path} from the {args.template} template ({len(doc.people)} people, "
          f"{len(doc.departments)} departments)")
    return 0


def _import_csv(args: argparse.Namespace, load: Loader) -> int:
    from export.cli import name_problem
    from model.roster.to_map import RosterError, import_roster

    if args.into:
        return _merge_into(args, load)
    if args.remove_leavers:
        raise Problem("--remove-leavers is for merging into an existing map: add --into")
    path = Path(args.output)
    roster = Path(args.roster)
    problem = name_problem(args.output, "map")
    if problem is None and _same_file(roster, path):
        problem = f"{path} is the roster being imported; give another name for the map"
    problem = problem or _target_problem(args.output, args.force)
    try:
        result = import_roster(roster, sheet=args.sheet)
    except RosterError as exc:  # with the target's problem too, so both can be fixed at once
        raise Problem(*([problem] if problem else []), *_at_most(exc.problems, MAX_PROBLEMS)) from None
    if problem:
        raise Problem(problem)
    _warn(result.warnings)
    _save_new(result.document, path)
    doc = result.document
    counts = ((len(doc.colleagues()), "colleague"), (len(doc.customers()), "customer"),
              (len(doc.departments), "department"), (len(doc.handoffs), "hand-off"))
    print(f"created {path}: " + ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts))
    return 0


def _merge_into(args: argparse.Namespace, load: Loader) -> int:
    """import-csv --into: the roster merged into an existing map, the preview printed, saved atomically."""
    from export.cli import name_problem
    from export.cli_merge import printable
    from model.document import DocumentError
    from model.roster.merge import apply_operations, plan_merge
    from model.roster.report import merge_report
    from model.roster.to_map import RosterError, read_roster

    path, roster = Path(args.output), Path(args.roster)
    problem = name_problem(args.output, "map")
    if problem:
        raise Problem(problem)
    if not path.exists():
        raise Problem(f"{path}: no such map to merge into (leave out --into to make a new map)")
    if _same_file(roster, path):
        raise Problem(f"{path} is the roster being imported; give the map to merge into")
    _refuse_if_open(path)  # before any work: the same check runs again just before saving
    doc = load(args.output)
    from model.merging.revision import adopt_revision

    adopt_revision(doc.meta, path)  # a copy of this map taken before still finds it as common
    try:
        table = read_roster(roster, args.sheet)
        merge = plan_merge(doc, table).resolve()
    except RosterError as exc:
        raise Problem(*_at_most(exc.problems, MAX_PROBLEMS)) from None
    _warn(merge.plan.warnings)
    operations = merge.operations(remove=args.remove_leavers)
    if not operations:  # nothing to write: the map and its backups stay exactly as they are
        print(f"{path} already matches {roster.name}; nothing was changed")
        print(printable("\n".join(merge_report(merge, args.remove_leavers, table.unit)), keep_lines=True))
        return 0
    try:
        apply_operations(doc, operations)
    except DocumentError as exc:  # the plan was checked; report, never save half a merge
        raise Problem(f"{roster.name} could not be merged into {path.name}: {exc}; nothing was written") \
            from None
    _save_new(doc, path)
    print(f"merged {roster.name} into {path}:")
    print(printable("\n".join(merge_report(merge, args.remove_leavers, table.unit)), keep_lines=True))
    return 0
