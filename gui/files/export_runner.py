"""Exports off the GUI thread: one job at a time, with progress and cancel.

`perform_export` is the plain, synchronous part (used by the worker thread and
by `FileActions.export(key, path)`); `ExportRunner` runs it as a background job
(gui/jobs/background.py) on a *snapshot* of the map (`doc.clone()`, so the user
can keep editing) and talks to the GUI through queued signals only: the worker
never touches a widget. The target file is untouched after a cancel or an error: the PDF writer
honours `cancel` itself and writes atomically; the other formats are written to
a hidden file beside the target first and only moved over it when the user has
not cancelled in the meantime.
"""
from __future__ import annotations

import contextlib
import dataclasses
import importlib
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from gui.jobs.background import Job, Jobs
from model.document import Document
from model.storage.atomic import describe_os_error, fsync_dir, resolve_target

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]  # (fraction 0..1, or UNKNOWN; message or "")
UNKNOWN = -1.0


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    filter: str
    suffix: str
    module: str
    function: str


FORMATS: dict[str, ExportFormat] = {f.key: f for f in (
    ExportFormat("pdf", "PDF playbook", "PDF playbook (*.pdf)", ".pdf", "export.playbook", "write_playbook"),
    ExportFormat(
        "png", "PNG picture of the map", "PNG picture (*.png)", ".png", "export.drawing.images", "write_png"
    ),
    ExportFormat(
        "svg", "SVG drawing of the map", "SVG drawing (*.svg)", ".svg", "export.drawing.images", "write_svg"
    ),
    ExportFormat("graphml", "GraphML (yEd, Gephi)", "GraphML (*.graphml)", ".graphml", "export.graphml",
                 "write_graphml"),
    ExportFormat("csv", "CSV roster", "CSV roster (*.csv)", ".csv", "export.csv_roster", "write_csv"),
    ExportFormat("ics", "Calendar of reach-outs and action items", "iCalendar (*.ics)", ".ics", "export.ics",
                 "write_ics"),
)}


@dataclass(frozen=True)
class ExportJob:
    """What to export, where, and how (page size and sections matter for the PDF only)."""

    fmt: str
    target: Path
    page_size: str = "a4"
    redact: bool = False
    redact_orgs: bool = False  # with redact: organisation names too (model.redaction.apply)
    sections: tuple[str, ...] | None = None  # None: every section
    open_when_done: bool = False
    compare_with: Path | None = None  # an earlier version (a snapshot): the PDF adds what changed since
    departments: tuple[str, ...] | None = None  # department ids: a playbook for those teams only


DONE, CANCELLED, FAILED = "done", "cancelled", "failed"


@dataclass(frozen=True)
class ExportOutcome:
    job: ExportJob
    status: str  # DONE | CANCELLED | FAILED
    message: str = ""  # one sentence for the user (FAILED), or a status line
    details: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == DONE


class ExportCancelledError(Exception):
    """Raised for a cancelled non-PDF export (the PDF raises export.playbook.ExportCancelled)."""


def with_suffix(path: Path | str, fmt: str) -> Path:
    """`path` with the format's extension added when it lacks it (`out` -> `out.csv`)."""
    target = Path(path).expanduser()
    suffix = FORMATS[fmt].suffix
    if target.name and target.suffix.lower() != suffix:  # "/" has no name: left for the writer to refuse
        target = target.with_name(target.name + suffix)
    return target


def _writer(fmt: str) -> Callable[..., object]:
    spec = FORMATS[fmt]
    try:
        return getattr(importlib.import_module(spec.module), spec.function)  # type: ignore[no-any-return]
    except (ImportError, AttributeError) as exc:
        log.warning("exporter %s.%s is missing", spec.module, spec.function, exc_info=True)
        raise RuntimeError(f"the {spec.label} export is not available in this version") from exc


def _is_cancel(exc: BaseException) -> bool:
    if isinstance(exc, ExportCancelledError):
        return True
    try:
        from export.playbook import ExportCancelled
    except ImportError:
        return False
    return isinstance(exc, ExportCancelled)


