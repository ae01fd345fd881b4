"""`main.py merge | setup-git | diff | show | story-form | import-forms`: sharing one map between
people (README.md's command line).

`merge` is what git runs as the merge driver setup-git installs: it writes the merged map over
OURS (or -o OUT) atomically and exits 0 when clean, 1 when conflicts remain (printed one a line
and kept in the map for review). A user error exits 2 with `error:` lines and writes nothing.
"""
from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

VERBS = ("merge", "setup-git", "diff", "show", "story-form", "import-forms")
ATTRIBUTES_LINE = "*.cwalk merge=cwalk diff=cwalk"

Loader = Callable[[str], Any]  # path -> Document, raises an error with .problems


# What a map's text may hold that a terminal would act on instead of showing: C0/C1 controls (an
# ESC starts a sequence that recolours, retitles or rewrites the screen) and bidi overrides.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(line: str, keep_lines: bool = False) -> str:
    """A line of map text made safe for a terminal: each control character shown as an escape
    (`\\x1b`), so a diff still shows that it is there and what it is (`keep_lines`: text of
    several lines, whose line breaks stay)."""
    if keep_lines:
        return "\n".join(_UNPRINTABLE.sub(_escape, part) for part in line.split("\n"))
    return _UNPRINTABLE.sub(_escape, line)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Problem(Exception):
    def __init__(self, *problems: str) -> None:
        super().__init__(problems[0] if problems else "")
        self.problems = list(problems)


def add_parsers(verbs: Any) -> None:
    """The verbs' argument parsers, added to main.py's subparsers."""
    m = verbs.add_parser("merge", help="three-way merge of maps by id (git's merge driver)")
    m.add_argument("base", metavar="BASE", help="the version both copies started from")
    m.add_argument("ours", metavar="OURS")
    m.add_argument("theirs", metavar="THEIRS")
    m.add_argument("-o", "--output", metavar="OUT", help="where the merged map goes (default: OURS)")
    m.add_argument("--force", action="store_true", help="overwrite an existing OUT other than OURS")
    m.add_argument("--no-backups", action="store_true",
                   help="keep no .bak copies of the file replaced (git's merge driver uses this)")
    g = verbs.add_parser("setup-git", help="merge and diff maps by meaning in a git repository")
    g.add_argument("repo", nargs="?", default=".", metavar="REPO", help="the repository (default: here)")
    d = verbs.add_parser("diff", help="what changed between two maps, in words")
    d.add_argument("old", metavar="A")
    d.add_argument("new", metavar="B")
    s = verbs.add_parser("show", help="a map as readable text (git's textconv for `git diff`)")
    s.add_argument("map", metavar="MAP")
    f = verbs.add_parser("story-form", help="a fillable PDF asking one person for their story")
    f.add_argument("map", metavar="MAP")
    f.add_argument("--person", required=True, metavar="NAME", help="whose story (name or id)")
    f.add_argument("-o", "--output", required=True, metavar="FORM.pdf")
    i = verbs.add_parser("import-forms", help="merge filled story forms back into the map")
    i.add_argument("map", metavar="MAP")
    i.add_argument("forms", nargs="+", metavar="FORM.pdf")


def run(args: argparse.Namespace, load: Loader) -> int:
    """Carry out one of VERBS; raises Problem for user errors."""
    handlers: dict[str, Callable[[argparse.Namespace, Loader], int]] = {
        "merge": _merge, "setup-git": _setup_git, "diff": _diff, "show": _show,
        "story-form": _story_form, "import-forms": _import_forms,
    }
    from export.cli_lock import for_target

    written = (args.output or args.ours) if args.verb == "merge" else \
        args.map if args.verb == "import-forms" else None
    with for_target(written):  # held from before the map is read until it is saved
        return handlers[args.verb](args, load)


def _data(load: Loader, path: str) -> dict[str, Any]:
    from model.storage.serialize import to_data

    try:
        return to_data(load(path))
    except Exception as exc:
        problems = getattr(exc, "problems", None)
        if problems is None:
            raise
        raise Problem(*problems) from None


def _save(doc: Any, target: Path, backups: bool = True) -> None:
    from model.storage.store import BACKUPS_KEPT, MapFileError, save

    _refuse_if_open(target)
    try:
        save(doc, target, backups=BACKUPS_KEPT if backups else 0)
    except MapFileError as exc:
        raise Problem(str(exc)) from None


