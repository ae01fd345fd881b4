"""Maps in shared folders and special files: links, devices, pipes, absurd numbers, stray output.

Nothing here touches the real /dev/null: device nodes and links to them are made in tmp_path.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import stat
from pathlib import Path

import pytest

import main
from model.storage.atomic import STALE_TEMP_S, TEMP_TAG
from model.storage.store import backup_state, load, save
from model.templates.catalog import build_template

FIXTURES = Path(__file__).parent / "fixtures"


def listing(folder: Path) -> dict[str, tuple[int, float]]:
    return {p.name: (p.lstat().st_size, p.lstat().st_mtime) for p in folder.iterdir()}


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def a_map(path: Path, title: str = "Acme") -> Path:
    doc = build_template("order-to-cash")
    doc.update_meta(title=title)
    save(doc, path)
    return path


# ----- 4. a symlinked map ----------------------------------------------------------------------
def test_saving_over_a_symlinked_map_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    real_dir, link_dir = tmp_path / "real", tmp_path / "work"
    real_dir.mkdir()
    link_dir.mkdir()
    real = a_map(real_dir / "acme.cwalk", "first")
    link = link_dir / "acme.cwalk"
    link.symlink_to(real)
    doc = load(link)
    doc.update_meta(title="second")
    save(doc, link)
    assert link.is_symlink() and link.resolve() == real
    assert load(real).meta.title == "second"
    assert load(real_dir / "acme.cwalk.bak1").meta.title == "first"  # the backup beside the target
    assert sorted(p.name for p in link_dir.iterdir()) == ["acme.cwalk"]


def test_a_link_to_nowhere_is_not_written_through(tmp_path: Path) -> None:
    link = tmp_path / "acme.cwalk"
    link.symlink_to(tmp_path / "elsewhere" / "planted.cwalk")
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(Exception, match="link to .*does not exist"):
        save(build_template("blank"), link)
    assert list((tmp_path / "elsewhere").iterdir()) == []


# ----- 6. reading never writes -------------------------------------------------------------------
def test_check_and_export_of_an_old_format_map_write_nothing_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    old = maps / "old.cwalk"
    shutil.copy(FIXTURES / "format-v1.cwalk", old)
    before = listing(maps)
    assert cli(capsys, "check", str(old))[0] == 0
    assert cli(capsys, "export", str(old), "--svg", str(tmp_path / "old.svg"))[0] == 0
    load(old)
    assert listing(maps) == before  # no old.cwalk.v1.bak, no temp file, nothing


# ----- 7. files made beside a map never follow a planted link -------------------------------------
def test_links_planted_at_the_backup_names_are_replaced_never_written_through(tmp_path: Path) -> None:
    maps, victims = tmp_path / "shared", tmp_path / "victim"
    maps.mkdir()
    victims.mkdir()
    old = maps / "old.cwalk"
    shutil.copy(FIXTURES / "format-v1.cwalk", old)
    names = ["old.cwalk.bak1", "old.cwalk.bak2", "old.cwalk.bak3", "old.cwalk.v1.bak"]
    for name in names:
        (victims / name).write_text("precious")
        (maps / name).symlink_to(victims / name)
    (maps / "old.cwalk.bak.tmp").symlink_to(victims / "dangling")  # an earlier version's temp name
    doc = load(old)
    save(doc, old)
    save(doc, old)
    assert all((victims / name).read_text() == "precious" for name in names)
    assert not (victims / "dangling").exists()
    assert (maps / "old.cwalk.v1.bak").read_bytes() == (FIXTURES / "format-v1.cwalk").read_bytes()
    assert not (maps / "old.cwalk.v1.bak").is_symlink()


# ----- 8. exports to special files ---------------------------------------------------------------
def special_targets(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    to_pipe = tmp_path / "to-pipe.svg"
    to_pipe.symlink_to(fifo)
    folder = tmp_path / "folder.svg"
    folder.mkdir()
    found = {"a pipe": fifo, "a link to a pipe": to_pipe, "a folder": folder}
    if os.geteuid() == 0:  # a private copy of /dev/null (making one needs root; as root the real
        device = tmp_path / "null-device"  # one would be replaced by a rename, so never use it)
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        to_device = tmp_path / "to-device.svg"
        to_device.symlink_to(device)
        found.update({"a device": device, "a link to a device": to_device})
    return found


@pytest.mark.parametrize("fmt", ["svg", "csv", "graphml", "png", "pdf"])
def test_an_export_never_replaces_a_device_a_pipe_or_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    source = a_map(tmp_path / "acme.cwalk")
    for what, target in special_targets(tmp_path).items():
        kind = stat.S_IFMT(os.lstat(target).st_mode)
        code, out, err = cli(capsys, "export", str(source), f"--{fmt}", str(target))
        assert code == 2, what
        assert err.startswith("error: ") and len(err.splitlines()) == 1, err
        assert stat.S_IFMT(os.lstat(target).st_mode) == kind, f"{what} was replaced"
        assert out == ""
    assert stat.S_ISFIFO(os.stat(tmp_path / "to-pipe.svg").st_mode)


@pytest.mark.parametrize("fmt,start", [("svg", b"<?xml"), ("csv", b"name"), ("graphml", b"<?xml"),
                                       ("pdf", b"%PDF"), ("png", b"\x89PNG")])
def test_dash_writes_the_export_to_standard_output(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes], fmt: str, start: bytes
) -> None:
    source = a_map(tmp_path / "acme.cwalk")
    before = listing(tmp_path)
    assert main.main(["export", str(source), f"--{fmt}", "-"]) == 0
    out, err = capfdbinary.readouterr()
    assert out.lstrip(b"\xef\xbb\xbf").startswith(start) and err == b""
    assert listing(tmp_path) == before  # no file named "-", nothing else either


# ----- 10. absurd numbers -------------------------------------------------------------------------
@pytest.mark.parametrize("field,value", [
    ("pos", [1e9, 0.0]), ("pos", [0.0, -1e308]), ("pos", [10**400, 0]), ("lane_height", 1e12),
    ("lane_height", 1e308), ("lane_height", -5.0)])
def test_absurd_numbers_are_called_damage_by_check_and_every_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: object
) -> None:
    path = a_map(tmp_path / "absurd.cwalk")
    data = json.loads(path.read_text("utf-8"))
    table = data["people" if field == "pos" else "departments"]
    table["1"][field] = value
    path.write_text(json.dumps(data), "utf-8")
    for argv in (["check", str(path)], *(["export", str(path), f"--{fmt}", str(tmp_path / f"o.{fmt}")]
                                         for fmt in ("pdf", "png", "svg"))):
        code, _out, err = cli(capsys, *argv)
        assert code == 2, argv
        assert err.startswith("error: ") and "damaged" in err and len(err.splitlines()) == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["absurd.cwalk"]


def test_the_largest_accepted_numbers_still_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from model.storage.schema import MAX_COORDINATE, MAX_LANE_HEIGHT

    doc = build_template("order-to-cash")
    for n, person in enumerate(doc.people.values()):
        person.pos = ((-1) ** n * MAX_COORDINATE, (-1) ** (n // 2) * MAX_COORDINATE)
    for dept in doc.departments.values():
        dept.lane_height = MAX_LANE_HEIGHT
    save(doc, tmp_path / "edge.cwalk")
    for fmt in ("pdf", "svg"):
        target = str(tmp_path / f"e.{fmt}")
        sections = ["--sections", "map"] if fmt == "pdf" else []  # the map pages are what grows
        code, _out, err = cli(capsys, "export", str(tmp_path / "edge.cwalk"), f"--{fmt}", target, *sections)
        assert code == 0 and err == ""


# ----- 13. stderr carries only prefixed lines; killed exports are swept up --------------------------
def test_log_messages_and_multi_line_errors_come_out_as_prefixed_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import model.analysis.insights

    path = a_map(tmp_path / "acme.cwalk")
    real = model.analysis.insights.analyse

    def noisy(*args: object, **kwargs: object) -> object:
        logging.getLogger("model.analysis.insights").warning("first line\nsecond line")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(model.analysis.insights, "analyse", noisy)
    code, _out, err = cli(capsys, "check", str(path))
    assert code == 0 and err.splitlines() == ["warning: first line", "warning: second line"]

    def two_lines(_args: object) -> int:
        raise main.UserError("one problem\nexplained on a second line")

    monkeypatch.setitem(main.COMMANDS, "check", two_lines)
    code, _out, err = cli(capsys, "check", str(path))
    assert code == 2 and err.splitlines() == ["error: one problem", "error: explained on a second line"]


def test_temp_files_of_a_killed_export_are_swept_up_next_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = a_map(tmp_path / "acme.cwalk")
    out = tmp_path / "out.svg"
    old = tmp_path / f".out.svg.0badc0de{TEMP_TAG}"
    legacy = tmp_path / ".out.svg.k3j_x9a1.part"  # how the app's exports named them before
    fresh = tmp_path / f".out.svg.feedf00d{TEMP_TAG}"  # another export, under way right now
    planted = tmp_path / f".out.svg.deadbeef{TEMP_TAG}"  # not ours: a link someone put there
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    planted.symlink_to(victim)
    for temp in (old, legacy, fresh):
        temp.write_bytes(b"half an export")
    for temp in (old, legacy):
        os.utime(temp, (temp.stat().st_mtime - 2 * STALE_TEMP_S,) * 2)
    os.utime(planted, (0, 0), follow_symlinks=False)
    assert cli(capsys, "export", str(source), "--svg", str(out))[0] == 0
    assert not old.exists() and not legacy.exists()
    assert fresh.exists() and planted.is_symlink() and victim.read_text() == "keep me"
    assert backup_state(source)["acme.cwalk"] is not None
