"""The hand-written serialisation gives exactly what the dataclasses.asdict version gave, and the
fast JSON writer exactly what json.dumps gives: the file format does not move by a byte."""
from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from model import store
from model.document import COLLECTIONS, Document
from model.entities import (
    ActionItem,
    Checkup,
    Department,
    Handoff,
    MapInfo,
    OutreachEntry,
    Person,
    Session,
    Statement,
    Story,
)
from model.serialize import WRITERS, item_to_data, to_data
from tests.strategies import documents

SLOW_OK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----- the reference: to_data as it was written before (kept here, not in the product) -----------
def reference_item_to_data(item: Any) -> dict[str, Any]:
    data = dataclasses.asdict(item)
    if isinstance(item, Person):
        data["pos"] = [float(item.pos[0]), float(item.pos[1])]
    return data


def reference_to_data(doc: Document) -> dict[str, Any]:
    out: dict[str, Any] = {"meta": dataclasses.asdict(doc.meta)}
    for entity, (attr, _cls) in COLLECTIONS.items():
        out[attr] = [reference_item_to_data(item) for item in doc.collection(entity).values()]
    return out


def reference_file_bytes(doc: Document, path: Path) -> bytes:
    """The file exactly as the tinydb-based save wrote it."""
    data = reference_to_data(doc)
    db = TinyDB(path, storage=store.AtomicJSONStorage, start_empty=True, backups=0)
    storage: store.AtomicJSONStorage = db.storage  # type: ignore[assignment]
    with storage.batch():
        db.table("meta").insert({"format": store.FORMAT_VERSION, "app": store.APP_NAME, **data["meta"]})
        for attr, _cls in COLLECTIONS.values():
            if data[attr]:
                db.table(attr).insert_multiple(data[attr])
    state = storage._state or {}
    try:
        return json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(state, indent=1, sort_keys=True).encode("ascii")


def same(a: Any, b: Any) -> bool:
    """Equal, with the same key order and the same JSON types (1 is not 1.0, True is not 1)."""
    return a == b and json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


def containers(value: Any) -> list[Any]:
    found = []
    if isinstance(value, dict):
        found.append(value)
        for v in value.values():
            found += containers(v)
    elif isinstance(value, list):
        found.append(value)
        for v in value:
            found += containers(v)
    return found


# ----- to_data ----------------------------------------------------------------------------
@SLOW_OK
@given(doc=documents())
def test_to_data_is_exactly_the_asdict_output_for_any_document(doc: Document) -> None:
    assert same(to_data(doc), reference_to_data(doc))


@SLOW_OK
@given(doc=documents())
def test_to_data_shares_nothing_mutable_with_the_document(doc: Document) -> None:
    ours = {id(c) for c in containers(to_data(doc))}
    model = set()
    for entity in COLLECTIONS:
        for item in doc.collection(entity).values():
            for f in dataclasses.fields(item):
                value = getattr(item, f.name)
                if isinstance(value, (list, dict)):
                    model.add(id(value))
    assert not ours & model


def test_every_entity_type_has_a_writer_covering_every_field() -> None:
    samples = [
        Person("Ann", pos=(3, -4), outreach=[OutreachEntry("2024-01-02", "call", "hi")], extra={"x": "y"}),
        Department("Ops", kpis=["on time"], lane_height=120), Handoff("a", "b", stage="build", two_way=True),
        Statement("s", standard=True), Checkup("2024-01-01", answers={"s": 3}, areas={"quality": 2}),
        Session("2024-01-01", action_items=[ActionItem("call", done=True)]), MapInfo(you_id="a"), Story(moment="m"),
        OutreachEntry("2024-01-01"), ActionItem("t"),
    ]
    assert {type(s) for s in samples} == set(WRITERS)
    for item in samples:
        data = item_to_data(item)
        assert list(data) == [f.name for f in dataclasses.fields(item)]
        assert same(data, reference_item_to_data(item))
    person = item_to_data(samples[0])
    assert person["pos"] == [3.0, -4.0] and all(type(v) is float for v in person["pos"])


def test_whole_numbers_stay_whole_where_asdict_kept_them() -> None:
    doc = Document.with_standard_statements(MapInfo(stale_days=30))
    doc.add("department", Department("Ops", lane_height=0))
    assert same(to_data(doc), reference_to_data(doc))
    assert json.dumps(to_data(doc)["departments"][0]["lane_height"]) == "0"


# ----- the file's text ----------------------------------------------------------------------
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(value=json_values)
def test_the_fast_writer_writes_exactly_what_json_dumps_writes(value: Any) -> None:
    assert store.dumps_indented(value) == json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)


def test_the_fast_writer_leaves_odd_values_to_json_with_its_errors() -> None:
    odd: list[Any] = [{1: "a", 2: [2.5, (3, 4)]}, {None: 1}, {2.5: True}, (1, "x"), [[[[]]]] * 3]
    deep: Any = "end"
    for _ in range(200):
        deep = [deep]
    odd.append(deep)
    for value in odd:
        assert store.dumps_indented(value) == json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)
    cycle: list[Any] = []
    cycle.append(cycle)
    for bad in (cycle, {"x": object()}, {"a": 1, 2: 3}):
        try:
            json.dumps(bad, indent=1, sort_keys=True, ensure_ascii=False)
        except (TypeError, ValueError) as exc:
            expected: type[Exception] = type(exc)
        try:
            store.dumps_indented(bad)
        except expected:
            continue
        raise AssertionError(f"{bad!r} was written")
    assert math.isnan(json.loads(store.dumps_indented([float("nan")]))[0])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_a_saved_file_is_byte_for_byte_what_the_tinydb_save_wrote(tmp_path: Path, doc: Document) -> None:
    ours, theirs = tmp_path / "ours.cwalk", tmp_path / "theirs.cwalk"
    store.save(doc, ours, backups=0)
    assert ours.read_bytes() == reference_file_bytes(doc, theirs)


def test_a_lone_surrogate_is_kept_escaped_as_before(tmp_path: Path) -> None:
    doc = Document.with_standard_statements()
    doc.add("person", Person("half \ud83d of an emoji"))
    path = tmp_path / "odd.cwalk"
    store.save(doc, path, backups=0)
    assert path.read_bytes() == reference_file_bytes(doc, tmp_path / "ref.cwalk")
    assert [p.name for p in store.load(path).people.values()] == ["half \ud83d of an emoji"]
