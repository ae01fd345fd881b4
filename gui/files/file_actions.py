"""File menu: new from a template, open, recent maps, save, save as, CSV import, exports, and the
app's settings (recent maps, where file dialogs start). What the actions do to the open map's
file (open, save, ask before replacing it, close) is the map session's: gui/files/map_session.py."""
from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox

from gui import icons
from gui.widgets import menu_text
from model.storage.store import EXTENSION, MapFileError

if TYPE_CHECKING:
    from gui.main_window import MainWindow


MAX_RECENT = 10
MAP_FILTER = f"Contract Walk maps (*{EXTENSION})"
CSV_FILTER = "Rosters (*.csv *.txt *.xlsx *.xlsm *.ods);;All files (*)"
ROSTER_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".ods")


def settings() -> QSettings:
    """The app's settings (tests point QSettings' IniFormat user path at a temp folder). They name
    the user's maps and folders: their folder is kept 0700 and the file 0600."""
    s = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ContractWalk", "ContractWalk")
    _keep_private(Path(s.fileName()))
    return s


def _keep_private(ini: Path) -> None:
    for path, mode in ((ini.parent, 0o700), (ini, 0o600)):
        with contextlib.suppress(OSError):
            if not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) != mode:
                os.chmod(path, mode)


def recent_files() -> list[str]:
    value = settings().value("recent", [])
    if isinstance(value, str):  # QSettings' ini file gives one entry back as a string
        value = [value]
    if not isinstance(value, list | tuple):
        return []
    return [str(v) for v in value if v]


def start_folder() -> Path:
    """Where a file dialog for a new map starts: the folder of the last map used, else
    Documents, else home (never the program's own folder)."""
    from PySide6.QtCore import QStandardPaths

    for recent in recent_files():
        folder = Path(recent).parent
        if folder.is_dir():
            return folder
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def remember_recent(path: Path) -> None:
    text = str(Path(path).resolve())
    items = [p for p in recent_files() if p != text]
    s = settings()
    s.setValue("recent", ([text] + items)[:MAX_RECENT])
    s.sync()
    _keep_private(Path(s.fileName()))  # the file may have been made just now


def forget_recent(path: str) -> None:
    s = settings()
    s.setValue("recent", [p for p in recent_files() if p != path])
    s.sync()


# export format -> (menu text, file filter, suffix, module, function)
EXPORTS: dict[str, tuple[str, str, str, str, str]] = {
    "pdf": ("Playbook (&PDF)…", "PDF playbook (*.pdf)", ".pdf", "export.playbook", "write_playbook"),
    "png": ("Map as P&NG…", "PNG picture (*.png)", ".png", "export.drawing.images", "write_png"),
    "svg": ("Map as &SVG…", "SVG drawing (*.svg)", ".svg", "export.drawing.images", "write_svg"),
    "graphml": (
        "&GraphML (yEd, Gephi)…", "GraphML (*.graphml)", ".graphml", "export.graphml", "write_graphml"
    ),
    "csv": ("Roster as &CSV…", "CSV roster (*.csv)", ".csv", "export.csv_roster", "write_csv"),
    "ics": ("Reach-outs as Ca&lendar (.ics)…", "iCalendar (*.ics)", ".ics", "export.ics", "write_ics"),
}


def _with_ctrl_w(standard: QKeySequence.StandardKey) -> list[QKeySequence]:
    """The platform's Close keys, plus Ctrl+W, which people type everywhere."""
    keys = list(QKeySequence.keyBindings(standard))
    if QKeySequence("Ctrl+W") not in keys:
        keys.insert(0, QKeySequence("Ctrl+W"))
    return keys