def _file_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _staged(write: Callable[[Path], object], target: Path, cancelled: Callable[[], bool]) -> None:
    """Let `write` make a hidden file beside `target`; move it over `target` unless cancelled."""
    target = resolve_target(target)  # a link's target; a device, pipe or folder is refused, never replaced
    folder = target.parent if str(target.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    os.close(fd)
    staged = Path(name)
    try:
        write(staged)
        if cancelled():
            raise ExportCancelledError("the export was cancelled; nothing was written")
        os.chmod(staged, _file_mode(target))
        os.replace(staged, target)
    except BaseException:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise
    fsync_dir(folder)


def perform_export(doc: Document, job: ExportJob, progress: Progress | None = None,
                   cancel: Callable[[], bool] | None = None) -> Path:
    """Write `doc` as `job` says and return the file written. Synchronous.

    Raises the exporters' errors (OSError, PlaybookError, ...) and a cancel
    exception when `cancel()` turned true; in all those cases the target is unchanged.
    """
    report = progress or (lambda _f, _m: None)
    cancelled = cancel or (lambda: False)
    if job.redact or job.redact_orgs:  # one redacted copy, which every format prints as it is
        from model.redaction.apply import redacted

        job = dataclasses.replace(job, redact=True)
        doc = redacted(doc, orgs=job.redact_orgs)
    target = with_suffix(job.target, job.fmt)
    write = _writer(job.fmt)
    if job.fmt == "pdf":
        state = {"fraction": UNKNOWN}

        def pdf_progress(value: float | str) -> None:
            if isinstance(value, str):
                report(state["fraction"], value)
            else:
                state["fraction"] = max(0.0, min(1.0, float(value)))
                report(state["fraction"], "")

        baseline = None
        if job.compare_with is not None:
            from model.storage.store import load

            baseline = load(job.compare_with)  # a damaged snapshot is reported like any failure
        write(doc, target, page_size=job.page_size, redact=job.redact,
              sections=list(job.sections) if job.sections is not None else None,
              progress=pdf_progress, cancel=cancelled, baseline=baseline,
              baseline_label=job.compare_with.stem if job.compare_with is not None else "",
              departments=list(job.departments) if job.departments else None)
    else:
        if cancelled():
            raise ExportCancelledError("the export was cancelled; nothing was written")
        report(UNKNOWN, "Drawing the map" if job.fmt in ("png", "svg") else "Writing the file")
        _staged(lambda path: write(doc, path, redact=job.redact), target, cancelled)
    report(1.0, "Done")
    return target


def describe_failure(exc: BaseException, target: Path) -> str:
    """One sentence for a failed export (never a traceback)."""
    if isinstance(exc, OSError) and exc.errno is not None:
        reason = describe_os_error(exc, target)
        doubled = f"{target}: {target}: "  # the PDF writer's OSError may already say where
        if reason.startswith(doubled):
            reason = f"{target}: " + reason[len(doubled):]
        return f"Could not write {reason}."
    text = " ".join(str(exc).split()) or type(exc).__name__
    if len(text) > 400:
        text = text[:400] + "…"
    known = isinstance(exc, (OSError, RuntimeError)) or type(exc).__module__.startswith("export.")
    if not known:
        return f"The export to {target.name} failed ({type(exc).__name__}: {text})."
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def run_job(doc: Document, job: ExportJob, progress: Progress | None = None,
            cancel: Callable[[], bool] | None = None) -> ExportOutcome:
    """`perform_export`, but every ending is an ExportOutcome (nothing raises)."""
    target = with_suffix(job.target, job.fmt)
    job = dataclasses.replace(job, target=target)
    try:
        written = perform_export(doc, job, progress, cancel)
    except Exception as exc:
        if _is_cancel(exc):
            log.info("export to %s cancelled", target)
            return ExportOutcome(job, CANCELLED, f"Export cancelled; {target.name} was not changed")
        user_error = isinstance(exc, OSError) or type(exc).__module__.startswith("export.")
        log.warning("export to %s failed: %s", target, exc, exc_info=not user_error)
        return ExportOutcome(job, FAILED, describe_failure(exc, target))
    return ExportOutcome(job, DONE, f"Exported {written}")


def _cancel_all(cancels: list[threading.Event]) -> None:
    """The runner was destroyed with an export under way: cancel it (its target is left as it was;
    the background job then ends, and its hold on the collector is given back: gui/jobs/)."""
    for cancel in cancels:
        cancel.set()


class ExportRunner(QObject):
    """Runs one export at a time on a worker thread; reports through signals."""

    started = Signal(object)  # ExportJob
    progressed = Signal(float, str)  # fraction (UNKNOWN when not known), message ("" keeps the last one)
    finished = Signal(object)  # ExportOutcome
    _progress_from_worker = Signal(float, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._job: ExportJob | None = None
        # the cancel flag of the export under way; not self in the handler: it runs while the C++
        # object is destroyed (a window deleted mid-export), before its jobs wait for the worker
        cancels: list[threading.Event] = []
        self._cancels = cancels
        self.destroyed.connect(lambda *_args: _cancel_all(cancels))
        self._jobs = Jobs(self, "export")
        self._progress_from_worker.connect(self.progressed)  # emitted on the worker thread, queued here
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def is_running(self) -> bool:
        return self._jobs.busy

    def job(self) -> ExportJob | None:
        return self._job

    def start(self, doc: Document, job: ExportJob) -> bool:
        """Start exporting a snapshot of `doc`; False when an export is already running."""
        if self.is_running():
            return False
        snapshot = doc.clone()  # on the GUI thread: the user may keep editing `doc`
        self._cancel = threading.Event()
        self._cancels[:] = [self._cancel]
        self._job = job
        self._jobs.submit(run_job, snapshot, job, self._progress, self._cancel.is_set, on_done=self._on_done)
        self.started.emit(job)
        return True

    def cancel(self) -> None:
        """Ask the running export to stop; `finished` follows with CANCELLED (or DONE if it was too late)."""
        self._cancel.set()

    def is_cancelling(self) -> bool:
        return self.is_running() and self._cancel.is_set()

    def wait(self, seconds: float | None = None) -> bool:
        """Block until the worker has ended (its `finished` is still delivered by the event loop)."""
        return self._jobs.wait(seconds)

    def shutdown(self) -> None:
        """The app is quitting: cancel and give the worker a moment, so no temp file is left behind."""
        if self.is_running():
            self.cancel()
            self.wait(15.0)

    def _progress(self, fraction: float, message: str) -> None:
        """Runs on the worker thread: the GUI hears of it through a queued signal."""
        with contextlib.suppress(RuntimeError):  # the window went away
            self._progress_from_worker.emit(fraction, message)

    def _on_done(self, done: Job) -> None:
        job = self._job or ExportJob("pdf", Path())
        try:
            outcome = done.result()
        except Exception as exc:  # run_job reports every ending itself: this is a bug, told as a failure
            log.exception("the export failed unexpectedly")
            outcome = ExportOutcome(job, FAILED, describe_failure(exc, job.target))
        self._cancels.clear()
        self._job = None
        self.finished.emit(outcome)


__all__ = ["CANCELLED", "DONE", "FAILED", "FORMATS", "UNKNOWN", "ExportFormat", "ExportJob", "ExportOutcome",
           "ExportRunner", "describe_failure", "perform_export", "run_job", "with_suffix"]
