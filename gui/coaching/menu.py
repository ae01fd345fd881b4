"""The Coaching menu, installed into the main window in one call.

`install_coaching_actions(window)` adds: Step through the walk (F5), New
check-up, Check-up history, Sessions and action items, Log a contact
(Ctrl+L) for the selected person, Reach out next, Compare with snapshot or
earlier file, Save snapshot, Start page (also under File). The panels live
in docks that follow `window.documentReplaced`; every edit goes through
`window.undo_stack`.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow, QTabWidget, QWidget

from gui.coaching.action_items import ActionsView
from gui.coaching.checkup_dialog import CheckupDialog
from gui.coaching.compare_dialog import CompareDialog, PickVersionDialog, load_for_compare
from gui.coaching.history_chart import CheckupHistory
from gui.coaching.outreach import OutreachLog, ReachOutPanel, log_contact
from gui.coaching.sessions_panel import SessionsPanel
from gui.coaching.shared import SideBySide, one_line
from gui.coaching.stepthrough import StepThrough
from gui.files.start_page import StartPage
from gui.widgets import dock_toggle, menu_text
from model.compare import safe_stem, save_snapshot
from model.resources import example_map
from model.storage.store import MapFileError

EXAMPLE = example_map()


DIMMED = 0.25  # the opacity of what is not in the current step while stepping through


BOTTOM_DOCK_H = 240  # a coaching list below the map opens this tall (at most 30% of the window)


def spotlight(scene: Any, people: set[str] | None, handoffs: set[str] | None) -> None:
    """Dim every card and hand-off but these (None: light everything again)."""
    for pid, card in scene.whole.cards().items():
        card.setOpacity(1.0 if people is None or pid in people else DIMMED)
    for hid, item in scene.whole.arrows().items():
        item.setOpacity(1.0 if handoffs is None or hid in handoffs else DIMMED)


class CoachingActions(QObject):
    """The Coaching menu's actions and docks for one main window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.selected: tuple[str, list[str]] = ("", [])
        self.stepthrough: StepThrough | None = None
        self._before_walk: tuple[list[str], list[str], list[str]] = ([], [], [])  # selection to restore
        self.start_page: StartPage | None = None
        doc, stack = window.document, window.undo_stack

        # docks (hidden until asked for; the window's saved state may reopen them)
        self.sessions = SessionsPanel(doc, stack)
        self.actions_view = ActionsView(doc, stack)
        self.sessions_tabs = QTabWidget()
        self.sessions_tabs.addTab(self.sessions, "Sessions")
        self.sessions_tabs.addTab(self.actions_view, "Open action items")
        self.actions_view.sessionActivated.connect(self._open_session)
        self.sessions_dock = self._dock("Sessions and action items", "coaching-sessions", self.sessions_tabs)

        self.history = CheckupHistory(doc, stack)
        # charts and lists that want width go below the map, beside the insights; four docks on the
        # right crowded into elided tabs ("In…", "Chec…") on a 1366×768 laptop
        self.history_dock = self._dock("Check-up history", "coaching-history", self.history, "insights_dock")

        self.reach = ReachOutPanel(doc, stack)
        self.reach.personActivated.connect(self._select_person)
        self.outreach_log = OutreachLog(doc, stack)
        reach_box = SideBySide()  # below the map: the list and the log side by side
        reach_box.addWidget(self.reach)
        reach_box.addWidget(self.outreach_log)
        reach_box.setStretchFactor(0, 3)
        reach_box.setStretchFactor(1, 2)
        self.reach_dock = self._dock("Reach out next", "coaching-reach", reach_box, "insights_dock")

        self.step = self._action("&Step Through the Walk", self.open_stepthrough, QKeySequence(Qt.Key.Key_F5))
        self.new_checkup = self._action("New &Check-up…", self.open_checkup)
        self.show_history = self._action("Check-up &History", lambda: self._raise(self.history_dock))
        self.show_sessions = self._action(
            "S&essions and Action Items", lambda: self._raise(self.sessions_dock)
        )
        self.log_contact = self._action("&Log a Contact…", self.log_selected_contact, QKeySequence("Ctrl+L"))
        self.reach_out = self._action("&Reach Out Next", lambda: self._raise(self.reach_dock))
        self.compare = self._action("C&ompare with Snapshot or Earlier File…", self.compare_with_earlier)
        self.snapshot = self._action("Save S&napshot", self.save_snapshot)
        self.start = self._action("Start &Page", self.show_start_page)

        menu = window.menuBar().addMenu("&Coaching")
        view_menu = getattr(window, "view_menu", None)
        if view_menu is not None:  # before View, after Map
            window.menuBar().insertMenu(view_menu.menuAction(), menu)
        menu.addAction(self.step)
        menu.addSeparator()
        menu.addActions([self.new_checkup, self.show_history])
        menu.addSeparator()
        menu.addActions([self.show_sessions])
        menu.addSeparator()
        menu.addActions([self.log_contact, self.reach_out])
        menu.addSeparator()
        menu.addActions([self.compare, self.snapshot])
        menu.addSeparator()
        menu.addAction(self.start)
        self.menu = menu
        file_menu = getattr(window, "file_menu", None)
        if file_menu is not None and file_menu.actions():
            file_menu.insertAction(file_menu.actions()[0], self.start)
            file_menu.insertSeparator(file_menu.actions()[1])
        if view_menu is not None:
            view_menu.addSeparator()
            toggles = ((self.sessions_dock, "S&essions and Action Items"),
                       (self.history_dock, "Check-up &History"), (self.reach_dock, "&Reach Out Next"))
            for dock, text in toggles:
                view_menu.addAction(dock_toggle(dock, text))

        window.scene.selectionChangedTo.connect(self._selection)
        window.documentReplaced.connect(self._document_replaced)
        self._update_enabled()

    # ----- building -------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, beside: str = "inspector_dock") -> QDockWidget:
        """A hidden dock, tabbed with the window's dock `beside` (in that dock's area)."""
        dock = QDockWidget(title, self.w)
        dock.setObjectName(name)
        dock.setWidget(widget)
        neighbour = getattr(self.w, beside, None)
        area = Qt.DockWidgetArea.RightDockWidgetArea
        if isinstance(neighbour, QDockWidget):
            area = self.w.dockWidgetArea(neighbour)
        self.w.addDockWidget(area, dock)
        if isinstance(neighbour, QDockWidget):
            self.w.tabifyDockWidget(neighbour, dock)
        dock.hide()
        return dock

    def _action(self, text: str, slot: Callable[[], Any], shortcut: QKeySequence | None = None) -> QAction:
        act = QAction(text, self.w)
        if shortcut is not None:
            act.setShortcut(shortcut)
        guarded = getattr(self.w, "guarded", None)
        act.triggered.connect(lambda _c=False: guarded(slot) if guarded else slot())
        return act

    def _raise(self, dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()
        if self.w.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
            # a list below the map opens tall enough for a few rows; the map keeps most of the height
            room = min(BOTTOM_DOCK_H, self.w.height() * 3 // 10)
            if dock.height() < room:
                self.w.resizeDocks([dock], [room], Qt.Orientation.Vertical)

    # ----- following the window -------------------------------------------
    def _document_replaced(self) -> None:
        doc, stack = self.w.document, self.w.undo_stack
        for panel in (self.sessions, self.actions_view, self.history, self.reach, self.outreach_log):
            panel.set_document(doc, stack)
        if self.stepthrough is not None:
            self._before_walk = ([], [], [])  # the old map's selection means nothing in the new one
            self.stepthrough.close()
        self.selected = ("", [])
        self._update_enabled()

    def _selection(self, entity: str, ids: list) -> None:
        self.selected = (entity, list(ids))
        person = self.selected_person()
        if person:
            self.outreach_log.set_person(person)
        self._update_enabled()

    def selected_person(self) -> str:
        entity, ids = self.selected
        if entity == "person" and len(ids) == 1 and ids[0] in self.w.document.people:
            return ids[0]
        return ""

    def _update_enabled(self) -> None:
        pid = self.selected_person()
        self.log_contact.setText("&Log a Contact…" if not pid else
                                 f"&Log a Contact with {menu_text(self.w.document.people[pid].name, 40)}…")

    def _select_person(self, pid: str) -> None:
        self.w.scene.select_ids([pid], [], True)

    def _open_session(self, session_id: str) -> None:
        self.sessions_tabs.setCurrentWidget(self.sessions)
        self.sessions.select_session(session_id)

    # ----- actions -----------------------------------------------------------
    def open_stepthrough(self) -> StepThrough:
        if self.stepthrough is not None:
            self.stepthrough.raise_()
            self.stepthrough.activateWindow()
            return self.stepthrough
        scene = self.w.scene
        self._before_walk = (scene.selected_person_ids(), scene.selected_handoff_ids(),
                             scene.selected_department_ids())
        st = StepThrough(self.w.document, self.w.undo_stack, self.w)
        st.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        st.stepChanged.connect(self._show_step_on_canvas)
        st.closed.connect(self._stepthrough_closed)
        self.stepthrough = st
        st.showFullScreen()
        st.activateWindow()
        st.setFocus()
        st.show_step()  # select the first step on the canvas too
        return st

    def _show_step_on_canvas(self, people: list[str], handoffs: list[str]) -> None:
        """The step is selected on the canvas behind and everything else dims, as under a spotlight."""
        self.w.scene.select_ids(people, handoffs, True)
        spotlight(self.w.scene, set(people), set(handoffs))

    def _stepthrough_closed(self) -> None:
        """The canvas comes back as the walk found it: the spotlight off and the user's own
        selection back (the walk's last step no longer selected, ready for Delete by mistake)."""
        self.stepthrough = None
        spotlight(self.w.scene, None, None)
        people, handoffs, depts = self._before_walk
        self.w.scene.select_ids(people, handoffs, centre=False, department_ids=depts)
        self._before_walk = ([], [], [])

    def open_checkup(self) -> bool:
        dlg = CheckupDialog(self.w.document, self.w.undo_stack, self.w)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self._raise(self.history_dock)
            return True
        return False

    def log_selected_contact(self) -> bool:
        pid = self.selected_person()
        if not pid:
            self._raise(self.reach_dock)
            self.w.statusBar().showMessage(
                "Select one person on the map to log a contact, or pick one here.", 6000
            )
            return False
        if not log_contact(self.w.document, self.w.undo_stack, pid, self.w):
            return False
        person = self.w.document.people.get(pid)
        if person is not None:  # the dialog closes; say what happened, the card fades back in too
            self.w.show_status(f"Logged a contact with {one_line(person.name, 60)} (Ctrl+Z to take it back)")
        return True

    def map_stem(self) -> str:
        path = getattr(self.w, "path", None)
        return path.stem if path is not None else safe_stem(self.w.document.meta.title)

    def save_snapshot(self, folder: Path | None = None) -> Path | None:
        try:
            path = save_snapshot(self.w.document, self.map_stem(), folder)
        except MapFileError as exc:
            self.w.show_problem(f"The snapshot was not saved: {exc}")
            return None
        self.w.show_status(f"Snapshot saved: {path}")
        return path

    def compare_with_earlier(self, folder: Path | None = None) -> bool:
        picker = PickVersionDialog(self.map_stem(), folder, self.w)
        if picker.exec() != QDialog.DialogCode.Accepted or picker.chosen is None:
            return False
        return self.compare_with(picker.chosen)

    def compare_with(self, path: Path) -> bool:
        old, problem = load_for_compare(path)
        if old is None:
            self.w.show_problem(problem)
            return False
        CompareDialog(old, self.w.document, path.stem, "now", self.w).exec()
        return True

    def show_start_page(self) -> StartPage:
        if self.start_page is None:
            page = StartPage(self.w)
            # a dialog of the main window: it stays in front of it instead of hiding behind it, and
            # its title reads "Start — Contract Walk" (Qt adds the application's display name)
            page.setWindowFlag(Qt.WindowType.Dialog, True)
            page.setWindowTitle("Start")
            page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            page.openRequested.connect(lambda p: self._from_start(lambda: self.w.file.open_recent(p)))
            page.newFromTemplate.connect(lambda name: self._from_start(lambda: self._new_from_template(name)))
            page.openOtherRequested.connect(lambda: self._from_start(self.w.file.open_map))
            page.exampleRequested.connect(lambda: self._from_start(self._open_example))
            page.destroyed.connect(lambda *_: setattr(self, "start_page", None))
            page.resize(min(1100, max(600, self.w.width() - 80)), min(720, max(400, self.w.height() - 80)))
            page.move(self.w.frameGeometry().center() - page.rect().center())  # over the window, not a corner
            self.start_page = page
        else:
            self.start_page.refresh()
        self.start_page.show()
        self.start_page.raise_()
        self.start_page.activateWindow()
        return self.start_page

    def _from_start(self, slot: Callable[[], Any]) -> None:
        guarded = getattr(self.w, "guarded", None)
        done = guarded(slot) if guarded else slot()
        if done and self.start_page is not None:
            self.start_page.close()
            self.w.activateWindow()  # the keyboard goes on with the map just opened (its canvas)

    def _new_from_template(self, name: str) -> bool:
        if not self.w.file.maybe_save():
            return False
        from model.templates.catalog import build_template

        page = self.start_page
        people = page.with_people.isChecked() if page is not None else True  # the start page's choice
        self.w.set_document(build_template(name, people=people), None)
        self.w.show_status("New map: save it to keep it")
        return True

    def _open_example(self) -> bool:
        if not self.w.file.maybe_save():
            return False
        from model.example import load_example

        try:
            doc = load_example(EXAMPLE)
        except MapFileError as exc:
            self.w.show_problem(str(exc))
            return False
        self.w.set_document(doc, None)
        self.w.show_status("The example map: an unsaved copy, explore it freely")
        return True


def install_coaching_actions(window: QMainWindow) -> CoachingActions:
    """Add the Coaching menu and docks to the main window; kept on `window.coaching`."""
    actions = CoachingActions(window)
    window.coaching = actions  # type: ignore[attr-defined]
    return actions
