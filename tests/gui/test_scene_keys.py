"""Keyboard focus on the canvas keeps up with the map: the arrow keys and Tab measure where
the cards are once per layout (not per key press, which cost tens of milliseconds at 10,000
people), and a move, an undo or a new card is seen by the very next key."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui.commands import AddCommand, MoveCommand
from model.entities import Person


def test_arrow_keys_go_to_the_card_where_it_is_now(window, qtbot):
    w = window
    w.view.setFocus()
    w.scene.select_ids(["ana"])
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert w.scene.selected_person_ids() == ["luc"]  # the next card to the right
    doc = w.document
    w.undo_stack.push(MoveCommand(doc, {"luc": (1175.0, 14.0)}, {"luc": doc.people["luc"].pos}))
    w.scene.select_ids(["ana"])
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert w.scene.selected_person_ids() == ["eli"]  # Luc moved far away: Eli is now the nearest
    w.undo_stack.undo()
    w.scene.select_ids(["ana"])
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert w.scene.selected_person_ids() == ["luc"]


def test_tab_follows_the_reading_order_after_a_move_and_a_new_card(window, qtbot):
    w = window
    w.view.setFocus()
    w.scene.select_ids(["ana"])
    order = []
    for _ in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Tab)
        order += w.scene.selected_person_ids()
    assert order == ["luc", "eli", "cara"]
    doc = w.document
    w.undo_stack.push(MoveCommand(doc, {"eli": (175.0, 14.0)}, {"eli": doc.people["eli"].pos}))  # 1st column
    w.undo_stack.push(AddCommand(doc, "person", Person("Nia Neu", "Buyer", "sales", stage="contract",
                                                       pos=(375.0, 14.0), id="nia")))
    w.scene.select_ids(["ana"])
    order = []
    for _ in range(4):
        qtbot.keyClick(w.view, Qt.Key.Key_Tab)
        order += w.scene.selected_person_ids()
    assert order == ["eli", "nia", "luc", "cara"]


def test_home_and_end_follow_the_reading_order_after_a_move_and_a_new_card(window, qtbot):
    w = window
    w.view.setFocus()

    def ends() -> list[str]:
        order = []
        for key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            qtbot.keyClick(w.view, key)
            order += w.scene.selected_person_ids()
        return order

    assert ends() == ["ana", "cara"]
    doc = w.document
    w.undo_stack.push(MoveCommand(doc, {"cara": (175.0, 14.0)}, {"cara": doc.people["cara"].pos}))  # 1st col.
    assert ends() == ["ana", "eli"]  # the move is seen: Eli's stage is now the last one with a card
    w.undo_stack.push(AddCommand(doc, "person", Person("Nia Neu", "Buyer", "sales", stage="renew",
                                                       pos=(1975.0, 14.0), id="nia")))
    assert ends() == ["ana", "nia"]
