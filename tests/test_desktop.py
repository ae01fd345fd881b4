"""`--install-desktop` / `--uninstall-desktop`: the desktop entry, the .cwalk MIME type and the
icons under $XDG_DATA_HOME, checked as files, the entry by the specification's rules in Python
(tests/desktop_entry_check.py) and by desktop-file-validate as well where it is installed."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop_entry_check import problems

from gui.desktop import desktop_entry, exec_arg, planned
from model.resources import ICON_SIZES

ROOT = Path(__file__).resolve().parent.parent
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_DATA_HOME"] = str(home)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=env, cwd=home.parent, timeout=120)


def entry_keys(text: str) -> dict[str, str]:
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def assert_valid_entry(entry: Path) -> None:
    """Valid by the specification, checked in Python on every machine (tests/desktop_entry_check.py),
    and by desktop-file-validate as well where desktop-file-utils is installed."""
    assert problems(entry.read_text("utf-8")) == []
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert check.returncode == 0 and check.stdout.strip() == "", check.stdout


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_install_writes_a_valid_entry_the_mime_type_and_icons_and_uninstall_removes_them(tmp_path):
    home = tmp_path / "share"
    done = run("--install-desktop", home=home)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    entry = home / "applications" / "contract-walk.desktop"
    keys = entry_keys(entry.read_text("utf-8"))
    assert keys["Type"] == "Application" and keys["Name"] == "Contract Walk"
    assert keys["MimeType"] == "application/x-contract-walk;"
    assert keys["Icon"] == "contract-walk" and keys["Terminal"] == "false"
    # a checkout: this Python with this main.py, the file the file manager passes at the end
    assert keys["Exec"].endswith(" %f")
    assert sys.executable in keys["Exec"] and str(ROOT / "main.py") in keys["Exec"]
    assert_valid_entry(entry)

    package = ET.parse(home / "mime" / "packages" / "contract-walk.xml").getroot()
    mime = package.find(f"{MIME_NS}mime-type")
    assert mime is not None and mime.get("type") == "application/x-contract-walk"
    globs = [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")]
    assert globs == ["*.cwalk"]
    if shutil.which("update-mime-database"):  # the database was rebuilt: the file manager knows .cwalk
        assert "application/x-contract-walk:*.cwalk" in (home / "mime" / "globs2").read_text("utf-8")
    if shutil.which("update-desktop-database"):
        cache = (home / "applications" / "mimeinfo.cache").read_text("utf-8")
        assert "application/x-contract-walk=contract-walk.desktop;" in cache

    hicolor = home / "icons" / "hicolor"
    for size in ICON_SIZES:
        folder = hicolor / f"{size}x{size}"
        assert png_size(folder / "apps" / "contract-walk.png") == (size, size)
        assert png_size(folder / "mimetypes" / "application-x-contract-walk.png") == (size, size)
    svg = (hicolor / "scalable" / "apps" / "contract-walk.svg").read_text("utf-8")
    assert svg.lstrip().startswith("<?xml")
    assert str(entry) in done.stdout and "--uninstall-desktop" in done.stdout

    written = [p for p in home.rglob("*") if p.is_file()]
    again = run("--install-desktop", home=home)  # twice is fine: the same files, rewritten
    assert again.returncode == 0, again.stderr

    gone = run("--uninstall-desktop", home=home)
    assert gone.returncode == 0, gone.stderr
    ours = [p for p in written
            if p.parent.name in ("apps", "mimetypes", "packages") or p.suffix == ".desktop"]
    assert len(ours) == 2 + 2 * len(ICON_SIZES) + 2
    assert [p for p in ours if p.exists()] == []
    if shutil.which("update-mime-database"):
        assert "x-contract-walk" not in (home / "mime" / "globs2").read_text("utf-8")
    nothing = run("--uninstall-desktop", home=home)
    assert nothing.returncode == 0 and "nothing to remove" in nothing.stdout


def test_an_unwritable_data_folder_is_an_error_and_leaves_nothing_behind(tmp_path):
    blocker = tmp_path / "share"
    blocker.mkdir()
    (blocker / "icons").write_text("a file where the icons folder should be")
    done = run("--install-desktop", home=blocker)
    assert done.returncode == 2
    assert done.stderr.startswith("error: cannot write the desktop files") and "Traceback" not in done.stderr
    assert sorted(p.name for p in blocker.rglob("*") if p.is_file()) == ["icons"]


def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_says():
    assert exec_arg("/usr/bin/contract-walk") == "/usr/bin/contract-walk"
    assert exec_arg("/home/me/My Apps/cw") == '"/home/me/My Apps/cw"'
    assert exec_arg('/a/"q"$x`y\\z') == '"/a/\\"q\\"\\$x\\`y\\\\z"'
    assert exec_arg("/opt/100%/cw") == "/opt/100%%/cw"
    # in the file, a string value escapes its backslashes once more
    keys = entry_keys(desktop_entry(["/opt/a b\\c/cw"]))
    assert keys["Exec"] == '"/opt/a b\\\\\\\\c/cw" %f'


def test_a_path_with_spaces_and_quotes_gives_an_entry_desktop_file_validate_accepts(tmp_path):
    files = planned(tmp_path, ['/opt/Contract "Walk"/contract-walk'])
    entry = next(p for p in files if p.suffix == ".desktop")
    entry.parent.mkdir(parents=True)
    entry.write_bytes(files[entry])
    assert entry_keys(entry.read_text("utf-8"))["Exec"] == '"/opt/Contract \\\\"Walk\\\\"/contract-walk" %f'
    assert_valid_entry(entry)


def test_the_desktop_options_never_load_qt(tmp_path):
    probe = ("import sys, main; code = main.main(sys.argv[1:]); "
             "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NO-QT', code)")
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"))
    for args in (["--install-desktop"], ["--uninstall-desktop"], ["--version"]):
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT,
                              env=env, timeout=120)
        assert done.stdout.strip().splitlines()[-1] == "NO-QT 0", (args, done.stdout, done.stderr)


def test_the_entry_names_the_window_class_the_app_really_has():
    """Docks that match a window to its entry by WM_CLASS find the running app (no second icon)."""
    from gui.app import APP
    from gui.desktop import desktop_entry

    assert f"StartupWMClass={APP}\n" in desktop_entry(["contract-walk"])
