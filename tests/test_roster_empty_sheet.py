"""An empty sheet chosen with --sheet is named in the error: the workbook itself is not empty
(its other sheets may hold the roster), so 'staff.xlsx is empty' sent the user looking in
the wrong place."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.cli_harness import folder_state, refused


def test_an_empty_sheet_is_named_not_the_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Staff"
    book.active.append(["Name", "Title"])
    book.active.append(["Ann", "Buyer"])
    book.create_sheet("Empty")
    book.save(tmp_path / "staff.xlsx")
    before = folder_state(tmp_path)
    said = refused("import-csv", "staff.xlsx", "-o", "m.cwalk", "--sheet", "Empty", cwd=tmp_path)
    assert said == ("the sheet 'Empty' of staff.xlsx is empty: a roster needs a header row with a "
                    "name column, then one row per person")
    assert folder_state(tmp_path) == before
    said = refused("import-csv", "staff.xlsx", "-o", "m.cwalk", "--sheet", "Staff", "--into", cwd=tmp_path)
    assert "m.cwalk" in said  # the sheet with people is read; only the missing map is refused
