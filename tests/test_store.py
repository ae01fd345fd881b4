"""Maps on disk: atomic saves, backups, and every kind of bad file refused without harm."""
from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from model.document import Document
from model.entities import Department, Person
from model.storage import store
from model.storage.schema import FORMAT_VERSION
from model.storage.serialize import to_data
from model.storage.store import MapFileError, backup_path, backups_of, load, save
from tests.strategies import documents

FIXTURES = Path(__file__).parent / "fixtures"


def sample() -> Document:
    doc = Document.with_standard_statements()
    dept = doc.add("department", Department("Légal & <Contracts>"))
    doc.add("person", Person("Zoë 李 مريم 🙂", department_id=dept.id, stage="contract"))
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_any_document_survives_save_and_load_unchanged(tmp_path: Path, doc: Document) -> None:
    path = tmp_path / "any.cwalk"
    save(doc, path)
    assert to_data(load(path)) == to_data(doc)


def test_file_is_diff_friendly_json_with_a_format_version(tmp_path: Path) -> None:
    path = tmp_path / "m.cwalk"
    save(sample(), path)
    text = path.read_text("utf-8")
    assert "\n " in text and "Zoë 李" in text  # indented, readable Unicode
    data = json.loads(text)
    assert data["meta"]["1"]["format"] == FORMAT_VERSION
    save(sample().clone(), tmp_path / "again.cwalk")
    # same content -> same bytes except ids: keys are sorted so diffs stay small
    assert list(json.loads(text)) == sorted(json.loads(text))


def test_saving_keeps_rotating_backups_beside_the_map(tmp_path: Path) -> None:
    path = tmp_path / "m.cwalk"
    doc = sample()
    titles = []
    for n in range(5):
        doc.update_meta(title=f"version {n}")
        titles.append(f"version {n}")
        save(doc, path)
    assert load(path).meta.title == "version 4"
    assert [load(p).meta.title for p in backups_of(path)] == ["version 3", "version 2", "version 1"]
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*tmp"))


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (b"\x00\xff\xfe\x89PNG random bytes", "damaged"),
        (b'{"meta": {"1": {"format": 2, "title": "cut sho', "damaged"),
        (b"[1, 2, 3]", "not a Contract Walk map"),
        (b'{"people": {}}', "no map details"),
        (b'{"meta": {"1": {"title": "x"}}}', "no format version"),
        (b'{"meta": {"1": {"format": 99}}}', "newer Contract Walk"),
        (b'{"meta": {"1": {"format": 2}}, "people": {"1": {"name": 5}}}', "damaged"),
        (b'{"meta": {"1": {"format": 2}}, "handoffs": {"1": {"source": "a", "target": "b"}}}', "damaged"),
        (b'{"meta": {"1": {"format": 2}}, "people": {"x": {}}}', "not a Contract Walk map"),
    ],
)
def test_bad_files_are_refused_with_one_sentence_and_left_untouched(tmp_path: Path, content: bytes,
                                                                     words: str) -> None:
    path = tmp_path / "bad.cwalk"
    path.write_bytes(content)
    with pytest.raises(MapFileError, match=words) as caught:
        load(path)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.cwalk"]


