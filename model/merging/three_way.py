"""A three-way merge of maps by id: the version both copies started from (the base) and two edited
copies ("ours", "theirs") become one map.

It works on the plain data of model/storage/serialize.py (records with stable ids), field by field:
a field changed on one side takes that side; changed on both to the same value is clean; changed
on both differently is a Conflict, and the result keeps ours. An item deleted on one side and
edited on the other is a conflict too. KPIs merge as sets, outreach entries and action items as
sets of records by id (order carries no meaning there). A reference the merge would leave
dangling (a hand-off to a person the other side deleted) is a conflict; by default ours' intent
wins (the person comes back if ours still has them, else the reference goes).

`choices` settles conflicts by key ("ours" or "theirs"); the review dialog merges again with them.
The result is always a valid map: merged data passes serialize.from_data.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from model.document import Document
from model.storage.serialize import from_data, to_data

log = logging.getLogger(__name__)

Side = Literal["ours", "theirs"]
Path = tuple[str, ...]


class _Missing:
    """An absent value (an item or key that is not there), distinct from None."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
COLLECTION_ATTRS = ("departments", "people", "handoffs", "statements", "checkups", "sessions")
SET_FIELDS = frozenset({"kpis"})  # lists of texts whose order means nothing
ITEM_FIELDS = frozenset({"outreach", "action_items"})  # lists of records with ids
ORDERED = frozenset({"departments"})  # the lane order is the user's: reordering both ways conflicts
# kept by saving and merging, never merged field by field
REVISION_FIELDS = ("revision", "saved_at", "ancestors", "conflicts")
MAX_ANCESTORS = 50


class MergeError(ValueError):
    """Maps that cannot be merged (the message is for the user)."""


@dataclass(frozen=True)
class Conflict:
    """One place where the two copies disagree. `kind`: "edit" (both changed a field differently),
    "delete" (deleted on one side, edited on the other), "reference" (a reference to something
    the other side removed), "order" (lanes reordered differently on both sides)."""

    path: Path
    kind: str
    base: Any
    ours: Any
    theirs: Any
    chosen: Side | None = None

    @property
    def key(self) -> str:
        return json.dumps(list(self.path), ensure_ascii=False)

    def to_record(self) -> dict[str, str]:
        """How a conflict is kept in a map for review: exact values as JSON text (absent: no key)."""
        out = {"key": self.key, "kind": self.kind}
        for side in ("base", "ours", "theirs"):
            value = getattr(self, side)
            if value is not MISSING:
                out[side] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        return out

    @classmethod
    def from_record(cls, record: Mapping[str, str]) -> Conflict:
        path = tuple(str(p) for p in json.loads(record.get("key", "[]")))
        values = [json.loads(record[s]) if s in record else MISSING for s in ("base", "ours", "theirs")]
        return cls(path, record.get("kind", "edit"), *values)


@dataclass
class MergeResult:
    data: dict[str, Any]
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def unresolved(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.chosen is None]

    def document(self) -> Document:
        return from_data(self.data)


def _ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in records]


def _woven(primary: list[str], secondary: list[str]) -> list[str]:
    """`primary`, with the ids only `secondary` has put after the one they follow there."""
    known = set(primary)
    after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for item in secondary:
        if item in known:
            anchor = item
        else:
            after.setdefault(anchor, []).append(item)
    seq = list(after.get(None, []))
    for item in primary:
        seq.append(item)
        seq.extend(after.get(item, []))
    return seq


