"""Linux desktop integration, per user: a freedesktop desktop entry, a shared-mime-info type for
.cwalk maps and the icon, so a double-click on a map in the file manager opens it in the app.

Qt-free (it runs from the command line, which never loads Qt): plain files under
$XDG_DATA_HOME (default ~/.local/share), then the desktop's own cache tools when they are there.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from model.resources import APP_ID, EXTENSION, ICON_SIZES, MIME_TYPE, WM_CLASS, icon_png, icon_svg

DESKTOP_FILE = f"{APP_ID}.desktop"
MIME_FILE = f"{APP_ID}.xml"
MIME_ICON = MIME_TYPE.replace("/", "-")  # the icon name shared-mime-info looks up for the type
# what the Exec key's quoting rules reserve (Desktop Entry Specification, "The Exec key")
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class DesktopError(Exception):
    """Something the user can fix (an unwritable folder, an unsupported system): one sentence."""


@dataclass
class Outcome:
    """What an install or uninstall did, for the command to report."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def supported() -> bool:
    """freedesktop desktops: Linux and the BSDs (Windows and macOS use the bundle's association)."""
    return sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset, empty or relative (the spec says: ignore)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """How the desktop starts this very installation: the bundle's executable, the installed
    `contract-walk` command, or (a checkout) this Python with main.py."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).absolute())]
    invoked = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if invoked is not None and invoked.stem == APP_ID and invoked.is_file():
        return [str(invoked.absolute())]  # not resolved: pipx's link in ~/.local/bin survives upgrades
    beside = Path(sys.executable).parent / (APP_ID + (".exe" if os.name == "nt" else ""))
    if beside.is_file():
        return [str(beside.absolute())]
    spec = importlib.util.find_spec("main")
    script = Path(spec.origin) if spec is not None and spec.origin else Path("main.py")
    return [str(Path(sys.executable).absolute()), str(script.resolve())]


def exec_arg(arg: str) -> str:
    """One argument as the Exec key wants it: quoted when it holds a reserved character, with
    `"`, backquote, `$` and backslash escaped inside the quotes, and `%` doubled."""
    arg = arg.replace("%", "%%")
    if not arg or any(ch in _RESERVED for ch in arg):
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
        arg = f'"{inner}"'
    return arg


def _string_value(text: str) -> str:
    """A desktop entry string value: backslashes (and control characters) escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(command: list[str]) -> str:
    exec_line = " ".join(exec_arg(arg) for arg in command) + " %f"
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",  # the newest desktop-file-validate (Debian 12) knows
        "Name=Contract Walk",
        "GenericName=Contract Walk Map",
        "Comment=Map how a signed customer contract walks through your organisation",
        f"Exec={_string_value(exec_line)}",
        f"TryExec={_string_value(command[0])}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "StartupNotify=true",
        f"StartupWMClass={WM_CLASS}",
        "Categories=Office;ProjectManagement;",
        f"MimeType={MIME_TYPE};",
        "Keywords=contract;customer;hand-off;order-to-cash;playbook;coaching;",
    ]
    return "\n".join(lines) + "\n"


def mime_package() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">\n'
        f'  <mime-type type="{MIME_TYPE}">\n'
        "    <comment>Contract Walk map</comment>\n"
        "    <sub-class-of type=\"application/json\"/>\n"
        f'    <generic-icon name="{MIME_ICON}"/>\n'
        f'    <glob pattern="*{EXTENSION}"/>\n'
        "  </mime-type>\n"
        "</mime-info>\n"
    )


def planned(home: Path, command: list[str]) -> dict[Path, bytes]:
    """Every file an install writes, with its content (an uninstall removes exactly these)."""
    files = {
        home / "applications" / DESKTOP_FILE: desktop_entry(command).encode("utf-8"),
        home / "mime" / "packages" / MIME_FILE: mime_package().encode("utf-8"),
    }
    hicolor = home / "icons" / "hicolor"
    for size in ICON_SIZES:
        png = icon_png(size).read_bytes()
        files[hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = png
        files[hicolor / f"{size}x{size}" / "mimetypes" / f"{MIME_ICON}.png"] = png
    svg = icon_svg().read_bytes()
    files[hicolor / "scalable" / "apps" / f"{APP_ID}.svg"] = svg
    files[hicolor / "scalable" / "mimetypes" / f"{MIME_ICON}.svg"] = svg
    return files


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a temp file beside it, then a rename (never follows a link at `path`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _refresh(home: Path) -> list[str]:
    """Rebuild the user's MIME database and desktop-entry cache, with whichever tools exist;
    a missing or failing tool is a note (the desktop rescans at the next login), never an error."""
    notes = []
    for tool, folder in (("update-mime-database", home / "mime"),
                         ("update-desktop-database", home / "applications")):
        exe = shutil.which(tool)
        if exe is None:
            notes.append(f"{tool} is not installed: the desktop picks the change up at the next login")
            continue
        if not folder.is_dir():
            continue
        try:
            quiet = ["-q"] if tool == "update-desktop-database" else []
            done = subprocess.run([exe, *quiet, str(folder)],
                                  capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            notes.append(f"{tool} did not run ({exc}): the desktop picks the change up at the next login")
            continue
        if done.returncode != 0:
            detail = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
            notes.append(f"{tool} reported a problem ({detail})")
    return notes


def _check_supported() -> None:
    if not supported():
        raise DesktopError("--install-desktop and --uninstall-desktop are for Linux desktops; on Windows "
                           "and macOS the bundle carries the .cwalk file association")


def install(home: Path | None = None, command: list[str] | None = None) -> Outcome:
    """Write the desktop entry, the MIME type and the icons; on a failure, take back what this
    run created, so a half-installed type never lingers."""
    _check_supported()
    home = home or data_home()
    files = planned(home, command or launch_command())
    created: list[Path] = []
    try:
        for path, data in files.items():
            existed = path.exists()
            _write(path, data)
            if not existed:
                created.append(path)
    except OSError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        where = exc.filename or home
        raise DesktopError(f"cannot write the desktop files under {home} ({where}: "
                           f"{exc.strerror or exc}); nothing was installed") from None
    return Outcome(list(files), _refresh(home))


def uninstall(home: Path | None = None) -> Outcome:
    """Remove exactly the files an install writes (whatever command they were written for)."""
    _check_supported()
    home = home or data_home()
    removed = []
    try:
        for path in planned(home, ["contract-walk"]):
            if path.is_file() or path.is_symlink():
                path.unlink()
                removed.append(path)
    except OSError as exc:
        raise DesktopError(f"cannot remove {exc.filename} ({exc.strerror or exc})") from None
    return Outcome(removed, _refresh(home) if removed else [])
