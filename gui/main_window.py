"""The main window: palette (left), canvas (middle), inspector (right),
insights (bottom), menus, toolbar and status bar around one open map.

The window holds the Document and its undo stack, and wires its menus; the map's file life
(path, open, save, lock, autosave, what a restart reopens) is its `session`'s
(gui/files/map_session.py). The scene and the panels mirror the document.
"Modified" is `not undo_stack.isClean()`.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QToolBar,
)

from gui import logfile, window_layout
from gui.about import install_about
from gui.actions import EditActions
from gui.canvas import finding
from gui.canvas.context_menu import install_context_menu
from gui.canvas.keys import CanvasKeys
from gui.canvas.scene import MapScene
from gui.canvas.view import MapView
from gui.canvas.view_drops import dropped_files
from gui.coaching.menu import install_coaching_actions
from gui.commands import UpdateCommand
from gui.files import file_actions
from gui.files.map_session import MapSession
from gui.widgets import FocusRing
from gui.window_layout import _Sized  # noqa: F401  (gui/screen_fit.py looks for the dock holder here)
from model.document import Document, DocumentError
from model.events import Event
from model.templates.catalog import BLANK_TITLE

if TYPE_CHECKING:
    from gui.insights_panel import InsightsPanel
    from gui.inspector.panel import Inspector
    from gui.palette import Palette

log = logging.getLogger(__name__)
APP_TITLE = "Contract Walk"


# the titles a new map starts with (model.entities.MapInfo, the blank template): not a name
PLACEHOLDER_TITLES = frozenset({"", "Untitled map", BLANK_TITLE})


class MainWindow(QMainWindow):
    documentReplaced = Signal()
    # made by gui/window_layout.py
    palette_panel: Palette
    inspector: Inspector
    insights: InsightsPanel
    palette_dock: QDockWidget
    inspector_dock: QDockWidget
    insights_dock: QDockWidget
    file_menu: QMenu
    edit_menu: QMenu
    map_menu: QMenu
    view_menu: QMenu
    toolbar: QToolBar
    search: QLineEdit
    counts_label: QLabel
    zoom_label: QLabel

    def __init__(self, doc: Document | None = None, path: Path | None = None) -> None:
        super().__init__()
        self.document: Document = doc or Document.with_standard_statements()
        self.undo_stack = QUndoStack(self)
        self.scene = MapScene()
        self.view = MapView(self.scene, self)
        self.scene.setParent(self.view)  # the scene goes after the view that shows it, never before
        self.session = MapSession(self)  # the map's file: open, save, lock, autosave, recovery
        self.guard = self.session.guard
        self.setCentralWidget(self.view)
        self.focus_ring = FocusRing(self.view)  # Tab shows where it put the keys
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.resize(1400, 900)  # at most: gui.screen_fit keeps the window on the screen
        self._search_from = 0
        self.file = file_actions.FileActions(self)
        self.edit = EditActions(self)
        window_layout.build_docks(self)
        self.keys = CanvasKeys(self)  # the canvas without a mouse
        window_layout.build_menus(self)
        window_layout.build_toolbar(self)
        window_layout.build_status(self)
        window_layout.install_pane_keys(self)  # Ctrl+Tab / F6 between the panes, from anywhere
        self.undo_stack.cleanChanged.connect(self.update_title)
        self.scene.messageRaised.connect(self.show_problem)
        self.scene.statusNote.connect(self.show_status)
        self.scene.renameLaneRequested.connect(self.rename_lane)
        self.scene.selectionChangedTo.connect(lambda entity, ids: _say_who(self, entity, ids))
        self.view.filesDropped.connect(lambda paths: self.guarded(lambda: self.file.open_dropped(paths)))
        self.view.zoomChanged.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        install_coaching_actions(self)
        install_context_menu(self)
        install_about(self)  # the window's icon, and Help > About (last in the menu bar)
        s = file_actions.settings()  # where the window and its docks were last time
        geometry, state = s.value("window/geometry"), s.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self._restored = isinstance(state, QByteArray) and self.restoreState(state)
        self.set_document(self.document, path)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab never stops on the dock areas' spare tab bars, which Qt parks outside the window
        (two presses went to nothing the user could see)."""
        for _ in range(8):
            if not super().focusNextPrevChild(next):
                return False
            focus = QApplication.focusWidget()
            parked = isinstance(focus, QTabBar) and focus.parentWidget() is self \
                and not self.rect().intersects(focus.geometry())
            if not parked:
                return True
        return True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not getattr(self, "_sized", False):
            self._sized = True
            from gui import screen_fit

            screen_fit.arrange(self, self._restored)  # any screen; on a first run the canvas gets the room
            QTimer.singleShot(0, self.view.show_home)
            window_layout.palette_for_an_empty_map(self)

    # ----- the document ----------------------------------------------------
    def set_document(self, doc: Document, path: Path | str | None, modified: bool = False,
                     read_only: bool = False) -> None:
        """Show `doc` (saved at `path`, or new); the undo history starts afresh. Read-only belongs
        to the map it was opened for: a map shown here is writable unless the caller says not."""
        self.session.read_only = read_only
        old = getattr(self, "_subscribed", None)
        if old is not None:
            old.unsubscribe(self._on_event)
        self.document = doc
        self.undo_stack.clear()
        self.undo_stack.setClean()
        if modified:
            self.undo_stack.resetClean()
        self.scene.set_document(doc, self.undo_stack)
        self.inspector.set_document(doc, self.undo_stack)
        self.palette_panel.set_document(doc)
        self.insights.set_document(doc)
        doc.subscribe(self._on_event)
        self._subscribed = doc
        self.session.attach(doc, Path(path) if path is not None else None)
        self.view.show_home()
        QTimer.singleShot(0, self.view.show_home)  # again once the window has its size
        self._search_from = 0
        self.update_title()
        _update_counts(self)
        self.edit.update_enabled()
        self.inspector.show_selection("", [])
        window_layout.palette_for_an_empty_map(self)
        self.documentReplaced.emit()

    def _on_event(self, event: Event) -> None:
        if event.entity == "meta" and "title" in event.fields:
            self.update_title()
        if event.action in ("added", "removed") or "placed" in event.fields:  # not per keystroke
            _update_counts(self)

    @property
    def path(self) -> Path | None:
        """The open map's file (None: never saved); the session keeps it."""
        return self.session.path

    @property
    def read_only(self) -> bool:
        """Opened while someone else holds the map: Save asks where instead."""
        return self.session.read_only

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        return self.session.display_name()

    def update_title(self, *_clean: bool) -> None:
        """The map's title, its file, [read-only] and the modified mark (also on the stack's cleanChanged)."""
        title = " ".join(self.document.meta.title.split())[:80]
        path = self.session.path
        if title in PLACEHOLDER_TITLES:  # a new map's stand-in title: once saved, its file names it
            title = path.stem if path is not None else "Untitled map"
        where = f" ({path.name})" if path is not None and path.stem != title else ""
        ro = " [read-only]" if self.session.read_only else ""
        self.setWindowTitle(f"{title}{where}{ro}[*] — {APP_TITLE}")
        self.setWindowModified(self.is_modified())

    # ----- files: the session's (these three stay for the menus, panels and scripts that call them) --
    def open_path(self, path: Path | str, ask: bool = True) -> bool:
        return self.session.open_path(path, ask)

    def save(self) -> bool:
        return self.session.save()

    def save_as(self, path: Path | str | None) -> bool:
        return self.session.save_as(path)

    # ----- helpers used by actions and panels ------------------------------
    def guarded(self, slot: Callable[[], Any]) -> Any:
        """Run a user action; a refused edit or a bug is shown as a message, never a traceback."""
        try:
            return slot()
        except DocumentError as exc:
            self.show_problem(str(exc))
        except Exception as exc:
            log.exception("an action failed")
            QMessageBox.critical(self, "Something went wrong",
                                 f"That did not work ({type(exc).__name__}: {exc}).\n"
                                 "Your map is still open; it is safest to save it under a new name.\n"
                                 f"The details are in {logfile.where()}.")
        return None

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def show_problem(self, message: str) -> None:
        text = message[:1].upper() + message[1:] if message else message
        self.statusBar().showMessage(text, 8000)
        QMessageBox.warning(self, APP_TITLE, text)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find_next(self, text: str) -> str | None:
        """Select and centre the next person whose name, title or department matches."""
        found, self._search_from = finding.next_match(self.document, text, self._search_from)
        if found is None:
            if text.strip():
                self.show_status(f"No one matches “{text.strip()[:40]}”")
            return None
        self.select_person(found)
        return found

    def select_person(self, pid: str) -> None:
        """Find a person (search, the roster's double-click): their card selected and in view; one
        not yet in the walk has no card, so they are shown as a roster click shows them."""
        person = self.document.people.get(pid)
        if person is not None and not person.placed:
            choose_person(self, pid)
        finding.show_person(self, pid)

    def edit_selection(self) -> bool:
        """Double-click, Enter or F2 on a card: the inspector comes up with the cursor in its name,
        so a person can type straight away (after the mouse or key event that asked for it)."""
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        QTimer.singleShot(0, self.inspector.focus_first_field)  # scrolled into sight there
        return self.inspector.current_form().first_field() is not None

    def rename_person(self, pid: str) -> None:
        from gui.canvas.card_rename import rename_person_inline

        rename_person_inline(self, pid)

    def rename_lane(self, key: str) -> None:
        header = self.scene.lane_headers.get(key)
        dept = self.document.departments.get(key)
        if header is None or dept is None:
            return
        rect = header.sceneBoundingRect()
        rect.setHeight(28)
        rect.translate(6, 6)
        rect.setWidth(rect.width() - 12)

        def commit(name: str) -> None:
            name = " ".join(name.split())
            if not name:
                self.show_status("A department needs a name; it was not renamed")
                return
            if key in self.document.departments:
                self.scene.push(
                    UpdateCommand(self.document, "department", key, {"name": name}, "Rename lane")
                )

        self.view.edit_inline(rect, dept.name, commit)

    # ----- window events ----------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.guarded(lambda: self.file.open_dropped(files)))
        else:
            event.ignore()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.session.window_activated()  # a sync client may have left a copy of the map meanwhile

    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.close_editor()  # a name being typed on the map is kept (and asked to be saved)
        if not self.session.window_closing():
            event.ignore()
            return
        s = file_actions.settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.sync()
        self.closed_cleanly = True  # saved or discarded, lock released, settings written (see leave)
        event.accept()