def _refuse_if_open(target: Path) -> None:
    """A map the app has open is never written behind its back (export/cli_lock.py)."""
    from export.cli_lock import open_in_app

    problem = open_in_app(target)
    if problem:
        raise Problem(problem)


def _is_empty_file(path: str) -> bool:
    p = Path(path)
    try:
        return p.is_file() and not p.read_bytes().strip()
    except OSError:
        return False


def _merge(args: argparse.Namespace, load: Loader) -> int:
    from export.cli import name_problem
    from export.cli_maps import other_kind_problem
    from model.merging.revision import adopt_revision, base_note
    from model.merging.text import Names, conflict_line, diff_lines
    from model.merging.three_way import MergeError, merge_data

    out = Path(args.output or args.ours)
    problems = []
    problem = name_problem(args.output, "merged map") if args.output is not None else None
    if problem:
        problems.append(problem)
    elif out.is_dir():
        problems.append(f"{out} is a folder; give a file name for the merged map")
    elif args.output and out.exists() and not args.force and not _same(out, Path(args.ours)):
        problems.append(f"{out} already exists; use --force to overwrite it")
    if args.output is not None and not problem and other_kind_problem(args.output):
        problems.append(str(other_kind_problem(args.output)))
    # git gives an empty BASE when both branches added the map: then there is no common ancestor
    no_base = _is_empty_file(args.base)
    base: dict[str, Any] = {}
    paths = ([] if no_base else [args.base]) + [args.ours, args.theirs]
    loaded = _data_all(load, paths, problems)
    for data, path in zip(loaded, paths, strict=True):  # copies of a file saved without a revision
        adopt_revision(data["meta"], Path(path))
    if len(loaded) == 3:
        base = loaded.pop(0)
    ours, theirs = loaded
    note = base_note(None if no_base else base, ours, theirs, Path(args.base).name)
    try:
        result = merge_data(base, ours, theirs)
    except MergeError as exc:
        raise Problem(f"could not merge: {exc}") from None
    _save(result.document(), out, backups=not args.no_backups)
    if note:  # after the save: a refused one says only why it was refused
        print(f"warning: {printable(note)}", file=sys.stderr)
    brought = len(diff_lines(ours, result.data))
    names = Names(result.data, ours, theirs, base)
    open_ = result.unresolved
    for c in open_:
        print(printable(conflict_line(c, names)))
    tail = (f"; {len(open_)} conflict{'s' if len(open_) != 1 else ''} kept ours and wait for review "
            "(open the map, or merge again)" if open_ else "; no conflicts")
    plural = "s" if brought != 1 else ""
    print(f"merged into {out}: {brought} change{plural} from {Path(args.theirs).name}{tail}")
    return 1 if open_ else 0


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _diff(args: argparse.Namespace, load: Loader) -> int:
    from model.merging.text import diff_lines

    old, new = _data_pair(load, args.old, args.new)
    lines = diff_lines(old, new)
    print(f"{args.old} → {args.new}: " + (f"{len(lines)} change{'s' if len(lines) != 1 else ''}"
                                          if lines else "no differences"))
    for line in lines:
        print(printable(f"  {line}"))
    return 0


def _data_pair(load: Loader, a: str, b: str) -> tuple[dict[str, Any], dict[str, Any]]:
    found = _data_all(load, [a, b], [])
    return found[0], found[1]


def _data_all(load: Loader, paths: list[str], problems: list[str]) -> list[dict[str, Any]]:
    """Every map's data; the problems of all of them (and those given) at once, so all can be fixed."""
    found = []
    for path in paths:
        try:
            found.append(_data(load, path))
        except Problem as exc:
            problems.extend(exc.problems)
    if problems:
        raise Problem(*problems)
    return found


def _show(args: argparse.Namespace, load: Loader) -> int:
    from model.merging.text import map_lines

    for line in map_lines(_data(load, args.map)):
        print(printable(line))
    return 0


