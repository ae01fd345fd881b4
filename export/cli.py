"""`main.py export`: the command-line contract for every output (README.md, "Command line").

Every check that can fail without writing is done first (how many maps,
section names, the target), so a user error writes nothing. Exports
overwrite their output atomically; a map file is never overwritten by one.
Batch export (--pdf-dir: one playbook per map, reporting each map that fails by
name and still writing the others) is export/cli_batch.py.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from export.cli_text import quoted
from model.roster.columns import shorten
from model.storage.atomic import describe_os_error, resolve_target

SINGLE_OUTPUTS = ("pdf", "png", "svg", "graphml", "csv", "ics")
MAX_WARNINGS = 10  # redaction warnings printed per map

Loader = Callable[[str], Any]  # path -> Document, raises main.UserError (with .problems)


class Problem(Exception):
    def __init__(self, *problems: str) -> None:
        super().__init__(problems[0] if problems else "")
        self.problems = list(problems)


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _chosen_output(args: Any) -> tuple[str, str]:
    for name in ("pdf_dir", *SINGLE_OUTPUTS):
        value = getattr(args, name, None)
        if value:
            return name, str(value)
    raise Problem("choose an output: --pdf, --pdf-dir, --png, --svg, --graphml, --csv or --ics")


def _sections(args: Any, output: str) -> list[str] | None:
    """The --sections names, checked against the playbook's (commas also separate names)."""
    raw = getattr(args, "sections", None)
    if not raw:
        return None
    if output not in ("pdf", "pdf_dir"):
        raise Problem("--sections chooses parts of the PDF playbook; use it with --pdf or --pdf-dir")
    names = [part.strip().lower() for item in raw for part in str(item).split(",") if part.strip()]
    valid = _playbook_sections()
    unknown = [n for n in names if n not in valid]
    if unknown:
        listed = ", ".join(quoted(n) for n in list(dict.fromkeys(unknown))[:10])
        noun = "section" if len(set(unknown)) == 1 else "sections"
        raise Problem(f"unknown {noun} {listed}; choose from {', '.join(valid)}")
    if not names:
        raise Problem(f"--sections needs at least one of {', '.join(valid)}")
    return list(dict.fromkeys(names))


def _playbook_sections() -> tuple[str, ...]:
    from export.playbook import SECTIONS

    return tuple(SECTIONS)


# acme.cwalk, its backups acme.cwalk.bak1..3 and the copy kept before an upgrade, acme.cwalk.v1.bak
_MAP_NAME = re.compile(r".*\.cwalk(\.bak\d+|\.v\d+\.bak)?", re.IGNORECASE)
_MAP_MARK = b'"Contract Walk"'  # the app's name in a map's meta table


def _is_map_file(target: Path) -> bool:
    """Whether an existing file holds a map (whatever its name): JSON naming the app."""
    try:
        with target.open("rb") as handle:
            head = handle.read(4096)
            if not head.lstrip().startswith(b"{"):
                return False  # none of the exports starts like that; a map always does
            tail = b""
            chunk = head
            while chunk:
                if _MAP_MARK in tail + chunk:
                    return True
                tail = chunk[-len(_MAP_MARK):]
                chunk = handle.read(1 << 20)
    except OSError:
        return False
    return False


