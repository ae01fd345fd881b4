"""Running `main.py` as a user does, and checking the command-line contract on every run.

Every run asserts what holds whatever the input: no traceback, exit 0 or 2 (1 only where
a verb documents it), and stderr made only of `error: ` / `warning: ` lines, at least one
`error: ` line when the exit is 2. `folder_state` snapshots a folder so a test can say a
refused command wrote nothing.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assets" / "example.cwalk"


def run(*args: str | Path, cwd: Path | None = None, user: int | None = None,
        allowed: tuple[int, ...] = (0, 2)) -> subprocess.CompletedProcess[str]:
    """`python main.py ARGS`, as another user id when `user` is given (root only)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    prefix: list[str] = []
    if user is not None:
        prefix = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
        env["HOME"] = str(cwd or ROOT)
    proc = subprocess.run([*prefix, sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          cwd=cwd or ROOT, env=env, capture_output=True, text=True,
                          errors="replace", timeout=300, check=False)
    said = proc.stdout + proc.stderr
    assert "Traceback" not in said, said
    assert "unexpected problem" not in proc.stderr, proc.stderr
    assert proc.returncode in allowed, (proc.returncode, proc.stderr)
    lines = proc.stderr.splitlines()
    assert all(line.startswith(("error: ", "warning: ")) for line in lines), proc.stderr
    if proc.returncode == 2:
        assert any(line.startswith("error: ") for line in lines), proc.stderr
    return proc


def errors(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [line[len("error: "):] for line in proc.stderr.splitlines() if line.startswith("error: ")]


def refused(*args: str | Path, cwd: Path | None = None, user: int | None = None) -> str:
    """Run a command that must be refused; returns its error lines joined (for `in` checks)."""
    proc = run(*args, cwd=cwd, user=user)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    return "\n".join(errors(proc))


def folder_state(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder` with its bytes (None for a folder), to compare before and after."""
    state: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            state[str(path.relative_to(folder))] = os.readlink(path).encode()
        elif path.is_file():
            state[str(path.relative_to(folder))] = path.read_bytes()
        elif path.is_dir():
            state[str(path.relative_to(folder))] = None
    return state


def past_first_line(proc: subprocess.Popen[str], timeout_s: float = 60.0) -> None:
    """Wait until a started `python main.py` has run its first lines (Linux: /proc): Python's own
    start-up is done (SIGPIPE ignored, as Python sets it) and Ctrl+C no longer raises Python's
    KeyboardInterrupt (main.py stops quietly while its modules load). A signal sent earlier meets
    the interpreter itself, whatever the app does: a test that times a signal counts from here,
    not from Popen (on a loaded machine 0.1 s after Popen is still inside `import signal`)."""
    deadline = time.monotonic() + timeout_s
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            fields = dict(line.split(":\t", 1) for line in
                          Path(f"/proc/{proc.pid}/status").read_text().splitlines() if ":\t" in line)
        except OSError:
            return  # ended meanwhile
        ignored, caught = int(fields.get("SigIgn", "0"), 16), int(fields.get("SigCgt", "0"), 16)
        if ignored & 1 << (signal.SIGPIPE - 1) and not caught & 1 << (signal.SIGINT - 1):
            return
        time.sleep(0.001)
