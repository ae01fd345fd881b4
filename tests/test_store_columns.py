"""The column-by-column fast path of opening a map (model/storage/columns.py, issue 19) accepts only
what the per-item path accepts, builds the same items, and leaves every refusal to that path, so a
damaged file gets the same sentence as before; and the faster JSON parser reads what json reads."""
from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench.mapgen import make_big_map
from model.document import Document, DocumentError
from model.entities import Handoff, Person
from model.storage import columns, parse, serialize, store
from model.storage.serialize import from_data, to_data
from tests.test_document_events import sample
from tests.test_store_load import _cases


def _per_item(monkeypatch: pytest.MonkeyPatch) -> None:
    """Switch the fast path off: every item is built and checked in turn, as before issue 19."""
    monkeypatch.setattr(serialize, "_in_bulk", lambda *_args: None)


def _refusal(data: dict[str, Any]) -> str:
    with pytest.raises(DocumentError) as caught:
        from_data(copy.deepcopy(data))
    return str(caught.value)


def _everything(doc: Document) -> list[tuple[str, dict[str, Any]]]:
    """Every item's own values, with their Python types (a tuple position stays a tuple)."""
    out = []
    for people in (doc.people, doc.handoffs):
        for item in people.values():
            values = {k: (v, type(v)) for k, v in vars(item).items()}
            values["story"] = vars(values["story"][0]) if "story" in values else None
            values["outreach"] = [vars(e) for e in values["outreach"][0]] if "outreach" in values else None
            out.append((type(item).__name__, values))
    return out


