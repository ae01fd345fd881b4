"""The canvas without a mouse. Tab / Shift+Tab go through the cards in the walk's reading order (stage
by stage, top to bottom) and, past the last, on to the next pane; Ctrl+Tab / Ctrl+Shift+Tab (or F6)
leave the canvas for the next / previous pane (palette, canvas, inspector, insights) in one press,
however many cards the map has (Qt's convention for a widget that uses Tab itself;
gui/window_layout.py's install_pane_keys, from any pane). The arrow keys go to the nearest card in
that direction (from nothing selected: the first card in sight), Home / End to the first / last card
in reading order; Alt+arrows nudge (Shift+arrows by 10); Shift+F10 or the Menu key opens the focused
card's context menu; Ctrl+Shift+H draws a hand-off from it through a picker. The focused card is the
selected one, and it stays selected when the focus leaves, so the inspector shows it. Screen readers
hear it through the canvas's accessible name and description, which follow the focus (Qt for Python
cannot give graphics items accessible interfaces of their own)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from gui.canvas.items.card import clean_text
from gui.canvas.mime import NEW_COLLEAGUE, NEW_CUSTOMER, NEW_DEPARTMENT
from model import layout

if TYPE_CHECKING:
    from gui.main_window import MainWindow

HANDOFF_KEYS = "Ctrl+Shift+H"
ADD_ACTIONS = (("Add &Colleague", "Ctrl+Shift+N", NEW_COLLEAGUE),
               ("Add &Department", "Ctrl+Shift+D", NEW_DEPARTMENT),
               ("Add Customer Con&tact", "Ctrl+Shift+C", NEW_CUSTOMER))
DIRECTIONS = {"Left": (-1, 0), "Right": (1, 0), "Up": (0, -1), "Down": (0, 1)}


def reading_order(centres: dict[str, QPointF], widths: layout.Widths | None = None) -> list[str]:
    """Cards stage column by stage column, then top to bottom, then left to right."""
    def key(pid: str) -> tuple[int, float, float]:
        c = centres[pid]
        return layout.stage_column_at(c.x(), widths), c.y(), c.x()

    return sorted(centres, key=key)


def nearest(centres: dict[str, QPointF], current: str, dx: int, dy: int) -> str | None:
    """The card closest to `current` in direction (dx, dy): distance along the direction plus
    twice the sideways offset, so a card straight ahead wins over a nearer one off to the side."""
    here = centres[current]
    best, best_score = None, float("inf")
    for pid, c in centres.items():
        if pid == current:
            continue
        along = (c.x() - here.x()) * dx + (c.y() - here.y()) * dy
        side = abs((c.x() - here.x()) * dy) + abs((c.y() - here.y()) * dx)
        if along <= 1.0:
            continue
        score = along + 2.0 * side
        if score < best_score:
            best, best_score = pid, score
    return best


def focus_chain(start: QWidget, forward: bool) -> Iterator[QWidget]:
    """The widgets after (before) `start` in its window's focus chain, once round the ring."""
    widget = start
    for _ in range(100_000):  # a bound keeps a broken ring from hanging the window
        after = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if after is None or after is start:
            return
        widget = after
        yield widget


def describe_person(window: MainWindow, pid: str) -> str:
    """What a screen reader says about a card: name, role, lane, stage and hand-offs."""
    doc = window.document
    p = doc.people[pid]
    dept = doc.departments.get(p.department_id or "")
    lane = "Customer" if p.is_customer else (clean_text(dept.name, 60) if dept else "No department")
    parts = [clean_text(p.name, 80) or "unnamed", clean_text(p.title, 60), lane]
    card = window.scene.whole.card(pid)
    where = card.scene_card_rect().center().x() if card is not None else 0.0
    stage = layout.stage_at(where, window.scene.widths) if card is not None else None
    if stage:
        parts.append(f"stage {stage}")
    mine = doc.handoffs_of(pid)
    outs = [doc.people[h.target].name for h in mine if h.source == pid and h.target in doc.people]
    ins = [doc.people[h.source].name for h in mine if h.target == pid and h.source in doc.people]
    if outs:
        parts.append("hands off to " + ", ".join(clean_text(n, 40) for n in outs[:5]))
    if ins:
        parts.append("receives from " + ", ".join(clean_text(n, 40) for n in ins[:5]))
    return ", ".join(x for x in parts if x)


