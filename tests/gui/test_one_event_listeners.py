"""A removal is one document event carrying what it took along (model/events.py): the canvas, the
inspector and undo's selection follow its parts, as they followed separate events before."""
from __future__ import annotations

from gui import commands
from model.storage.serialize import to_data


def test_undoing_a_delete_selects_the_person_and_the_hand_offs_it_brought_back(window):
    w = window
    w.scene.select_ids(["luc"])
    w.edit.delete.trigger()
    assert not w.scene.handoff_items
    w.edit.undo.trigger()
    selected = set(w.scene.selectedItems())
    assert w.scene.cards["luc"] in selected
    assert {w.scene.handoff_items["h1"], w.scene.handoff_items["h2"]} <= selected


def test_the_inspector_leaves_a_hand_off_that_went_with_its_person(window):
    w = window
    w.inspector.show_selection("handoff", ["h1"])
    assert (w.inspector.entity, w.inspector.ids) == ("handoff", ["h1"])
    w.undo_stack.push(commands.RemoveCommand(w.document, "person", "ana"))
    assert "h1" not in w.document.handoffs
    assert (w.inspector.entity, w.inspector.ids) == ("", [])


def test_removing_a_lane_redraws_its_peoples_cards_and_undo_brings_the_lane_back(window):
    w = window
    before = to_data(w.document)
    faces = {pid: w.scene.cards[pid].face for pid in ("luc", "zed") if pid in w.scene.cards}
    assert faces, "a card of the Legal lane is on the canvas"
    w.undo_stack.push(commands.RemoveCommand(w.document, "department", "legal"))
    for pid, face in faces.items():
        assert w.document.people[pid].department_id is None
        assert w.scene.cards[pid].face != face  # the card no longer shows the Legal lane's colour
    w.undo_stack.undo()
    assert to_data(w.document) == before
    for pid, face in faces.items():
        assert w.scene.cards[pid].face == face