def revert_to_saved(window: MainWindow) -> bool:
    """File > Revert to Saved: the map as its file has it, after asking (the undo history goes too)."""
    path = window.session.path
    if path is None:
        window.show_status("This map has never been saved: there is no saved version to go back to")
        return False
    if not window.is_modified():
        window.show_status(f"No changes since {path.name} was saved")
        return False
    answer = QMessageBox.question(
        window, "Revert to saved",
        f"Discard the changes made since {path.name} was last saved?\n\nUndo cannot bring them back.",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Discard or not window.session.open_path(path, ask=False):
        return False
    window.show_status(f"Back to {path.name} as it was saved")
    return True


def choose_person(window: MainWindow, pid: str) -> None:
    """A click (or arrow key) on a roster row: one selection in the roster, on the canvas and in
    the inspector. A person not yet in the walk has no card: the canvas lets go of what it had
    selected (it would otherwise stay highlighted beside someone else's details)."""
    if window.scene.whole.card(pid) is not None:  # (made now if a big map's open left it for later)
        window.scene.select_ids([pid])
        return
    if pid not in window.document.people:
        return
    if window.scene.selectedItems():  # the roster and inspector hear "nothing selected"...
        window.scene.select_ids([], centre=False)
    window.scene.selection.shown_elsewhere()  # (so a click on empty map shows the map's details)
    window.inspector.show_selection("person", [pid])  # ...then show the roster person
    window.palette_panel.show_selection("person", [pid])


def _update_counts(window: MainWindow) -> None:
    doc = window.document
    placed = sum(1 for p in doc.people.values() if p.placed)
    window.counts_label.setText(
        f"{placed} in the walk · {len(doc.people) - placed} on the roster · {len(doc.handoffs)} hand-offs"
    )


def _say_who(window: MainWindow, entity: str, ids: list[str]) -> None:
    """One person selected: their name and title in the status bar."""
    if entity == "person" and len(ids) == 1 and ids[0] in window.document.people:
        p = window.document.people[ids[0]]
        window.statusBar().showMessage(f"{p.name}" + (f" — {p.title}" if p.title else ""), 3000)
