"""`main.py export MAP ... --pdf-dir DIR`: one playbook per map (or per department of each map).

Name clashes are found before anything is written; a map that fails is reported by
name and the others are still written; a folder the batch made stays only if it holds
a playbook. The single-output checks and writers are export/cli.py's.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from export.cli import Loader, Problem, department_ids, load_map, os_problem, require_target, write_output
from model.storage.atomic import describe_os_error

log = logging.getLogger(__name__)


def export_batch(
    maps: list[str], folder: Path, args: Any, load: Loader, sections: list[str] | None
) -> list[str]:
    maps = _distinct(maps)
    by_stem: dict[str, list[str]] = {}
    for m in maps:
        by_stem.setdefault(Path(m).stem.casefold(), []).append(m)
    clashes = [group for group in by_stem.values() if len(group) > 1]
    if clashes:
        return [
            f"{' and '.join(group)} would both be written as {folder / (Path(group[0]).stem + '.pdf')}; "
            "rename one of the maps or export them separately"
            for group in clashes
        ]
    if folder.exists() and not folder.is_dir():
        return [f"{folder} is a file, not a folder; give a folder for --pdf-dir"]
    if getattr(args, "per_department", False):
        return _per_department(maps, folder, args, load, sections)
    targets = [(m, folder / f"{Path(m).stem}.pdf") for m in maps]
    for _m, target in targets:
        if target.is_dir():
            return [f"{target} is a folder; it is in the way of the playbook of that name"]
    made = _missing_folders(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _remove_empty(made)
        return [f"cannot create the folder {describe_os_error(exc, folder)}"]
    problems = _write_batch(targets, maps, args, load, sections)
    _remove_empty(made)  # when every map failed: no empty folder left behind either
    return problems


def _distinct(maps: list[str]) -> list[str]:
    """The maps with a file named twice (`*.cwalk acme.cwalk`, `./a.cwalk a.cwalk`) kept once."""
    seen: set[str] = set()
    kept: list[str] = []
    for m in maps:
        key = os.path.normcase(os.path.realpath(m))
        if key not in seen:
            seen.add(key)
            kept.append(m)
    return kept


def _missing_folders(folder: Path) -> list[Path]:
    """The folders `mkdir(parents=True)` would create, deepest first."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for made in folders:  # deepest first; rmdir refuses a folder that holds anything
        try:
            made.rmdir()
        except OSError:
            return


def _write_batch(
    targets: list[tuple[str, Path]], maps: list[str], args: Any, load: Loader, sections: list[str] | None
) -> list[str]:
    """Write each map's playbook; a map that fails is reported by name and the others still written."""
    problems: list[str] = []
    for m, target in targets:
        try:
            require_target(target, maps)
            doc = load_map(load, m)
            print(write_output("pdf_dir", doc, target, args, sections, m), flush=True)
        except Problem as exc:
            problems.extend(p if p.startswith(m) else f"{m}: {p}" for p in exc.problems)
        except OSError as exc:
            problems.append(f"{m}: {os_problem(exc, target)}")
        except Exception as exc:  # one broken map must not stop the batch
            log.debug("export of %s failed", m, exc_info=True)
            problems.append(
                f"{m}: unexpected problem ({type(exc).__name__}: {exc}); its playbook was not written"
            )
    return problems


def _per_department(
    maps: list[str], folder: Path, args: Any, load: Loader, sections: list[str] | None
) -> list[str]:
    """--pdf-dir with --per-department: MAP-DEPARTMENT.pdf for each department of each map
    (or of those named by --department); a name clash gets a number."""
    from export.pdf.focus import file_part

    problems: list[str] = []
    made = _missing_folders(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return [f"cannot create the folder {describe_os_error(exc, folder)}"]
    used: set[str] = set()
    for m in maps:
        try:
            doc = load_map(load, m)
            ids = department_ids(doc, args) or list(doc.departments)
            if not ids:
                raise Problem(f"{m} has no departments; there is no department playbook to write")
            for did in ids:
                stem = f"{Path(m).stem}-{file_part(doc.departments[did].name)}"
                name, n = stem, 2
                while name.casefold() in used:
                    name, n = f"{stem}-{n}", n + 1
                used.add(name.casefold())
                target = folder / f"{name}.pdf"
                require_target(target, maps)
                one = _Args(args, department=[did])
                try:
                    print(write_output("pdf_dir", doc, target, one, sections), flush=True)
                except OSError as exc:
                    problems.append(f"{m}: {os_problem(exc, target)}")
        except Problem as exc:
            problems.extend(p if p.startswith(m) else f"{m}: {p}" for p in exc.problems)
    _remove_empty(made)
    return problems


class _Args:
    """The command's options with some replaced (one department at a time)."""

    def __init__(self, base: Any, **changes: Any) -> None:
        self._base, self._changes = base, changes

    def __getattr__(self, name: str) -> Any:
        if name in self._changes:
            return self._changes[name]
        return getattr(self._base, name)
