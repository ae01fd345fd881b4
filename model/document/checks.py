"""The rules every item in a map keeps: the document refuses an edit (or a file) that breaks one,
with a message for the user. Cross-references are checked against the document they join."""
from __future__ import annotations

import dataclasses
import datetime
import functools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from model import entities
from model.entities import (
    ActionItem,
    Checkup,
    Department,
    Handoff,
    OutreachEntry,
    Person,
    Session,
    Statement,
    Story,
)
from model.stages import is_stage

if TYPE_CHECKING:
    from model.document.core import Document


class DocumentError(ValueError):
    """An edit or a file the document refuses; the message is for the user."""


def shown(value: Any, limit: int = 60) -> str:
    """A bad value as a message quotes it: whole when short, cut with an ellipsis when a damaged
    file holds thousands of characters (the message must stay one readable line)."""
    try:
        text = repr(value)
    except ValueError:  # an int of more digits than Python will print
        return "a number too long to show"
    return text if len(text) <= limit else f"{text[:limit - 1]}…"


def check_text(name: str, value: Any) -> None:
    if not isinstance(value, str):
        raise DocumentError(f"{name} must be text")


def check_date(name: str, value: Any, allow_empty: bool = False) -> None:
    check_text(name, value)
    if allow_empty and value == "":
        return
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise DocumentError(f"{name} must be a date like 2026-11-23, not {shown(value)}") from None


def check_score(name: str, value: Any) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not entities.SCALE_MIN <= value <= entities.SCALE_MAX
    ):
        raise DocumentError(
            f"{name} must be a whole number from {entities.SCALE_MIN} to {entities.SCALE_MAX}"
        )


def check_position(pos: Any) -> None:
    if not isinstance(pos, tuple) or len(pos) != 2:
        raise DocumentError("a position is two finite numbers")
    x, y = pos  # unrolled: this runs for every person loaded
    try:
        if not (type(x) in _NUMBERS and type(y) in _NUMBERS and math.isfinite(x) and math.isfinite(y)):
            raise DocumentError("a position is two finite numbers")
    except OverflowError:  # an integer with hundreds of digits (a damaged file)
        raise DocumentError("a position is two finite numbers") from None


_NUMBERS = (int, float)  # exactly: true/false are not positions
_PROMPT_KEYS = tuple(key for key, _ in Story.PROMPTS)


@functools.cache
def _text_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.type == "str")


def validate(doc: Document, entity: str, item: Any) -> None:
    """Refuse `item` unless it is sound and everything it refers to is in `doc`."""
    kind: type = type(item)  # type(Any) is type[Any], which mypy does not see as hashable
    values = vars(item)
    for name in _text_fields(kind):  # inlined check_text: this runs for every field of every item loaded
        if not isinstance(values[name], str):
            raise DocumentError(f"{name} must be text")
    if not item.id:
        raise DocumentError(f"a {entity} needs an id")
    check = _CHECKS.get(entity)
    if check is not None:
        check(doc, item)


def check_person(doc: Document, p: Person) -> None:
    if p.kind not in entities.KINDS:
        raise DocumentError(f"kind must be one of {', '.join(entities.KINDS)}, not {shown(p.kind)}")
    if p.sourcing not in entities.SOURCINGS:
        raise DocumentError(f"sourcing must be insourced or outsourced, not {shown(p.sourcing)}")
    if p.stage is not None and not is_stage(p.stage):
        raise DocumentError(f"unknown stage {shown(p.stage)}")
    if p.department_id is not None and p.department_id not in doc.departments:
        raise DocumentError("that department is not in the map")
    if p.reports_to is not None and p.reports_to not in doc.people:
        raise DocumentError("reports_to names nobody in the map")
    check_position(p.pos)
    if not isinstance(p.placed, bool) or not isinstance(p.left, bool):
        raise DocumentError("placed and left are true or false")
    c = p.cadence_days
    if c is not None and (isinstance(c, bool) or not isinstance(c, int) or not 0 <= c <= 3660):
        raise DocumentError("a keep-in-touch cadence is a whole number of days, 0 to 3660")
    story = p.story
    if not isinstance(story, Story) or not isinstance(story.sweet_spot, bool):
        raise DocumentError("a story is four texts and a sweet-spot flag")
    told = vars(story)
    for key in _PROMPT_KEYS:
        if not isinstance(told[key], str):
            raise DocumentError(f"{key} must be text")
    if not isinstance(p.outreach, list):
        raise DocumentError("an outreach log is a list")
    for entry in p.outreach:
        check_outreach(entry)
    if not isinstance(p.extra, dict) or (p.extra and not all(
        isinstance(k, str) and isinstance(v, str) for k, v in p.extra.items()
    )):
        raise DocumentError("extra fields are text")


