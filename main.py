"""Contract Walk: map how a signed contract walks through your organisation.

No verb opens the app; a verb does headless work and never imports Qt.
User errors exit 2 with one `error: ...` line per problem on stderr.
"""
from __future__ import annotations

import signal

if __name__ == "__main__":  # Ctrl+C while the modules load: stop quietly (no traceback), nothing began
    signal.signal(signal.SIGINT, signal.SIG_DFL)

import argparse
import logging
import multiprocessing
import os
import sys
from pathlib import Path
from typing import NoReturn

from export import cli_maps, cli_merge, cli_text
from export.cli_maps import MAX_PROBLEMS  # noqa: F401  (the limit on error lines, tests read it here)

VERBS = (*cli_maps.VERBS, "export", "check", "what-if", *cli_merge.VERBS)
OPTIONS = ("-h", "--help", "--version", "--install-desktop", "--uninstall-desktop")  # no verb, no app


class UserError(cli_merge.Problem):
    """Problems to report as `error:` lines; exit code 2 (the verbs in export/ raise the Problem
    it is, since nothing imports main)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {cli_text.one_line(message)} (see '{self.prog} --help')\n")
        raise SystemExit(2)


def _prog() -> str:
    """The name the user typed: `contract-walk` once installed (or bundled), else main.py."""
    name = Path(sys.argv[0]).stem if sys.argv and sys.argv[0] else ""
    return "contract-walk" if getattr(sys, "frozen", False) or name == "contract-walk" else "main.py"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=_prog(),
        description="Contract Walk: map how a signed customer contract walks through your "
        "organisation, and print it as a playbook. With no verb, opens the app "
        "(on MAP.cwalk, or the last map, or the bundled example).",
        epilog="Open the app: python main.py [MAP.cwalk] (installed: contract-walk [MAP.cwalk])",
    )
    parser.add_argument("--version", action="store_true", help="print the version and stop")
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop", action="store_true",
                         help="Linux: add the app, its icon and the .cwalk file type to your desktop "
                         "(under $XDG_DATA_HOME, default ~/.local/share)")
    desktop.add_argument("--uninstall-desktop", action="store_true",
                         help="Linux: remove what --install-desktop added")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    cli_maps.add_parsers(verbs)  # new, import-csv

    exp = verbs.add_parser("export", help="write a PDF playbook, PNG, SVG, GraphML or CSV",
                           epilog="OUT may be - to write to standard output (e.g. --svg - | other-tool).")
    exp.add_argument("maps", nargs="+", metavar="MAP")
    out = exp.add_mutually_exclusive_group(required=True)
    out.add_argument("--pdf", metavar="OUT", help="the playbook as PDF")
    out.add_argument("--pdf-dir", metavar="DIR", help="one playbook per map, named after the map")
    out.add_argument("--png", metavar="OUT", help="the map as a PNG picture")
    out.add_argument("--svg", metavar="OUT", help="the map as SVG")
    out.add_argument("--graphml", metavar="OUT", help="the map as GraphML (yEd, Gephi)")
    out.add_argument("--csv", metavar="OUT", help="the people as a roster CSV (import-csv reads it)")
    out.add_argument("--ics", metavar="OUT", help="reach-outs and open action items as a calendar (.ics)")
    exp.add_argument("--page-size", type=str.lower, choices=("a4", "letter"), default="a4")
    exp.add_argument("--redact", action="store_true",
                     help="replace names with role and department; no contact details")
    exp.add_argument("--redact-orgs", action="store_true",
                     help="--redact, and the names of the organisation, customers and partners too")
    exp.add_argument("--sections", nargs="+", metavar="SECTION",
                     help="which playbook sections (default: all but what-if, which is opt-in)")
    exp.add_argument("--department", action="append", metavar="NAME",
                     help="a playbook for this department only (repeat for several)")
    exp.add_argument("--per-department", action="store_true",
                     help="with --pdf-dir: one playbook per department, named MAP-DEPARTMENT.pdf")
    exp.add_argument("--compare", metavar="EARLIER",
                     help="an earlier version of the map (e.g. a session snapshot): "
                     "the playbook adds what changed since")

    chk = verbs.add_parser("check", help="print the walk and where it may lose the customer")
    chk.add_argument("map", metavar="MAP")
    chk.add_argument("--json", action="store_true", help="machine-readable output")
    chk.add_argument("--stale-days", type=int, metavar="N",
                     help="contact older than N days is stale (default: the map's)")

    wif = verbs.add_parser("what-if", help="what breaks, and who could cover, if someone leaves")
    wif.add_argument("map", metavar="MAP")
    wif.add_argument("--leaves", action="append", required=True, metavar="NAME",
                     help="a person who leaves (repeat for several)")
    wif.add_argument("--json", action="store_true", help="machine-readable output")
    cli_merge.add_parsers(verbs)  # merge, setup-git, diff, show, story-form, import-forms
    return parser


def _load(path: str):  # -> Document
    from model.storage.store import MapFileError, load

    target = Path(path)
    if target.exists() and not target.is_dir() and not target.is_file():
        # a pipe would block the read forever, a device is no map either
        raise UserError(f"{path} is not a regular file, so it cannot be a map")
    try:
        return load(path)
    except MapFileError as exc:
        raise UserError(str(exc)) from None


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from model.analysis.insights import analyse, report_text

    doc = _load(args.map)
    if args.stale_days is not None and args.stale_days < 1:
        raise UserError("--stale-days must be at least 1")
    report = analyse(doc, stale_days=args.stale_days)
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print(report_text(doc, report))
    return 0


def cmd_what_if(args: argparse.Namespace) -> int:
    import json

    from model.analysis.whatif import what_if
    from model.analysis.whatif_text import report_text, resolve

    doc = _load(args.map)
    ids, problems = resolve(doc, args.leaves)
    if problems:
        raise UserError(*problems)
    result = what_if(doc, ids)
    if args.json:
        depts = {did: d.name for did, d in doc.departments.items()}
        print(json.dumps(result.to_json(depts), indent=2, ensure_ascii=False))
    else:
        print(report_text(result))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from export.cli import run_export

    problems = run_export(args, _load)
    if problems:
        raise UserError(*problems)
    return 0


def _not_a_map_to_open(argv: list[str]) -> str | None:
    """A mistyped verb ('exprot', 'chek MAP'), which would otherwise open the app on a map of that name."""
    if not argv or argv[0].startswith("-"):
        return None
    word = argv[0]
    looks_like_a_file = Path(word).suffix or os.sep in word or "/" in word or cli_text.exists(word)
    if looks_like_a_file:
        return None  # a map to open (the app says if it cannot; extra words are argparse's to refuse)
    import difflib

    close = difflib.get_close_matches(word.lower(), VERBS, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return (f"unknown verb {cli_text.quoted(word)}; {hint}the verbs are {', '.join(VERBS)} "
            "(or give one map to open the app)")


def _has_display() -> bool:
    """Whether Qt can open a window: Linux and the BSDs need X11 or Wayland (or a chosen platform plugin)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


