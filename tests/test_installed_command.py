"""The installed command names itself: every hint says `contract-walk --help`, never the
`main.py` of a checkout the user does not have (the no-display and bad-option hints did)."""
from __future__ import annotations

import sys

import pytest

import main


@pytest.mark.parametrize("argv", [["--bogus"], []])
def test_hints_name_the_command_the_user_typed(argv, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["/home/user/.local/bin/contract-walk"])
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    try:
        code = main.main(argv)
    except SystemExit as exc:  # argparse's own exit, for an unknown option
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "'contract-walk --help'" in err and "main.py" not in err
