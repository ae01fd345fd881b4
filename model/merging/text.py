"""Maps, differences and merge conflicts in words: for the review dialog, `main.py diff`, the
conflict lines `main.py merge` prints, and `main.py show` (git's textconv for readable diffs).

Works on the plain data of model/storage/serialize.py, so it serves any two versions of a map.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from model.entities import THREE_AREAS, Story
from model.merging.three_way import COLLECTION_ATTRS, MISSING, REVISION_FIELDS, Conflict, Path
from model.stages import stage_label

KINDS = {"departments": "department", "people": "person", "handoffs": "hand-off",
         "statements": "check-up statement", "checkups": "check-up", "sessions": "session"}
FIELD_LABELS = {
    "name": "name", "title": "title", "department_id": "department", "kind": "kind",
    "sourcing": "sourcing", "vendor": "vendor", "email": "email", "phone": "phone",
    "location": "location", "what_they_do": "what they do", "why_this_order": "why in this order",
    "strengths": "strengths", "stage": "stage", "placed": "in the walk", "pos": "position on the map",
    "external_id": "roster ID", "reports_to": "reports to", "color": "colour",
    "serving_definition": "what serving the customer means", "kpis": "KPIs",
    "lane_height": "lane height", "source": "from", "target": "to", "what": "what is handed over",
    "why_order": "why in this order", "two_way": "two-way", "text": "text", "standard": "standard",
    "date": "date", "note": "note", "notes": "notes", "answers": "answers", "areas": "three areas",
    "action_items": "action items", "owner": "owner", "due": "due", "done": "done",
    "outreach": "contact log", "channel": "how", "story": "story", "sweet_spot": "sweet spot",
    "organisation": "organisation", "prepared_for": "prepared for", "prepared_by": "prepared by",
    "description": "description", "you_id": "you", "stale_days": "stale after (days)",
    "template": "template", "extra": "extra field", "#order": "lane order", "#ref": "reference",
    **{key: label[0].lower() + label[1:] for key, label in Story.PROMPTS},
    **{key: label.lower() for key, label in THREE_AREAS},
}
NESTED_RECORDS = ("story", "extra", "answers", "areas", "meta")
MAX_SHOWN = 120
WHOLE = 10**9  # map_lines shows every character, so a change anywhere in a long text shows in a diff


class Names:
    """Names of people, departments and statements, looked up in every version at hand."""

    def __init__(self, *versions: dict[str, Any]) -> None:
        self.by_id: dict[str, str] = {}
        self.records: dict[tuple[str, str], dict[str, Any]] = {}
        for data in reversed(versions):  # the first version given wins
            for attr in COLLECTION_ATTRS:
                for rec in data.get(attr, []):
                    self.records[(attr, rec["id"])] = rec
                    if attr in ("people", "departments"):
                        self.by_id[rec["id"]] = _short(rec.get("name", "")) or "(no name)"
                    elif attr == "statements":
                        self.by_id[rec["id"]] = _short(rec.get("text", ""), 50)

    def name(self, item_id: Any) -> str:
        return self.by_id.get(str(item_id), "(someone not in the map)")

    def item(self, attr: str, item_id: str) -> str:
        rec = self.records.get((attr, item_id), {})
        if attr in ("people", "departments"):
            return self.name(item_id)
        if attr == "handoffs":
            return f"hand-off {self.name(rec.get('source'))} → {self.name(rec.get('target'))}"
        if attr == "statements":
            return f"statement “{self.name(item_id)}”"
        if attr == "checkups":
            return f"check-up of {rec.get('date', '?')}"
        if attr == "sessions":
            title = f" “{_short(rec['title'])}”" if rec.get("title") else ""
            return f"session of {rec.get('date', '?')}{title}"
        return f"{KINDS.get(attr, attr)} {item_id[:8]}"


def _short(text: Any, limit: int = MAX_SHOWN) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def show_value(value: Any, field: str = "", names: Names | None = None, limit: int = MAX_SHOWN) -> str:
    """A value as a person reads it."""
    if value is MISSING:
        return "(not there)"
    if value is None or value == "":
        return "(none)"
    if field in ("department_id", "reports_to", "you_id", "source", "target") and names is not None:
        return names.name(value)
    if field == "stage":
        return stage_label(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field == "pos" and isinstance(value, list):
        return f"{value[0]:g}, {value[1]:g}"
    if isinstance(value, dict):
        if "name" in value or "text" in value or "date" in value:
            return _short(value.get("name") or value.get("text") or value.get("date"))
        return _short("; ".join(f"{FIELD_LABELS.get(k, k)}: {show_value(v)}" for k, v in value.items()))
    if isinstance(value, list):
        return _short(", ".join(show_value(v) for v in value)) or "(none)"
    return _short(value, limit)


def path_label(path: Path, names: Names) -> str:
    """('people', id, 'story', 'moment') -> 'Ana Lopez · story · a moment that mattered'."""
    if path[0] == "meta":
        parts = ["map"]
        rest = path[1:]
    else:
        parts = [names.item(path[0], path[1]) if len(path) > 1 else KINDS.get(path[0], path[0])]
        rest = path[2:]
    skip_next = False
    for n, step in enumerate(rest):
        if skip_next:
            skip_next = False
            continue
        if step in ("outreach", "action_items") and n + 1 < len(rest):
            rec = _nested(names, path, step, rest[n + 1])
            parts.append(f"{FIELD_LABELS[step]} entry {rec}")
            skip_next = True
        elif step == "#ref" and n + 1 < len(rest):
            parts.append(f"refers to {names.name(rest[n + 1])}")
            skip_next = True
        elif rest[n - 1:n] == ("answers",) if n else False:
            parts.append(f"“{names.name(step)}”")
        elif rest[n - 1:n] == ("extra",) if n else False:
            parts.append(f"“{_short(step, 40)}”")
        else:
            parts.append(FIELD_LABELS.get(step, step))
    return " · ".join(parts)


def _nested(names: Names, path: Path, attr: str, item_id: str) -> str:
    owner = names.records.get((path[0], path[1]), {})
    for rec in owner.get(attr, []):
        if rec.get("id") == item_id:
            return f"“{_short(rec.get('text') or rec.get('date') or '', 40)}”"
    return item_id[:8]


def conflict_line(c: Conflict, names: Names) -> str:
    """One line per conflict, as `main.py merge` prints them."""
    field = next((p for p in reversed(c.path) if not p.startswith("#") and p not in ("ours", "theirs")), "")
    label = path_label(c.path, names)
    if c.kind == "delete":
        gone = "ours deleted it" if c.ours is MISSING else "theirs deleted it"
        return f"conflict: {label}: {gone}, the other copy changed it (kept: {c.chosen or 'ours'})"
    if c.kind == "reference":
        return (f"conflict: {label}, whom the other copy removed "
                f"(kept: {c.chosen or 'ours'}: {'brought back' if c.ours is not MISSING else 'dropped'})")
    ours, theirs = show_value(c.ours, field, names), show_value(c.theirs, field, names)
    return f"conflict: {label}: ours {ours!s} / theirs {theirs!s} (kept: {c.chosen or 'ours'})"


# ----- differences ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    path: Path
    before: Any
    after: Any


def _walk(path: Path, a: Any, b: Any, out: list[Change]) -> None:
    if a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict) and path[-1] in NESTED_RECORDS:
        for key in dict.fromkeys([*a, *b]):
            _walk((*path, key), a.get(key, MISSING), b.get(key, MISSING), out)
        return
    if isinstance(a, list) and isinstance(b, list) and path[-1] in ("outreach", "action_items"):
        _items(path, a, b, out)
        return
    out.append(Change(path, a, b))


def _items(path: Path, a: list[dict[str, Any]], b: list[dict[str, Any]], out: list[Change]) -> None:
    am, bm = {r["id"]: r for r in a}, {r["id"]: r for r in b}
    for item_id in dict.fromkeys([*am, *bm]):
        old, new = am.get(item_id, MISSING), bm.get(item_id, MISSING)
        if old is MISSING or new is MISSING:
            out.append(Change((*path, item_id), old, new))
        elif old != new:
            for key in dict.fromkeys([*old, *new]):
                _walk((*path, item_id, key), old.get(key, MISSING), new.get(key, MISSING), out)


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every difference from `old` to `new`, field by field (map details, then each collection)."""
    out: list[Change] = []
    meta_a = {k: v for k, v in old.get("meta", {}).items() if k not in REVISION_FIELDS}
    meta_b = {k: v for k, v in new.get("meta", {}).items() if k not in REVISION_FIELDS}
    _walk(("meta",), meta_a, meta_b, out)
    for attr in COLLECTION_ATTRS:
        _items((attr,), old.get(attr, []), new.get(attr, []), out)
    return out