def set_merge(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Entries added on either side are in; entries removed on either side are out."""
    known = set(base)
    removed = (known - set(ours)) | (known - set(theirs))
    out = [x for x in dict.fromkeys(ours) if x not in removed]
    seen = set(out)
    out += [x for x in dict.fromkeys(theirs) if x not in known and x not in seen]
    return out


class _Merger:
    """One pass of the merge; `revive` names items that must stay (a reference settled that way)."""

    def __init__(self, choices: Mapping[str, str], revive: dict[Path, Side]) -> None:
        self.choices = choices
        self.revive = revive
        self.conflicts: list[Conflict] = []
        self.wanted: dict[Path, Side] = {}  # new items to revive found in this pass

    def side_for(self, path: Path) -> Side | None:
        chosen = self.choices.get(json.dumps(list(path), ensure_ascii=False))
        return chosen if chosen in ("ours", "theirs") else None  # type: ignore[return-value]

    def conflict(self, path: Path, kind: str, b: Any, o: Any, t: Any) -> Side:
        side = self.side_for(path)
        self.conflicts.append(Conflict(path, kind, b, o, t, side))
        return side or "ours"

    # ----- values ----------------------------------------------------------
    def value(self, path: Path, b: Any, o: Any, t: Any) -> Any:
        if o == t:
            return o
        if o == b:
            return t
        if t == b:
            return o
        name = path[-1]
        if isinstance(o, dict) and isinstance(t, dict):
            return self.record(path, b if isinstance(b, dict) else {}, o, t)
        if isinstance(o, list) and isinstance(t, list):
            base = b if isinstance(b, list) else []
            if name in SET_FIELDS:
                return set_merge(base, o, t)
            if name in ITEM_FIELDS:
                return self.items(path, base, o, t)
        return t if self.conflict(path, "edit", b, o, t) == "theirs" else o

    def record(self, path: Path, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in dict.fromkeys([*o, *t]):
            merged = self.value((*path, key), b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING))
            if merged is not MISSING:
                out[key] = merged
        return out

    # ----- items with ids ----------------------------------------------------
    def items(self, path: Path, b: list[dict[str, Any]], o: list[dict[str, Any]],
              t: list[dict[str, Any]]) -> list[dict[str, Any]]:
        bm, om, tm = ({r["id"]: r for r in side} for side in (b, o, t))
        out = []
        for item_id in self.order(path, _ids(b), _ids(o), _ids(t)):
            merged = self.item((*path, item_id), bm.get(item_id, MISSING), om.get(item_id, MISSING),
                               tm.get(item_id, MISSING))
            if merged is not MISSING:
                out.append(merged)
        return out

    def order(self, path: Path, b: list[str], o: list[str], t: list[str]) -> list[str]:
        """Ours' order, or theirs' when only theirs reordered; the other side's new items woven in."""
        everywhere = set(b) & set(o) & set(t)
        bb, ob, tb = ([i for i in side if i in everywhere] for side in (b, o, t))
        only_theirs = ob == bb and tb != bb
        both = ob != bb and tb != bb and ob != tb and path[-1] in ORDERED
        if only_theirs or (both and self.conflict((*path, "#order"), "order", bb, ob, tb) == "theirs"):
            return _woven(t, o)
        return _woven(o, t)

    def item(self, path: Path, b: Any, o: Any, t: Any) -> Any:
        merged = self._item(path, b, o, t)
        if merged is MISSING and path in self.revive:
            keep = t if self.revive[path] == "theirs" and t is not MISSING else o
            return keep if keep is not MISSING else (t if t is not MISSING else b)
        return merged

    def _item(self, path: Path, b: Any, o: Any, t: Any) -> Any:
        if o is MISSING and t is MISSING:
            return MISSING
        if b is MISSING:
            if o is MISSING or t is MISSING:
                return t if o is MISSING else o  # added on one side
            return self.record(path, {}, o, t)  # the same id added on both: field by field
        if o is MISSING:  # ours deleted it
            if t == b:
                return MISSING
            return t if self.conflict(path, "delete", b, o, t) == "theirs" else MISSING
        if t is MISSING:  # theirs deleted it
            if o == b:
                return MISSING
            return MISSING if self.conflict(path, "delete", b, o, t) == "theirs" else o
        return self.record(path, b, o, t)

    # ----- references ------------------------------------------------------------
    def references(self, data: dict[str, Any], sides: dict[Side, dict[str, Any]],
                   base: dict[str, Any]) -> None:
        """Settle references to things the merge removed: revive the target (on the side that
        wins and still has it), else drop the reference; each one is a conflict."""
        have = {attr: {r["id"] for r in data[attr]} for attr in COLLECTION_ATTRS}
        held = {s: {attr: {r["id"] for r in d.get(attr, [])} for attr in COLLECTION_ATTRS}
                for s, d in sides.items()}

        def settle(path: Path, target: tuple[str, str], b: Any, o: Any, t: Any) -> bool:
            """True when the reference stays (its target is revived)."""
            side = self.conflict(path, "reference", b, o, t)
            attr, target_id = target
            if target_id in held[side][attr]:
                self.wanted[(attr, target_id)] = side
                return True
            return False

        def ref_values(attr: str, rid: str, key: str) -> tuple[Any, Any, Any]:
            def get(d: dict[str, Any]) -> Any:
                rec = next((r for r in d.get(attr, []) if r["id"] == rid), None)
                return MISSING if rec is None else rec.get(key, MISSING)
            return get(base), get(sides["ours"]), get(sides["theirs"])

        self._with_their_people(data, sides, base, held)
        for person in data["people"]:
            for key, attr in (("department_id", "departments"), ("reports_to", "people")):
                ref = person.get(key)
                if ref is not None and ref not in have[attr]:
                    path = ("people", person["id"], key, "#ref", ref)
                    if not settle(path, (attr, ref), *ref_values("people", person["id"], key)):
                        person[key] = None
        kept = []
        for h in data["handoffs"]:
            gone = [p for p in (h["source"], h["target"]) if p not in have["people"]]
            if gone:
                b, o, t = (next((r for r in d.get("handoffs", []) if r["id"] == h["id"]), MISSING)
                           for d in (base, sides["ours"], sides["theirs"]))
                stays = [settle(("handoffs", h["id"], "#ref", p), ("people", p), b, o, t) for p in gone]
                if not all(stays):
                    continue
            if h["source"] == h["target"]:  # one side changed the source, the other the target
                mine = next((r for r in sides["ours"].get("handoffs", []) if r["id"] == h["id"]), None)
                self.conflict(("handoffs", h["id"], "#ends"), "edit", MISSING, mine or MISSING, h)
                if mine is None or mine["source"] == mine["target"]:
                    continue
                h = mine
            kept.append(h)
        data["handoffs"] = kept
        for c in data["checkups"]:
            for sid in [s for s in c.get("answers", {}) if s not in have["statements"]]:
                where: Path = ("checkups", c["id"], "answers", sid, "#ref", sid)
                b, o, t = (self._answer(d, c["id"], sid) for d in (base, sides["ours"], sides["theirs"]))
                if not settle(where, ("statements", sid), b, o, t):
                    del c["answers"][sid]
        you = data["meta"].get("you_id")
        if you is not None and you not in have["people"]:
            b, o, t = (d.get("meta", {}).get("you_id", MISSING)
                       for d in (base, sides["ours"], sides["theirs"]))
            if not settle(("meta", "you_id", "#ref", you), ("people", you), b, o, t):
                data["meta"]["you_id"] = None

    @staticmethod
    def _with_their_people(data: dict[str, Any], sides: dict[Side, dict[str, Any]], base: dict[str, Any],
                           held: dict[Side, dict[str, set[str]]]) -> None:
        """Hand-offs a side removed only because it deleted one of their people come back when
        the merge keeps those people (a deletion that lost its conflict takes nothing along)."""
        people = {r["id"] for r in data["people"]}
        present = {r["id"] for r in data["handoffs"]}
        for h in base.get("handoffs", []):
            if h["id"] in present or h["source"] not in people or h["target"] not in people:
                continue
            pairs: tuple[tuple[Side, Side], ...] = (("ours", "theirs"), ("theirs", "ours"))
            for side, other in pairs:
                kept = next((r for r in sides[other].get("handoffs", []) if r["id"] == h["id"]), None)
                gone_with = {h["source"], h["target"]} - held[side]["people"]
                if kept is not None and h["id"] not in held[side]["handoffs"] and gone_with:
                    data["handoffs"].append(kept)
                    break

    @staticmethod
    def _answer(d: dict[str, Any], cid: str, sid: str) -> Any:
        rec = next((r for r in d.get("checkups", []) if r["id"] == cid), None)
        return MISSING if rec is None else rec.get("answers", {}).get(sid, MISSING)


def _pass(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], choices: Mapping[str, str],
          revive: dict[Path, Side]) -> tuple[_Merger, dict[str, Any]]:
    m = _Merger(choices, revive)
    meta_b, meta_o, meta_t = (
        {k: v for k, v in d.get("meta", {}).items() if k not in REVISION_FIELDS} for d in (base, ours, theirs)
    )
    data: dict[str, Any] = {"meta": m.record(("meta",), meta_b, meta_o, meta_t)}
    for attr in COLLECTION_ATTRS:
        data[attr] = m.items((attr,), base.get(attr, []), ours.get(attr, []), theirs.get(attr, []))
    m.references(data, {"ours": ours, "theirs": theirs}, base)
    for name in sorted((ours.keys() | theirs.keys()) - data.keys()):  # a newer app's tables: kept whole
        data[name] = ours.get(name, theirs.get(name))
    return m, data


