"""Any byte sequence given as a map gets a clear refusal: never a crash, a hang or a changed file."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.storage.store import MapFileError, load, save
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


@SETTINGS
@given(blob=st.binary(max_size=400))
def test_random_bytes_as_a_roster(tmp_path: Path, blob: bytes) -> None:
    from model.roster.columns import RosterError
    from model.roster.to_map import import_roster

    path = tmp_path / "fuzz.csv"
    path.write_bytes(blob)
    try:
        result = import_roster(path)
    except RosterError as exc:
        assert exc.problems and all(p and "\n" not in p for p in exc.problems)
    else:
        assert result.document.problems() == []


roster_cells = st.lists(st.sampled_from(list('ab ,;\t"\n\r<&>李مر🙂\x00') + ["sell", "customer", "Ann"]),
                        max_size=12).map("".join)


@SETTINGS
@given(header=st.sampled_from(["name", "Name,title,department,hands_off_to,stage,kind",
                               "First Name;Last Name;Manager;ID", "name\tstory\tsourcing"]),
       body=st.lists(roster_cells, max_size=6))
def test_csv_like_text_as_a_roster(tmp_path: Path, header: str, body: list[str]) -> None:
    from model.roster.columns import RosterError
    from model.roster.to_map import import_roster

    path = tmp_path / "fuzz.csv"
    path.write_text(header + "\n" + "\n".join(body), "utf-8", errors="surrogatepass")
    try:
        result = import_roster(path)
    except RosterError as exc:
        assert exc.problems and all(p and "\n" not in p for p in exc.problems)
    else:
        assert result.document.problems() == []


@SETTINGS
@given(blob=st.binary(max_size=300))
def test_any_bytes_given_to_check_get_an_error_line_not_a_traceback(tmp_path: Path, blob: bytes) -> None:
    import main

    path = tmp_path / "thing.graphml"
    path.write_bytes(blob)
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main.main(["check", str(path)])
    assert code in (0, 2)
    if code == 2:
        assert err.getvalue().startswith("error: ") and "Traceback" not in err.getvalue()
