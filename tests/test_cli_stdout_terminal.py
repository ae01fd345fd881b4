"""A text export sent to a terminal (`--csv -`, `--svg -` ... with no redirection) shows a
map's control characters as escapes (`\\x1b`) instead of sending them to the terminal, as
every other verb prints map text: an ESC in a name could recolour, retitle or rewrite the
screen. Sent to a pipe or a file, the export is the data as it is."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.cli_harness import ROOT, run

ROSTER = 'name,title,hands_off_to\n"Ann\x1b]0;pwned\x07\x1b[2J",Buyer,Bob\nBob,Planner,\n'


def _map(folder: Path) -> None:
    (folder / "roster.csv").write_text(ROSTER, "utf-8")
    assert run("import-csv", "roster.csv", "-o", "map.cwalk", cwd=folder).returncode == 0


def _on_a_terminal(folder: Path, *args: str) -> bytes:
    """What a terminal would receive from `main.py ARGS` (standard output on a pseudo-terminal)."""
    main, child = pty.openpty()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=folder, env=env,
                            stdout=child, stderr=subprocess.PIPE)
    os.close(child)
    received = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        received += chunk
    _out, err = proc.communicate(timeout=120)
    os.close(main)
    assert proc.returncode == 0 and not err, err
    return received


def test_a_csv_on_a_terminal_shows_control_characters_as_escapes(tmp_path: Path) -> None:
    _map(tmp_path)
    shown = _on_a_terminal(tmp_path, "export", "map.cwalk", "--csv", "-")
    assert b"\x1b" not in shown and b"\x07" not in shown
    assert b"Ann\\x1b]0;pwned\\x07\\x1b[2J" in shown
    assert b"Bob" in shown


def test_a_csv_to_a_pipe_is_the_data_as_it_is(tmp_path: Path) -> None:
    _map(tmp_path)
    proc = run("export", "map.cwalk", "--csv", "-", cwd=tmp_path)
    assert "Ann\x1b]0;pwned\x07\x1b[2J" in proc.stdout
