"""What the inspector says while several things are selected: how many of each kind, and who.

A selection of several items (people, hand-offs, lanes, or a mix) is not "nothing selected":
the inspector names it ("3 people and 1 hand-off selected") instead of showing the map's own
details as if the click had missed, so a coach in front of a client never edits the wrong thing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from model.layout import LANE_NAMES

if TYPE_CHECKING:
    from gui.canvas.scene import MapScene

KINDS = (("person", "person", "people"), ("handoff", "hand-off", "hand-offs"),
         ("department", "department", "departments"))
NAMES_SHOWN = 8  # longer selections end with "and N more"


def selected_parts(scene: MapScene) -> dict[str, list[str]]:
    """The canvas's selection by kind (the scene tells only one kind, or nothing for a mix)."""
    from gui.canvas.items.card import PersonCard
    from gui.canvas.items.handoff import HandoffItem
    from gui.canvas.items.lane import LaneHeaderItem

    parts: dict[str, list[str]] = {}
    for item in scene.selectedItems():
        if isinstance(item, PersonCard):
            parts.setdefault("person", []).append(item.pid)
        elif isinstance(item, HandoffItem):
            parts.setdefault("handoff", []).append(item.hid)
        elif isinstance(item, LaneHeaderItem):
            parts.setdefault("department", []).append(item.key)
    return parts


def count(parts: dict[str, list[str]]) -> int:
    return sum(len(ids) for ids in parts.values())


def title(parts: dict[str, list[str]]) -> str:
    """'3 people selected', '2 people and 1 hand-off selected'."""
    said = [f"{len(parts[kind])} {one if len(parts[kind]) == 1 else many}"
            for kind, one, many in KINDS if parts.get(kind)]
    if not said:
        return ""
    text = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
    return f"{text} selected"


def names(doc: Any, parts: dict[str, list[str]]) -> str:
    """Who and what is selected, one per line (user text shown as typed, never as markup)."""
    lines: list[str] = []
    total = count(parts)
    wanted = set(parts.get("person", []))
    for person in doc.people.values() if wanted else ():  # in the map's order, not the clicks'
        if person.id in wanted:
            lines.append("• " + (person.name.strip() or "(unnamed)"))
            if len(lines) > NAMES_SHOWN:
                break
    for hid in parts.get("handoff", []):
        handoff = doc.handoffs.get(hid)
        if handoff is not None:
            lines.append("• hand-off: " + (handoff.what.strip() or "(nothing said yet)"))
    for key in parts.get("department", []):
        department = doc.departments.get(key)
        if department is not None:
            lane = department.name.strip() or "(unnamed department)"
        else:
            lane = LANE_NAMES.get(key, "No department")
        lines.append("• lane: " + lane)
    if total > NAMES_SHOWN and len(lines) > NAMES_SHOWN:
        lines = lines[:NAMES_SHOWN] + [f"and {total - NAMES_SHOWN} more"]
    return "\n".join(line[:120] for line in lines)


def hint(_parts: dict[str, list[str]]) -> str:
    return ("Delete removes everything selected (Ctrl+Z brings it back); "
            "click one item to edit it on its own.")
