"""The main window: palette (left), canvas (middle), inspector (right),
insights (bottom), menus, toolbar and status bar around one open map.

The window owns the Document, its undo stack and the file path; the scene
and the panels mirror the document. "Modified" is `not undo_stack.isClean()`.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui import logfile
from gui.about import install_about
from gui.actions import EditActions
from gui.canvas import finding
from gui.canvas.context_menu import install_context_menu
from gui.canvas.keys import CanvasKeys
from gui.canvas.scene import MapScene
from gui.canvas.view import MapView, dropped_files
from gui.coaching.menu import install_coaching_actions
from gui.commands import UpdateCommand
from gui.files import file_actions
from gui.files.map_guard import MapGuard
from gui.files.recovery_dialog import open_backup
from model.document import Document, DocumentError
from model.events import Event
from model.storage.store import EXTENSION, MapFileError, load, save

log = logging.getLogger(__name__)
APP_TITLE = "Contract Walk"


class _Sized(QWidget):
    """Holds a dock's panel and asks for a sensible first size (the canvas gets the room)."""

    def __init__(self, inner: QWidget, hint: QSize) -> None:
        super().__init__()
        self._hint = hint
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(inner)
        inner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def sizeHint(self) -> QSize:
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self._hint.width(), 200), 100)


class MainWindow(QMainWindow):
    documentReplaced = Signal()

    def __init__(self, doc: Document | None = None, path: Path | None = None) -> None:
        super().__init__()
        self.document: Document = doc or Document.with_standard_statements()
        self.path: Path | None = None
        self.read_only = False
        self.undo_stack = QUndoStack(self)
        self.scene = MapScene()
        self.view = MapView(self.scene, self)
        self.scene.setParent(self.view)  # the scene goes after the view that shows it, never before
        self.guard = MapGuard(self)
        self.setCentralWidget(self.view)
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.resize(1400, 900)  # at most: gui.screen_fit keeps the window on the screen
        self._search_from = 0
        self.file = file_actions.FileActions(self)
        self.edit = EditActions(self)
        self._build_docks()
        self.keys = CanvasKeys(self)  # the canvas without a mouse
        self._build_menus()
        self._build_toolbar()
        self._build_status()
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.scene.messageRaised.connect(self.show_problem)
        self.scene.statusNote.connect(self.show_status)
        self.scene.renameLaneRequested.connect(self.rename_lane)
        self.scene.selectionChangedTo.connect(self._on_selection)
        self.view.filesDropped.connect(lambda paths: self.guarded(lambda: self.file.open_dropped(paths)))
        self.view.zoomChanged.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        self.guard.autosaved.connect(lambda msg: self.statusBar().showMessage(msg, 4000))
        self.guard.autosaveFailed.connect(self.show_problem)
        self.guard.fileChangedOutside.connect(self._changed_outside)
        install_coaching_actions(self)
        install_context_menu(self)
        install_about(self)  # the window's icon, and Help > About (last in the menu bar)
        self._restore_state()
        self.set_document(self.document, path)

    # ----- building -------------------------------------------------------
    def _dock(
        self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea, size: QSize
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(_Sized(widget, size))
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        from gui.insights_panel import InsightsPanel
        from gui.inspector.panel import Inspector
        from gui.palette import Palette

        self.palette_panel = Palette(self)
        self.inspector = Inspector(self)
        self.insights = InsightsPanel(self)
        self.palette_dock = self._dock("Palette", "palette", self.palette_panel,
                                       Qt.DockWidgetArea.LeftDockWidgetArea, QSize(240, 600))
        self.inspector_dock = self._dock("Inspector", "inspector", self.inspector,
                                         Qt.DockWidgetArea.RightDockWidgetArea, QSize(340, 600))
        self.insights_dock = self._dock("Insights", "insights", self.insights,
                                        Qt.DockWidgetArea.BottomDockWidgetArea, QSize(800, 170))
        self.palette_dock.setMinimumWidth(220)
        self.inspector_dock.setMinimumWidth(300)
        self.palette_panel.personActivated.connect(self.select_person)
        self.palette_panel.personChosen.connect(  # one selection in the roster and on the canvas
            lambda pid: self.scene.select_ids([pid]) if pid in self.scene.cards else None)
        self.scene.selectionChangedTo.connect(self.palette_panel.show_selection)
        if hasattr(self.palette_panel, "tileActivated"):
            self.palette_panel.tileActivated.connect(
                lambda payload: self.guarded(lambda: self.add_tile(payload))
            )
        self.insights.findingActivated.connect(
            lambda people, handoffs: self.scene.select_ids(people, handoffs)
        )
        self.scene.selectionChangedTo.connect(self.inspector.show_selection)
        self.scene.personActivated.connect(self.rename_person)

    def _build_menus(self) -> None:
        f, e = self.file, self.edit
        m = self.menuBar().addMenu("&File")
        m.addActions([f.new, f.open])
        m.addMenu(f.recent_menu)
        m.addAction("Open &Backup…", lambda: self.guarded(lambda: open_backup(self)))
        m.addSeparator()
        m.addActions([f.save, f.save_as, f.close])
        m.addSeparator()
        m.addAction(f.import_csv)
        m.addActions(f.merging.actions())
        m.addAction(f.import_into)
        m.addMenu(f.export_menu)
        m.addSeparator()
        m.addAction(f.quit)
        self.file_menu = m
        m = self.menuBar().addMenu("&Edit")
        m.addActions([e.undo, e.redo])
        m.addSeparator()
        m.addActions([e.cut, e.copy, e.paste, e.duplicate, e.delete])
        m.addSeparator()
        m.addActions([e.select_all, e.find])
        self.edit_menu = m
        m = self.menuBar().addMenu("&Map")
        m.addActions([e.auto_layout, e.mark_you, self.keys.hands_off])
        m.addAction(e.what_if)  # the what-if drill (gui/coaching/whatif_panel.py)
        m.addSeparator()
        m.addActions([e.lane_up, e.lane_down, e.rename_lane])
        self.map_menu = m
        m = self.menuBar().addMenu("&View")
        m.addActions([e.zoom_in, e.zoom_out, e.zoom_reset, e.fit, e.zoom_selection, e.overview])
        m.addSeparator()
        for dock in (self.palette_dock, self.inspector_dock, self.insights_dock):
            m.addAction(dock.toggleViewAction())
        self.view_menu = m

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main", self)
        bar.setObjectName("main-toolbar")
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(bar)
        f, e = self.file, self.edit
        bar.addActions([f.new, f.open, f.save])
        bar.addSeparator()
        bar.addActions([e.undo, e.redo])
        bar.addSeparator()
        bar.addActions([e.auto_layout, e.fit])
        for act in (f.new, f.open, e.undo, e.redo, e.fit):
            widget = bar.widgetForAction(act)
            if isinstance(widget, QToolButton):  # what a toolbar makes for an action
                widget.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a person…")
        self.search.setClearButtonEnabled(True)
        self.search.setFixedWidth(240)
        find = QKeySequence(QKeySequence.StandardKey.Find)
        find_keys = find.toString(QKeySequence.SequenceFormat.NativeText)
        self.search.setToolTip(f"Find by name, title or department ({find_keys}); Enter finds the next")
        self.search.returnPressed.connect(lambda: self.guarded(lambda: self.find_next(self.search.text())))
        self.search.textEdited.connect(lambda _t: setattr(self, "_search_from", 0))
        bar.addWidget(self.search)
        self.toolbar = bar

    def _build_status(self) -> None:
        self.counts_label = QLabel()
        self.zoom_label = QLabel("100%")
        self.zoom_label.setToolTip("Zoom (Ctrl+wheel, Ctrl+0 for 100%)")
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.zoom_label)

    def _restore_state(self) -> None:
        s = file_actions.settings()
        geometry, state = s.value("window/geometry"), s.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self._restored = isinstance(state, QByteArray) and self.restoreState(state)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not getattr(self, "_sized", False):
            self._sized = True
            from gui import screen_fit

            screen_fit.arrange(self, self._restored)  # any screen; on a first run the canvas gets the room
            QTimer.singleShot(0, self.view.show_home)

    # ----- the document ----------------------------------------------------
    def set_document(self, doc: Document, path: Path | str | None, modified: bool = False) -> None:
        """Show `doc` (saved at `path`, or new); the undo history starts afresh."""
        old = getattr(self, "_subscribed", None)
        if old is not None:
            old.unsubscribe(self._on_event)
        self.document = doc
        self.path = Path(path) if path is not None else None
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
        self.guard.attach(doc, self.path)
        self.view.show_home()
        QTimer.singleShot(0, self.view.show_home)  # again once the window has its size
        self._search_from = 0
        self._update_title()
        self._update_counts()
        self.edit.update_enabled()
        self.inspector.show_selection("", [])
        self.documentReplaced.emit()

    def _on_event(self, event: Event) -> None:
        if event.entity == "meta" and "title" in event.fields:
            self._update_title()
        if event.action in ("added", "removed", "reset") or "placed" in event.fields:  # not per keystroke
            self._update_counts()

    def _on_clean_changed(self, clean: bool) -> None:
        self._update_title()
        if clean:
            self.guard.mark_clean()

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        title = " ".join(self.document.meta.title.split())[:80]
        if self.path is not None:
            return self.path.stem
        return title or "Untitled map"

    def _update_title(self) -> None:
        title = " ".join(self.document.meta.title.split())[:80] or "Untitled map"
        where = f" ({self.path.name})" if self.path is not None and self.path.stem != title else ""
        ro = " [read-only]" if self.read_only else ""
        self.setWindowTitle(f"{title}{where}{ro}[*] — {APP_TITLE}")
        self.setWindowModified(self.is_modified())

    def _update_counts(self) -> None:
        doc = self.document
        placed = sum(1 for p in doc.people.values() if p.placed)
        self.counts_label.setText(
            f"{placed} in the walk · {len(doc.people) - placed} on the roster · {len(doc.handoffs)} hand-offs"
        )

    # ----- files -------------------------------------------------------------
    def open_path(self, path: Path | str, ask: bool = True) -> bool:
        """Open a map file; a file that cannot be read is reported and the current map stays."""
        if ask and not self.file.maybe_save():
            return False
        path = Path(path)
        try:
            doc = load(path)
        except MapFileError as exc:
            QMessageBox.critical(self, "Cannot open map", str(exc))
            return False
        from gui.files.lock_dialog import lock_for_writing

        read_only = lock_for_writing(self, path)  # asks when someone else holds it
        if read_only is None:
            self.show_status(f"{path.name} was not opened: it is in use elsewhere")
            return False
        self.read_only = read_only
        self.set_document(doc, path)
        file_actions.remember_recent(path)
        self.show_status(f"Opened {path}")
        return True

    def save(self) -> bool:
        if self.path is None or self.read_only:
            return self.save_as(None)
        return self._write(self.path)

    def save_as(self, path: Path | str | None) -> bool:
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            name = "".join("_" if ch in '/\\:*?"<>|' else ch for ch in self.display_name()) + EXTENSION
            start = str(self.path) if self.path else str(file_actions.start_folder() / name)
            chosen, _ = QFileDialog.getSaveFileName(self, "Save map as", start, file_actions.MAP_FILTER)
            if not chosen:
                return False
            path = chosen
        target = Path(path)
        if target.suffix.lower() != EXTENSION:
            target = target.with_name(target.name + EXTENSION)
        if self._write(target):
            self.read_only = False
            self._update_title()
            return True
        return False

    def _write(self, target: Path) -> bool:
        try:
            save(self.document, target)
        except MapFileError as exc:
            QMessageBox.critical(self, "Cannot save map", str(exc))
            return False
        self.path = target
        self.file.merging.remember_save(target)  # so copies of this version can be merged later
        self.undo_stack.setClean()
        self.guard.saved(target)
        file_actions.remember_recent(target)
        self._update_title()
        self.show_status(f"Saved {target}")
        return True

    def _changed_outside(self, path: str) -> None:
        """Someone else changed or removed the file: say so, keep the map here, let the user choose."""
        if getattr(self, "_asking_outside", False) or self.path is None or Path(path) != self.path:
            return
        self._asking_outside = True
        try:
            name = self.path.name
            if not self.path.exists():
                self.undo_stack.resetClean()  # what is open here is now the only copy
                QMessageBox.warning(
                    self, "Map file removed",
                    f"{name} was deleted or moved by another program.\n\nYour map is still open here, "
                    "unchanged. Save it (Ctrl+S) to write it again, or Save As to put it elsewhere.")
                return
            answer = QMessageBox.question(
                self, "Map changed on disk",
                f"{name} was changed by another program.\n\nReload it from disk? Your map here "
                + ("and its unsaved changes " if self.is_modified() else "")
                + "would be replaced. Choose No to keep yours: saving will then overwrite the other version "
                "(a backup of it is kept).",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                try:
                    doc = load(self.path)
                except MapFileError as exc:
                    QMessageBox.critical(self, "Cannot reload", f"{exc}\n\nYour map here is kept as it was.")
                    self.undo_stack.resetClean()
                    return
                self.set_document(doc, self.path)
                self.show_status(f"Reloaded {name} from disk")
            else:
                self.undo_stack.resetClean()
                self.show_status(f"Kept your version of {name}; save to replace the one on disk")
        finally:
            self._asking_outside = False

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
        finding.show_person(self, pid)

    def add_tile(self, payload: str) -> None:
        """A palette tile clicked (not dragged): add it in view, as if dropped at the view's centre."""
        from gui.canvas.interactions import TileDrop
        from gui.canvas.mime import parse_payload

        kind, what = parse_payload(payload)
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        TileDrop(self.scene).drop(kind, what, centre)

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

    def _on_selection(self, entity: str, ids: list) -> None:
        if entity == "person" and len(ids) == 1 and ids[0] in self.document.people:
            p = self.document.people[ids[0]]
            self.statusBar().showMessage(f"{p.name}" + (f" — {p.title}" if p.title else ""), 3000)

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

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.file.maybe_save():
            event.ignore()
            return
        s = file_actions.settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        if self.path is not None:
            s.setValue("last", str(self.path.resolve()))
        s.sync()
        self.guard.close()
        event.accept()
