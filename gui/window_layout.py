"""How the main window is laid out: the docks around the canvas, the menus, the toolbar with its
search field, the status bar. gui/main_window.py builds itself with these once; what the
window does lives there, what the map's file does in gui/files/map_session.py."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.canvas.card_rename import name_new_card
from gui.files.recovery_dialog import open_backup
from gui.widgets import FocusFirstRow, FocusRing, dock_toggle
from model import layout

if TYPE_CHECKING:
    from gui.main_window import MainWindow


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


def _dock(
    window: MainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea, size: QSize
) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(_Sized(widget, size))
    window.addDockWidget(area, dock)
    return dock


def build_docks(self: MainWindow) -> None:
    """The palette (left), inspector (right) and insights (bottom), each wired to the canvas."""
    from gui.insights_panel import InsightsPanel
    from gui.inspector.panel import Inspector
    from gui.palette import Palette

    self.palette_panel = Palette(self)
    self.inspector = Inspector(self)
    self.inspector.back_to_map.connect(lambda: self.view.setFocus(Qt.FocusReason.OtherFocusReason))
    self.insights = InsightsPanel(self)
    self.palette_dock = _dock(self, "Palette", "palette", self.palette_panel,
                                   Qt.DockWidgetArea.LeftDockWidgetArea, QSize(240, 600))
    self.inspector_dock = _dock(self, "Inspector", "inspector", self.inspector,
                                     Qt.DockWidgetArea.RightDockWidgetArea, QSize(340, 600))
    self.insights_dock = _dock(self, "Insights", "insights", self.insights,
                                    Qt.DockWidgetArea.BottomDockWidgetArea, QSize(800, 170))
    # lists that show no focus of their own while nothing in them is current
    FocusRing(self.palette_panel.view, rest=QPalette.ColorRole.Base)  # (kept by the list it watches)
    for listing in (self.insights.tree, self.insights.next_list, self.insights.figures):
        FocusFirstRow(listing)
    self.palette_dock.setMinimumWidth(220)
    self.inspector_dock.setMinimumWidth(300)
    self.palette_panel.personActivated.connect(self.select_person)
    from gui.main_window import choose_person  # (loaded: this runs inside MainWindow.__init__)

    self.palette_panel.personChosen.connect(lambda pid: choose_person(self, pid))  # one selection
    self.scene.selectionChangedTo.connect(self.palette_panel.show_selection)
    if hasattr(self.palette_panel, "tileActivated"):
        self.palette_panel.tileActivated.connect(
            lambda payload: self.guarded(lambda: add_tile(self, payload))
        )
    self.insights.findingActivated.connect(
        lambda people, handoffs: self.scene.select_ids(people, handoffs)
    )
    self.scene.selectionChangedTo.connect(self.inspector.show_selection)
    from gui.inspector.several import selected_parts

    self.inspector.selection_source = lambda: selected_parts(self.scene)  # a mixed selection, named
    self.scene.selectionSettled.connect(self.inspector.recheck_mixed)  # one mix to another
    self.scene.personActivated.connect(self.rename_person)
    self.view.personTileDropped.connect(lambda: name_new(self))

def build_menus(self: MainWindow) -> None:
    """File, Edit, Map and View (the coaching and help menus add themselves)."""
    f, e = self.file, self.edit
    m = self.menuBar().addMenu("&File")
    m.addActions([f.new, f.open])
    m.addMenu(f.recent_menu)
    m.addAction("Open &Backup…", lambda: self.guarded(lambda: open_backup(self)))
    m.addSeparator()
    m.addActions([f.save, f.save_as])
    from gui.main_window import revert_to_saved  # (loaded: this runs inside MainWindow.__init__)

    m.addAction("Re&vert to Saved…", lambda: self.guarded(lambda: revert_to_saved(self)))
    m.addAction(f.close)
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
    m.addActions(self.keys.adding)  # Add Colleague / Department / Customer Contact (gui/canvas/keys.py)
    m.addSeparator()
    m.addActions([e.auto_layout, e.mark_you, self.keys.hands_off])
    m.addAction(e.what_if)  # the what-if drill (gui/coaching/whatif_panel.py)
    m.addSeparator()
    m.addActions([e.lane_up, e.lane_down, e.rename_lane])
    self.map_menu = m
    m = self.menuBar().addMenu("&View")
    m.addActions([e.zoom_in, e.zoom_out, e.zoom_reset, e.fit, e.zoom_selection, e.overview])
    m.addSeparator()
    for dock, text in ((self.palette_dock, "&Palette"), (self.inspector_dock, "I&nspector"),
                       (self.insights_dock, "Insi&ghts")):
        m.addAction(dock_toggle(dock, text))
    self.view_menu = m

def build_toolbar(self: MainWindow) -> None:
    """The main actions, then the search field at the right."""
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
    self.search.setAccessibleName("Find a person")
    self.search.setClearButtonEnabled(True)
    self.search.setFixedWidth(240)
    find = QKeySequence(QKeySequence.StandardKey.Find)
    find_keys = find.toString(QKeySequence.SequenceFormat.NativeText)
    self.search.setToolTip(f"Find by name, title or department ({find_keys}); Enter finds the next")
    self.search.returnPressed.connect(lambda: self.guarded(lambda: self.find_next(self.search.text())))
    self.search.textEdited.connect(lambda _t: setattr(self, "_search_from", 0))
    self.documentReplaced.connect(self.search.clear)  # another map: no search left from the last one
    back = QAction(self.search)  # Escape in the find box: the keys go back to the map
    back.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    back.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    back.triggered.connect(lambda: self.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
    self.search.addAction(back)
    bar.addWidget(self.search)
    self.toolbar = bar

def build_status(self: MainWindow) -> None:
    self.counts_label = QLabel()
    self.zoom_label = QLabel("100%")
    self.zoom_label.setToolTip("Zoom (Ctrl+wheel, Ctrl+0 for 100%)")
    self.statusBar().addPermanentWidget(self.counts_label)
    self.statusBar().addPermanentWidget(self.zoom_label)


def add_tile(window: MainWindow, payload: str) -> None:
    """A palette tile clicked (not dragged): add it in view, as if dropped at the view's centre."""
    from gui.canvas.interactions import TileDrop
    from gui.canvas.keys import tile_spot
    from gui.canvas.mime import parse_payload

    kind, what = parse_payload(payload)
    centre = tile_spot(window, kind, what)  # beside the selection, or in sight (gui/canvas/keys.py)
    if TileDrop(window.scene).drop(kind, what, centre) and kind == "new":
        name_new(window)


