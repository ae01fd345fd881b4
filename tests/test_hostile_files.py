"""Any byte sequence given as a map gets a clear refusal: never a crash, a hang or a changed file."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.store import MapFileError, load, save
from tests.strategies import documents

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _refused_or_loaded(path: Path) -> None:
    before = path.read_bytes()
    try:
        doc = load(path)
    except MapFileError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert doc.problems() == []
    assert path.read_bytes() == before


@SETTINGS
@given(blob=st.binary(max_size=600))
def test_random_bytes_as_a_map(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "fuzz.cwalk"
    path.write_bytes(blob)
    _refused_or_loaded(path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)


@SETTINGS
@given(doc=documents(), data=st.data())
def test_a_real_map_with_one_value_mangled(tmp_path: Path, doc, data: st.DataObject) -> None:
    path = tmp_path / "mangled.cwalk"
    save(doc, path, backups=0)
    tables = json.loads(path.read_text("utf-8"))
    table = data.draw(st.sampled_from(sorted(tables)))
    if tables[table]:
        row = data.draw(st.sampled_from(sorted(tables[table])))
        record = tables[table][row]
        if record:
            key = data.draw(st.sampled_from(sorted(record)))
            record[key] = data.draw(json_values)
    path.write_text(json.dumps(tables), "utf-8")
    _refused_or_loaded(path)


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=10_000), junk=st.binary(max_size=20))
def test_cut_and_patched_maps(tmp_path: Path, cut: int, junk: bytes) -> None:
    path = tmp_path / "cut.cwalk"
    from model.document import Document
    from model.entities import Person

    doc = Document.with_standard_statements()
    doc.add("person", Person("Ann"))
    save(doc, path, backups=0)
    raw = path.read_bytes()
    path.write_bytes(raw[: cut % (len(raw) + 1)] + junk)
    _refused_or_loaded(path)


def test_deeply_nested_json_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.cwalk"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    _refused_or_loaded(path)
