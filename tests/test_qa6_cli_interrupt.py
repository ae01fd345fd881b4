"""Ctrl+C in the first moment of a command (while argparse reads the options and loads its
translations) printed a KeyboardInterrupt traceback; now it ends like any interrupt: one
`error:` line, exit 2, nothing written. (tests/test_cli_hostile_paths.py meets this moment
by chance, when the machine is slow.)"""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

import main


def test_an_interrupt_while_the_options_are_read_says_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def interrupted(self: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # what SIGINT raises at that moment

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", interrupted)
    out = tmp_path / "acme.cwalk"
    assert main.main(["new", "-o", str(out), "--template", "blank"]) == 2
    err = capsys.readouterr().err
    assert err == "error: interrupted; nothing was left half-written\n"
    assert not out.exists()
