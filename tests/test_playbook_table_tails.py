"""A playbook table never leaves one or two of its rows alone on a page under the repeated
header: on Letter paper the map overview of a map with many departments printed its last row,
'Customers', on a page of its own, and the flows between departments their last flow so.

Found by reading the pages of maps nobody planned for (session 10's outside test). Also: the
flows' label no longer takes the whole long table to a new page (the page before was left
all but empty)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib import colors

from export.fonts import register_fonts
from export.pdf.table import MIN_TAIL_ROWS, ROW_H, TableRow, TextTable
from export.playbook import write_playbook
from model.roster.reading import parse_roster
from model.roster.to_map import roster_to_document
from model.stages import STAGE_IDS
from tests.pdftext import pdf_text

WIDTH = 500.0


def _table(n: int) -> TextTable:
    register_fonts()
    rows = [TableRow([f"Department {i:02d}", str(i)], bar=colors.red) for i in range(n)]
    return TextTable(["Department", "All"], [0.8, 0.2], rows)


def _parts(n: int, room: float) -> list[int]:
    table = _table(n)
    table.wrap(WIDTH, room)
    return [len(part.rows) for part in table.split(WIDTH, room)]


@pytest.mark.parametrize("n", [4, 5, 6, 10, 47])
def test_no_split_leaves_a_short_tail_or_a_stray_first_row(n: int) -> None:
    head = ROW_H  # the header row
    for fitting in range(n):
        room = head + fitting * ROW_H + 1.0
        parts = _parts(n, room)
        if not parts:  # moved whole to the next page
            continue
        assert sum(parts) == n
        assert parts[-1] >= MIN_TAIL_ROWS, (n, fitting, parts)
        assert parts[0] >= MIN_TAIL_ROWS or room >= 12 * ROW_H, (n, fitting, parts)


def test_a_table_on_a_fresh_page_still_splits_where_it_must() -> None:
    """The tail rule never returns nothing for a whole page's room (reportlab would loop)."""
    assert _parts(200, 700.0)[0] > 30


def test_a_long_last_row_still_splits_between_its_lines() -> None:
    register_fonts()
    rows = [TableRow([f"P{i}", "x"]) for i in range(10)] + [TableRow(["Last", " ".join(["word"] * 900)])]
    table = TextTable(["Name", "Story"], [0.3, 0.7], rows)
    table.wrap(WIDTH, 400.0)
    parts = table.split(WIDTH, 400.0)
    assert len(parts) == 2 and parts[0].rows[-1].partial and parts[1].rows[0].partial


def _many_departments(n: int) -> object:
    lines = ["name,department,stage,hands_off_to"]
    for i in range(n):
        after = f"P{i + 1}" if i < n - 1 else ""
        lines.append(f"P{i},Department {i:02d},{STAGE_IDS[i % 10]},{after}")
    return roster_to_document(parse_roster("\n".join(lines) + "\n", "r.csv")).document


def _table_rows_per_page(text: str) -> list[int]:
    counts = []
    for page in text.split("\f"):
        if ("1 Sell" in page and "All" in page) or "At stages" in page:
            counts.append(len(re.findall(r"^(Department \d+|Customers)", page, flags=re.MULTILINE)))
    return counts


@pytest.mark.parametrize("n, size", [(48, "letter"), (46, "a4"), (27, "letter")])
def test_the_overview_tables_keep_their_last_rows_together(n: int, size: str, tmp_path: Path) -> None:
    out = write_playbook(_many_departments(n), tmp_path / "p.pdf", page_size=size, sections=["map"])
    counts = _table_rows_per_page(pdf_text(out))
    assert counts and min(counts) >= MIN_TAIL_ROWS, counts
