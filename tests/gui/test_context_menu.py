"""Right-click on the canvas: the menu offers what fits the thing under the mouse, and works."""
from __future__ import annotations

from PySide6.QtCore import QPoint

from gui.canvas.context_menu import build_menu


def texts(menu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if a.text()]


def at(w, rect) -> QPoint:
    return w.view.mapFromScene(rect.center())


def test_right_click_on_a_card_selects_it_and_offers_person_actions(window):
    w = window
    card = w.scene.cards["luc"]
    menu = build_menu(w, at(w, card.sceneBoundingRect()))
    assert w.scene.selected_person_ids() == ["luc"]
    wanted = {"Edit in Inspector", "Log a Contact with Luc Lawyer…", "Mark as You", "Duplicate", "Delete"}
    assert wanted <= set(texts(menu))
    next(a for a in menu.actions() if a.text().replace("&", "") == "Mark as You").trigger()
    assert w.document.meta.you_id == "luc"
    w.undo_stack.undo()
    assert w.document.meta.you_id is None


def test_right_click_on_a_hand_off_can_make_it_two_way(window):
    w = window
    item = w.scene.handoff_items["h1"]
    point = item.path().pointAtPercent(0.5) if hasattr(item, "path") else item.sceneBoundingRect().center()
    menu = build_menu(w, w.view.mapFromScene(item.mapToScene(point)))
    assert "Make Two-way" in texts(menu)
    next(a for a in menu.actions() if a.text().replace("&", "") == "Make Two-way").trigger()
    assert w.document.handoffs["h1"].two_way
    w.undo_stack.undo()
    assert not w.document.handoffs["h1"].two_way


def test_right_click_on_a_lane_header_offers_lane_actions(window):
    w = window
    header = w.scene.lane_headers["legal"]
    menu = build_menu(w, at(w, header.sceneBoundingRect()))
    assert w.scene.selected_department_ids() == ["legal"]
    assert {"Rename Lane…", "Move Lane Up", "Move Lane Down"} <= set(texts(menu))
