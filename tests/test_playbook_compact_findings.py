"""Many findings of one kind print compactly, several to a tinted panel; a gap parts one finding
from the next (their lines ran together into one block, each finding two or three lines long)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from export.playbook import write_playbook
from tests.export_maps import large_map
from tests.pdftext import page_chars

TITLE = "Departments that measure the customer differently"


def _line_gaps(path: Path) -> list[float]:
    """The distances between the baselines of the 8.5 pt lines on the first page of the group."""
    chars = page_chars(path, TITLE)
    top = max(y for _ch, _x, y, _s in chars)
    ys = {round(y, 1) for ch, _x, y, size in chars
          if ch.strip() and abs(size - 8.5) < 0.01 and 80 < y < top - 60}  # not the header, footer
    lines = sorted(ys, reverse=True)
    return [round(a - b, 1) for a, b in zip(lines, lines[1:], strict=False)]


def test_compact_findings_are_parted_by_a_gap(tmp_path: Path) -> None:
    out = tmp_path / "many.pdf"
    write_playbook(large_map(80, 20), out, sections=["insights"], today=dt.date(2026, 11, 23))
    gaps = _line_gaps(out)
    assert len(gaps) > 12
    within, between = min(gaps), max(gaps)
    assert between - within >= 4.5, gaps  # a finding's own lines, then the gap before the next
