"""A fault-injecting file system for tests: the k-th file operation fails (a full disk) or kills.

Every step a save takes goes through one of the os functions patched here, so a test can make
step k fail with ENOSPC (the code then cleans up) or "kill" the process there (every later file
operation raises `Killed`, a BaseException, so no cleanup runs: the disk stays as a kill -9 leaves it).
"""
from __future__ import annotations

import errno
import os
from collections.abc import Callable
from typing import Any

import pytest

PATCHED = ("open", "write", "fsync", "link", "replace", "rename", "unlink", "fchmod", "symlink")


class Killed(BaseException):
    """The process 'died' here."""


class Faults:
    """Counts file operations; fails (or kills) at operation `fail_at` (None: never)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail_at: int | None = None,
                 kill: bool = False) -> None:
        self.fail_at = fail_at
        self.kill = kill
        self.count = 0
        self.dead = False
        self.failed: str | None = None
        for name in PATCHED:
            monkeypatch.setattr(os, name, self._wrap(name, getattr(os, name)))

    def _wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def patched(*args: Any, **kwargs: Any) -> Any:
            if self.dead:
                raise Killed(name)
            step = self.count
            self.count += 1
            if step == self.fail_at:
                self.failed = name
                if self.kill:
                    self.dead = True
                    raise Killed(name)
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(*args, **kwargs)

        return patched
