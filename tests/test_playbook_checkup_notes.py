"""A check-up note's date stays on the page of its note: in the example playbook the date
"15 Jun 2026" ended page 34 and its note opened page 35 alone."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from export.playbook import write_playbook
from model.storage.store import load
from tests.pdftext import pdf_text

EXAMPLE = Path(__file__).resolve().parents[1] / "assets" / "example.cwalk"


def test_every_check_up_note_is_on_the_page_of_its_date(tmp_path: Path) -> None:
    doc = load(EXAMPLE)
    out = tmp_path / "example.pdf"
    write_playbook(doc, out, today=dt.date(2026, 12, 4))
    pages = pdf_text(out).split("\f")
    notes = [c for c in doc.checkups.values() if c.note.strip()]
    assert len(notes) >= 2
    start = next(i for i, page in enumerate(pages) if "Notes" in [line.strip() for line in page.splitlines()])
    for checkup in notes:
        first_words = " ".join(checkup.note.split()[:4])
        page = next(i for i in range(start, len(pages)) if first_words in " ".join(pages[i].split()))
        lines = [line.strip() for line in pages[page].splitlines()]
        day = dt.date.fromisoformat(checkup.date)
        assert f"{day.day} {day.strftime('%b')} {day.year}" in lines, (checkup.date, page + 1)