def test_a_sound_map_is_built_in_bulk_and_equal_to_the_per_item_build(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = to_data(make_big_map(300, seed=3))
    people = data["people"]
    for n in range(0, len(people) - 1, 3):  # bosses earlier and later in the list, and other values
        people[n]["reports_to"] = people[n + 1 if n % 2 else n - 1]["id"]
        people[n].update(cadence_days=n % 40, left=True, extra={"badge": f"B{n}", "李": "&<"})
    assert any(p["outreach"] for p in people) and any(p["stage"] for p in people)
    bulk = columns.people(data["people"], {d["id"] for d in data["departments"]})
    assert bulk is not None and len(bulk) == len(data["people"])
    assert columns.handoffs(data["handoffs"], {p["id"] for p in data["people"]}) is not None
    fast = from_data(copy.deepcopy(data))
    owned = from_data(copy.deepcopy(data), fresh=True)  # as a file just read: records not copied
    _per_item(monkeypatch)
    slow = from_data(copy.deepcopy(data))
    assert to_data(fast) == to_data(slow) == to_data(owned) == data
    assert _everything(fast) == _everything(slow) == _everything(owned)
    assert list(fast.people) == list(slow.people) and list(fast.handoffs) == list(slow.handoffs)


def test_items_share_nothing_with_data_that_is_not_fresh() -> None:
    data = to_data(sample())
    doc = from_data(data)
    data["people"][0]["name"] = "changed"
    data["people"][1]["story"]["moment"] = "changed"
    data["handoffs"][0]["what"] = "changed"
    assert doc.people["boss"].name == "Boss" and doc.people["ann"].story.moment == ""
    assert doc.handoffs["h1"].what == "the deal"


def test_the_fast_path_checks_every_field_of_a_person_and_a_hand_off() -> None:
    """A field added to Person or Handoff needs its column check (else it would load unchecked)."""
    assert {f.name for f in dataclasses.fields(Person)} == columns.CHECKED_PERSON_FIELDS
    assert {f.name for f in dataclasses.fields(Handoff)} == columns.CHECKED_HANDOFF_FIELDS


def _fast_path_declines(data: dict[str, Any], where: str) -> bool:
    if where == "people":
        return columns.people(data["people"], {d["id"] for d in data["departments"]}) is None
    return columns.handoffs(data["handoffs"], {p["id"] for p in data["people"]}) is None


@pytest.mark.parametrize("where, holder, name, bad",
                         [c for c in _cases() if c[0] in ("people", "handoffs")])
def test_a_wrong_type_is_declined_column_wise_and_refused_with_the_same_words(
        monkeypatch: pytest.MonkeyPatch, where: str, holder: str, name: str, bad: Any) -> None:
    data = to_data(sample())
    record = next(r for r in data[where] if not holder or r[holder])
    if holder:
        record = record[holder][0] if isinstance(record[holder], list) else record[holder]
    record[name] = copy.deepcopy(bad)
    assert _fast_path_declines(data, where)
    fast = _refusal(data)
    _per_item(monkeypatch)
    assert _refusal(data) == fast


def _set(collection: str, index: int, **values: Any) -> Callable[[dict[str, Any]], None]:
    def damage(data: dict[str, Any]) -> None:
        data[collection][index].update(values)
    return damage


def _drop(collection: str, field: str) -> Callable[[dict[str, Any]], None]:
    def damage(data: dict[str, Any]) -> None:
        del data[collection][1][field]
    return damage


DAMAGE: dict[str, Callable[[dict[str, Any]], None]] = {
    "unknown stage": _set("people", 1, stage="tomorrow"),
    "unknown kind": _set("people", 2, kind="supplier"),
    "unknown sourcing": _set("people", 2, sourcing="partly"),
    "missing department": _set("people", 1, department_id="nowhere"),
    "boss not in the map": _set("people", 2, reports_to="nobody"),
    "repeated person id": _set("people", 2, id="ann"),
    "empty person id": _set("people", 2, id=""),
    "cadence too long": _set("people", 2, cadence_days=3661),
    "cadence negative": _set("people", 2, cadence_days=-1),
    "position not finite": _set("people", 1, pos=[float("nan"), 1.0]),
    "position of three": _set("people", 1, pos=[1.0, 2.0, 3.0]),
    "position huge integer": _set("people", 1, pos=[10**400, 1.0]),
    "outreach date not a date": lambda d: d["people"][1]["outreach"][0].update(date="soon"),
    "outreach entry missing its date": lambda d: d["people"][1]["outreach"][0].pop("date"),
    "extra with a number": _set("people", 1, extra={"badge": 7}),
    "person missing its name": _drop("people", "name"),
    "hand-off to nobody": _set("handoffs", 1, target="nobody"),
    "hand-off to oneself": _set("handoffs", 1, target="ann", source="ann"),
    "hand-off id repeated": _set("handoffs", 1, id="h1"),
    "hand-off unknown stage": _set("handoffs", 1, stage="later"),
    "hand-off missing its source": _drop("handoffs", "source"),
}


@pytest.mark.parametrize("what", sorted(DAMAGE))
def test_damage_beyond_types_is_declined_and_refused_with_the_same_words(
        monkeypatch: pytest.MonkeyPatch, what: str) -> None:
    data = to_data(sample())
    DAMAGE[what](data)
    assert _fast_path_declines(data, "handoffs" if what.startswith("hand-off") else "people")
    fast = _refusal(data)
    _per_item(monkeypatch)
    assert _refusal(data) == fast


@pytest.mark.parametrize("damage", [_set("people", 1, shoe_size="42"),
                                    lambda d: d["people"][1]["story"].update(mood="good")])
def test_a_field_this_version_does_not_know_is_declined_column_wise_and_kept_per_item(
        damage: Callable[[dict[str, Any]], None]) -> None:
    """A newer app's field: the fast path leaves it to the per-item path, which keeps it."""
    data = to_data(sample())
    damage(data)
    assert _fast_path_declines(data, "people")
    assert to_data(from_data(copy.deepcopy(data))) == data


def test_a_person_missing_a_field_still_loads_with_its_default() -> None:
    """Old files lack the newer fields: the per-item path fills them in, as before."""
    data = to_data(sample())
    for person in data["people"]:
        del person["cadence_days"], person["left"]
    doc = from_data(data)
    assert [p.cadence_days for p in doc.people.values()] == [None] * 4
    assert not any(p.left for p in doc.people.values())


@pytest.mark.parametrize("raw", [
    b'{"a": "\\ud800x"}', b"[NaN, Infinity]", b"[1e400]", b"[123456789012345678901234567890]",
    b"\xef\xbb\xbf{\"a\": [1.5, -0.0]}", b'"\\ud83d\\ude00 \xe6\x9d\x8e"',
    b'{"x": [0.1, 2.5e-308, 1.7976931348623157e308, -12, true, null]}',
])
def test_the_parser_reads_what_json_reads(raw: bytes) -> None:
    expected = json.loads(raw.decode("utf-8-sig"))
    assert repr(store._parse(raw)) == repr(expected)


@pytest.mark.parametrize("raw", [
    b'{"a": 1, "a": 2}', b'{"a": {"b\\\\": 1, "b\\u005c": 2}}', b'{"a": [{"x": 1, "x" : 2}]}',
    b'{"k\\":": "v\\": ", "k\\":": 2}', b'{"\\u0061": 1, "a":2}',
])
def test_a_doubled_key_is_found_however_it_is_spelled(raw: bytes) -> None:
    with pytest.raises(parse.DuplicateKey):
        store._parse(raw)


@pytest.mark.parametrize("raw", [b"\xff{}", b"{", b"[" * 100_000, b'{"a": 1,}', b"[1] [2]"])
def test_the_parser_refuses_what_json_refuses(raw: bytes) -> None:
    with pytest.raises((ValueError, RecursionError)):
        store._parse(raw)


def test_a_map_with_lone_surrogates_and_a_byte_order_mark_opens(tmp_path: Path) -> None:
    path = tmp_path / "m.cwalk"
    store.save(sample(), path)
    text = path.read_text("utf-8").replace('"Boss"', '"Bo\\ud800ss"', 1)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert store.load(path).people["boss"].name == "Bo\ufffdss"


def test_a_big_map_saves_and_opens_the_same(tmp_path: Path) -> None:
    doc = make_big_map(400, seed=5)
    path = tmp_path / "big.cwalk"
    store.save(doc, path)
    assert path.stat().st_size > 256 * 1024  # built column by column
    again = store.load(path)
    assert to_data(again)["people"] == to_data(doc)["people"]
    assert to_data(again)["handoffs"] == to_data(doc)["handoffs"]
    assert all(type(p.pos) is tuple for p in again.people.values())