def describe_handoff(window: MainWindow, hid: str) -> str:
    doc = window.document
    h = doc.handoffs[hid]
    src, dst = doc.people.get(h.source), doc.people.get(h.target)
    giver = clean_text(src.name, 60) if src else "?"
    text = f"Hand-off from {giver} to {clean_text(dst.name, 60) if dst else '?'}"
    return text + (f": {clean_text(h.what, 120)}" if h.what else "") + (", two-way" if h.two_way else "")


def tile_spot(window: MainWindow, kind: str, what: str) -> QPointF:
    """Where a palette tile pressed (not dragged) or a Map > Add… command puts the new thing: a
    colleague beside the selected card (its lane, the next stage) or in the selected lane, else
    in the department lane nearest the view's middle; a customer contact in the customers lane,
    at the stage after the selected card (else the view's middle stage); a lane after the
    selected one; else the view's middle. The view brings the spot into sight first, so the new
    card can be named."""
    view, scene = window.view, window.scene
    middle = view.mapToScene(view.viewport().rect().center())
    if kind != "new":
        return middle
    lanes = {lane.key: lane for lane in scene.lanes}
    departments = [lane for lane in scene.lanes if lane.key in window.document.departments]
    chosen = scene.selected_department_ids()
    people = scene.selected_person_ids()
    card = scene.whole.card(people[0]) if len(people) == 1 else None
    home = card.scene_card_rect().center() if card is not None else None
    lane = lanes.get(chosen[0]) if len(chosen) == 1 else scene.lane_at(home.y()) if home else None
    if what == "department":
        return QPointF(middle.x(), lane.bottom - 1) if lane is not None else middle
    x, y = max(middle.x(), layout.LABEL_W + layout.CARD_W / 2), middle.y()
    beside = x
    if home is not None:  # the next stage after the selected card: where its hand-off would go
        column = min(layout.stage_column_at(home.x(), scene.widths) + 1, len(scene.widths) - 1)
        beside = layout.column_x(column, scene.widths) + scene.widths[column] / 2
    if what == "colleague":
        if home is not None and lane is not None and lane.key in window.document.departments:
            x, y = beside, home.y()
        elif lane is not None and lane.key in window.document.departments:
            y = lane.top + lane.height / 2
        elif departments and not any(d.top <= middle.y() < d.bottom for d in departments):
            near = min(departments, key=lambda d: abs(d.top + d.height / 2 - middle.y()))
            y = near.top + near.height / 2
    elif what == "customer" and layout.CUSTOMER_LANE in lanes:
        customers = lanes[layout.CUSTOMER_LANE]
        if home is not None:  # the customer this card hands the contract to, in the customers lane
            x, y = beside, customers.top + customers.height / 2
        y = min(max(y, customers.top + layout.CARD_H / 2 + 4), customers.bottom - layout.CARD_H / 2 - 4)
    spot = QPointF(x, y)
    view.centre_on(QRectF(x - layout.CARD_W / 2, y - layout.CARD_H / 2, layout.CARD_W, layout.CARD_H))
    return spot


