"""A map's file bytes made again at the cost of what changed since the last time (autosave).

Why: an autosave of a 10,000-person map turned every item into plain data and encoded the whole
map as indented JSON (~0.8 s of CPU on the writer thread). That thread shares the interpreter with
the GUI thread, so the GUI got about half of it for that long, and the final join of a million
pieces held it outright. `MapEncoder` keeps each item's encoded bytes beside the read-only copy it
was made from (model/storage/snapshot.py: a copy is never changed, an edit makes a new one) and
encodes again only the items whose copy is new; the rest of the file is put together from the
kept texts.

The bytes are exactly those of `store.encode_tables` over the same tables (tests/test_stalls_encoder.py
holds that after random edits): each record is encoded alone with the same options and indented to
its depth (a JSON text never holds a raw line break, so re-indenting its lines is safe), records in
the sorted order of their keys ("1", "10", "100", "2", ...), tables in sorted order. A lone
surrogate (which `encode_tables` writes escaped as ASCII) makes it give up: the caller then encodes
the whole map the usual way.
"""
from __future__ import annotations

import json
from typing import Any

from model.document import COLLECTIONS, Document
from model.storage import serialize, unknown
from model.storage.store import tables_of

CHUNK = 500  # records encoded per json.dumps call


def _dumps(value: Any, indent: bytes) -> bytes:
    """`value` as the file holds it at that depth: the lines after the first indented by `indent`
    (raises UnicodeEncodeError for a lone surrogate)."""
    text = json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)
    return text.encode("utf-8").replace(b"\n", b"\n" + indent)


def _dump_records(records: list[dict[str, Any]]) -> list[bytes]:
    """Each record as `_dumps(record, b"  ")` makes it, from one `json.dumps` of them all.

    Why: the indenting encoder is pure Python and makes a knot of closures per call (~38 objects
    only the cyclic collector frees): per record that was a million at 10,000 people, for the
    GUI thread's collector to walk. In the list, shifted one space right as a record's lines are in
    the file, each record ends on a line of two spaces and "}" and the next begins on one of two
    spaces and "{" (deeper lines have more spaces; text never holds a raw line break), so the list
    splits exactly there."""
    if not records:
        return []
    if not all(records):  # an empty record is written "{}" on its line: done one by one
        return [_dumps(record, b"  ") for record in records]
    text = _dumps(records, b" ")  # "[\n  {...\n  },\n  {...\n  }\n ]"
    inner = text[len(b"[\n  {"):-len(b"\n  }\n ]")]
    return [b"{" + part + b"\n  }" for part in inner.split(b"\n  },\n  {")]


def _key(name: str) -> bytes:
    return json.dumps(name, ensure_ascii=False).encode("utf-8")


class MapEncoder:
    """The encoded bytes of each item of one map, kept between autosaves of that map.

    Use it from one thread at a time (the autosave writer). It holds on to the copies it encoded,
    so a copy it compares with `is` can never be a new object at a reused address."""

    def __init__(self) -> None:
        self._kept: dict[str, dict[str, tuple[Any, bytes]]] = {entity: {} for entity in COLLECTIONS}
        self._heads: dict[int, tuple[list[int], list[bytes]]] = {}
        self.encoded = 0  # items encoded by the last call (for tests and figures)

    def encode(self, doc: Document, extra: dict[str, dict[str, Any]] | None = None) -> bytes | None:
        """The file's bytes for `doc` (a snapshot, read-only) plus `extra` tables; None when the
        map holds text that must be written escaped (then encode it whole)."""
        if unknown.of(doc):  # fields this version does not know are written by the whole-map path
            return None
        empty: dict[str, Any] = {attr: [] for attr, _cls in COLLECTIONS.values()}
        tables: dict[str, list[bytes]] = {}
        self.encoded = 0
        try:
            head = tables_of({**empty, "meta": serialize.item_to_data(doc.meta)})
            head.update(extra or {})
            for name, table in head.items():
                tables[name] = [_dumps(table, b" ")]
            for entity, (attr, _cls) in COLLECTIONS.items():
                texts = self._texts(entity, doc.collection(entity))
                if texts:
                    tables[attr] = self._table(texts)
        except UnicodeEncodeError:
            return None
        out = [b"{\n"]
        for i, name in enumerate(sorted(tables)):
            out.append(b"%s %s: " % (b",\n" if i else b"", _key(name)))
            out.extend(tables[name])
        out.append(b"\n}")
        return b"".join(out)  # one copy, at C speed

    def _texts(self, entity: str, items: dict[str, Any]) -> list[bytes]:
        """Each item's record, indented for its place, in the collection's order."""
        kept = self._kept[entity]
        if len(kept) > len(items):  # items went away: forget them
            for gone in [k for k in kept if k not in items]:
                del kept[gone]
        new = [(item_id, item) for item_id, item in items.items()
               if (known := kept.get(item_id)) is None or known[0] is not item]
        for start in range(0, len(new), CHUNK):  # a few records alive at a time for the collector to see
            chunk = new[start:start + CHUNK]
            records = [serialize.item_to_data(item) for _id, item in chunk]
            for (item_id, item), text in zip(chunk, _dump_records(records), strict=True):
                kept[item_id] = (item, text)
        self.encoded += len(new)
        return [kept[item_id][1] for item_id in items]

    def _table(self, texts: list[bytes]) -> list[bytes]:
        """The pieces of one table: each record after its key, in the keys' sorted order."""
        heads = self._heads.get(len(texts))
        if heads is None:  # record keys sort as text: 1, 10, 100, 2, ...
            self._heads.clear()
            order = sorted(range(1, len(texts) + 1), key=str)
            keys = [b'%s  "%d": ' % (b",\n" if i else b"{\n", n) for i, n in enumerate(order)]
            heads = self._heads[len(texts)] = (order, keys)
        order, keys = heads
        pieces: list[bytes] = [b""] * (2 * len(texts))
        pieces[0::2] = keys
        pieces[1::2] = [texts[n - 1] for n in order]
        pieces.append(b"\n }")
        return pieces


__all__ = ["MapEncoder"]
