"""`merge` without a version both copies started from (an empty BASE, or copies saved with no
history) says so on stderr, keeps everything either copy holds, and deletes nothing; a BASE outside
both copies' history is questioned."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.document import Document
from model.entities import Person
from model.storage import store
from tests.cli_harness import run


def _map(path: Path, *names: str, stamp: bool = True) -> Path:
    doc = Document.with_standard_statements()
    for name in names:
        doc.add("person", Person(name=name, title="Clerk"))
    store.save(doc, path, backups=0, stamp=stamp)
    return path


def _names(path: Path) -> list[str]:
    return sorted(p.name for p in store.load(path).people.values())


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))


def test_an_empty_base_keeps_everything_and_says_why(tmp_path: Path) -> None:
    ours = _map(tmp_path / "ours.cwalk", "Ana <&>", "Ben", stamp=False)  # saved with no history
    theirs = _map(tmp_path / "theirs.cwalk", "Cy 李", "Ben", stamp=False)
    base = tmp_path / "base.cwalk"
    base.write_bytes(b"")
    proc = run("merge", base, ours, theirs, allowed=(0, 1))
    assert proc.stderr.startswith("warning: base.cwalk is empty: there is no version both copies")
    assert "nothing is deleted" in proc.stderr and proc.stderr.count("\n") == 1
    assert _names(ours) == ["Ana <&>", "Ben", "Ben", "Cy 李"]  # both Bens kept: nothing could match them


def test_a_base_outside_both_histories_is_questioned(tmp_path: Path) -> None:
    ours = _map(tmp_path / "ours.cwalk", "Ana")
    theirs = _map(tmp_path / "theirs.cwalk", "Cy")
    stranger = _map(tmp_path / "stranger.cwalk", "Dee")
    proc = run("merge", stranger, ours, theirs, allowed=(0, 1))
    assert "warning: stranger.cwalk is not a version either copy descends from" in proc.stderr


def test_the_right_base_says_nothing_extra(tmp_path: Path) -> None:
    base = _map(tmp_path / "base.cwalk", "Ana", "Ben")
    ours, theirs = tmp_path / "ours.cwalk", tmp_path / "theirs.cwalk"
    for copy, name in ((ours, "Ours"), (theirs, "Theirs")):
        shutil.copy(base, copy)
        doc = store.load(copy)
        doc.add("person", Person(name=name))
        store.save(doc, copy)
    proc = run("merge", base, ours, theirs)
    assert proc.returncode == 0 and not proc.stderr
    assert _names(ours) == ["Ana", "Ben", "Ours", "Theirs"]