def change_line(ch: Change, names: Names) -> str:
    """A difference in words: added, removed, renamed, moved, whose story changed."""
    path = ch.path
    if len(path) == 2 and path[0] in KINDS:
        kind, what = KINDS[path[0]], names.item(path[0], path[1])
        rec = ch.after if ch.after is not MISSING else ch.before
        where = ""
        if path[0] == "people" and rec.get("department_id"):
            where = f" ({names.name(rec['department_id'])})"
        verb = "added" if ch.before is MISSING else "removed"
        if path[0] in ("people", "departments"):
            return f"{verb} {kind} {what}{where}"
        return f"{verb} {what}"
    field = path[-1]
    owner = path_label(path[:2], names) if path[0] != "meta" else "map"
    if path[0] == "people" and len(path) == 3:
        if field == "name":
            return f"{show_value(ch.before)} renamed to {show_value(ch.after)}"
        if field == "department_id":
            before, after = show_value(ch.before, field, names), show_value(ch.after, field, names)
            return f"{owner} moved from {before} to {after}"
        if field == "pos":
            return f"{owner}'s card moved on the map"
    if path[0] == "people" and len(path) == 4 and path[2] == "story":
        return f"{owner}'s story changed: {FIELD_LABELS.get(field, field)}: {show_value(ch.after)}"
    if len(path) >= 4 and path[2] in ("outreach", "action_items") and len(path) == 4:
        verb = "added" if ch.before is MISSING else "removed"
        rec = ch.after if ch.after is not MISSING else ch.before
        what = _short(rec.get("text") or rec.get("date"), 60)
        return f"{owner}: {verb} {FIELD_LABELS[path[2]]} entry “{what}”"
    label = path_label(path, names)
    return f"{label}: {show_value(ch.before, field, names)} → {show_value(ch.after, field, names)}"