def require_target(target: Path, maps: list[str]) -> None:
    """A target an export may replace: a regular file or a new name (never a device, a pipe, a
    socket or a link to one, which a rename would destroy), not a folder, not a map or its backup,
    in a folder that exists."""
    if os.path.lexists(target) and not target.is_dir():
        try:
            resolve_target(target)
        except OSError as exc:
            raise Problem(f"{describe_os_error(exc, target)}; use - to write to standard output") from None
    if _MAP_NAME.fullmatch(target.name) or (target.is_file() and _is_map_file(target)):
        raise Problem(
            f"{target} is a map or a map's backup; an export never overwrites a map (choose another name)")
    for m in maps:
        try:
            if target.exists() and Path(m).exists() and target.samefile(m):
                raise Problem(f"{target} is the map being exported; choose another output name")
        except OSError:
            pass
    if target.is_dir():
        raise Problem(f"{target} is a folder; give a file name for the output")
    locked = _read_only(target)
    if locked:
        raise Problem(f"{target} {locked}; it is not replaced (make it writable, or choose another name)")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise Problem(f"{target}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise Problem(f"{target}: {folder} is not a folder")


def _read_only(target: Path) -> str | None:
    """Why an existing output may not be replaced (None: it may). The export ends by renaming
    over it, which its folder allows whatever the file's own permissions say: a file marked
    read-only (its bits, as root may write anything) or not this user's to write is an
    unwritable target, refused before anything is written."""
    try:
        info = os.stat(target)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    if not info.st_mode & 0o222:
        return "is marked read-only"
    if not os.access(target, os.W_OK):
        return "is not yours to change (permission denied)"
    return None


NAME_MAX = 255  # bytes in one file or folder name (Linux, macOS, Windows alike)
PATH_MAX = 4096


def name_problem(raw: str, what: str = "output") -> str | None:
    """Why the path typed for a file to write cannot name one (None: it can): blank, ending in a
    separator (a folder's name, which Path() would quietly drop), or longer than a file system
    takes (pathlib's exists() raises on those). Checked before anything is read or written."""
    if not raw.strip():
        return f"the {what} needs a file name"
    if raw.endswith(("/", os.sep)):
        return f"{shorten(raw)} ends with '{raw[-1]}', which names a folder; give a file name for the {what}"
    return length_problem(raw)


def length_problem(raw: str) -> str | None:
    """Why a path is too long for any file system to take (None: it is not)."""
    long = [part for part in Path(raw).parts if len(os.fsencode(part)) > NAME_MAX]
    if long:
        return (f"{shorten(raw)}: the name {shorten(long[0], 30)} is too long "
                f"({len(os.fsencode(long[0])):,} bytes; a file or folder name has at most {NAME_MAX})")
    if len(os.fsencode(raw)) >= PATH_MAX:
        size = len(os.fsencode(raw))
        return f"{shorten(raw)}: the path is too long ({size:,} bytes; at most {PATH_MAX - 1})"
    return None


def os_error_line(exc: OSError, path: Path | str = "") -> str:
    """One sentence for an OSError about a path the user gave (the last resort in main.py)."""
    name = str(exc.filename if exc.filename is not None else path)
    if exc.errno == errno.ENAMETOOLONG:
        return length_problem(name) or f"{shorten(name)}: the name is too long"
    return describe_os_error(exc, shorten(name))


def check_target(target: Path, maps: list[str]) -> str | None:
    """Why an output may not be written at `target` (None: it may), for verbs outside export."""
    try:
        require_target(target, maps)
    except Problem as exc:
        return exc.problems[0]
    return None


def os_problem(exc: OSError, target: Path) -> str:
    """One sentence for a failed write, 'could not write OUT: reason', whichever writer failed.

    The playbook and CSV writers phrase the reason already (with or without
    'could not write'); the picture and GraphML writers pass the bare OSError.
    """
    said = exc.strerror or ""
    if str(target) not in said:
        said = describe_os_error(exc, target)
    return said if said.startswith("could not write ") else f"could not write {said}"


def load_map(load: Loader, path: str) -> Any:
    try:
        return load(path)
    except Exception as exc:  # noqa: BLE001 - main.UserError (export/ never imports main) or the loader's
        problems = getattr(exc, "problems", None) or [str(exc) or type(exc).__name__]
        if isinstance(exc, OSError) and exc.filename:  # e.g. a name too long for the file system
            raise Problem(os_error_line(exc)) from None
        name = Path(path).name  # the loader's sentences mostly name the file already
        raise Problem(*[p if name in p else f"{path}: {p}" for p in problems]) from None


def _redacted(doc: Any, args: Any, name: str) -> Any:
    """The redacted copy of the map (model.redaction.apply), after saying on stderr what it cannot
    recognise with confidence (the person exporting sees it; the output never does)."""
    from model.redaction.apply import redacted, redaction_warnings

    orgs = bool(getattr(args, "redact_orgs", False))
    warnings = redaction_warnings(doc, orgs)
    from export.cli_merge import printable

    for warning in warnings[:MAX_WARNINGS]:
        print(printable(f"warning: {name}: {warning}"), file=sys.stderr)
    if len(warnings) > MAX_WARNINGS:
        print(f"warning: {name}: and {len(warnings) - MAX_WARNINGS} more like these", file=sys.stderr)
    return redacted(doc, orgs)


def write_output(output: str, doc: Any, target: Path, args: Any, sections: list[str] | None,
           name: str = "") -> str:
    """Write one output; returns the line to print. Raises OSError or Problem."""
    redact = bool(getattr(args, "redact", False) or getattr(args, "redact_orgs", False))
    if redact:
        doc = _redacted(doc, args, name or str(target))
    if output in ("pdf", "pdf_dir"):
        from export.playbook import PlaybookError, write_playbook

        try:
            write_playbook(
                doc,
                target,
                page_size=getattr(args, "page_size", "a4") or "a4",
                redact=redact,
                sections=sections,
                baseline=getattr(args, "baseline_doc", None),
                baseline_label=getattr(args, "baseline_label", ""),
                departments=getattr(args, "department", None) or None,
            )
        except PlaybookError as exc:
            raise Problem(f"{target}: {exc}") from None
        return f"wrote {target}"
    if output == "png":
        from export.drawing.images import write_png

        info = write_png(doc, target, redact=redact)
        return f"wrote {target} ({info.width} x {info.height} px)"
    if output == "svg":
        from export.drawing.images import write_svg

        write_svg(doc, target, redact=redact)
        return f"wrote {target}"
    if output == "graphml":
        from export.graphml import write_graphml

        write_graphml(doc, target, redact=redact)
        return f"wrote {target}"
    if output == "csv":
        from export.csv_roster import write_csv

        write_csv(doc, target, redact=redact)
        return f"wrote {target}"
    if output == "ics":
        from export.ics import write_ics

        count = write_ics(doc, target, redact=redact)
        return f"wrote {target} ({count} reminder{'s' if count != 1 else ''})"
    raise Problem(f"unknown output {output}")


def _export_one(
    output: str, maps: list[str], target: Path, args: Any, load: Loader, sections: list[str] | None
) -> list[str]:
    if len(maps) != 1:
        return [
            (
                f"{_flag(output)} writes one file from one map, and {len(maps)} maps were given; "
                "use --pdf-dir DIR for one playbook per map"
            )
        ]
    if str(target) == STDOUT:
        doc = load_map(load, maps[0])
        department_ids(doc, args)  # a wrong --department is the map's problem, said before writing
        return _export_to_stdout(output, doc, args, sections, maps[0])
    problem = name_problem(str(getattr(args, output)), f"{_flag(output)} output")
    if problem:
        return [problem]
    require_target(target, maps)
    doc = load_map(load, maps[0])
    department_ids(doc, args)
    try:
        print(write_output(output, doc, target, args, sections, maps[0]), flush=True)
    except OSError as exc:
        return [os_problem(exc, target)]
    return []


STDOUT = "-"
_BINARY_OUTPUTS = ("pdf", "png")


def _export_to_stdout(output: str, doc: Any, args: Any, sections: list[str] | None, name: str) -> list[str]:
    """`--svg -` and friends: the export goes to standard output (for a pipe), nothing to disk.

    It is made in a private temporary folder first, so a failed export prints nothing at all;
    what is said about it names the map (`name`) and standard output, never that folder.
    """
    import sys
    import tempfile

    stream = sys.stdout
    if output in _BINARY_OUTPUTS and stream.isatty():
        return [(f"a {output.upper()} is binary: redirect standard output to a file or a pipe "
                f"(main.py export MAP --{output} - > out.{output})")]
    with tempfile.TemporaryDirectory(prefix="contract-walk-") as folder:
        staged = Path(folder) / f"export.{output}"
        try:
            write_output(output, doc, staged, args, sections, name)
            data = staged.read_bytes()
        except OSError as exc:
            return [os_problem(exc, Path(STDOUT))]
        except Problem as exc:
            raise Problem(*[p.replace(str(staged), "standard output") for p in exc.problems]) from None
    if stream.isatty():  # a person reads it: a map's control characters are shown, never obeyed
        from export.cli_merge import printable

        data = printable(data.decode("utf-8", "replace").replace("\r\n", "\n"), keep_lines=True).encode()
    stream.flush()
    stream.buffer.write(data)
    stream.buffer.flush()
    return []


def _department_options(args: Any, output: str) -> None:
    if getattr(args, "department", None) and output not in ("pdf", "pdf_dir"):
        raise Problem("--department chooses a team's PDF playbook; use it with --pdf or --pdf-dir")
    if getattr(args, "per_department", False) and output != "pdf_dir":
        raise Problem("--per-department writes one playbook per department into a folder; "
                       "use it with --pdf-dir DIR")


def department_ids(doc: Any, args: Any) -> list[str] | None:
    """The --department names as ids; an unknown one is a user error listing the map's."""
    names = getattr(args, "department", None)
    if not names:
        return None
    from export.pdf.focus import UnknownDepartment, resolve

    try:
        return resolve(doc, names)
    except UnknownDepartment as exc:
        raise Problem(str(exc)) from None


def run_export(args: Any, load: Loader) -> list[str]:
    """Carry out `main.py export`; returns the problems (empty = everything written).

    args: maps, pdf, pdf_dir, png, svg, graphml, csv, page_size, redact, redact_orgs (implies
    redact), sections.
    load(path) -> Document, raising main.UserError (with .problems) for a bad map.
    """
    maps = [str(m) for m in (getattr(args, "maps", None) or [])]
    try:
        if not maps:
            raise Problem("give at least one map to export")
        output, value = _chosen_output(args)
        sections = _sections(args, output)
        _department_options(args, output)
        earlier = getattr(args, "compare", None)
        if earlier:
            if output not in ("pdf", "pdf_dir"):
                raise Problem(
                    "--compare adds a progress section to the PDF playbook; use it with --pdf or --pdf-dir"
                )
            args.baseline_doc = load_map(load, str(earlier))
            args.baseline_label = Path(earlier).stem
        if output == "pdf_dir":
            from export.cli_batch import export_batch

            return export_batch(maps, Path(value), args, load, sections)
        return _export_one(output, maps, Path(os.fspath(value)), args, load, sections)
    except Problem as exc:
        return exc.problems
