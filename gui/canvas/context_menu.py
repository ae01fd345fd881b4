"""The canvas's right-click menu: what can be done to the thing under the mouse, using the
window's own actions (so shortcuts, enabled states and undo steps are the same as in the menus);
on free space or a lane, adding a card or lane right there."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QMenu

from gui.canvas.items.card import PersonCard
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.items.lane import LaneHeaderItem, LaneItem, is_department
from gui.commands import UpdateCommand

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def _thing_at(window: MainWindow, pos: QPoint) -> tuple[str, str]:
    """('person' | 'handoff' | 'lane' | '', id) of the top item under a viewport point."""
    for item in window.view.items(pos):
        if isinstance(item, PersonCard):
            return "person", item.pid
        if isinstance(item, HandoffItem):
            return "handoff", item.hid
        if isinstance(item, (LaneHeaderItem, LaneItem)) and is_department(item.key):
            return "lane", item.key
    return "", ""


def build_menu(window: MainWindow, pos: QPoint) -> QMenu:
    """Select what was right-clicked (unless it is already part of the selection), then offer its actions."""
    scene, edit = window.scene, window.edit
    kind, key = _thing_at(window, pos)
    if kind == "person" and key not in scene.selected_person_ids():
        scene.select_ids([key], centre=False)
    elif kind == "handoff":
        scene.select_ids([], [key], centre=False)
    elif kind == "lane":
        scene.select_ids([], department_ids=[key], centre=False)
    menu = QMenu(window.view)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one menu per right-click, not kept
    if kind == "person":
        menu.addAction("Re&name\tF2", lambda: window.rename_person(key))  # (the key shown, not bound)
        keys = getattr(window, "keys", None)
        if keys is not None:
            menu.addAction(keys.hands_off)
        menu.addAction("Edit in &Inspector", window.edit_selection)
        coaching = getattr(window, "coaching", None)
        if coaching is not None:
            menu.addAction(coaching.log_contact)
        if not getattr(window.document.people.get(key), "is_customer", True):  # "you": a colleague
            menu.addAction(edit.mark_you)
        menu.addAction(edit.what_if)
        menu.addSeparator()
        menu.addActions([edit.cut, edit.copy, edit.duplicate, edit.delete])
    elif kind == "handoff":
        handoff = window.document.handoffs[key]
        label = "Make One-way" if handoff.two_way else "Make Two-way"
        menu.addAction(f"&{label}", lambda: window.guarded(lambda: window.undo_stack.push(UpdateCommand(
            window.document, "handoff", key, {"two_way": not handoff.two_way}, label))))
        menu.addAction("Edit in &Inspector", window.edit_selection)
        menu.addSeparator()
        menu.addAction(edit.delete)
    elif kind == "lane":
        menu.addActions([edit.rename_lane, edit.lane_up, edit.lane_down])
        menu.addSeparator()
        menu.addAction(edit.delete)
    if kind in ("", "lane"):
        _add_here(window, menu, window.view.mapToScene(pos))
    menu.addSeparator()
    menu.addAction(edit.paste)
    menu.addActions([edit.auto_layout, edit.fit])
    edit.update_enabled()
    return menu


def _add_here(window: MainWindow, menu: QMenu, spot: QPointF) -> None:
    """A right-click on free space or a lane adds there, as a tile dropped at that spot would: a
    colleague in a department's lane, a customer contact in the customers' lane at that stage, a
    department at that height. The new card or lane opens its name for typing."""
    from gui.canvas.interactions import TileDrop
    from gui.window_layout import name_new

    def add(what: str) -> None:
        if TileDrop(window.scene).drop("new", what, spot):
            name_new(window)

    menu.addSeparator()
    colleague = menu.addAction("Add &Colleague Here", lambda: window.guarded(lambda: add("colleague")))
    colleague.setEnabled(TileDrop(window.scene).accepts("new", "colleague", spot))  # as a drop there
    menu.addAction("Add Department &Here", lambda: window.guarded(lambda: add("department")))
    menu.addAction("Add Customer Con&tact Here", lambda: window.guarded(lambda: add("customer")))


def install_context_menu(window: MainWindow) -> None:
    view = window.view
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(
        lambda pos: window.guarded(lambda: build_menu(window, pos).exec(view.viewport().mapToGlobal(pos))))
