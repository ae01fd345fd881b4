"""What openpyxl's read-only rows do not tell about an .xlsx sheet, read from the sheet's XML.

- A formula whose result was never saved (a workbook written by a script or an HRIS export):
  openpyxl gives None, the same as an empty cell or a formula whose result is empty text. Here it
  is a <c> with an <f> and no <v>, or an empty <v> of no text type (an empty text result is
  <v></v> of type "str"). The roster reads it as empty; a note names it.
- Merged cells: the value sits in the first cell only. A department written once and merged down
  over its people (a hand-made staff list) belongs to every row of the merge, so a cell merged
  down one column is filled down; a merge across columns (a heading over a group) is left as it
  is.

One streamed pass over the sheet's XML, never a DOM of it.
"""
from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from openpyxl.utils.cell import range_boundaries

from model.roster.columns import shown

log = logging.getLogger(__name__)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MOST_CELLS = 5  # cells named in one note


@dataclass
class SheetFacts:
    notes: list[str] = field(default_factory=list)  # for the user: cells read as empty
    # merges down one column: first row -> [(column index from 0, last row)]
    merged_down: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def sheet_facts(archive: zipfile.ZipFile, path: Path, sheet: str) -> SheetFacts:
    """The unsaved formula results and the merges down a column of one sheet."""
    facts = SheetFacts()
    part = _sheet_part(archive, sheet)
    if part is None or part not in archive.namelist():
        return facts
    found: list[tuple[str, str]] = []
    count = 0
    with archive.open(part) as xml:
        for _event, element in ElementTree.iterparse(xml):
            if element.tag == f"{_MAIN}c":
                formula = element.find(f"{_MAIN}f")
                if formula is not None and _no_result(element):
                    count += 1
                    if len(found) < MOST_CELLS:
                        found.append((element.get("r", "?"), formula.text or ""))
            elif element.tag == f"{_MAIN}row":
                element.clear()
            elif element.tag == f"{_MAIN}mergeCell":
                _merge(element.get("ref", ""), facts.merged_down)
    if count:
        log.info("%s, sheet %r: %d formulas without a saved result", path, sheet, count)
        facts.notes.append(_note(found, count, path.name))
    return facts


def _note(found: list[tuple[str, str]], count: int, name: str) -> str:
    what = ", ".join(f"{ref} ={shown(text, 40)[1:-1]}" if text else ref for ref, text in found)
    if count > len(found):
        what += f" and {count - len(found):,} more"
    cells = f"cell {what} holds a formula" if count == 1 else f"{count:,} cells ({what}) hold formulas"
    return (f"{cells} with no saved result, read as empty (the program that wrote {name} saved "
            "no results): open it in Excel or LibreOffice, save it, and import it again")


def _merge(ref: str, merged_down: dict[int, list[tuple[int, int]]]) -> None:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return  # a damaged merge is no reason to refuse the roster
    if min_col == max_col and max_row > min_row and None not in (min_col, min_row, max_row):
        merged_down.setdefault(int(min_row), []).append((int(min_col) - 1, int(max_row)))


def filled_down(records: Iterable[tuple[int, list[str]]],
                merged_down: dict[int, list[tuple[int, int]]]) -> Iterator[tuple[int, list[str]]]:
    """The records with each merge down a column given its first cell's value in every row
    (`merged_down` may fill while the records stream: a row's merges are read with the row)."""
    active: list[tuple[int, int, str]] = []  # (column, last row, value)
    for number, cells in records:
        active = [a for a in active if a[1] >= number]
        for column, _last, value in active:
            while len(cells) <= column:
                cells.append("")
            if not cells[column].strip():
                cells[column] = value
        for column, last in merged_down.get(number, ()):
            if column < len(cells) and cells[column].strip():
                active.append((column, last, cells[column]))
        yield number, cells


def _no_result(cell: ElementTree.Element) -> bool:
    if cell.get("t") == "inlineStr":
        return False
    value = cell.find(f"{_MAIN}v")
    return value is None or (not value.text and cell.get("t") not in ("str", "s"))


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding a sheet's cells, by the workbook's own list and relationships."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rel_id = next((s.get(f"{_REL}id") for s in book.iter(f"{_MAIN}sheet") if s.get("name") == sheet), None)
    if rel_id is None or "xl/_rels/workbook.xml.rels" not in archive.namelist():
        return None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels if r.get("Id") == rel_id), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
