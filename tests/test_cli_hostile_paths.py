"""Where the command line is told to write: names that exist, that cannot be, that point at the
input, folders that are missing or closed to the user, and runs cut short. A refused write exits
2 with an `error:` line and leaves the folder exactly as it was."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from model.storage.store import load
from tests.cli_harness import EXAMPLE, ROOT, folder_state, past_first_line, refused, run

LONG = "a" * 300  # longer than any file system's 255-byte name


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "map.cwalk")
    (tmp_path / "roster.csv").write_text("name,title\nAnn,Clerk\n")
    return tmp_path


def _writers(w: Path, out: str) -> dict[str, list[str | Path]]:
    """Every verb that writes a file, with `out` as the path typed for it."""
    m = w / "map.cwalk"
    return {
        "new": ["new", "-o", out, "--template", "blank"],
        "import-csv": ["import-csv", w / "roster.csv", "-o", out],
        "export-pdf": ["export", m, "--pdf", out],
        "export-png": ["export", m, "--png", out],
        "export-svg": ["export", m, "--svg", out],
        "export-graphml": ["export", m, "--graphml", out],
        "export-csv": ["export", m, "--csv", out],
        "export-ics": ["export", m, "--ics", out],
        "merge": ["merge", m, m, m, "-o", out],
        "story-form": ["story-form", m, "--person", "Tom Becker", "-o", out],
    }


@pytest.mark.parametrize("verb", sorted(_writers(Path("."), "x")))
@pytest.mark.parametrize(("typed", "expected"), [
    ("out.x/", "ends with '/', which names a folder"),
    (LONG + ".x", "is too long (300+2 bytes"),
    ("sub/" + LONG + "/out.x", "is too long (300 bytes"),
])
def test_a_name_no_file_can_have_is_refused_by_every_writer(work: Path, verb: str, typed: str,
                                                            expected: str) -> None:
    before = folder_state(work)
    said = refused(*_writers(work, typed)[verb], cwd=work)
    assert expected.replace("300+2", "302") in said
    assert len(said) < 300  # the name is cut to fit the line
    assert folder_state(work) == before


@pytest.mark.parametrize("verb", ["new", "import-csv", "merge", "story-form"])
def test_a_blank_output_name_is_refused(work: Path, verb: str) -> None:
    before = folder_state(work)
    assert "needs a file name" in refused(*_writers(work, "")[verb], cwd=work)
    assert folder_state(work) == before


@pytest.mark.parametrize("args", [
    ["check", LONG + ".cwalk"], ["export", LONG + ".cwalk", "--svg", "x.svg"],
    ["what-if", LONG, "--leaves", "Tom"], ["diff", LONG, "map.cwalk"], ["show", LONG],
    ["import-csv", LONG + ".csv", "-o", "x.cwalk"], ["export", "map.cwalk", "--pdf-dir", LONG],
    ["export", "map.cwalk", "--pdf", "x.pdf", "--compare", LONG],
    ["merge", "map.cwalk", "map.cwalk", LONG], ["import-forms", "map.cwalk", LONG + ".pdf"],
])
def test_a_too_long_name_given_to_read_is_a_user_error(work: Path, args: list[str]) -> None:
    before = folder_state(work)
    said = refused(*args, cwd=work)
    assert "too long" in said and LONG not in said
    assert folder_state(work) == before


def test_exports_never_overwrite_the_map_its_backup_or_a_link_to_it(work: Path) -> None:
    m = work / "map.cwalk"
    shutil.copy(m, work / "map.cwalk.bak1")
    shutil.copy(m, work / "looks-like.pdf")  # a map, whatever its name
    (work / "alias.svg").symlink_to(m)
    before = folder_state(work)
    for flag in ("pdf", "svg", "png", "csv", "graphml", "ics"):
        for target in ("map.cwalk", "map.cwalk.bak1", "looks-like.pdf", "alias.svg"):
            assert "never overwrites a map" in refused("export", m, f"--{flag}", target, cwd=work)
    assert folder_state(work) == before


def test_maps_are_overwritten_only_with_force(work: Path) -> None:
    m = work / "map.cwalk"
    before = folder_state(work)
    for args in (["new", "-o", m, "--template", "blank"], ["import-csv", work / "roster.csv", "-o", m],
                 ["merge", m, m, m, "-o", m.with_name("roster.csv")]):
        assert "already exists; use --force" in refused(*args)
    assert "is the roster being imported" in refused(
        "import-csv", work / "roster.csv", "-o", work / "roster.csv", "--force")
    assert folder_state(work) == before
    assert run("import-csv", work / "roster.csv", "-o", m, "--force").returncode == 0
    assert [p.name for p in load(m).people.values()] == ["Ann"]
    assert load(work / "map.cwalk.bak1").meta.title == load(EXAMPLE).meta.title  # the overwritten map is kept


def test_odd_but_valid_output_names_are_written(work: Path) -> None:
    for name in ("we ird <&> 😀 名前 ملف.svg", "-leading-dash.svg", ".hidden.svg", "no-extension"):
        proc = run("export", work / "map.cwalk", "--svg", work / name)
        assert proc.returncode == 0, proc.stderr
        assert (work / name).read_bytes().lstrip().startswith(b"<")


def test_missing_and_wrong_folders_are_refused(work: Path) -> None:
    before = folder_state(work)
    m, nope = work / "map.cwalk", work / "nope"
    assert "does not exist" in refused("export", m, "--pdf", nope / "x.pdf")
    assert "the folder does not exist" in refused("new", "-o", nope / "x.cwalk", "--template", "blank")
    assert "is not a folder" in refused("export", m, "--svg", work / "roster.csv" / "x.svg")
    assert "is a folder" in refused("export", m, "--svg", work)
    assert "is a file, not a folder" in refused("export", m, "--pdf-dir", work / "roster.csv")
    assert "never replaced" in refused("export", m, "--svg", os.devnull)
    assert folder_state(work) == before


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder another user can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="cw-perm-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if not path.is_symlink():
                path.chmod(0o777)
        shutil.rmtree(folder)


def _as_other_user() -> int | None:
    """Permissions mean nothing to root: run as `nobody` then (setpriv is in util-linux)."""
    if os.geteuid() != 0:
        return None
    assert shutil.which("setpriv"), "root runs these tests as nobody through setpriv (util-linux)"
    return 65534


def test_unreadable_inputs_and_closed_folders_are_user_errors(shared: Path) -> None:
    user = _as_other_user()
    shutil.copy(EXAMPLE, shared / "map.cwalk")
    shutil.copy(EXAMPLE, shared / "locked.cwalk")
    (shared / "roster.csv").write_text("name\nAnn\n")
    (shared / "locked.csv").write_text("name\nAnn\n")
    (shared / "closed").mkdir()
    shutil.copy(EXAMPLE, shared / "closed" / "inside.cwalk")
    for path in (shared / "map.cwalk", shared / "roster.csv", shared / "closed" / "inside.cwalk"):
        path.chmod(0o644)
    (shared / "locked.cwalk").chmod(0)
    (shared / "locked.csv").chmod(0)
    (shared / "closed").chmod(0o555)
    before = folder_state(shared)
    cases = [
        (["check", "locked.cwalk"], "cannot read locked.cwalk: permission denied"),
        (["export", "locked.cwalk", "--svg", "x.svg"], "cannot read locked.cwalk: permission denied"),
        (["import-csv", "locked.csv", "-o", "x.cwalk"], "cannot read locked.csv: permission denied"),
        (["export", "map.cwalk", "--pdf", "closed/x.pdf"], "could not write closed/x.pdf: permission denied"),
        (["export", "map.cwalk", "--pdf-dir", "closed/sub"], "permission denied"),
        (["new", "-o", "closed/n.cwalk", "--template", "blank"], "permission denied; nothing was written"),
        (["import-csv", "roster.csv", "-o", "closed/inside.cwalk", "--into"],
         "permission denied; the previous file is intact"),
        (["merge", "map.cwalk", "map.cwalk", "map.cwalk", "-o", "closed/m.cwalk"], "permission denied"),
    ]
    for args, expected in cases:
        assert expected in refused(*args, cwd=shared, user=user), args
    assert folder_state(shared) == before


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_an_export_cut_short_leaves_the_old_file_or_the_whole_new_one(work: Path, sig: int) -> None:
    out = work / "playbook.pdf"
    for delay in (0.1, 0.3, 0.6, 0.9, 1.2):
        out.write_bytes(b"the previous playbook")
        before = set(os.listdir(work))
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "export", str(work / "map.cwalk"),
                                 "--pdf", str(out)], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        past_first_line(proc)  # the delay counts from main.py's first lines, however busy the machine
        time.sleep(delay)
        proc.send_signal(sig)
        _stdout, stderr = proc.communicate(timeout=120)
        data = out.read_bytes()
        whole = data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
        assert data == b"the previous playbook" or whole
        left = set(os.listdir(work)) - before
        if sig == signal.SIGKILL:  # nothing can tidy up after SIGKILL: at most a hidden temporary file
            assert all(name.startswith(".") and name.endswith(".cwalk-tmp") for name in left), left
        else:  # SIGINT and SIGTERM unwind: no temporary file left beside it
            assert not left
        # Ctrl+C while it loads stops it quietly; once at work it says so; nothing else is said
        said = {"", "error: interrupted; nothing was left half-written\n"} if sig == signal.SIGINT else {""}
        assert stderr in said, (delay, stderr)
        assert proc.returncode in (0, 2, -sig)


def test_a_batch_with_good_and_bad_maps_writes_the_good_and_names_the_bad(work: Path) -> None:
    maps = work / "maps"
    maps.mkdir()
    for name in ("acme", "beta"):
        shutil.copy(EXAMPLE, maps / f"{name}.cwalk")
    (maps / "cut.cwalk").write_bytes(EXAMPLE.read_bytes()[:999])
    (maps / "empty.cwalk").write_bytes(b"")
    (maps / "folder.cwalk").mkdir()
    (maps / "future.cwalk").write_text(EXAMPLE.read_text("utf-8").replace('"format": 3', '"format": 99', 1))
    every = sorted(maps.iterdir())
    said = refused("export", *every, "--pdf-dir", work / "out")
    for bad in ("cut", "empty", "folder", "future"):
        assert f"{bad}.cwalk" in said
    assert len(said.splitlines()) == 4
    assert sorted(os.listdir(work / "out")) == ["acme.pdf", "beta.pdf"]
    (maps / "sub").mkdir()
    shutil.copy(EXAMPLE, maps / "sub" / "acme.cwalk")
    before = folder_state(work)
    assert "would both be written as" in refused("export", maps / "acme.cwalk", maps / "sub" / "acme.cwalk",
                                                 "--pdf-dir", work / "out2")
    assert folder_state(work) == before


def test_an_unknown_department_is_refused_with_the_maps_departments(work: Path) -> None:
    before = folder_state(work)
    for output in (["--pdf", work / "d.pdf"], ["--pdf-dir", work / "dd"]):
        said = refused("export", work / "map.cwalk", *output, "--department", "Nowhere & <Co> 😀")
        assert "no department 'Nowhere & <Co> 😀' on the map" in said and "Sales" in said
    assert "name at least one department" in refused("export", work / "map.cwalk", "--pdf", work / "d.pdf",
                                                     "--department", " ")
    assert "use it with --pdf or --pdf-dir" in refused("export", work / "map.cwalk", "--svg", work / "d.svg",
                                                       "--department", "Sales")
    assert folder_state(work) == before
    assert run("export", work / "map.cwalk", "--pdf", work / "d.pdf", "--department", "sales").returncode == 0


@pytest.mark.parametrize(("lock", "expected"), [
    (b"99999999999999999999999999", "its lock file cannot be read"),  # no such process could exist
    (b"0\n", "its lock file cannot be read"),
    (b"garbage\x1b[31m", "its lock file cannot be read"),
    (b"1\n\nhost\x1b]0;owned\x07\n\n", "host\\x1b]0;owned\\x07"),  # another computer's name, shown
])
def test_a_strange_lock_beside_a_map_refuses_the_write_in_plain_words(work: Path, lock: bytes,
                                                                       expected: str) -> None:
    (work / ".map.cwalk.lock").write_bytes(lock)
    before = folder_state(work)
    said = refused("import-csv", work / "roster.csv", "-o", work / "map.cwalk", "--into")
    assert expected in said and "nothing was written" in said
    assert "\x1b" not in said and "\x07" not in said
    assert folder_state(work) == before