class _PrefixedLines(logging.Handler):
    """Log records on stderr as `warning: ...` / `error: ...` lines, one per line of the message
    (never logging's bare last-resort lines, never a traceback: those are for --debug runs)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            word = "error" if record.levelno >= logging.ERROR else "warning"
            lines = record.getMessage().splitlines() or [""]
            if record.name == "py.warnings":  # "file:line: Category: text" and the source line
                lines = [lines[0].split(": ", 1)[-1]]
            sys.stderr.write("".join(f"{word}: {cli_merge.printable(line)}\n" for line in lines))
        except Exception:  # noqa: BLE001 - logging must never break a command
            self.handleError(record)


def _log_to_stderr() -> None:
    root = logging.getLogger()
    if not any(isinstance(h, _PrefixedLines) for h in root.handlers):
        handler = _PrefixedLines(logging.WARNING)
        root.addHandler(handler)
    logging.captureWarnings(True)


def cmd_options(args: argparse.Namespace) -> int:
    """No verb, only options: --version, or the desktop integration (gui/desktop.py, Qt-free)."""
    if args.version:
        from model.resources import version

        print(f"Contract Walk {version()}")
        return 0
    if not (args.install_desktop or args.uninstall_desktop):
        build_parser().print_help()
        return 0
    from gui.desktop import DesktopError, install, uninstall

    try:
        done = install() if args.install_desktop else uninstall()
    except DesktopError as exc:
        raise UserError(str(exc)) from None
    verb = "wrote" if args.install_desktop else "removed"
    icons = [path for path in done.files if "icons" in path.parts]
    for path in done.files:
        if path not in icons:
            print(f"{verb} {path}")
    if icons:
        print(f"{verb} {len(icons)} icons in {icons[0].parents[2]}")
    for note in done.notes:
        print(f"note: {note}")
    if args.install_desktop:
        print("Contract Walk is in your applications menu, and .cwalk maps open in it with a double-click "
              f"(undo with: {'python main.py' if _prog() == 'main.py' else _prog()} --uninstall-desktop)")
    elif not done.files:
        print("nothing to remove: Contract Walk was not installed on this desktop")
    return 0


def cmd_sharing(args: argparse.Namespace) -> int:
    return cli_merge.run(args, _load)


def cmd_maps(args: argparse.Namespace) -> int:
    return cli_maps.run(args, _load)


COMMANDS = {**dict.fromkeys(cli_maps.VERBS, cmd_maps), "check": cmd_check, "export": cmd_export,
            "what-if": cmd_what_if, **dict.fromkeys(cli_merge.VERBS, cmd_sharing)}


class _Terminated(BaseException):
    """SIGTERM (a logout, `kill`, a CI timeout) reached a verb: unwind, so a half-written temporary
    file is removed on the way, then end as the signal would have."""


_arrived: list[int] = []  # the signal that is unwinding the verb, if one is


def _on_signal(signum: int, _frame: object) -> None:
    """Remember the signal, then unwind. A library may catch what this raises and raise its own
    error instead (reportlab turns any failure while opening a font into "Can't open file"):
    the ending is then still the signal's, not an "unexpected problem"."""
    _arrived.append(signum)
    raise _Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    # a bundle started again as the insights' analysis process (gui/jobs/analysis_process.py) runs
    # that and ends here; elsewhere this does nothing
    multiprocessing.freeze_support()
    if signal.getsignal(signal.SIGINT) is signal.SIG_DFL:  # set above while loading: from here on an
        signal.signal(signal.SIGINT, signal.default_int_handler)  # interrupt is reported (or the app's)
    as_program = argv is None  # not called by a test: the process is ours to end on SIGTERM
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in VERBS and argv[0] not in OPTIONS):
        gui = _Parser(prog=_prog(), description="Open the Contract Walk app.")
        gui.add_argument("map", nargs="?", metavar="MAP.cwalk", help="the map to open")
        problem = _not_a_map_to_open(argv)
        if problem:
            sys.stderr.write(f"error: {problem}\n")
            return 2
        opts = gui.parse_args(argv)
        if not _has_display():
            sys.stderr.write("error: there is no display to open the app on; the verbs "
                             f"({', '.join(VERBS)}) work without one (see '{_prog()} --help')\n")
            return 2
        from gui.app import run_app

        return run_app(opts.map)
    try:  # Ctrl+C while the options are read (argparse loads its translations) is reported too
        args = build_parser().parse_args(argv)
        _log_to_stderr()
        if as_program:
            signal.signal(signal.SIGTERM, _on_signal)
            signal.signal(signal.SIGINT, _on_signal)
        return COMMANDS[args.verb](args) if args.verb else cmd_options(args)
    except Exception as exc:  # noqa: BLE001 (each kind is told apart in _report)
        if not _arrived:
            return _report(exc)
        if _arrived[0] == signal.SIGTERM:
            return _end_terminated()
        sys.stderr.write("error: interrupted; nothing was left half-written\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted; nothing was left half-written\n")
        return 2
    except _Terminated:
        return _end_terminated()


