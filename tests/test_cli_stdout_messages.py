"""An export to standard output (`OUT` is `-`) is made in a private temporary folder first;
what the command says about it names the map and standard output, never that folder (a
redacted export's warnings and a wrong --department named /tmp/contract-walk-…/export.pdf)."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli_harness import EXAMPLE, run


def test_redaction_warnings_name_the_map(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "map.cwalk")
    proc = run("export", "map.cwalk", "--ics", "-", "--redact", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("BEGIN:VCALENDAR")
    lines = proc.stderr.splitlines()
    assert lines and all(line.startswith("warning: map.cwalk: ") for line in lines), lines
    assert "contract-walk-" not in proc.stderr


def test_a_wrong_department_is_said_before_anything_is_written(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "map.cwalk")
    proc = run("export", "map.cwalk", "--pdf", "-", "--department", "Nope", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("error: no department 'Nope' on the map; its departments are: Sales")
    assert "contract-walk-" not in proc.stderr and "export.pdf" not in proc.stderr
