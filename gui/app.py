"""Starting the app: the QApplication, bundled fonts, an exception hook that
logs and shows a message instead of a traceback, and the first map to show
(the one asked for, else the last one, else the bundled example)."""
from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gui import logfile

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assets" / "example.cwalk"
FONTS = ROOT / "assets" / "fonts"
ORG = APP = "ContractWalk"


def load_fonts() -> str | None:
    """Register the bundled fonts (Noto, Droid Sans Fallback for CJK); the UI family, if loaded."""
    family = None
    for ttf in sorted(FONTS.glob("*.ttf")):
        fid = QFontDatabase.addApplicationFont(str(ttf))
        if fid >= 0 and ttf.name == "NotoSans-Regular.ttf":
            family = QFontDatabase.applicationFontFamilies(fid)[0]
    return family


class ExceptionHook:
    """sys.excepthook for the GUI: log the traceback, show one message, keep running."""

    def __init__(self, parent: Any = None) -> None:
        self.parent = parent
        self.showing = False
        self.shown: list[str] = []  # messages shown (tests read them)

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        message = (f"Something went wrong ({exc_type.__name__}: {str(exc)[:300]}).\n\n"
                   f"Your map is still open. The details are in {logfile.where()}; "
                   "it is safest to save your map now.")
        self.shown.append(message)
        if self.showing:  # an error while showing an error: the log has it
            return
        self.showing = True
        try:
            parent = self.parent() if callable(self.parent) else self.parent
            QMessageBox.critical(parent if isinstance(parent, QWidget) else None, "Contract Walk", message)
        finally:
            self.showing = False


def install_excepthook(parent: Any = None) -> ExceptionHook:
    hook = ExceptionHook(parent)
    sys.excepthook = hook
    return hook


def first_map(path: str | None) -> tuple[str, Path | None]:
    """What to open: ('path', P) for a map file, ('example', P) for the bundled example
    (opened as an unsaved copy), or ('template', None)."""
    if path:
        if Path(path).resolve() == EXAMPLE.resolve():
            return "example", EXAMPLE  # the bundled example is never saved over: it opens as a copy
        return "path", Path(path)
    from gui.files.file_actions import recent_files, settings

    last = settings().value("last", "")
    for candidate in [str(last or "")] + recent_files():
        if candidate and Path(candidate).is_file():
            return "path", Path(candidate)
    if EXAMPLE.is_file():
        return "example", EXAMPLE
    return "template", None


def open_first(window: Any, path: str | None) -> None:
    from model.example import load_example
    from model.storage.store import MapFileError

    kind, where = first_map(path)
    coaching = getattr(window, "coaching", None)
    if kind == "path" and where is not None:
        if window.open_path(where, ask=False):
            return
        if coaching is not None:  # not opened (damaged, or in use and not wanted read-only): choose another
            window.show_status(f"{where.name} was not opened: pick a map or start one")
            QTimer.singleShot(0, coaching.show_start_page)
            return
    if kind == "example" and where is not None:
        try:
            window.set_document(load_example(where), None)
            window.show_status("The example map: explore it, or File > New to start your own")
            if path is None and coaching is not None:  # nothing of their own yet: offer the ways in
                QTimer.singleShot(0, coaching.show_start_page)
            return
        except MapFileError as exc:
            log.warning("bundled example unreadable: %s", exc)
    from model.templates.catalog import build_template

    window.set_document(build_template("order-to-cash"), None)


def run_app(path: str | None) -> int:
    logfile.start()
    QApplication.setOrganizationName(ORG)
    QApplication.setApplicationName(APP)
    QApplication.setApplicationDisplayName("Contract Walk")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    from gui import main_thread_gc

    main_thread_gc.hold()  # for the app's whole life: worker threads never run the collector on Qt objects
    family = load_fonts()
    if family:
        font = QFont(family)
        font.setPointSizeF(max(9.0, app.font().pointSizeF()))
        app.setFont(font)
    from gui.main_window import MainWindow

    window = MainWindow()
    install_excepthook(lambda: QApplication.activeWindow() or window)
    open_first(window, path)
    window.show()
    from gui.files.recovery_dialog import offer_recovery

    QTimer.singleShot(0, lambda: offer_recovery(window))  # work a crash left behind comes first
    return app.exec()