def _end_terminated() -> int:
    """End as SIGTERM would have, now that the verb has unwound."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)
    return 128 + signal.SIGTERM


def _report(exc: Exception) -> int:
    """The exit code and `error:` lines for a verb that failed by itself (no signal)."""
    if isinstance(exc, cli_merge.Problem):  # UserError, or a verb's in export/
        for problem in exc.problems:
            for line in str(problem).splitlines() or [""]:  # names from files: control codes escaped
                sys.stderr.write(f"error: {cli_merge.printable(line)}\n")
        return 2
    if isinstance(exc, BrokenPipeError):  # the output went to a pager or `head` that closed early
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    stdout_said = cli_text.stdout_failure(exc)  # the output's disk is full: the user's to fix
    if stdout_said:
        sys.stderr.write(f"error: {stdout_said}\n")
        return 2
    if isinstance(exc, OSError) and exc.filename:  # the system refused a path the user gave
        from export.cli import os_error_line

        sys.stderr.write(f"error: {os_error_line(exc)}\n")
        return 2
    # a bug, not the user's fault: one line, no traceback
    logging.getLogger("contract_walk").debug("unexpected failure", exc_info=exc)
    said = " ".join(str(exc).split())  # one line, whatever the exception's text holds
    sys.stderr.write(f"error: unexpected problem ({type(exc).__name__}: {said}); nothing was written\n")
    return 1


def gui_main(argv: list[str] | None = None) -> int:
    """The Windows GUI script (no console): pythonw gives no stdout/stderr, so they go nowhere
    instead of failing the first print; then the same command as `contract-walk`."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (for the app's life)
    return main(argv)


if __name__ == "__main__":
    sys.exit(main())
