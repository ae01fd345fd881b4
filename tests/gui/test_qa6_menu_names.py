"""Names inside menu items: "Smith & Jones" lost its '&' (taken as an Alt+letter), and a
30,000-character name, once in an undo step ("Undo Add ..."), made the Edit menu as wide as
the text. Menu items now show one short line with the '&' as typed."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontMetrics

from gui.commands import AddCommand, UpdateCommand
from gui.files.file_actions import remember_recent
from model.entities import Person

LONG = "Smith & Jones " + "x" * 30_000


def _shown(text: str) -> str:
    """What a menu item shows: '&&' is an ampersand, a lone '&' marks the Alt+letter."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def test_a_long_name_with_an_ampersand_in_undo_and_log_a_contact(window, qtbot):
    w = window
    w.undo_stack.push(AddCommand(w.document, "person", Person(name=LONG, department_id="sales"),
                                 f"Add {LONG}"))
    undo = w.edit.undo
    assert _shown(undo.text()).startswith("Undo Add Smith & Jones xxx")
    assert len(undo.text()) < 80 and undo.text().endswith("…")
    width = QFontMetrics(w.edit_menu.font()).horizontalAdvance(_shown(undo.text()))
    assert width < w.width() / 2  # the Edit menu stays a menu
    w.edit_menu.popup(w.mapToGlobal(w.rect().topLeft()))
    qtbot.waitUntil(w.edit_menu.isVisible)
    assert w.edit_menu.width() < w.width() / 2
    w.edit_menu.hide()

    w.undo_stack.push(UpdateCommand(w.document, "person", "luc", {"name": "Luc & Co"}, "Rename"))
    w.scene.select_ids(["luc"])
    assert _shown(w.coaching.log_contact.text()) == "Log a Contact with Luc & Co…"


def test_a_recent_map_with_an_ampersand_in_its_name(window, tmp_path):
    w = window
    path = tmp_path / "R&D team.cwalk"
    path.write_bytes(b"{}")
    remember_recent(Path(path))
    w.file.recent_menu.aboutToShow.emit()
    first = w.file.recent_menu.actions()[0]
    assert _shown(first.text()).startswith("1  R&D team.cwalk")
