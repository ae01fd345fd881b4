"""A big map is parsed by msgspec and proved free of doubled keys by counting colons
(model/storage/parse.py): it must read, or be refused, exactly as the exact parse (json with a
hook that sees every object's pairs) has it, whatever the file holds."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.mapgen import make_big_map
from model.storage import parse, store
from model.storage.serialize import to_data

ROOT = Path(__file__).resolve().parent.parent


def _big(raw: bytes) -> bytes:
    """The same JSON, padded with trailing spaces past the size from which msgspec parses it."""
    return raw + b" " * parse.BIG_FILE


def _exact_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "_fast", lambda raw: (False, None))


def _both(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """What the fast path gives for `raw` (padded), and what the exact parse gives."""
    fast = parse.parse(_big(raw))
    with monkeypatch.context() as patch:
        _exact_only(patch)
        exact = parse.parse(_big(raw))
    return fast, exact


DOUBLED = [  # (file, where the message says the key is)
    (b'{"meta": {"1": {"title": "a"}}, "meta": {}}', "the key 'meta' appears twice in the file's top level"),
    (b'{"people": {"1": {"name": "A"}, "1": {"name": "B"}}}', "the key '1' appears twice in people"),
    (b'{"people": {"1": {"name": "A", "title": "x", "name": "B"}}}',
     "the key 'name' appears twice in people \u203a record 1"),
    (b'{"people": {"1": {"story": {"moment": "a", "moment": "b"}}}}',
     "the key 'moment' appears twice in people \u203a record 1 \u203a story"),
    (b'{"people": {"2": {"outreach": [{"id": "x"}, {"id": "y", "note": "", "id": "z"}]}}}',
     "the key 'id' appears twice in people \u203a record 2 \u203a outreach \u203a entry 2"),
    (b'{"people": {"1": {"not_known_yet": {"deep": [{"k": 1, "k": 1}]}}}}',
     "the key 'k' appears twice in people \u203a record 1 \u203a not_known_yet \u203a deep \u203a entry 1"),
    (b'{"a": {"x:y": 1, "x:y": 2}}', "the key 'x:y' appears twice in a"),
    (b'{"a": {"": 1, "": {}}}', "the key '' appears twice in a"),
    (b'{"a": {"b": "\\u003a", "b": "\\u003A"}}', "the key 'b' appears twice in a"),
    (b'{"a": {"\\u003a": 1, ":": 2}}', "the key ':' appears twice in a"),
    (b'{"a": {"\\"q\\":": 1, "\\"q\\":": 2}}', "the key '\"q\":' appears twice in a"),
]


@pytest.mark.parametrize(("raw", "message"), DOUBLED)
def test_a_doubled_key_at_any_depth_is_refused_by_the_fast_path_as_by_the_exact_one(
        raw: bytes, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(parse.DuplicateKey) as fast:
        parse.parse(_big(raw))
    _exact_only(monkeypatch)
    with pytest.raises(parse.DuplicateKey) as exact:
        parse.parse(_big(raw))
    assert str(fast.value) == str(exact.value) == message


@pytest.mark.parametrize("raw", [
    # `":` and escaped quotes in keys and text
    b'{"a": {"say \\"hi\\": now": "x\\": y", "k": "\\"", "\\\\": ": :"}}',
    b'{"a": ":", "b": {"c": "::::"}, "d": [":", {"e": ":"}], "\\u003a": "\\u003A"}',
    b'{"\xe6\x9d\x8e:": "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a: <&> \xf0\x9f\x98\x80", "x": "\\ud83d\\ude00:"}',
    b'{"x" : 1,\n"y"\t:\r\n{"z"  :  [1, 2.5, -0.0, 1e300, true, false, null]}}',  # space before a colon
    b'{"a": {"b": 1}, "c": {"b": 1}, "d": [{"b": 1}, {"b": 2}]}',  # equal keys in different objects
])
def test_keys_and_text_with_colons_and_quotes_read_as_json_reads_them(
        raw: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, exact = _both(raw, monkeypatch)
    assert repr(fast) == repr(exact) == repr(json.loads(raw))


@pytest.mark.parametrize("raw", [
    b'{"a": "\\ud800x"}', b"[NaN, Infinity]", b"[1e400]", b"[123456789012345678901234567890]",
    b"\xef\xbb\xbf{\"a\": [1.5, -0.0]}", b'"\\ud83d\\ude00 \xe6\x9d\x8e"', b"null", b"[" + b"1" * 5000 + b"]",
])
def test_what_msgspec_refuses_or_reads_otherwise_is_left_to_json(
        raw: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        expected = repr(json.loads(raw.decode("utf-8-sig")))
    except ValueError as exc:
        expected = type(exc).__name__
    for text in (raw, _big(raw)):
        try:
            got = repr(parse.parse(text))
        except ValueError as exc:
            got = type(exc).__name__
        assert got == expected


@pytest.mark.parametrize("raw", [b"\xff{}", b"{", b"[" * 100_000, b'{"a": 1,}', b"[1] [2]", b'{"a":"\t"}'])
def test_damage_is_refused_by_both(raw: bytes) -> None:
    with pytest.raises((ValueError, RecursionError)):
        parse.parse(_big(raw))


def test_a_big_clean_map_is_parsed_without_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.cwalk"
    store.save(make_big_map(300, seed=3), path)
    raw = path.read_bytes()
    assert len(raw) > parse.BIG_FILE
    expected = json.loads(raw)
    monkeypatch.setattr(json, "loads", None)  # the exact parse would fail now
    assert parse.parse(raw) == expected


@pytest.mark.parametrize("source", ["example", "generated"])
def test_the_map_loaded_is_the_one_the_exact_parse_gives(
        source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "map.cwalk"
    if source == "example":
        raw = (ROOT / "assets" / "example.cwalk").read_bytes()
        path.write_bytes(_big(raw))
    else:
        doc = make_big_map(400, seed=5)
        name = 'Ann "the key": <&> \u674e \u0639\u0631\u0628\u064a'
        doc.update("person", next(iter(doc.people)), name=name,
                   what_they_do="a:b\\c \"d\": e" * 2000)
        store.save(doc, path)
    assert path.stat().st_size > parse.BIG_FILE
    fast = to_data(store.load(path))
    _exact_only(monkeypatch)
    assert to_data(store.load(path)) == fast


def test_a_person_pasted_twice_in_a_big_map_is_refused_and_the_file_kept(tmp_path: Path) -> None:
    path = tmp_path / "acme.cwalk"
    store.save(make_big_map(300, seed=3), path)
    text = path.read_text("utf-8")
    start = text.index('\n  "7": {', text.index('"people"'))
    end = text.index("\n  }", start) + len("\n  }")
    doubled = text[:end] + "," + text[start:end] + text[end:]
    path.write_text(doubled, "utf-8")
    said = r"acme.cwalk is damaged: the key '7' appears twice in people,"
    with pytest.raises(store.MapFileError, match=said):
        store.load(path)
    assert path.read_text("utf-8") == doubled


def test_a_load_leaves_the_collector_on_and_its_young_generation_empty(tmp_path: Path) -> None:
    """The map's objects go to the oldest generation unwalked: the next young collection (the
    next command, the next edit) does not walk the whole map again to find no garbage."""
    import gc

    path = tmp_path / "big.cwalk"
    store.save(make_big_map(300, seed=3), path)
    assert gc.isenabled()
    doc = store.load(path)
    assert gc.isenabled() and gc.get_count()[0] < 1_000
    assert gc.get_freeze_count() == 0  # nothing left frozen: a full collection still sees the map
    assert len(doc.people) == 300
