"""The verbs that write a map keep out of one the app has open: they read its lock as the app does."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from model.storage.lockfile import lock_path_for

ROOT = Path(__file__).resolve().parent.parent

def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    return proc


@pytest.fixture
def acme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "acme.cwalk"
    assert run("new", "-o", path, "--template", "order-to-cash").returncode == 0
    return path


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    rows = ["name,title,department", "Zoë <Ångström> & co,Engineer,Engineering", "李雷,Buyer,Procurement"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def app_holds(acme: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The app itself, started on the map (offscreen), holding its lock until the test ends."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), str(acme)], cwd=acme.parent, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        owner = acme.with_name(f".{acme.name}.owner")  # written once the lock is taken
        deadline = time.monotonic() + 90
        while f'"pid": {child.pid}' not in (owner.read_text("utf-8") if owner.exists() else ""):
            assert child.poll() is None and time.monotonic() < deadline, "the app did not open the map"
            time.sleep(0.1)
        yield child
    finally:
        child.kill()
        child.wait()


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_import_into_refuses_a_map_the_app_has_open_and_names_who(
        acme: Path, roster: Path, app_holds: subprocess.Popen[bytes]) -> None:
    before = folder_state(acme.parent)
    proc = run("import-csv", roster, "-o", acme, "--into")
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert f"{acme} is open in Contract Walk of user" in lines[0]
    assert f"process {app_holds.pid}" in lines[0] and "close it in the app" in lines[0]
    assert "nothing was written" in lines[0]
    assert proc.stdout == ""  # not even the merge preview
    assert folder_state(acme.parent) == before  # the map, no backups, the lock untouched


def test_the_merge_goes_ahead_once_the_app_has_closed_the_map(
        acme: Path, roster: Path, app_holds: subprocess.Popen[bytes]) -> None:
    assert run("import-csv", roster, "-o", acme, "--into").returncode == 2
    os.kill(app_holds.pid, signal.SIGKILL)  # an app that crashed leaves its lock: stale, as the app sees it
    app_holds.wait()
    assert lock_path_for(acme).exists()
    proc = run("import-csv", roster, "-o", acme, "--into")
    assert proc.returncode == 0, proc.stderr
    assert "+ 李雷" in proc.stdout


def test_other_verbs_that_write_a_map_refuse_it_too(acme: Path, app_holds: subprocess.Popen[bytes]) -> None:
    before = acme.read_bytes()
    forced = run("new", "-o", acme, "--template", "blank", "--force")
    forms = run("import-forms", acme, acme.with_name("form.pdf"))
    for proc in (forced, forms):
        assert proc.returncode == 2
        assert proc.stderr.startswith(f"error: {acme} is open in Contract Walk of user"), proc.stderr
    assert acme.read_bytes() == before


def test_a_lock_from_another_computer_refuses_and_says_how_to_proceed(acme: Path, roster: Path) -> None:
    # QLockFile's lines: pid, application, host, machine id, boot id
    lock_path_for(acme).write_text("4242\npython3\nlaptop-of-mira\nabc\ndef\n", encoding="utf-8")
    before = acme.read_bytes()
    proc = run("import-csv", roster, "-o", acme, "--into")
    assert proc.returncode == 2
    assert "on the computer “laptop-of-mira”" in proc.stderr
    assert "take over the lock when asked" in proc.stderr
    assert acme.read_bytes() == before


def test_a_link_at_the_locks_name_is_no_lock(acme: Path, roster: Path, tmp_path: Path) -> None:
    lock_path_for(acme).symlink_to(tmp_path / "elsewhere")  # the app clears such a name, as no lock of ours
    proc = run("import-csv", roster, "-o", acme, "--into")
    assert proc.returncode == 0, proc.stderr
