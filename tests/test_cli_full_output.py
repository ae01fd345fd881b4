"""Standard output sent to a full disk (here /dev/full, which takes no byte) is the user's to
fix, not a bug: exit 2 and one `error: ` line saying so, never "unexpected problem", never a
line from Python's own flush at exit. What the verb wrote to its files is kept."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_harness import EXAMPLE, ROOT

SAID = "error: could not write to standard output: the disk is full\n"


def _to_full(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    with open("/dev/full", "w") as full:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=cwd,
                              env=env, stdout=full, stderr=subprocess.PIPE, text=True,
                              timeout=300, check=False)


@pytest.mark.parametrize("args", [
    ["check", "map.cwalk"], ["check", "map.cwalk", "--json"], ["show", "map.cwalk"],
    ["export", "map.cwalk", "--csv", "-"], ["export", "map.cwalk", "--pdf", "-"], ["--version"],
    ["what-if", "map.cwalk", "--leaves", "Maya Lindqvist"],
])
def test_output_to_a_full_disk_is_a_user_error(tmp_path: Path, args: list[str]) -> None:
    shutil.copy(EXAMPLE, tmp_path / "map.cwalk")
    proc = _to_full(*args, cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (2, SAID)


def test_a_map_made_before_its_report_line_failed_is_kept(tmp_path: Path) -> None:
    proc = _to_full("new", "-o", "new.cwalk", "--template", "blank", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (2, SAID)
    assert (tmp_path / "new.cwalk").read_bytes().lstrip().startswith(b"{")