def check_outreach(entry: OutreachEntry) -> None:
    if not isinstance(entry, OutreachEntry):
        raise DocumentError("an outreach log holds outreach entries")
    try:  # the common case in one step (a map's log can hold thousands of entries)
        if type(entry.id) is type(entry.channel) is type(entry.note) is str:
            datetime.date.fromisoformat(entry.date)
            return
    except (TypeError, ValueError):
        pass  # say which value is wrong:
    check_text("an outreach entry's id", entry.id)
    check_date("an outreach date", entry.date)
    check_text("channel", entry.channel)
    check_text("note", entry.note)


def check_department(_doc: Document, d: Department) -> None:
    if not isinstance(d.kpis, list) or not all(isinstance(k, str) for k in d.kpis):
        raise DocumentError("KPIs are a list of texts")
    if (
        isinstance(d.lane_height, bool)
        or not isinstance(d.lane_height, (int, float))
        or not math.isfinite(d.lane_height)
        or d.lane_height < 0
    ):
        raise DocumentError("a lane height is a positive number")


def check_handoff(doc: Document, h: Handoff) -> None:
    if h.source not in doc.people or h.target not in doc.people:
        raise DocumentError("a hand-off joins two people in the map")
    if h.source == h.target:
        raise DocumentError("a hand-off goes from one person to another")
    if h.stage is not None and not is_stage(h.stage):
        raise DocumentError(f"unknown stage {shown(h.stage)}")
    if not isinstance(h.two_way, bool):
        raise DocumentError("two_way must be true or false")


def check_statement(_doc: Document, s: Statement) -> None:
    if not isinstance(s.standard, bool):
        raise DocumentError("standard must be true or false")


def check_checkup(doc: Document, c: Checkup) -> None:
    check_date("a check-up date", c.date)
    if not isinstance(c.answers, dict) or not isinstance(c.areas, dict):
        raise DocumentError("a check-up's answers and areas are records")
    for sid, score in c.answers.items():
        if sid not in doc.statements:
            raise DocumentError("a check-up answers a statement that is not in the map")
        check_score("an answer", score)
    areas = dict(entities.THREE_AREAS)
    for key, score in c.areas.items():
        if key not in areas:
            raise DocumentError(f"unknown area {shown(key)}")
        check_score("an area score", score)


def check_session(_doc: Document, s: Session) -> None:
    check_date("a session date", s.date)
    if not isinstance(s.action_items, list):
        raise DocumentError("action items are a list")
    for item in s.action_items:
        check_action(item)


def check_action(a: ActionItem) -> None:
    if not isinstance(a, ActionItem):
        raise DocumentError("a session's action items are action items")
    check_text("an action item's id", a.id)
    check_text("an action item", a.text)
    check_text("an owner", a.owner)
    check_date("a due date", a.due, allow_empty=True)
    if not isinstance(a.done, bool):
        raise DocumentError("done must be true or false")


def check_meta(doc: Document, changes: dict[str, Any]) -> None:
    """Refuse new map details (MapInfo fields) that are unknown or of the wrong kind."""
    names = {f.name for f in dataclasses.fields(entities.MapInfo)}
    unknown = set(changes) - names
    if unknown:
        raise DocumentError(f"a map has no field {sorted(unknown)[0]}")
    for key, value in changes.items():
        if key == "you_id":
            if value is not None and value not in doc.people:
                raise DocumentError("'you' must be a person in the map")
        elif key == "stale_days":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise DocumentError("stale days is a whole number of at least 1")
        elif key in ("ancestors", "conflicts"):  # kept by saving and merging (model/merging/)
            if not isinstance(value, list):
                raise DocumentError(f"{key} is a list")
        else:
            check_text(key, value)


_CHECKS: dict[str, Callable[[Document, Any], None]] = {
    "person": check_person,
    "department": check_department,
    "handoff": check_handoff,
    "statement": check_statement,
    "checkup": check_checkup,
    "session": check_session,
}
