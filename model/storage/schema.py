"""The .cwalk format version and the migrations that bring older files up to it.

Each migration takes the plain data of version N and returns version N+1.
Fixture files of every released version live in tests/fixtures/.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from model.entities import STANDARD_STATEMENTS

FORMAT_VERSION = 3
APP_NAME = "Contract Walk"


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 marked 'you' on the person and had no check-ups or sessions."""
    meta = dict(data.get("meta", {}))
    people = []
    for raw in data.get("people", []):
        person = dict(raw)
        if person.pop("is_you", False):
            meta["you_id"] = person.get("id")
        people.append(person)
    meta.setdefault("stale_days", 90)
    out = dict(data)
    out["meta"] = meta
    out["people"] = people
    out.setdefault(
        "statements", [{"id": sid, "text": text, "standard": True} for sid, text in STANDARD_STATEMENTS]
    )
    out.setdefault("checkups", [])
    out.setdefault("sessions", [])
    return out


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 added a person's keep-in-touch cadence and "left?" mark, and the map's revision,
    save time, ancestors and stored merge conflicts. All have defaults, so nothing is converted;
    the number changes so that an older app refuses these files instead of dropping the fields
    when it saves them."""
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data


# Far beyond anything the canvas makes (a card is ~200 units wide), far below what breaks drawing:
# a coordinate or lane height past these is damage (an export would try to draw a page the size
# of a country), so the file is refused on load rather than clamped into something else.
MAX_COORDINATE = 1_000_000.0
MAX_LANE_HEIGHT = 1_000_000.0


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return float(value)
    except OverflowError:  # an integer with hundreds of digits
        return math.inf


def out_of_range(data: dict[str, Any]) -> str | None:
    """The first number in a map's plain data that no map can hold, in words (None: all fine)."""
    for n, person in enumerate(data.get("people") or [], 1):
        pos = person.get("pos") if isinstance(person, dict) else None
        if type(pos) is list and len(pos) == 2:
            x, y = pos
            if type(x) is float and type(y) is float and -MAX_COORDINATE <= x <= MAX_COORDINATE \
                    and -MAX_COORDINATE <= y <= MAX_COORDINATE:
                continue  # as saved: two floats within range (the common case, 2x faster)
        if isinstance(pos, list) and len(pos) == 2:
            values = [_number(v) for v in pos]
            if any(v is not None and not abs(v) <= MAX_COORDINATE for v in values):
                return (f"person {n} has a position out of range ({_short(pos)}; positions lie within "
                        f"±{MAX_COORDINATE:,.0f})")
    for n, dept in enumerate(data.get("departments") or [], 1):
        height = _number(dept.get("lane_height")) if isinstance(dept, dict) else None
        if height is not None and not 0 <= height <= MAX_LANE_HEIGHT:
            return (f"department {n} has a lane height out of range ({_short(dept.get('lane_height'))}; "
                    f"lane heights lie between 0 and {MAX_LANE_HEIGHT:,.0f})")
    meta = data.get("meta")
    stale = _number(meta.get("stale_days")) if isinstance(meta, dict) else None
    if stale is not None and not 0 <= stale <= 1_000_000:
        return f"its stale-contact days are out of range ({_short(meta.get('stale_days'))})"  # type: ignore[union-attr]
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
