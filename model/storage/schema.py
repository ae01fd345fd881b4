"""The .cwalk format version and the migrations that bring older files up to it.

Each migration takes the plain data of version N and returns version N+1.
Fixture files of every released version live in tests/fixtures/.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from model.entities import STANDARD_STATEMENTS

FORMAT_VERSION = 2
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


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data
