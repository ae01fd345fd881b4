"""Starting the app: the QApplication with its icon, bundled fonts, an exception hook that
logs and shows a message instead of a traceback, the first map to show (the one asked
for, else the last one, else the bundled example), and one app per user: a second start
hands its map to the running window (gui/single_instance.py)."""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gui import logfile, theme
from gui.about import app_icon
from model.resources import APP_ID, example_map, fonts_dir

log = logging.getLogger(__name__)

EXAMPLE = example_map()
FONTS = fonts_dir()
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
    from gui.files.map_session import LAST_KEY

    last = settings().value(LAST_KEY, "")  # the map open when the app last ended, cleanly or not
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
        if window.session.open_path(where, ask=False):
            return
        if coaching is not None:  # not opened (damaged, or in use and not wanted read-only): choose another
            window.show_status(f"{where.name} was not opened: pick a map or start one")
            QTimer.singleShot(0, coaching.show_start_page)
            return
    if kind == "example" and where is not None:
        try:
            window.session.show(load_example(where), None)
            window.show_status("The example map: explore it, or File > New to start your own")
            if path is None and coaching is not None:  # nothing of their own yet: offer the ways in
                QTimer.singleShot(0, coaching.show_start_page)
            return
        except MapFileError as exc:
            log.warning("bundled example unreadable: %s", exc)
    from model.templates.catalog import build_template

    window.session.show(build_template("order-to-cash"), None)


def bring_forward(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def open_handed_over(window: Any, path: str) -> None:
    """A map handed over by a second start (a double-click in the file manager): the window comes
    forward, and the map opens as File > Open would (asking first about unsaved changes). While
    a dialog is open it waits, so nothing changes under the user's feet."""
    bring_forward(window)
    if QApplication.activeModalWidget() is not None:
        QTimer.singleShot(500, lambda: open_handed_over(window, path))
        return
    if not path:
        return
    current = getattr(window, "path", None)
    with contextlib.suppress(OSError):
        if current is not None and Path(current).samefile(path):
            return  # already open here
    if not window.session.maybe_save():
        return
    from model.example import load_example
    from model.storage.store import MapFileError

    kind, where = first_map(path)
    if kind == "example" and where is not None:
        try:
            window.session.show(load_example(where), None)
        except MapFileError as exc:
            QMessageBox.critical(window, "Cannot open map", str(exc))
        return
    window.guarded(lambda: window.session.open_path(path, ask=False))


def serve_later_starts(window: Any, instance: Any) -> None:
    """What a later start hands over opens in `window`."""
    instance.received.connect(lambda path: open_handed_over(window, path))


def prepare_app(app: QApplication) -> None:
    """The app's icon (title bars, the task bar, the dock) and the bundled fonts for the UI."""
    app.setWindowIcon(app_icon())
    theme.install_mark_contrast(app)  # radio buttons and check boxes that show on dark palettes
    family = load_fonts()
    if family:
        font = QFont(family)
        font.setPointSizeF(max(9.0, app.font().pointSizeF()))
        app.setFont(font)


def run_app(path: str | None) -> int:
    logfile.start()
    QApplication.setOrganizationName(ORG)
    QApplication.setApplicationName(APP)
    QApplication.setApplicationDisplayName("Contract Walk")
    QGuiApplication.setDesktopFileName(APP_ID)  # the desktop entry --install-desktop writes (dock icon)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    from gui.single_instance import SingleInstance

    instance = SingleInstance(parent=app)
    if instance.claim(path):
        where = f"opened {path} there" if path else "brought it forward"
        print(f"Contract Walk is already running: {where}")
        return 0
    prepare_app(app)
    from gui.jobs import main_thread_gc

    main_thread_gc.hold()  # for the app's whole life: worker threads never run the collector on Qt objects
    from gui.main_window import MainWindow

    window = MainWindow()
    serve_later_starts(window, instance)
    install_excepthook(lambda: QApplication.activeWindow() or window)
    open_first(window, path)
    bring_forward(window)  # shown and active: the keys typed at once reach the map's canvas
    from gui.files.recovery_dialog import offer_recovery

    QTimer.singleShot(0, lambda: offer_recovery(window))  # work a crash left behind comes first
    code = app.exec()
    instance.close()  # (its socket file goes now: the quick ending below skips destructors)
    return leave(code)  # every window closed cleanly: the process ends at once


def leave(code: int) -> int:
    """The event loop has ended: end the process now, not after Python has taken every Qt object
    and module apart one by one (~0.6 s here, seconds on a big map or a slow laptop, with an
    insights analysis of a closed map still joined). Only once every window closed cleanly: an
    autosave under way is written to its end first, the log and the console are flushed. Else
    (ended by a signal, a window not closed) the ordinary, slower ending keeps its clean-ups."""
    from gui.files import file_actions, map_guard
    from gui.main_window import MainWindow

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    if not windows or not all(getattr(w, "closed_cleanly", False) for w in windows):
        return code
    map_guard.finish_autosaves()  # a snapshot being written is never cut off half-way
    file_actions.settings().sync()  # what the window remembered, on disk (no destructor will)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)

