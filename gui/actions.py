"""The Edit, View and Map actions of the main window: each one an undoable
edit through gui.commands (or a view change), with standard shortcuts."""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoCommand

from gui import icons
from gui.canvas import clipboard
from gui.commands import MetaCommand, MoveCommand, RemoveCommand, ReorderLanesCommand
from gui.widgets import counted, menu_text
from model import layout as map_layout

if TYPE_CHECKING:
    from gui.main_window import MainWindow


NUDGE_BURST_S = 1.2  # arrow presses closer than this are one undo step
NUDGE_MERGE_ID = 77001


def shortcuts(standard: QKeySequence.StandardKey, *extra: str) -> list[QKeySequence]:
    """The platform's keys for a standard action plus the ones people type on every platform
    (Ctrl+Y for redo, Ctrl+= for zoom in), each once: Linux desktops bind only some of them."""
    keys = list(QKeySequence.keyBindings(standard))
    for text in extra:
        key = QKeySequence(text)
        if key not in keys:
            keys.append(key)
    return keys


class NudgeCommand(MoveCommand):
    """Arrow-key moves; a burst of presses on the same cards merges into one step."""

    def __init__(self, doc: Any, new: dict, old: dict) -> None:
        super().__init__(doc, new, old, "Nudge" if len(new) == 1 else f"Nudge {len(new)} cards")
        self.at = time.monotonic()

    def id(self) -> int:
        return NUDGE_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, NudgeCommand) or set(other.new) != set(self.new):
            return False
        if other.at - self.at > NUDGE_BURST_S:
            return False
        self.new = dict(other.new)
        self.at = other.at
        return True


