"""The window's side of exporting: the dialog, the background run, the result.

`ExportController` (one per main window, found with `controller_for(window)`)
starts jobs on its `ExportRunner`, shows an inline progress bar with a Cancel
button in the status bar while the user keeps working, and reports the end:
a status line when done (and the file opened if asked), one clear message box
when it failed. Only one export runs at a time.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QProgressBar, QToolButton, QWidget

from gui.files.export_dialog import ExportDialog, ExportMemory
from gui.files.export_runner import (
    CANCELLED,
    DONE,
    FORMATS,
    UNKNOWN,
    ExportJob,
    ExportOutcome,
    ExportRunner,
    run_job,
)

if TYPE_CHECKING:
    from gui.main_window import MainWindow


class ExportProgress(QWidget):
    """Status-bar strip: what is being exported, how far, and a Cancel button."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setFixedWidth(160)
        self.bar.setMaximumHeight(16)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop this export; the file on disk stays as it was")
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._name = ""
        self.hide()

    def begin(self, job: ExportJob) -> None:
        self._name = job.target.name
        self.label.setText(f"Exporting {self._name}…")
        self.label.setToolTip(str(job.target))
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.show()

    def update_progress(self, fraction: float, message: str) -> None:
        if fraction == UNKNOWN:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(max(0.0, min(1.0, fraction)) * 1000))
        if message and self.cancel_button.isEnabled():
            self.label.setText(f"Exporting {self._name}: {message[:1].lower() + message[1:]}…"
                               if message != "Done" else f"Exporting {self._name}…")

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(f"Cancelling the export of {self._name}…")
        self.cancelRequested.emit()

    def end(self) -> None:
        self.hide()


class ExportController(QObject):
    """Runs the window's exports: one at a time, in the background, from a snapshot of the map."""

    exportFinished = Signal(object)  # ExportOutcome, after it was reported to the user

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("export-controller")
        self.w = window
        self.runner = ExportRunner(self)
        self.progress = ExportProgress(window)
        window.statusBar().insertPermanentWidget(0, self.progress)  # left of the map counts
        self.progress.cancelRequested.connect(self.runner.cancel)
        self.runner.started.connect(self.progress.begin)
        self.runner.progressed.connect(self.progress.update_progress)
        self.runner.finished.connect(self._finished)

    def is_running(self) -> bool:
        return self.runner.is_running()

    def start(self, job: ExportJob) -> bool:
        """Start `job` in the background; False (with a message) when another export is running."""
        if self.runner.is_running():
            running = self.runner.job()
            name = running.target.name if running is not None else "another file"
            QMessageBox.information(
                self.w, "Export", f"{name} is still being exported; wait for it or cancel it first."
            )
            return False
        return self.runner.start(self.w.document, job)

    def run_now(self, job: ExportJob) -> bool:
        """Export synchronously (scripts and tests); reported the same way as a background export."""
        if self.runner.is_running():
            return self.start(job)  # refuses with the same message
        outcome = run_job(self.w.document.clone(), job)
        if outcome.ok:
            ExportMemory(self.w.path).remember(outcome.job)
        self._report(outcome)
        return outcome.ok

    def _finished(self, outcome: ExportOutcome) -> None:
        self.progress.end()
        self._report(outcome)

    def _report(self, outcome: ExportOutcome) -> None:
        if outcome.status == DONE:
            self.w.show_status(outcome.message)
            if outcome.job.open_when_done:
                url = QUrl.fromLocalFile(str(outcome.job.target))
                if not QDesktopServices.openUrl(url):
                    self.w.show_status(f"Exported {outcome.job.target}; no program here opens "
                                       f"{outcome.job.target.suffix} files")
        elif outcome.status == CANCELLED:
            self.w.show_status(outcome.message)
        else:
            QMessageBox.critical(self.w, "Export failed", outcome.message)
        self.exportFinished.emit(outcome)


def controller_for(window: MainWindow) -> ExportController:
    """The window's export controller (made on first use)."""
    found = window.findChild(ExportController, "export-controller")
    return found if isinstance(found, ExportController) else ExportController(window)


def open_export_dialog(window: MainWindow, fmt: str | None = None) -> ExportDialog:
    """Show File > Export for the window's map, preselected to `fmt`; Export starts it in the background."""
    controller = controller_for(window)
    dialog = ExportDialog(window.path, window.display_name(), fmt, controller.start, window)
    dialog.setModal(True)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def export_to(window: MainWindow, fmt: str | None, path: Path | str | None) -> bool:
    """`FileActions.export(key, path)`: the dialog when no path is given, else export there now."""
    if path is None:
        open_export_dialog(window, fmt)
        return False  # the export, if any, finishes later
    if fmt is None or fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    memory = ExportMemory(window.path)
    job = ExportJob(fmt, Path(path), page_size=memory.page_size())
    return controller_for(window).run_now(job)


__all__ = ["ExportController", "ExportProgress", "controller_for", "export_to", "open_export_dialog"]