def merge_data(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any],
               choices: Mapping[str, str] | None = None) -> MergeResult:
    """Merge the plain data of three maps (serialize.to_data); the inputs are not changed."""
    choices = dict(choices or {})
    revive: dict[Path, Side] = {}
    settled: dict[str, Conflict] = {}  # reference conflicts settled by reviving (gone in later rounds)
    for _round in range(100):  # each round can only add items to revive, so this ends
        m, data = _pass(base, ours, theirs, choices, revive)
        settled.update({c.key: c for c in m.conflicts if c.kind == "reference"})
        new = {k: v for k, v in m.wanted.items() if k not in revive}
        if not new:
            break
        revive.update(new)
    final = {c.key for c in m.conflicts}
    m.conflicts.extend(c for key, c in settled.items() if key not in final)
    _carry_revisions(data, ours, theirs, m.conflicts)
    try:
        from_data(data)
    except Exception as exc:
        log.exception("merged data does not load")
        raise MergeError(f"the merged map would not be valid ({exc})") from None
    return MergeResult(data, m.conflicts)


def _carry_revisions(data: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any],
                     conflicts: list[Conflict]) -> None:
    """The merge descends from both copies; its open conflicts (and ours' older ones) are kept."""
    mo, mt = ours.get("meta", {}), theirs.get("meta", {})
    chain = [*mt.get("ancestors", []), mt.get("revision", ""), *mo.get("ancestors", [])]
    ancestors = [r for r in dict.fromkeys(chain) if r and r != mo.get("revision")]
    meta = data["meta"]
    meta["revision"] = mo.get("revision", "")
    meta["saved_at"] = mo.get("saved_at", "")
    meta["ancestors"] = ancestors[-MAX_ANCESTORS:]
    new = [c.to_record() for c in conflicts if c.chosen is None]
    keys = {c["key"] for c in new}
    chosen = {c.key for c in conflicts if c.chosen is not None}
    older = [c for c in mo.get("conflicts", []) if c.get("key") not in keys | chosen]
    meta["conflicts"] = older + new


def merge_documents(base: Document, ours: Document, theirs: Document,
                    choices: Mapping[str, str] | None = None) -> MergeResult:
    return merge_data(to_data(base), to_data(ours), to_data(theirs), choices)