def test_truncations_of_a_real_map_are_all_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.cwalk"
    save(sample(), good)
    raw = good.read_bytes()
    cut = tmp_path / "cut.cwalk"
    for n in range(1, len(raw) - 2, max(1, len(raw) // 40)):
        cut.write_bytes(raw[:n])
        with pytest.raises(MapFileError):
            load(cut)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="no such file"):
        load(tmp_path / "nope.cwalk")
    with pytest.raises(MapFileError, match="folder"):
        load(tmp_path)


def test_older_format_loads_migrated_and_the_original_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.cwalk"
    shutil.copy(FIXTURES / "format-v1.cwalk", path)
    original = path.read_bytes()
    doc = load(path)
    assert doc.meta.you_id == "p-ann" and doc.people["p-ann"].name == "Ann Ödegaard"
    assert set(doc.statements) == {"heroes", "core_customers", "voices"}
    assert doc.problems() == []
    assert not (tmp_path / "old.cwalk.v1.bak").exists()  # reading never writes
    save(doc, path)
    assert (tmp_path / "old.cwalk.v1.bak").read_bytes() == original  # kept when saved over
    assert json.loads(path.read_text("utf-8"))["meta"]["1"]["format"] == FORMAT_VERSION
    assert to_data(load(path)) == to_data(doc)


def test_every_fixture_of_a_released_format_loads() -> None:
    fixtures = sorted(FIXTURES.glob("format-v*.cwalk"))
    assert fixtures, "keep one fixture per released format in tests/fixtures"
    for fixture in fixtures:
        data, version = store.read_data(fixture)
        assert version <= FORMAT_VERSION and data["meta"]


def test_a_failed_save_leaves_the_previous_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.cwalk"
    save(sample(), path)
    before = path.read_bytes()

    def full_disk(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    doc = sample()
    doc.update_meta(title="new")
    with pytest.raises(MapFileError, match="disk is full.*previous file is intact"):
        save(doc, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_saving_onto_a_folder_or_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "taken.cwalk").mkdir()
    with pytest.raises(MapFileError, match="folder"):
        save(sample(), tmp_path / "taken.cwalk")
    with pytest.raises(MapFileError, match="does not exist"):
        save(sample(), tmp_path / "missing" / "m.cwalk")


def test_backup_names_never_look_like_maps(tmp_path: Path) -> None:
    path = tmp_path / "acme.cwalk"
    assert not backup_path(path).name.endswith(".cwalk")


def test_every_stored_field_type_has_a_loader_check() -> None:
    """A new field type in model/entities.py needs a check in serialize._TYPE_CHECKS, or files with it
    would be refused as damaged."""
    import dataclasses

    from model import entities
    from model.storage.serialize import _TYPE_CHECKS

    for cls in (entities.Person, entities.Department, entities.Handoff, entities.Statement,
                entities.Checkup, entities.Session, entities.ActionItem, entities.OutreachEntry,
                entities.Story, entities.MapInfo):
        for f in dataclasses.fields(cls):
            assert str(f.type) in _TYPE_CHECKS, f"{cls.__name__}.{f.name}: {f.type}"


def test_a_pipe_is_refused_not_read_forever(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.cwalk"
    os.mkfifo(fifo)
    with pytest.raises(MapFileError, match="not a regular file"):
        load(fifo)


def test_an_empty_map_names_a_backup_only_when_there_is_one(tmp_path: Path) -> None:
    empty = tmp_path / "zero.cwalk"
    empty.write_bytes(b"")
    with pytest.raises(MapFileError) as caught:
        load(empty)
    assert "bak1" not in str(caught.value)
    (tmp_path / "zero.cwalk.bak1").write_bytes(b"{}")
    with pytest.raises(MapFileError, match=r"an earlier version is in zero\.cwalk\.bak1"):
        load(empty)


def test_a_format_version_of_the_wrong_type_is_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "odd.cwalk"
    path.write_text('{"meta": {"1": {"format": "2", "title": "x"}}}', "utf-8")
    with pytest.raises(MapFileError, match="format version '2' is not a whole number"):
        load(path)


def test_saving_into_a_missing_folder_says_nothing_was_written(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="nothing was written") as caught:
        save(Document(), tmp_path / "no" / "such" / "m.cwalk")
    assert "previous file" not in str(caught.value)


def test_a_format_2_map_opens_with_the_fields_format_3_added(tmp_path: Path) -> None:
    path = tmp_path / "v2.cwalk"
    shutil.copy(FIXTURES / "format-v2.cwalk", path)
    doc = load(path)
    assert doc.people and all(p.cadence_days is None and not p.left for p in doc.people.values())
    assert doc.meta.conflicts == [] and doc.problems() == []
    save(doc, path)
    assert json.loads(path.read_text("utf-8"))["meta"]["1"]["format"] == FORMAT_VERSION == 3
    assert (tmp_path / "v2.cwalk.v2.bak").exists()  # the original kept when the app saves over it