def name_new(window: MainWindow) -> None:
    """A card or lane just added from the palette (dropped, clicked or by key) opens its name for
    typing: a new department was left as "New department" with no way in but F2."""
    lanes = window.scene.selected_department_ids()
    lane = window.scene.lane(lanes[0]) if len(lanes) == 1 else None
    if lane is not None and not window.scene.selected_person_ids():
        view = window.view
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        if lane.top < seen.top() + layout.HEADER_H or lane.bottom > seen.bottom():  # in sight first
            view.centerOn(seen.center().x(), lane.top + lane.height / 2)
        window.rename_lane(lane.key)
    else:
        name_new_card(window)


PANE_KEYS = (("Ctrl+Tab", "F6"), ("Ctrl+Shift+Tab", "Shift+F6"))
_AREAS = {Qt.DockWidgetArea.LeftDockWidgetArea: 0, Qt.DockWidgetArea.TopDockWidgetArea: 1,
          Qt.DockWidgetArea.RightDockWidgetArea: 3, Qt.DockWidgetArea.BottomDockWidgetArea: 4}


def panes(window: MainWindow) -> list[QWidget]:
    """The window's panes in the order the eye meets them: the docks at the left, the canvas, the
    docks at the right, those at the bottom (each side top to bottom), floating docks last."""
    def place(widget: QWidget) -> tuple[int, int, int]:
        if isinstance(widget, QDockWidget):
            area = 5 if widget.isFloating() else _AREAS.get(window.dockWidgetArea(widget), 5)
        else:
            area = 2
        return area, widget.y(), widget.x()

    docks = [d for d in window.findChildren(QDockWidget) if d.isVisible() and d.widget() is not None]
    return sorted([window.view, *docks], key=place)


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisible() \
        and widget.isEnabled() and widget.focusProxy() is None


def focus_pane(window: MainWindow, forward: bool) -> None:
    """Ctrl+Tab / F6: the keyboard goes to the next pane (its first field; Ctrl+Shift+Tab: the
    previous pane's last, as Shift+Tab would reach it), from any field of any pane. Qt's Tab
    stays inside a list or a text box that uses it; without this a keyboard user was stuck in
    the roster list."""
    from gui.canvas.keys import focus_chain

    order = panes(window)
    focus = QApplication.focusWidget()
    here = next((i for i, pane in enumerate(order)
                 if focus is not None and (focus is pane or pane.isAncestorOf(focus))), None)
    if here is None:  # the find box, the menu bar: Ctrl+Tab starts at the first pane
        here = -1 if forward else len(order)
    reason = Qt.FocusReason.ShortcutFocusReason  # (Qt then draws the focus frames, as after Tab)
    for step in range(1, len(order) + 1):
        pane = order[(here + (step if forward else -step)) % len(order)]
        if pane is window.view:
            window.view.setFocus(reason)
            return
        inside = [w for w in focus_chain(pane, forward=True) if pane.isAncestorOf(w) and _takes_tab(w)]
        if inside:
            (inside[0] if forward else inside[-1]).setFocus(reason)
            return


def install_pane_keys(window: MainWindow) -> None:
    """Ctrl+Tab / F6 and Ctrl+Shift+Tab / Shift+F6 move between the panes from anywhere in the
    window (a floating dock too); F10 opens the menu bar."""
    for forward, keys in ((True, PANE_KEYS[0]), (False, PANE_KEYS[1])):
        act = QAction(window)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(lambda _c=False, f=forward: focus_pane(window, f))
        window.addAction(act)
    menus = QAction(window)  # F10: the menu bar, its first menu open (as GNOME and Windows do)
    menus.setShortcut(QKeySequence("F10"))
    menus.triggered.connect(lambda _c=False: window.menuBar().setActiveAction(window.menuBar().actions()[0]))
    window.addAction(menus)


def palette_for_an_empty_map(window: MainWindow) -> None:
    """A map with nobody in the walk yet starts with the palette in front of the inspector when a
    small screen stacks them: adding people is the first thing to do (a blank map showed its
    details and hid the tiles)."""
    if window.tabifiedDockWidgets(window.palette_dock) and \
            not any(p.placed for p in window.document.people.values()):
        window.palette_dock.raise_()
