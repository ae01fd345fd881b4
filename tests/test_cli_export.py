"""`main.py export` as the command-line contract says (README.md, "Command line")."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from pypdf import PdfReader

import main
from export.playbook import SECTIONS
from model.storage.store import save
from model.templates.catalog import build_template
from tests.export_maps import small_map

ROOT = Path(__file__).resolve().parent.parent


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main.main(["export", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def maps(tmp_path: Path) -> dict[str, Path]:
    acme = tmp_path / "acme.cwalk"
    save(build_template("order-to-cash"), acme)
    hostile = tmp_path / "hostile.cwalk"
    save(small_map(), hostile)
    bad = tmp_path / "bad.cwalk"
    bad.write_text("{ not a map")
    return {"acme": acme, "hostile": hostile, "bad": bad}


@pytest.mark.parametrize(
    "flag,suffix", [("--png", "png"), ("--svg", "svg"), ("--graphml", "graphml"), ("--csv", "csv")]
)
def test_single_map_outputs_are_written(
    flag: str, suffix: str, maps: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"out.{suffix}"
    code, stdout, err = run([str(maps["hostile"]), flag, str(out)], capsys)
    assert code == 0, err
    assert stdout.startswith(f"wrote {out}") and stdout.count("\n") == 1
    data = out.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG")
    elif suffix == "graphml":
        assert len(nx.read_graphml(out, force_multigraph=True)) == 7
    elif suffix == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert len(rows) > 1
    else:
        assert b"<svg" in data


def test_pdf_playbook_with_chosen_sections(
    maps: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full, part = tmp_path / "full.pdf", tmp_path / "part.pdf"
    assert run([str(maps["acme"]), "--pdf", str(full), "--page-size", "letter"], capsys)[0] == 0
    code, stdout, err = run([str(maps["acme"]), "--pdf", str(part), "--sections", "map", "walk"], capsys)
    assert code == 0, err
    assert stdout.strip() == f"wrote {part}"
    assert 0 < len(PdfReader(part).pages) < len(PdfReader(full).pages)
    width = float(PdfReader(full).pages[1].mediabox.width)
    assert round(width) in (612, 792)  # letter, portrait or landscape


def test_several_maps_for_a_single_file_output_is_a_user_error(
    maps: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.png"
    code, stdout, err = run([str(maps["acme"]), str(maps["hostile"]), "--png", str(out)], capsys)
    assert code == 2 and err.startswith("error: ") and "--pdf-dir" in err
    assert not out.exists() and stdout == ""


def test_batch_writes_every_good_map_and_names_the_bad_one(
    maps: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new" / "playbooks"
    argv = [
        str(maps["acme"]),
        str(maps["bad"]),
        str(maps["hostile"]),
        "--pdf-dir",
        str(folder),
        "--sections",
        "cover,map",
    ]
    code, stdout, err = run(argv, capsys)
    assert code == 2
    assert sorted(p.name for p in folder.iterdir()) == ["acme.pdf", "hostile.pdf"]
    assert err.count("error: ") == 1 and err.startswith(f"error: {maps['bad']}: ")
    assert stdout.splitlines() == [f"wrote {folder / 'acme.pdf'}", f"wrote {folder / 'hostile.pdf'}"]
    code, _out, err = run([str(maps["acme"]), "--pdf-dir", str(folder), "--sections", "cover"], capsys)
    assert code == 0, err  # a second run overwrites


def test_batch_with_two_maps_of_one_name_writes_nothing(
    maps: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    twin = other / "acme.cwalk"
    save(small_map(), twin)
    folder = tmp_path / "out"
    code, stdout, err = run(
        [str(maps["hostile"]), str(maps["acme"]), str(twin), "--pdf-dir", str(folder)], capsys
    )
    assert code == 2 and "acme" in err and err.startswith("error: ")
    assert not folder.exists() and stdout == ""


def test_pdf_dir_that_is_a_file_is_refused(
    maps: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("keep me")
    code, _out, err = run([str(maps["acme"]), "--pdf-dir", str(blocker)], capsys)
    assert code == 2 and "not a folder" in err
    assert blocker.read_text() == "keep me"


def test_unknown_sections_list_the_valid_ones(
    maps: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.pdf"
    code, _out, err = run([str(maps["acme"]), "--pdf", str(out), "--sections", "map", "chapter9"], capsys)
    assert code == 2 and "'chapter9'" in err
    assert all(name in err for name in SECTIONS)
    assert not out.exists()


def test_unwritable_targets_write_nothing(
    maps: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no" / "such" / "map.png"
    code, _out, err = run([str(maps["acme"]), "--png", str(missing)], capsys)
    assert code == 2 and err.startswith("error: ") and "does not exist" in err
    folder = tmp_path / "folder.svg"
    folder.mkdir()
    code, _out, err = run([str(maps["acme"]), "--svg", str(folder)], capsys)
    assert code == 2 and "folder" in err
    assert list(folder.iterdir()) == []


def test_failed_write_keeps_the_existing_export(
    maps: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "keep.graphml"
    out.write_text("previous export")

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    code, stdout, err = run([str(maps["acme"]), "--graphml", str(out)], capsys)
    assert code == 2 and err.strip() == f"error: could not write {out}: the disk is full"
    assert out.read_text() == "previous export" and stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["acme.cwalk", "hostile.cwalk", "bad.cwalk", "keep.graphml"]
    )


def test_an_export_never_overwrites_a_map(maps: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    before = maps["hostile"].read_bytes()
    for target in (maps["hostile"], maps["acme"]):
        code, _out, err = run([str(maps["hostile"]), "--png", str(target)], capsys)
        assert code == 2 and "never overwrites a map" in err
    assert maps["hostile"].read_bytes() == before


def test_a_damaged_map_is_a_user_error(
    maps: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.svg"
    code, _out, err = run([str(maps["bad"]), "--svg", str(out)], capsys)
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err
    assert not out.exists()


def test_export_runs_as_a_real_process(maps: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "real.svg"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "export",
            str(maps["hostile"]),
            "--svg",
            str(out),
            "--redact",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {out}"
    assert "王小明" not in out.read_text(encoding="utf-8")
