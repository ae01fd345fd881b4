"""The palette driven the way a person does: tiles, search, double-click."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QUndoStack

from gui.canvas.mime import NEW_COLLEAGUE, NEW_CUSTOMER, NEW_DEPARTMENT, TILE_MIME, parse_payload
from gui.commands import UpdateCommand
from gui.palette import Palette, tile_mime_data
from model.document import Document
from model.entities import Person

sys.path.insert(0, str(Path(__file__).parent))
from panels_fixtures import small_map


def payload_of(mime: QMimeData) -> tuple[str, str]:
    assert mime.hasFormat(TILE_MIME)
    return parse_payload(bytes(mime.data(TILE_MIME)).decode("utf-8"))


@pytest.fixture
def palette(qtbot):
    widget = Palette()
    qtbot.addWidget(widget)
    widget.resize(260, 600)
    widget.set_document(small_map())
    widget.show()
    return widget


def names(palette: Palette) -> list[str]:
    return [palette.model.rows[i].name for i in range(len(palette.model.rows))]


def test_tiles_carry_their_payloads(palette):
    assert payload_of(palette.tiles[NEW_COLLEAGUE].mime_data()) == ("new", "colleague")
    assert payload_of(palette.tiles[NEW_DEPARTMENT].mime_data()) == ("new", "department")
    assert payload_of(palette.tiles[NEW_CUSTOMER].mime_data()) == ("new", "customer")
    assert payload_of(tile_mime_data("person:abc")) == ("person", "abc")
    assert not tile_mime_data("new:colleague").hasText()  # never pastes as text into a field


def test_unplaced_people_come_first_and_drag_as_persons(palette):
    assert names(palette) == [
        "Not in the walk yet (1)",
        "Zed Roster",
        "In the walk (3)",
        "Ana Seller",
        "Cara Client",
        "Luc Lawyer",
    ]
    assert palette.model.rows[0].detail == "Drag them onto the map"
    row = palette.model.row_of("zed")
    index = palette.model.index(row)
    assert index.data(Qt.ItemDataRole.UserRole + 4) is True  # shown bold as unplaced
    assert payload_of(palette.model.mimeData([index])) == ("person", "zed")
    header = palette.model.index(0)
    assert not palette.model.flags(header) & Qt.ItemFlag.ItemIsDragEnabled
    assert palette.model.mimeData([header]) is None


def test_search_filters_by_name_title_and_department(palette, qtbot):
    qtbot.keyClicks(palette.search, "LEGAL")  # department, any case: unplaced Zed first
    assert palette.person_ids() == ["zed", "luc"]
    palette.search.clear()
    qtbot.keyClicks(palette.search, "lawyer")
    assert palette.person_ids() == ["luc"]
    palette.search.clear()
    qtbot.keyClicks(palette.search, "buyer")
    assert palette.person_ids() == ["cara"]
    palette.search.clear()
    qtbot.keyClicks(palette.search, "nobody like this")
    assert palette.person_ids() == []
    assert palette.count.text() == "Nobody matches the search."
    palette.search.clear()
    assert len(palette.person_ids()) == 4


def test_double_click_activates_a_person(palette, qtbot):
    row = palette.model.row_of("luc")
    rect = palette.view.visualRect(palette.model.index(row))
    with qtbot.waitSignal(palette.personActivated, timeout=2000) as blocker:
        # a person's double-click: the first click, then the double-click event
        qtbot.mouseClick(palette.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(palette.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["luc"]


def test_follows_document_changes(palette, qtbot):
    doc = palette.doc
    stack = QUndoStack()
    stack.push(UpdateCommand(doc, "person", "zed", {"placed": True}))
    qtbot.waitUntil(lambda: "Not in the walk yet (1)" not in names(palette), timeout=2000)
    assert names(palette)[-1] == "Zed Roster"
    doc.add("person", Person("Émile Nouveau", placed=False, id="emile"))
    qtbot.waitUntil(lambda: "emile" in palette.person_ids(), timeout=2000)
    assert names(palette)[:2] == ["Not in the walk yet (1)", "Émile Nouveau"]
    palette.set_document(None)
    assert palette.person_ids() == [] and not palette.isEnabled()


def test_two_thousand_people(qtbot):
    doc = Document()
    for i in range(2000):
        doc.add("person", Person(f"Person {i:04d}", "Role", placed=i % 3 == 0, id=f"p{i}"))
    widget = Palette()
    qtbot.addWidget(widget)
    widget.set_document(doc)
    assert len(widget.person_ids()) == 2000
    assert widget.model.rows[0].name == "Not in the walk yet (1333)"
    qtbot.keyClicks(widget.search, "1999")
    assert widget.person_ids() == ["p1999"]
