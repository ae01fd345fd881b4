"""An export never replaces an output the user may not change: a file marked read-only, or
(run as someone else) a file that is not theirs to write, is an unwritable target: exit 2,
one `error: ` line naming it, nothing written. The rename an export ends with would
otherwise have replaced it whatever its permissions (a save of a map already refused it)."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_harness import EXAMPLE, folder_state, refused, run


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder anyone may write in (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="cw-ro-"))
    folder.chmod(0o777)
    try:
        shutil.copy(EXAMPLE, folder / "map.cwalk")
        shutil.copy(EXAMPLE, folder / "other.cwalk")
        (folder / "map.cwalk").chmod(0o644)
        (folder / "other.cwalk").chmod(0o644)
        yield folder
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize("flag,name", [("--pdf", "book.pdf"), ("--csv", "roster.csv"),
                                       ("--svg", "map.svg"), ("--ics", "dates.ics")])
def test_an_output_marked_read_only_is_refused(shared: Path, flag: str, name: str) -> None:
    out = shared / name
    out.write_bytes(b"kept as it is")
    out.chmod(0o444)
    before = folder_state(shared)
    said = refused("export", "map.cwalk", flag, name, cwd=shared)
    assert said == (f"{name} is marked read-only; it is not replaced "
                    "(make it writable, or choose another name)")
    assert folder_state(shared) == before
    out.chmod(0o644)  # made writable, it is replaced as before
    assert run("export", "map.cwalk", flag, name, cwd=shared).returncode == 0
    assert out.read_bytes() != b"kept as it is"


def test_a_batch_reports_the_read_only_playbook_and_writes_the_others(shared: Path) -> None:
    out = shared / "books"
    out.mkdir(mode=0o777)
    locked = out / "map.pdf"
    locked.write_bytes(b"kept as it is")
    locked.chmod(0o444)
    proc = run("export", "map.cwalk", "other.cwalk", "--pdf-dir", "books", cwd=shared)
    assert proc.returncode == 2
    assert "error: map.cwalk: books/map.pdf is marked read-only" in proc.stderr
    assert locked.read_bytes() == b"kept as it is"
    assert (out / "other.pdf").read_bytes().startswith(b"%PDF")


def test_a_file_that_is_not_yours_is_refused_when_run_as_someone_else(shared: Path) -> None:
    out = shared / "book.pdf"
    out.write_bytes(b"somebody else's")
    out.chmod(0o644)
    if os.geteuid() == 0:  # root may write anything: run as `nobody` (setpriv, util-linux)
        assert shutil.which("setpriv")
        said = refused("export", "map.cwalk", "--pdf", "book.pdf", cwd=shared, user=65534)
        assert said.startswith("book.pdf is not yours to change (permission denied)"), said
    else:  # not root: a file of ours, made not ours to write, is refused just the same
        out.chmod(0o444)
        assert "is marked read-only" in refused("export", "map.cwalk", "--pdf", "book.pdf", cwd=shared)
    assert out.read_bytes() == b"somebody else's"