class CanvasKeys(QObject):
    """Keyboard focus, navigation and the keyboard's ways into menus and hand-offs for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        view = window.view
        view.setAccessibleName("Map canvas")
        self.actions: list[QAction] = []
        # where every card is, and the reading order: measured once per layout, not per key
        # (at 10,000 people each costs tens of milliseconds)
        self._centres: dict[str, QPointF] | None = None
        self._order: list[str] | None = None
        window.scene.laidOut.connect(self._forget)
        for name, (dx, dy) in DIRECTIONS.items():
            self._view_action(name, lambda _c=False, x=dx, y=dy: self.w.guarded(lambda: self.step(x, y)))
        self._view_action("Home", lambda _c=False: self.w.guarded(lambda: self.to_end(first=True)))
        self._view_action("End", lambda _c=False: self.w.guarded(lambda: self.to_end(first=False)))
        self._view_action("Shift+F10", lambda _c=False: self.w.guarded(self.open_menu), "Menu")
        self.hands_off = QAction("&Hands Off To…", window)
        self.hands_off.setShortcut(QKeySequence(HANDOFF_KEYS))
        self.hands_off.setToolTip(
            f"Draw a hand-off from the selected card to someone you pick ({HANDOFF_KEYS})")
        self.hands_off.triggered.connect(lambda _c=False: self.w.guarded(self.pick_handoff))
        window.addAction(self.hands_off)
        self.adding = [self._add_action(*spec) for spec in ADD_ACTIONS]  # Map > Add… (the palette's tiles)
        view.installEventFilter(self)
        self._canvas_after_palette()
        window.scene.selectionChangedTo.connect(self._announce)
        window.scene.selectionChangedTo.connect(  # Map > Hands Off To… needs one card chosen
            lambda entity, ids: self.hands_off.setEnabled(entity == "person" and len(ids) == 1))
        self.hands_off.setEnabled(False)
        window.documentReplaced.connect(self.focus_map)
        window.palette_panel.tileActivated.connect(self._tile_added)  # (after the add: window_layout)
        self._before_add: int | None = None  # the undo index when a tile was pressed
        for tile in window.palette_panel.tiles.values():
            tile.pressed.connect(self._note_index)
        for _text, keys, payload in ADD_ACTIONS:  # the tile's tooltip names its key
            if payload in window.palette_panel.tiles:
                tile = window.palette_panel.tiles[payload]
                tile.setToolTip(f"{tile.toolTip()} Or press {keys}: one is added beside the selection.")
        window.inspector.person_form.handsOffRequested.connect(
            lambda pid: self.w.guarded(lambda: self.pick_handoff(pid)))

    def _add_action(self, text: str, keys: str, payload: str) -> QAction:
        """A Map menu command that does what pressing its palette tile does."""
        act = QAction(text, self.w)
        act.setShortcut(QKeySequence(keys))
        act.setToolTip(f"{text.replace('&', '')} beside the selection, or in sight ({keys})")
        act.triggered.connect(lambda _c=False: self._add(payload))
        return act

    def _add(self, payload: str) -> None:
        self._note_index()
        self.w.palette_panel.tileActivated.emit(payload)

    def _note_index(self) -> None:
        self._before_add = self.w.undo_stack.index()

    def _view_action(self, keys: str, slot: object, *more: str) -> QAction:
        act = QAction(self.w.view)
        act.setShortcuts([QKeySequence(k) for k in (keys, *more)])
        act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        act.triggered.connect(slot)
        self.w.view.addAction(act)
        self.actions.append(act)
        return act

    # ----- focus ---------------------------------------------------------------
    def focus_map(self) -> None:
        """A map was just opened (or made, or restored): the keyboard starts on it, so Tab walks
        its cards, the arrows go to them and F2 renames, and no stray key lands on a palette tile.
        A window not yet shown or not active keeps it as its focus widget for when it is; one
        left with no active window by the dialog that chose the map (File > New's templates, the
        file chooser) takes the keyboard back."""
        self.w.view.setFocus(Qt.FocusReason.OtherFocusReason)
        nothing_active = QApplication.activeWindow() is None and QApplication.activeModalWidget() is None
        if self.w.isVisible() and nothing_active:
            self.w.activateWindow()

    def _tile_added(self, _payload: str) -> None:
        """A palette tile pressed with Space (or clicked) added a card or lane at the view's centre:
        the focus follows it onto the map (a second Space does not add another unseen), and the
        status bar says what happened and how to take it back. A new card's name editor, opened
        by the add, keeps the focus."""
        focus = QApplication.focusWidget()
        if focus is not None and self.w.palette_panel.isAncestorOf(focus):
            self.focus_map()
        stack, before, self._before_add = self.w.undo_stack, self._before_add, None
        if before is not None and stack.index() != before and stack.canUndo():  # (not refused)
            self.w.show_status(f"{stack.undoText()}: Ctrl+Z takes it back")

    def _forget(self) -> None:
        self._centres = self._order = None

    def centres(self) -> dict[str, QPointF]:
        cards = self.w.scene.whole.cards()  # moving by keys looks at every card
        if self._centres is None or len(self._centres) != len(cards):
            self._centres = {pid: card.scene_card_rect().center() for pid, card in cards.items()}
            self._order = None
        return self._centres

    def order(self) -> list[str]:
        """The cards in reading order (see reading_order)."""
        centres = self.centres()
        if self._order is None:
            self._order = reading_order(centres, self.w.scene.widths)
        return self._order

    def focused(self) -> str | None:
        ids = self.w.scene.selected_person_ids()
        return ids[0] if len(ids) == 1 else None

    def focus_card(self, pid: str) -> None:
        self.w.scene.select_ids([pid])  # selects and brings it into sight

    def _start(self, centres: dict[str, QPointF]) -> str | None:
        """With nothing focused: the first card in reading order that is in sight, else the first."""
        order = self.order()
        visible = self.w.view.mapToScene(self.w.view.viewport().rect()).boundingRect()
        return next((pid for pid in order if visible.contains(centres[pid])), order[0] if order else None)

    def step(self, dx: int, dy: int) -> None:
        centres = self.centres()
        current = self.focused()
        if current is None or current not in centres:
            target = self._start(centres)
        else:
            target = nearest(centres, current, dx, dy)
        if target is not None:
            self.focus_card(target)

    def tab(self, forward: bool) -> bool:
        """Focus the next card in reading order; False past the last (the focus leaves the canvas)."""
        order = self.order()
        if not order:
            return False
        current = self.focused()
        if current is None or current not in order:
            self.focus_card(order[0] if forward else order[-1])
            return True
        i = order.index(current) + (1 if forward else -1)
        if not 0 <= i < len(order):
            return False
        self.focus_card(order[i])
        return True

    def to_end(self, first: bool) -> None:
        """Focus the first (Home) or last (End) card in reading order."""
        order = self.order()
        if order:
            self.focus_card(order[0] if first else order[-1])

    # ----- panes -----------------------------------------------------------------
    def _canvas_after_palette(self) -> None:
        """The focus chain runs palette, canvas, inspector, insights: the canvas is made before
        the docks, so Qt's own order would put it first and Tab from the palette would skip it."""
        palette = self.w.palette_dock
        last: QWidget | None = None  # Qt orders only widgets that take the focus
        for widget in focus_chain(palette, forward=True):
            if not palette.isAncestorOf(widget):
                break
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                last = widget
        if last is not None:
            QWidget.setTabOrder(last, self.w.view)

    def leave(self, forward: bool) -> bool:
        """Move the focus to the next (previous) pane's first (last) field: the widget that takes
        Tab focus next in the window's focus chain, past the canvas and everything inside it."""
        view = self.w.view
        for widget in focus_chain(view, forward):
            if view.isAncestorOf(widget) or widget.focusProxy() is not None:
                continue
            if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisible() and widget.isEnabled():
                reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
                widget.setFocus(reason)
                return True
        return False

    def eventFilter(self, obj: object, event: QEvent) -> bool:
        if obj is self.w.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods == Qt.KeyboardModifier.NoModifier:
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                forward = event.key() == Qt.Key.Key_Tab and not shift
                if not self.tab(forward):
                    self.leave(forward)  # past the last card: on to the next pane
                return True  # (Ctrl+Tab is the window's: gui/window_layout.py install_pane_keys)
        return super().eventFilter(obj, event)  # type: ignore[arg-type]

    # ----- menus and hand-offs ---------------------------------------------------
    def open_menu(self) -> None:
        """The context menu of the focused card (or arrow), as a right-click on it would give."""
        from gui.canvas.context_menu import build_menu

        scene, view = self.w.scene, self.w.view
        items = scene.selectedItems()
        if items:
            rect = items[0].sceneBoundingRect()
            view.centre_on(rect)
            pos = view.mapFromScene(rect.center())
            if len(scene.selected_handoff_ids()) == 1:  # an arrow: its middle, where the path is
                item = scene.handoff_items[scene.selected_handoff_ids()[0]]
                pos = view.mapFromScene(item.mapToScene(item.path().pointAtPercent(0.5)))
        else:
            pos = view.viewport().rect().center()
        build_menu(self.w, pos).exec(view.viewport().mapToGlobal(pos))

    def pick_handoff(self, source: str | None = None) -> None:
        from gui.canvas.handoff_picker import HandoffPicker
        from gui.canvas.interactions import add_handoff

        source = source or self.focused()
        if source is None or self.w.scene.whole.card(source) is None:
            self.w.show_status("Select one card first: the hand-off starts there")
            return

        def chosen(target: str) -> None:
            self.w.guarded(lambda: add_handoff(self.w.scene, source, target, centre=True))
            self.w.activateWindow()  # the picker's window is gone: the keyboard goes on with the map
            self.w.view.setFocus()

        picker = HandoffPicker(self.w.document, source, chosen, self.w)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.open()
        picker.filter.setFocus()

    # ----- screen readers ---------------------------------------------------------
    def _announce(self, entity: str, ids: list) -> None:
        view, doc = self.w.view, self.w.document
        if entity == "person" and len(ids) == 1 and ids[0] in doc.people:
            name, text = f"Card: {clean_text(doc.people[ids[0]].name, 80)}", describe_person(self.w, ids[0])
        elif entity == "handoff" and len(ids) == 1 and ids[0] in doc.handoffs:
            text = describe_handoff(self.w, ids[0])
            name = text.split(":")[0]
        elif ids:
            name, text = "Map canvas", f"{len(ids)} {entity}s selected"
        else:
            name, text = "Map canvas", "Nothing selected. Tab or the arrow keys go to the cards."
        view.setAccessibleName(name)
        view.setAccessibleDescription(text)
