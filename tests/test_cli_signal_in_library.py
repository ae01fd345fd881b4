"""A signal that reaches an export while reportlab opens a font: reportlab turns whatever is
raised in there into its own "Can't open file" error, which the command line reported as an
"unexpected problem" (CI met it by chance: SIGTERM 0.3 s into an export). The ending must be the
signal's whatever a library makes of the unwinding: SIGTERM ends quietly as killed, Ctrl+C says
it was interrupted; the previous playbook is intact and no temporary file is left."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_harness import EXAMPLE, ROOT

# Run the real command (argv from the command line, so the signal handlers are installed) and
# send the signal to ourselves the first time reportlab opens a font file, inside the bare
# `except:` of reportlab's open_for_read.
_SCRIPT = """
import os, signal, sys
sys.path.insert(0, {root!r})
from reportlab.lib import utils
opened = utils.open_for_read_by_name
def open_then_signal(name, *args, **kwargs):
    if str(name).endswith(".ttf") and not getattr(open_then_signal, "sent", False):
        open_then_signal.sent = True
        os.kill(os.getpid(), {sig})
    return opened(name, *args, **kwargs)
utils.open_for_read_by_name = open_then_signal
sys.argv = ["main.py", "export", "map.cwalk", "--pdf", "playbook.pdf"]
import main
sys.exit(main.main())
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_a_font_opens_ends_as_the_signal(tmp_path: Path, sig: int) -> None:
    shutil.copy(EXAMPLE, tmp_path / "map.cwalk")
    out = tmp_path / "playbook.pdf"
    out.write_bytes(b"the previous playbook")
    before = set(os.listdir(tmp_path))
    proc = subprocess.run([sys.executable, "-c", _SCRIPT.format(root=str(ROOT), sig=int(sig))],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert out.read_bytes() == b"the previous playbook"
    assert set(os.listdir(tmp_path)) == before
    if sig == signal.SIGTERM:
        assert (proc.returncode, proc.stderr) == (-signal.SIGTERM, "")
    else:
        assert (proc.returncode, proc.stderr) == (2, "error: interrupted; nothing was left half-written\n")
