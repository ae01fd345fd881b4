"""Outside-in audit of `main.py export` and `main.py check`: odd targets and odd map files.

Each test is a regression test for a bug found by running the command line
on inputs the project had not seen.
"""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import main
from model.storage.store import save
from model.templates.catalog import build_template
from tests.test_cli_export import ROOT, run

FORMATS = ("pdf", "png", "svg", "graphml", "csv")


@pytest.fixture()
def acme(tmp_path: Path) -> Path:
    path = tmp_path / "acme.cwalk"
    save(build_template("services"), path)
    return path


@pytest.mark.parametrize("verb", ["check", "export"])
def test_a_pipe_or_a_device_as_the_map_is_refused_not_read_forever(
        verb: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pipe = tmp_path / "acme.cwalk"
    os.mkfifo(pipe)  # reading it would wait for a writer that never comes
    for source in (pipe, Path(os.devnull)):
        argv = [verb, str(source)] + (["--svg", str(tmp_path / "x.svg")] if verb == "export" else [])
        assert main.main(argv) == 2
        err = capsys.readouterr().err
        assert err.splitlines() == [f"error: {source} is not a regular file, so it cannot be a map"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.cwalk"]


@pytest.mark.parametrize("size", ["A4", "Letter", "LETTER"])
def test_page_size_in_any_case(
        size: str, acme: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.pdf"
    argv = [str(acme), "--pdf", str(out), "--page-size", size, "--sections", "cover"]
    code, stdout, err = run(argv, capsys)
    assert code == 0, err
    assert stdout.strip() == f"wrote {out}" and out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_write_reads_the_same_for_every_format_and_keeps_the_old_file(
        fmt: str, acme: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / f"old.{fmt}"
    out.write_bytes(b"the previous export")

    def refused(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    code, stdout, err = run([str(acme), f"--{fmt}", str(out), "--sections", "cover"] if fmt == "pdf"
                            else [str(acme), f"--{fmt}", str(out)], capsys)
    assert code == 2 and stdout == ""
    assert err.splitlines() == [f"error: could not write {out}: permission denied"]
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.cwalk", f"old.{fmt}"]  # no temp file left


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_folder_that_takes_no_files_is_not_called_missing(
        fmt: str, acme: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = f"/proc/contract-walk-audit.{fmt}"  # /proc exists, but creating a file there says ENOENT
    code, _out, err = run([str(acme), f"--{fmt}", target], capsys)
    assert code == 2
    assert err.splitlines() == [f"error: could not write {target}: that folder does not accept new files"]


def test_a_batch_where_every_map_fails_leaves_no_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.cwalk"
    bad.write_text("{ not a map")
    folder = tmp_path / "out" / "playbooks"
    code, stdout, err = run([str(bad), str(tmp_path / "missing.cwalk"), "--pdf-dir", str(folder)], capsys)
    assert code == 2 and stdout == "" and err.count("error: ") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.cwalk"]


def test_one_map_named_twice_in_a_batch_is_written_once(
        acme: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, err = run(["acme.cwalk", "./acme.cwalk", str(acme), "--pdf-dir", "out",
                             "--sections", "cover"],
                            capsys)
    assert code == 0, err
    assert stdout.splitlines() == [f"wrote {Path('out') / 'acme.pdf'}"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["acme.pdf"]


@pytest.mark.parametrize("name", ["acme.cwalk.bak1", "acme.cwalk.bak3", "ACME.CWALK.V1.BAK", "notes.json"])
def test_an_export_never_overwrites_a_backup_or_a_map_under_another_name(
        name: str, acme: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    precious = tmp_path / name
    shutil.copyfile(acme, precious)
    before = precious.read_bytes()
    for fmt in ("png", "csv"):
        code, _out, err = run([str(acme), f"--{fmt}", str(precious)], capsys)
        assert code == 2 and err.count("error: ") == 1 and "never overwrites a map" in err
    assert precious.read_bytes() == before


def test_an_ordinary_file_is_still_overwritten(
        acme: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "acme.cwalk.bak"  # not one of the map's backups: bak1..bak3, v1.bak
    old.write_text('{"just": "json"}')
    code, _out, err = run([str(acme), "--svg", str(old)], capsys)
    assert code == 0, err
    assert old.read_text().lstrip().startswith("<")


# ----- no verb, or a mistyped one -------------------------------------------------------------

def run_without_display(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("args, said", [
    (["exprot"], "error: unknown verb 'exprot'; did you mean 'export'?"),  # opened the app on a map 'exprot'
    (["chek", "acme.cwalk"], "error: unknown verb 'chek'; did you mean 'check'?"),  # was: unrecognized
    (["acme.cwalk"], "error: there is no display to open the app on"),  # Qt aborted the interpreter
])
def test_a_mistyped_verb_or_no_display_is_one_error_line(args: list[str], said: str) -> None:
    proc = run_without_display(*args)
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(said), proc.stderr
