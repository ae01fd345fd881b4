"""Renaming a person in place, on their card (double-click, F2, the context menu): the
editor sits over the card's name, so what is typed is always in sight. Enter (or leaving
the editor) renames in one undo step; Escape leaves the name as it was."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QLineEdit

from gui.commands import UpdateCommand
from model import layout

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def rename_person_inline(window: MainWindow, pid: str) -> QLineEdit | None:
    """Open the in-place name editor on `pid`'s card (selecting it and bringing it into sight)."""
    card = window.scene.whole.card(pid)
    person = window.document.people.get(pid)
    if card is None or person is None:
        return None
    if window.scene.selected_person_ids() != [pid]:
        window.scene.select_ids([pid], centre=False)
    rect = card.scene_card_rect()
    window.view.centre_on(rect)
    name_box = QRectF(rect.left() + 8, rect.top() + 4, rect.width() - 12, 24)

    def commit(text: str) -> None:
        name = " ".join(text.split())
        if not name:
            window.show_status("A person needs a name; it was not renamed")
            return
        doc = window.document
        if pid in doc.people and name != doc.people[pid].name:
            window.scene.push(UpdateCommand(doc, "person", pid, {"name": name}, "Rename person"))

    editor = window.view.edit_inline(name_box, person.name, commit)
    editor.setAccessibleName(f"New name for {person.name}")
    editor.setToolTip("Enter renames, Escape leaves the name as it was")
    return editor


def name_new_card(window: MainWindow) -> None:
    """A colleague or customer just added from the palette: its name opens for typing, as a new
    lane's does, when the card is well in sight (a card dropped at the edge is not scrolled to:
    the map would jump under the pointer). A card wholly out of sight (a customer contact goes
    to the customers lane wherever it is dropped) is brought into sight and named: nothing
    appeared where it was dropped, and nothing showed where it went. Escape keeps the name
    it was given."""
    ids = window.scene.selected_person_ids()
    card = window.scene.cards.get(ids[0]) if len(ids) == 1 else None
    if card is None:
        return
    view = window.view
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    inner = seen.adjusted(layout.LABEL_W, layout.HEADER_H, 0, 0)
    rect = card.scene_card_rect()
    if inner.contains(rect) or not inner.intersects(rect):
        rename_person_inline(window, ids[0])  # (centres a card out of sight first)
