"""A key written twice in one object of a map file would hide one of its values (JSON keeps the
last): such a file is refused as damaged, naming the key and where it is, and nothing changes."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.storage import store
from model.storage.parse import DuplicateKey, parse
from model.templates.catalog import build_template
from tests.cli_harness import folder_state, refused


def _saved(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "acme.cwalk"
    store.save(build_template("order-to-cash", people=True), path)
    return path, path.read_text("utf-8")


def test_a_person_record_pasted_twice_under_one_number_is_refused(tmp_path: Path) -> None:
    path, text = _saved(tmp_path)
    start = text.index('\n  "1": {', text.index('"people"'))
    end = text.index("\n  }", start) + len("\n  }")
    doubled = text[:end] + "," + text[start:end] + text[end:]  # a line-based merge did this
    path.write_text(doubled, "utf-8")
    with pytest.raises(store.MapFileError) as caught:
        store.load(path)
    message = str(caught.value)
    assert "acme.cwalk is damaged: the key '1' appears twice in people" in message
    assert "nothing was changed" in message
    assert path.read_text("utf-8") == doubled


def test_a_story_written_twice_is_refused_naming_the_record(tmp_path: Path) -> None:
    path, text = _saved(tmp_path)
    at = text.index('"story": {')
    path.write_text(text[:at] + '"story": {"hand_on": "a hidden note"},\n   ' + text[at:], "utf-8")
    with pytest.raises(store.MapFileError, match=r"the key 'story' appears twice in people › record 1"):
        store.load(path)


def test_where_a_doubled_key_is_is_said_in_words() -> None:
    with pytest.raises(DuplicateKey, match="twice in the file's top level"):
        parse(b'{"a": 1, "a": 2}')
    with pytest.raises(DuplicateKey, match=r"'id' appears twice in people › record 2 › outreach › entry 1"):
        parse(b'{"people": {"2": {"outreach": [{"id": "x", "id": "y"}]}}}')


def test_the_command_line_refuses_it_and_writes_nothing(tmp_path: Path) -> None:
    path, text = _saved(tmp_path)
    at = text.index('"name": ')
    path.write_text(text[:at] + '"name": "Hidden <&> 李",\n   ' + text[at:], "utf-8")
    before = folder_state(tmp_path)
    assert "the key 'name' appears twice" in refused("check", path)
    roster = tmp_path / "r.csv"
    roster.write_text("name\nAnn\n", "utf-8")
    before = folder_state(tmp_path)
    assert "appears twice" in refused("import-csv", roster, "-o", path, "--into")
    assert folder_state(tmp_path) == before


def test_equal_keys_in_different_records_are_fine() -> None:
    assert parse(b'{"a": {"id": 1}, "b": {"id": 2}}') == {"a": {"id": 1}, "b": {"id": 2}}