# ----- git ------------------------------------------------------------------------------------------
def app_command() -> str:
    """How git should start this app, from any folder: this Python and this main.py, or the
    installed `contract-walk` command."""
    main = Path(__file__).resolve().parent.parent / "main.py"
    if main.is_file():
        return f"{shlex.quote(sys.executable)} {shlex.quote(str(main))}"
    installed = shutil.which("contract-walk")
    if installed:
        return shlex.quote(installed)
    return f"{shlex.quote(sys.executable)} -m main"


def _git(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise Problem("git is not installed (or not on the PATH)") from None
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise Problem(f"{repo}: {said.removeprefix('fatal: ')}")
    return done.stdout.strip()


def _setup_git(args: argparse.Namespace, load: Loader) -> int:
    from model.storage.atomic import atomic_write_bytes, describe_os_error

    repo = Path(args.repo)
    if not repo.is_dir():
        raise Problem(f"{repo} is not a folder; give the folder of a git repository")
    top = Path(_git(repo, "rev-parse", "--show-toplevel"))
    attributes = top / ".gitattributes"
    try:
        text = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise Problem(f"cannot read {attributes}: {exc}") from None
    command = app_command()
    settings = {
        "merge.cwalk.name": "Contract Walk: merge maps by id",
        "merge.cwalk.driver": f"{command} merge --no-backups %O %A %B",
        "diff.cwalk.textconv": f"{command} show",
    }
    for key, value in settings.items():
        _git(repo, "config", "--local", key, value)
    if ATTRIBUTES_LINE not in text.splitlines():
        joined = text + ("" if not text or text.endswith("\n") else "\n") + ATTRIBUTES_LINE + "\n"
        try:
            atomic_write_bytes(attributes, joined.encode("utf-8"))
        except OSError as exc:
            raise Problem(f"could not write {describe_os_error(exc, attributes)}") from None
        print(f"added '{ATTRIBUTES_LINE}' to {attributes} (commit it, so everyone merges maps this way)")
    else:
        print(f"{attributes} already says '{ATTRIBUTES_LINE}'")
    print(f"git in {top} now merges maps with: {settings['merge.cwalk.driver']}")
    print(f"and shows them in `git diff` with: {settings['diff.cwalk.textconv']}")
    print("each person who clones the repository runs `main.py setup-git` once (git does not share config)")
    return 0


# ----- story forms -------------------------------------------------------------------------------------
def _story_form(args: argparse.Namespace, load: Loader) -> int:
    from export.cli import check_target, name_problem
    from export.story_form import FormError, find_person, write_story_form

    target = Path(args.output)
    # like an export: never a map, a folder or a lost path
    problem = name_problem(args.output, "story form") or check_target(target, [args.map])
    if problem:
        raise Problem(problem)
    doc = load_doc(load, args.map)
    try:
        person = find_person(doc, args.person)
        write_story_form(doc, person.id, target)
    except FormError as exc:
        raise Problem(str(exc)) from None
    except OSError as exc:
        from model.storage.atomic import describe_os_error

        raise Problem(f"could not write {describe_os_error(exc, target)}") from None
    print(f"wrote {target}: a story form for {person.name}; send it, and read it back with import-forms")
    return 0


def load_doc(load: Loader, path: str) -> Any:
    try:
        return load(path)
    except Exception as exc:
        problems = getattr(exc, "problems", None)
        if problems is None:
            raise
        raise Problem(*problems) from None


def _import_forms(args: argparse.Namespace, load: Loader) -> int:
    """Exit 0 when every answer came in, 1 when some conflict with the map (kept ours, stored)."""
    from export.story_form import FormError, read_forms
    from model.merging.revision import adopt_revision

    _refuse_if_open(Path(args.map))  # before reading the forms; checked again just before saving
    doc = load_doc(load, args.map)
    adopt_revision(doc.meta, Path(args.map))  # its copies elsewhere still find this version as common
    try:
        updated, report, conflicts = read_forms(doc, [Path(f) for f in args.forms])
    except FormError as exc:
        raise Problem(*exc.problems) from None
    for line in report:
        print(printable(line))
    if updated is None:
        print(f"{args.map} is unchanged: the forms hold nothing new")
        return 0
    _save(updated, Path(args.map))
    for line in conflicts:
        print(printable(line))
    print(f"saved {args.map} (the version before is kept as {Path(args.map).name}.bak1)")
    return 1 if conflicts else 0