def diff_lines(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    names = Names(new, old)
    return [change_line(ch, names) for ch in changes(old, new)]


# ----- a whole map as text (git's textconv) ----------------------------------------------------
def map_lines(data: dict[str, Any]) -> Iterable[str]:
    """Every item of a map on readable lines, one field a line, so a line diff reads as a change."""
    names = Names(data)
    meta = data.get("meta", {})
    yield f"Map: {meta.get('title', '')}"
    for key, value in meta.items():
        if key not in ("title", *REVISION_FIELDS) and value not in ("", None, []):
            yield f"  {FIELD_LABELS.get(key, key)}: {show_value(value, key, names, WHOLE)}"
    for c in meta.get("conflicts", []):
        yield f"  waiting for review: {conflict_line(Conflict.from_record(c), names)}"
    for attr in COLLECTION_ATTRS:
        for rec in data.get(attr, []):
            yield ""
            label = names.item(attr, rec["id"])
            head = f"{KINDS[attr].capitalize()}: {label}" if attr in ("people", "departments") else label
            yield f"{head[:1].upper()}{head[1:]}  [{rec['id'][:8]}]"
            for key, value in rec.items():
                if key == "id" or value in ("", None, [], {}):
                    continue
                if isinstance(value, dict) and key in ("story", "extra", "answers", "areas"):
                    for sub, v in value.items():
                        if v not in ("", None, False):
                            sub_label = names.name(sub) if key == "answers" else FIELD_LABELS.get(sub, sub)
                            yield f"  {FIELD_LABELS[key]} · {sub_label}: {show_value(v, sub, names, WHOLE)}"
                elif key in ("outreach", "action_items"):
                    for entry in value:
                        parts = [show_value(v, k, names) for k, v in entry.items() if k != "id" and v != ""]
                        yield f"  {FIELD_LABELS[key]}: {' · '.join(parts)}"
                else:
                    yield f"  {FIELD_LABELS.get(key, key)}: {show_value(value, key, names, WHOLE)}"