class FileActions(QObject):
    """The File menu's actions for one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        SK = QKeySequence.StandardKey
        self.new = self._action("&New…", self.new_map, SK.New, "new")
        self.open = self._action("&Open…", self.open_map, SK.Open, "open")
        self.save = self._action("&Save", self.w.session.save, SK.Save, "save")
        self.save_as = self._action("Save &As…", lambda: self.w.session.save_as(None), SK.SaveAs, "save-as")
        self.import_csv = self._action(
            "&Import CSV Roster…", lambda: self.import_roster(None), None, "import"
        )
        self.import_csv.setToolTip("A roster (CSV, Excel or OpenDocument) as a new map")
        self.import_into = self._action(
            "Import Roster into &This Map…", lambda: self.import_roster_into(None)
        )
        self.import_into.setToolTip(
            "Add a roster's people to this map, or refresh it from the next HR export: "
            "joiners, movers and leavers are shown before anything changes"
        )
        self.close = self._action("&Close", self.close_map, None, "close")
        self.close.setShortcuts(_with_ctrl_w(SK.Close))
        self.close.setToolTip("Close this map (asks to save changes first) and show the start page")
        self.quit = self._action("&Quit", self.w.close, SK.Quit, "quit")
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.export_menu = QMenu("&Export", window)
        self.export_menu.setIcon(icons.get("export"))
        self.exports: dict[str, QAction] = {}
        self.export_any = self._action("&Export…", lambda: self.export(None, None), "Ctrl+E", "export")
        self.export_menu.addAction(self.export_any)
        self.export_menu.addSeparator()
        self.w.addAction(self.export_any)  # the shortcut works wherever the focus is
        for key, (text, *_rest) in EXPORTS.items():
            act = self._action(text, partial(self.export, key, None))
            self.export_menu.addAction(act)
            self.exports[key] = act
        from gui.files.merge_offer import MergeActions

        self.merging = MergeActions(self)  # Merge from File…, Import Story Forms…, conflicted copies

    def _action(
        self, text: str, slot: Callable[[], Any], shortcut: Any = None, icon: str | None = None
    ) -> QAction:
        act = QAction(text, self.w)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if icon:
            act.setIcon(icons.get(icon))
        act.triggered.connect(lambda _checked=False: self.w.guarded(slot))
        return act

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        for n, path in enumerate(files, 1):
            where = Path(path)
            text = f"&{n % 10}  {menu_text(where.name)}  —  {menu_text(str(where.parent), 80)}"
            act = self.recent_menu.addAction(text)
            act.setToolTip(path)
            act.triggered.connect(lambda _c=False, p=path: self.w.guarded(lambda: self.open_recent(p)))
        if not files:
            self.recent_menu.addAction("No recent maps").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("&Clear List", self._clear_recent)

    def _clear_recent(self) -> None:
        s = settings()
        s.setValue("recent", [])
        s.sync()

    # ----- asking first ---------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to replace or close the map (saved, discarded, or unchanged)."""
        return self.w.session.maybe_save()

    # ----- new, open ------------------------------------------------------
    def new_map(self) -> bool:
        if not self.maybe_save():
            return False
        from gui.files.template_dialog import TemplateDialog
        from model.templates.catalog import build_template

        choice = TemplateDialog.choose_with_people(self.w)
        if not choice:
            return False
        name, people = choice
        self.w.session.show(build_template(name, people=people), None)
        self.w.show_status("New map: save it to keep it")
        return True

    def open_map(self) -> bool:
        if not self.maybe_save():
            return False
        start = str(self.w.path.parent) if self.w.path else ""
        path, _ = QFileDialog.getOpenFileName(self.w, "Open map", start, f"{MAP_FILTER};;All files (*)")
        if not path:
            return False
        return self.w.session.open_path(path, ask=False)

    def open_recent(self, path: str) -> bool:
        if not Path(path).exists():
            QMessageBox.warning(self.w, "Open map", f"{path} is no longer there; it is taken off the list.")
            forget_recent(path)
            return False
        return self.w.session.open_path(path)

    def open_dropped(self, paths: list[Path]) -> bool:
        """Files dropped on the window: a map opens, a CSV roster is imported."""
        for path in paths:
            if path.suffix.lower() == EXTENSION:
                return self.w.session.open_path(path)
            if path.suffix.lower() in ROSTER_SUFFIXES:
                return self.import_roster(path)
        return False

    def close_map(self) -> bool:
        """File > Close: the map goes (asking to save first), and the start page shows."""
        if not self.w.session.close_map():
            return False
        coaching = getattr(self.w, "coaching", None)
        if coaching is not None:
            coaching.show_start_page()
        return True

    # ----- import ------------------------------------------------------------
    def import_roster(self, path: Path | str | None) -> bool:
        """Import a CSV roster as a new, unsaved map (the mapping is shown and can be corrected first)."""
        if not self.maybe_save():
            return False
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self.w, "Import CSV roster", "", CSV_FILTER)
            if not chosen:
                return False
            path = chosen
        from gui.files.import_dialog import ImportDialog

        dialog = ImportDialog(Path(path), self.w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        doc = dialog.document()
        if doc is None:
            return False
        self.w.session.show(doc, None, modified=True)
        self.w.show_status(
            f"Imported {len(doc.people)} people from {Path(path).name}: save the map to keep it"
        )
        return True

    def import_roster_into(self, path: Path | str | None) -> bool:
        """Merge a roster into the open map (one undo step); see gui/files/roster_review.py."""
        from gui.files.roster_into import import_into

        return import_into(self.w, path)

    # ----- export ------------------------------------------------------------
    def export(self, key: str | None, path: str | None) -> bool:
        """The export dialog preselected to `key` when no path is given (it runs in the background);
        with a path, export there now (the extension is added when missing).
        See gui/files/export_status.py."""
        from gui.files.export_status import export_to

        return export_to(self.w, key, path)


__all__ = ["FileActions", "MapFileError", "recent_files", "remember_recent", "settings"]