class EditActions(QObject):
    """Builds and runs the editing actions for one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.paste_count = 0
        a = self._action
        SK = QKeySequence.StandardKey
        stack = window.undo_stack
        self.undo = a("&Undo", lambda: self._step(stack.undo, "Undone", stack.undoText()), SK.Undo, "undo")
        self.redo = a("&Redo", lambda: self._step(stack.redo, "Redone", stack.redoText()),
                      shortcuts(SK.Redo, "Ctrl+Y"), "redo")
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        stack.undoTextChanged.connect(lambda t: self.undo.setText(f"&Undo {menu_text(t)}".strip()))
        stack.redoTextChanged.connect(lambda t: self.redo.setText(f"&Redo {menu_text(t)}".strip()))
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        self.cut = a("Cu&t", self.do_cut, SK.Cut, "cut")
        self.copy = a("&Copy", self.do_copy, SK.Copy, "copy")
        self.paste = a("&Paste", self.do_paste, SK.Paste, "paste")
        self.duplicate = a("Duplicat&e", self.do_duplicate, "Ctrl+D", "duplicate")
        self.delete = a("&Delete", self.do_delete, SK.Delete, "delete")
        self.select_all = a("Select &All", self.do_select_all, SK.SelectAll)
        self.find = a("&Find…", window.focus_search, SK.Find, "find")
        self.auto_layout = a("Tidy Up (&Auto-Layout)", self.do_auto_layout, "Ctrl+Shift+L", "layout")
        self.auto_layout.setToolTip(
            "Put everyone in their lane and stage column, without overlaps (undoable)"
        )
        self.lane_up = a("Move Lane &Up", lambda: self.do_move_lane(-1), "Ctrl+Shift+Up", "lane-up")
        self.lane_down = a("Move Lane Do&wn", lambda: self.do_move_lane(+1), "Ctrl+Shift+Down", "lane-down")
        self.rename_lane = a("&Rename Lane…", self.do_rename_lane, "F2")
        self.mark_you = a("Mark as &You", self.do_mark_you, "Ctrl+Shift+Y", "you")
        self.mark_you.setToolTip(
            "Mark the selected person as you (Ctrl+Shift+Y): the map shows where you stand"
        )
        self.what_if = a("What If They Lea&ve?…", self.do_what_if, "Ctrl+Shift+X")
        self.what_if.setToolTip("Rehearse the selected people leaving: what breaks, and who could cover "
                                "(the map is not changed)")
        self.zoom_in = a("Zoom &In", window.view.zoom_in, shortcuts(SK.ZoomIn, "Ctrl+="), "zoom-in")
        self.zoom_out = a("Zoom &Out", window.view.zoom_out, SK.ZoomOut, "zoom-out")
        self.zoom_reset = a("&Actual Size", window.view.reset_zoom, "Ctrl+0", "zoom-reset")
        self.fit = a("&Fit to Window", window.view.fit_to_window, "Ctrl+9", "fit")
        self.zoom_selection = a("Zoom to &Selection", self.do_zoom_selection, "Ctrl+8")
        self.overview = QAction("O&verview Map", window)
        self.overview.setCheckable(True)
        self.overview.setChecked(True)
        self.overview.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.overview.setToolTip("A small picture of the whole map in the canvas corner (Ctrl+Shift+M)")
        self.overview.toggled.connect(window.view.overview.set_wanted)
        # Alt+arrows nudge cards while the canvas has the focus (Shift+arrows by 10); plain arrows
        # move the focus from card to card (gui.canvas.keys)
        self.nudges = []
        for key, dx, dy in (("Left", -1, 0), ("Right", 1, 0), ("Up", 0, -1), ("Down", 0, 1)):
            for mod, step in (("Alt+", 1), ("Shift+", 10)):
                act = QAction(window.view)
                act.setShortcut(QKeySequence(mod + key))
                act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                act.triggered.connect(lambda _c=False, x=dx * step, y=dy * step: self.do_nudge(x, y))
                window.view.addAction(act)
                self.nudges.append(act)
        # Enter on the canvas opens the selected card, hand-off or lane in the inspector, ready to type
        self.edit_selected = QAction("Edit Selection", window.view)
        self.edit_selected.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.edit_selected.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_selected.triggered.connect(lambda _c=False: self.w.guarded(self.do_edit_selected))
        window.view.addAction(self.edit_selected)
        window.scene.selectionSettled.connect(self.update_enabled)
        window.undo_stack.indexChanged.connect(self.update_enabled)
        # Paste follows the clipboard, which another map or another app may fill at any time
        QGuiApplication.clipboard().dataChanged.connect(self.update_paste)
        self.update_paste()
        self.update_enabled()

    def _action(self, text: str, slot: Any, shortcut: Any = None, icon: str | None = None) -> QAction:
        act = QAction(text, self.w)
        if isinstance(shortcut, list):
            act.setShortcuts(shortcut)
        elif shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if icon:
            act.setIcon(icons.get(icon))
        act.triggered.connect(lambda _checked=False: self.w.guarded(slot))
        return act

    def _step(self, step: Any, done: str = "", what: str = "") -> None:
        """Undo or redo; a big step (a paste of many) lays the canvas out once. What the step
        changed is then selected and brought into sight, so the user sees what was undone, and
        the status bar says it (not the edit's "Ctrl+Z takes it back", now out of date)."""
        touched: dict[str, list[str]] = {"person": [], "handoff": [], "department": []}

        def note(whole: Any) -> None:
            for event in whole.each():  # an undone removal brings back its hand-offs too
                if event.entity in touched and event.action in ("added", "changed", "moved"):
                    touched[event.entity].extend(event.ids or (event.id,))

        doc = self.w.document
        doc.subscribe(note)
        try:
            with self.w.scene.holding():
                step()
        finally:
            doc.unsubscribe(note)
        scene = self.w.scene
        people = [p for p in dict.fromkeys(touched["person"]) if p in scene.cards]
        handoffs = [h for h in dict.fromkeys(touched["handoff"]) if h in scene.handoff_items]
        depts = [d for d in dict.fromkeys(touched["department"]) if d in scene.lane_headers]
        if people or handoffs or depts:
            scene.select_ids(people, handoffs, department_ids=[] if people or handoffs else depts)
        if done and what:
            self.w.show_status(f"{done}: {what}")

    # ----- state ----------------------------------------------------------
    def update_enabled(self, *_args: Any) -> None:
        scene = self.w.scene
        people = scene.selected_person_ids()
        anything = bool(people or scene.selected_handoff_ids() or scene.selected_department_ids())
        for act in (self.cut, self.copy, self.duplicate):
            act.setEnabled(bool(people))
        self.delete.setEnabled(anything)
        depts = self.selected_lane()
        order = list(self.w.document.departments) if self.w.document else []
        # the lane may be gone already (deleted, the canvas not yet laid out again)
        where = order.index(depts) if depts in order else -1
        self.lane_up.setEnabled(where > 0)
        self.lane_down.setEnabled(0 <= where < len(order) - 1)
        person = len(people) == 1 and not scene.selected_department_ids()
        self.rename_lane.setEnabled(depts is not None or person)
        self.rename_lane.setText("&Rename Person" if person else "&Rename Lane…")
        one = self.w.document.people.get(people[0]) if len(people) == 1 else None
        self.mark_you.setEnabled(one is not None and not one.is_customer)  # "you" is a colleague
        self.what_if.setEnabled(bool(people))

    def update_paste(self) -> None:
        """Paste only when the clipboard holds people from a map (text or a picture cannot paste).
        Asked on clipboard changes only: on X11 each look at another app's clipboard is a round trip."""
        self.paste.setEnabled(clipboard.holds_people())

    def selected_lane(self) -> str | None:
        """The department to act on: a selected lane, or the lane of the selected cards."""
        doc = self.w.document
        depts = self.w.scene.selected_department_ids()
        if len(depts) == 1:
            return depts[0]
        people = self.w.scene.selected_person_ids()
        found = {
            doc.people[p].department_id for p in people if p in doc.people and not doc.people[p].is_customer
        }
        if len(found) == 1:
            only = found.pop()
            return only if only in doc.departments else None
        return None

    # ----- edits ------------------------------------------------------------
    def do_copy(self) -> None:
        n = clipboard.copy_selection(self.w.document, self.w.scene.selected_person_ids())
        self.paste_count = 0
        if n:
            self.w.show_status(f"Copied {counted(n, 'person', 'people')}")

    def do_cut(self) -> None:
        self.do_copy()
        self.delete_selection(text="Cut")

    def do_paste(self) -> None:
        piece = clipboard.from_mime(QGuiApplication.clipboard().mimeData())
        if piece is None:
            self.w.show_status("The clipboard holds no people from a map")
            return
        self.paste_count += 1
        self._paste(piece, clipboard.OFFSET * self.paste_count, "Paste")

    def do_duplicate(self) -> None:
        ids = self.w.scene.selected_person_ids()
        if ids:
            self._paste(clipboard.duplicate_piece(self.w.document, ids), clipboard.OFFSET, "Duplicate")

    def _paste(self, piece: Any, offset: float, text: str) -> None:
        cmds, new_ids = clipboard.paste_commands(self.w.document, piece, offset)
        n = len(new_ids)
        if cmds and self.w.scene.push(cmds, f"{text} {counted(n, 'person', 'people')}"):
            self.w.scene.select_ids(new_ids)

    def do_delete(self) -> None:
        self.delete_selection()

    def delete_selection(self, text: str = "Delete") -> None:
        doc, scene = self.w.document, self.w.scene
        cmds: list[QUndoCommand] = [RemoveCommand(doc, "handoff", h) for h in scene.selected_handoff_ids()]
        cmds += [RemoveCommand(doc, "person", p) for p in scene.selected_person_ids()]
        cmds += [RemoveCommand(doc, "department", d) for d in scene.selected_department_ids()]
        if cmds:
            scene.push(cmds, f"{text} {len(cmds)} item{'s' if len(cmds) > 1 else ''}")

    def do_select_all(self) -> None:
        self.w.scene.select_all()

    def do_nudge(self, dx: float, dy: float) -> None:
        doc = self.w.document
        ids = [p for p in self.w.scene.selected_person_ids() if p in doc.people]
        if not ids:
            return
        old = {p: doc.people[p].pos for p in ids}
        new = {p: (max(map_layout.LABEL_W, x + dx), max(0.0, y + dy)) for p, (x, y) in old.items()}
        if new != old:
            self.w.guarded(lambda: self.w.scene.push(NudgeCommand(doc, new, old)))

    def do_auto_layout(self) -> None:
        doc = self.w.document
        new = map_layout.auto_layout(doc, grid=True)
        old = {pid: doc.people[pid].pos for pid in new}
        changed = {pid: pos for pid, pos in new.items() if pos != old[pid]}
        if not changed:
            self.w.show_status("Everyone is already in place")
            return
        self.w.scene.push(MoveCommand(doc, changed, {p: old[p] for p in changed}, "Tidy up the map"))
        self.w.show_status(f"Tidied {len(changed)} card{'' if len(changed) == 1 else 's'}")

    def do_move_lane(self, delta: int) -> None:
        doc = self.w.document
        key = self.selected_lane()
        if key is None:
            return
        order = list(doc.departments)
        i = order.index(key)
        j = i + delta
        if 0 <= j < len(order):
            order[i], order[j] = order[j], order[i]
            self.w.scene.push(ReorderLanesCommand(doc, order, "Move lane"))
            self.update_enabled()

    def do_edit_selected(self) -> None:
        scene = self.w.scene
        if scene.selected_person_ids() or scene.selected_handoff_ids() or scene.selected_department_ids():
            self.w.edit_selection()

    def do_rename_lane(self) -> None:
        """F2: one card selected renames the person (on the card); otherwise the lane."""
        scene = self.w.scene
        people = scene.selected_person_ids()
        if len(people) == 1 and not scene.selected_department_ids():
            self.w.rename_person(people[0])
            return
        key = self.selected_lane()
        if key is not None:
            self.w.rename_lane(key)

    def do_what_if(self) -> None:
        from gui.coaching.whatif_panel import drill_for

        drill_for(self.w).start()

    def do_zoom_selection(self) -> None:
        if not self.w.view.zoom_to_selection():
            self.w.show_status("Select something first; Zoom to Selection brings it close")

    def do_mark_you(self) -> None:
        ids = self.w.scene.selected_person_ids()
        doc = self.w.document
        if len(ids) != 1 or ids[0] not in doc.people:
            self.w.show_status("Select one card first, then Mark as You")
            return
        name = doc.people[ids[0]].name or "this person"
        if doc.people[ids[0]].is_customer:
            self.w.show_status(f"{name} is a customer contact: only a colleague can be marked as you")
            return
        if doc.meta.you_id == ids[0]:
            self.w.show_status(f"{name} is already marked as you")
            return
        if self.w.scene.push(MetaCommand(doc, {"you_id": ids[0]}, "Mark as you")):
            self.w.show_status(f"{name} is marked as you (Ctrl+Z takes it back)")
