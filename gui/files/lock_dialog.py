"""Asking the user about a map someone else holds: open it read-only, or take the lock over.

A lock from this computer whose process lives is simply in use (read-only or cancel). A lock
from another computer (a shared or synced folder), or one that cannot be read, cannot be checked
from here: the user may know that computer crashed, so taking over is offered, in so many words.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

SB = QMessageBox.StandardButton


def choose(parent: QWidget | None, title: str, text: str, options: list[str]) -> int | None:
    """A question with these buttons (the first is the default) and Cancel: the index chosen, or None."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, SB.Cancel, parent)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None  # type: ignore[arg-type]


def lock_for_writing(window: Any, path: Path) -> bool | None:
    """Take the lock of `path` for `window`, asking the user when someone else holds it.

    Returns whether the map must open read-only, or None when the user cancelled."""
    result = window.guard.lock(path)
    if result.acquired:
        return False
    if not result.elsewhere:
        answer = QMessageBox.question(
            window, "Map in use",
            f"{path.name} is open in {result.holder}.\n\nOpen it read-only here? You can look around and "
            "use Save As to keep changes under another name.",
            SB.Open | SB.Cancel, SB.Open)
        return True if answer == SB.Open else None
    pick = choose(
        window, "Map locked from another computer",
        f"{path.name} is locked by {result.holder}.\n\nIf the map is open there, saving it from two "
        "computers would overwrite one person's work with the other's. Open it read-only here (Save As "
        "still works), or take over the lock only if you are sure it is no longer open there (that "
        "computer crashed or was switched off).",
        ["Open Read-Only", "Take Over the Lock"])
    if pick is None:
        return None
    if pick == 1:
        return not window.guard.lock(path, take_over=True).acquired
    return True
