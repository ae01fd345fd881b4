"""Many findings of one kind print compactly, several to a tinted panel; a gap parts one finding
from the next (their lines ran together into one block, each finding two or three lines long)."""
from __future__ import annotations

import ctypes
import datetime as dt
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from export.playbook import write_playbook
from tests.export_maps import large_map

TITLE = "Departments that measure the customer differently"


def _line_gaps(path: Path) -> list[float]:
    """The distances between the baselines of the 8.5 pt lines on the first page of the group."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            tp = page.get_textpage()
            if TITLE not in tp.get_text_range():
                continue
            height = page.get_height()
            ys: set[float] = set()
            for i in range(raw.FPDFText_CountChars(tp.raw)):
                if raw.FPDFText_IsGenerated(tp.raw, i) or not chr(raw.FPDFText_GetUnicode(tp.raw, i)).strip():
                    continue
                x, y = ctypes.c_double(), ctypes.c_double()
                raw.FPDFText_GetCharOrigin(tp.raw, i, ctypes.byref(x), ctypes.byref(y))
                if abs(raw.FPDFText_GetFontSize(tp.raw, i) - 8.5) < 0.01 and 80 < y.value < height - 110:
                    ys.add(round(y.value, 1))
            lines = sorted(ys, reverse=True)
            return [round(a - b, 1) for a, b in zip(lines, lines[1:], strict=False)]
    finally:
        pdf.close()
    raise AssertionError("no page with the group")


def test_compact_findings_are_parted_by_a_gap(tmp_path: Path) -> None:
    out = tmp_path / "many.pdf"
    write_playbook(large_map(80, 20), out, sections=["insights"], today=dt.date(2026, 11, 23))
    gaps = _line_gaps(out)
    assert len(gaps) > 12
    within, between = min(gaps), max(gaps)
    assert between - within >= 4.5, gaps  # a finding's own lines, then the gap before the next
