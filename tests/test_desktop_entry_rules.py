"""The desktop entry checker the install test relies on (tests/desktop_entry_check.py): it accepts
every entry `--install-desktop` writes, however odd the install path, and refuses entries that
break the specification; where desktop-file-validate is installed, the two agree on each sample."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from desktop_entry_check import problems

from gui.desktop import desktop_entry

COMMANDS = [
    ["/usr/bin/contract-walk"],
    ['/opt/Contract "Walk"/contract-walk'],
    ["/opt/a b\\c/cw"],
    ["/opt/100%/python3", "/home/me/cw/main.py"],
    ['/a/"q"$x`y\\z'],
    ["/home/李 آن 🙂/bin/contract-walk"],
    ["/tmp/it's here/cw", "/tmp/(x)|y;z&<w>*?#~/main.py"],
]
GOOD = desktop_entry(["/usr/bin/contract-walk"])


def swap(key: str, value: str | None) -> str:
    """The good entry with `key` set to `value` (None: the line taken out)."""
    lines = [line for line in GOOD.splitlines() if not line.startswith(f"{key}=")]
    if value is not None:
        lines.insert(2, f"{key}={value}")
    return "\n".join(lines) + "\n"


BAD = {
    "no group header": GOOD.replace("[Desktop Entry]\n", ""),
    "no Type": swap("Type", None),
    "no Name": swap("Name", None),
    "no Exec": swap("Exec", None),
    "unknown type": swap("Type", "Program"),
    "unknown key": GOOD + "Colour=blue\n",
    "key set twice": GOOD + "Terminal=false\n",
    "boolean spelled yes": swap("Terminal", "yes"),
    "list without ;": swap("Categories", "Office;ProjectManagement"),
    "unregistered category": swap("Categories", "Office;Contracts;"),
    "no main category": swap("Categories", "ProjectManagement;"),
    "bad MIME type": swap("MimeType", "contract-walk;"),
    "unquoted reserved character": swap("Exec", "/opt/$HOME/cw %f"),
    "unclosed quote": swap("Exec", '"/opt/a b/cw %f'),
    "unescaped quote char inside quotes": swap("Exec", '"/opt/a$b/cw" %f'),
    "quoted field code": swap("Exec", '"/opt/cw %f"'),
    "two file field codes": swap("Exec", "/usr/bin/cw %f %U"),
    "unknown field code": swap("Exec", "/usr/bin/cw %z"),
    "bad string escape": swap("Comment", "a \\q b"),
    "icon with extension": swap("Icon", "contract-walk.png"),
    "unknown version": swap("Version", "2.0"),
}


# refused here, let through by desktop-file-validate 0.26 (the specification says otherwise)
STRICTER = {"quoted field code", "bad string escape", "no Exec", "list without ;", "no main category"}


@pytest.mark.parametrize("command", COMMANDS, ids=range(len(COMMANDS)))
def test_every_entry_we_write_is_valid(command: list[str]) -> None:
    assert problems(desktop_entry(command)) == []


@pytest.mark.parametrize("name", list(BAD))
def test_an_entry_that_breaks_the_specification_is_refused(name: str) -> None:
    assert problems(BAD[name]) != [], name


def test_desktop_file_validate_agrees_where_it_is_installed(tmp_path: Path) -> None:
    """Not a condition for passing: without the tool, the cases above are the check; with it (a
    developer's machine, Debian's desktop-file-utils), whatever it refuses we refuse too, and
    we are stricter only in the places STRICTER names."""
    tool = shutil.which("desktop-file-validate")
    samples = {f"good {i}": desktop_entry(c) for i, c in enumerate(COMMANDS)} | BAD
    ours = {name: not problems(text) for name, text in samples.items()}
    assert sum(ours.values()) == len(COMMANDS)
    if tool is None:
        return
    theirs = {}
    for i, (name, text) in enumerate(samples.items()):
        path = tmp_path / f"sample{i}.desktop"
        path.write_text(text, encoding="utf-8")
        done = subprocess.run([tool, str(path)], capture_output=True, text=True)
        theirs[name] = done.returncode == 0 and "error" not in done.stdout
    assert [n for n in samples if ours[n] and not theirs[n]] == []  # nothing it refuses passes here
    assert {n for n in samples if theirs[n] and not ours[n]} <= STRICTER
