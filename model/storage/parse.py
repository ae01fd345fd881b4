"""A map file's JSON, read so that nothing in it is silently dropped.

JSON parsers keep the last of two equal keys in one object. In a map that hides data: a person
record pasted twice under one number (a line-based merge, a hand edit) keeps one of them, a
"story" written twice keeps the later. So a key that appears twice in one object is refused,
naming the key and where it is; the user can then keep the one they mean in a text editor
(nothing is changed: guessing which one they meant would lose the other without a word).
"""
from __future__ import annotations

from typing import Any


class DuplicateKey(ValueError):
    """A key twice in one JSON object; str() says which and where, for the user."""


def parse(raw: bytes) -> Any:
    """The file's JSON (UTF-8, with or without a byte-order mark), as json.loads reads it, except
    that a key repeated in one object raises DuplicateKey; other damage raises ValueError."""
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
