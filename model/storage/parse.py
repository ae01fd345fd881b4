"""A map file's JSON, read so that nothing in it is silently dropped.

JSON parsers keep the last of two equal keys in one object. In a map that hides data: a person
record pasted twice under one number (a line-based merge, a hand edit) keeps one of them, a
"story" written twice keeps the later. So a key that appears twice in one object is refused,
naming the key and where it is; the user can then keep the one they mean in a text editor
(nothing is changed: guessing which one they meant would lose the other without a word).

A big map is parsed by msgspec (C, about half of json's time with the hook below: issue 19), which
cannot see a doubled key, and then proved free of them by counting colons. Outside strings JSON
has a colon after every key and nowhere else, so the file's colons are its keys plus the colons
in its text; msgspec's own writing of the parsed data has the parsed objects' keys plus the
colons in their text. A doubled key drops a key and its value's text from the parsed data, so
the second count falls short of the first. Equal counts therefore mean no key was dropped,
provided the file spells no colon as an escape (`\\u003a`, which would lower the first count):
then the check is left to json. Any file the fast path is not sure of (an escape like that,
colons in unequal number, a byte-order mark, or anything msgspec refuses: NaN, a lone surrogate,
damage) is parsed by json with the hook, so every file reads, or is refused, exactly as that
parse would have it.
"""
from __future__ import annotations

import codecs
import functools
import re
from typing import Any


class DuplicateKey(ValueError):
    """A key twice in one JSON object; str() says which and where, for the user."""


# msgspec pays for itself above this size: importing it costs a few milliseconds (only then)
BIG_FILE = 256 * 1024
_ESCAPED_COLON = re.compile(rb"\\u003[aA]")


def parse(raw: bytes) -> Any:
    """The file's JSON (UTF-8, with or without a byte-order mark), as json.loads reads it, except
    that a key repeated in one object raises DuplicateKey; other damage raises ValueError."""
    if len(raw) >= BIG_FILE:
        sure, data = _fast(raw)
        if sure:
            return data
    return _exact(raw)


def _fast(raw: bytes) -> tuple[bool, Any]:
    """(True, the data) when msgspec parses `raw` and the colons prove no key was dropped;
    (False, None) when json must decide."""
    if raw.startswith(codecs.BOM_UTF8):
        return False, None
    decoder, encoder = _msgspec()
    try:
        data = decoder.decode(raw)
    except (ValueError, RecursionError):  # msgspec.DecodeError is a ValueError
        return False, None
    if b"\\" in raw and _ESCAPED_COLON.search(raw):
        return False, None
    return raw.count(b":") == encoder.encode(data).count(b":"), data


@functools.cache
def _msgspec() -> tuple[Any, Any]:
    import msgspec.json  # here: imported for big maps only, so the command line starts quicker

    return msgspec.json.Decoder(), msgspec.json.Encoder()


def _exact(raw: bytes) -> Any:
    """json's parse, with a hook that sees every object's pairs before they become a dict."""
    import json

    doubled: list[tuple[dict[str, Any], str]] = []

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        record = dict(pairs)
        if len(record) != len(pairs):
            seen: set[str] = set()
            key = next(k for k, _v in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
            doubled.append((record, key))
        return record

    data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=unique)
    if doubled:
        record, key = doubled[0]
        raise DuplicateKey(f"the key {_short(key)} appears twice in {_where(data, record)}")
    return data


def _where(data: Any, target: dict[str, Any]) -> str:
    """The path to `target` inside `data`, in words: `people › record 3 › story`."""
    path = _path_to(data, target, [])
    if not path:
        return "the file's top level"
    words = []
    for step in path:
        if step.startswith("#"):
            words.append(f"entry {step[1:]}")
        elif step.isdigit():
            words.append(f"record {step}")
        else:
            words.append(step if step.isidentifier() else _short(step))
    return " › ".join(words)


def _path_to(value: Any, target: dict[str, Any], path: list[str]) -> list[str] | None:
    if value is target:
        return path
    children: Any = value.items() if isinstance(value, dict) else \
        ((f"#{n}", v) for n, v in enumerate(value, 1)) if isinstance(value, list) else ()
    for key, child in children:
        if isinstance(child, dict | list):
            found = _path_to(child, target, [*path, str(key)])
            if found is not None:
                return found
    return None


def _short(text: str) -> str:
    shown = repr(text)
    return shown if len(shown) <= 40 else shown[:37] + "…"
