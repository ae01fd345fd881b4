"""Shared test set-up: Qt runs offscreen, the repo root is importable, and each test process has
its own data and settings folders.

The suite runs on every core (`python3 dev.py test` passes `-n auto` to pytest-xdist): two worker
processes opening windows at once must not share the app's autosaves, its single-instance socket
(named after the data folder) or its QSettings file, and no test may touch the user's own. A
test that needs a folder of its own still sets it (monkeypatch.setenv), as many do."""
from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_PRIVATE = Path(tempfile.mkdtemp(prefix="contract-walk-tests-"))
atexit.register(shutil.rmtree, _PRIVATE, ignore_errors=True)
os.environ["CONTRACTWALK_DATA_DIR"] = str(_PRIVATE / "data")  # model.storage.recovery.DATA_DIR_ENV
os.environ["XDG_CONFIG_HOME"] = str(_PRIVATE / "config")  # where QSettings keeps the app's settings
