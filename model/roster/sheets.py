"""Rosters kept as workbooks: Excel .xlsx (openpyxl, read-only) and OpenDocument .ods.

A sheet becomes the same records a CSV gives (then the same header
detection, mapping and checks), with the sheet's own row numbers: problems
say "row 7". Cell values become text as a person reads them: a date as
2024-03-01, 12345.0 as 12345, TRUE as yes. Cells merged across columns
carry their value in the first cell only, as a spreadsheet's own CSV export writes
them; in an .xlsx a cell merged down a column gives its value to every row of it.

The .ods reader is a small streaming parse of the workbook's content.xml
(no extra dependency): rows are read one at a time, never a DOM of the file.

An .xlsx sheet's unsaved formula results and merges down a column are read from its
XML (model.roster.xlsx_cells): the first are named in the table's notes, the second
filled down. Without --sheet the first sheet shown is read: a hidden sheet (a lookup
list) is never what the user sees first.
"""
from __future__ import annotations

import datetime as dt
import logging
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from model.roster.columns import RosterError, shown
from model.roster.reading import (
    MAX_BYTES,
    MAX_PEOPLE,
    TITLE_ROWS,
    RosterTable,
    table_from_records,
    too_many_people,
)
from model.storage.atomic import describe_os_error

log = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
XLSX = "an Excel workbook"
ODS = "an OpenDocument spreadsheet"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_MAX_RECORDS = MAX_PEOPLE + TITLE_ROWS + 1
_MAX_REPEAT = 1000  # repeated non-empty cells spelled out; Calc repeats empty ones to column 1024


def is_workbook(raw: bytes) -> bool:
    """A zip file: an .xlsx or .ods workbook, or something to refuse with a reason."""
    return raw.startswith(ZIP_MAGIC)


def cell_text(value: Any) -> str:
    """A spreadsheet value as the text a person sees: dates ISO, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    return str(value)


def _trimmed(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _collect(records: Iterable[tuple[int, list[str]]], name: str) -> tuple[list[list[str]], list[int]]:
    rows: list[list[str]] = []
    lines: list[int] = []
    for number, cells in records:
        cells = _trimmed(cells)
        if not any(c.strip() for c in cells):
            continue
        rows.append(cells)
        lines.append(number)
        if len(rows) > _MAX_RECORDS:
            raise too_many_people(name)
    return rows, lines


def _unknown_sheet(name: str, sheet: str, sheets: list[str]) -> RosterError:
    listed = ", ".join(shown(s, 40) for s in sheets) or "none"
    return RosterError([f"{name} has no sheet {shown(sheet)}; its sheets are: {listed}"])


def _check_zip(path: Path) -> zipfile.ZipFile:
    """The workbook as a zip, refusing one that unpacks to far more than any roster (a zip bomb)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise RosterError([
            (f"{path.name} starts like an Excel or OpenDocument workbook (a zip file) but is damaged, "
            f"so it could not be read ({exc})")
        ]) from None
    if sum(info.file_size for info in archive.infolist()) > 4 * MAX_BYTES:
        archive.close()
        raise RosterError([f"{path.name} unpacks to far more than a roster could be; it was not read"])
    return archive


def read_workbook(path: Path, sheet: str | None = None) -> RosterTable:
    """The roster on one sheet (the first, or `sheet`) of an .xlsx or .ods workbook."""
    name = path.name
    with _check_zip(path) as archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            kind = XLSX
        elif "content.xml" in names and (
            "mimetype" not in names or archive.read("mimetype").strip() == _ODS_MIME
        ):
            kind = ODS
        else:
            raise RosterError([
                f"{name} is a zip file, not an Excel (.xlsx) or OpenDocument (.ods) workbook"
                + (" (a Word or other Office document?)" if "word/document.xml" in names else "")
            ])
        sheets: list[str] = []
        notes: list[str] = []
        try:
            if kind == XLSX:
                chosen, rows, lines, notes = _read_xlsx(path, archive, sheet, sheets)
            else:
                with archive.open("content.xml") as content:
                    chosen, rows, lines = _read_ods(content, name, sheet, sheets)
        except RosterError:
            raise
        except OSError as exc:
            raise RosterError([f"cannot read {describe_os_error(exc, path)}"]) from None
        except Exception as exc:  # a damaged workbook: one sentence, never a traceback
            log.debug("reading workbook %s failed", path, exc_info=True)
            damaged = f"{name} is a damaged workbook and could not be read ({type(exc).__name__})"
            raise RosterError([damaged]) from None
    if notes and not rows:  # an empty-looking sheet of formulas: say why it is empty
        raise RosterError(notes)
    try:
        table = table_from_records(rows, lines, name, path, encoding=kind, unit="row", sheet=chosen)
    except RosterError as exc:
        raise RosterError([*exc.problems, *notes]) from None
    table.sheets = sheets
    table.notes = notes
    log.info("read %s, sheet %r: %d rows", path, chosen, len(table.rows))
    return table


def _read_xlsx(
    path: Path, archive: zipfile.ZipFile, sheet: str | None, sheets: list[str]
) -> tuple[str, list[list[str]], list[int], list[str]]:
    """The chosen sheet's rows (merges down a column filled in) and its notes (model.roster.xlsx_cells)."""
    import openpyxl

    from model.roster.xlsx_cells import filled_down, sheet_facts

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets.extend(book.sheetnames)
        shown_first = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
        chosen = sheet if sheet is not None else (shown_first or sheets or [""])[0]
        if chosen not in sheets:
            raise _unknown_sheet(path.name, chosen, sheets)
        ws = book[chosen]
        if not hasattr(ws, "iter_rows"):
            raise RosterError([f"the sheet {shown(chosen)} of {path.name} is a chart, not a table of people"])
        ws.reset_dimensions()  # some writers record a wrong size; read what is there
        facts = sheet_facts(archive, path, chosen)
        records = (
            (number, [cell_text(v) for v in values])
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1)
        )
        rows, lines = _collect(filled_down(records, facts.merged_down), path.name)
    finally:
        book.close()
    return chosen, rows, lines, facts.notes


# ----- OpenDocument -------------------------------------------------------------
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _ods_value(cell: ElementTree.Element) -> str:
    kind = cell.get(f"{_O}value-type", "")
    if kind in ("float", "percentage", "currency"):
        try:
            return cell_text(float(cell.get(f"{_O}value", "")))
        except ValueError:
            pass
    elif kind == "date":
        value = cell.get(f"{_O}date-value", "")
        return value[:10] if value.endswith("T00:00:00") or len(value) == 10 else value.replace("T", " ")
    elif kind == "boolean":
        return "yes" if cell.get(f"{_O}boolean-value") == "true" else "no"
    return "\n".join(_ods_text(p) for p in cell.iter(f"{_X}p"))


def _ods_text(element: ElementTree.Element) -> str:
    """A paragraph's text with its spaces (<text:s c=3/>), tabs and line breaks put back."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_X}s":
            parts.append(" " * int(child.get(f"{_X}c", "1") or 1))
        elif child.tag == f"{_X}tab":
            parts.append("\t")
        elif child.tag == f"{_X}line-break":
            parts.append("\n")
        else:
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _ods_row(row: ElementTree.Element, spans: list[tuple[int, int]]) -> list[str]:
    """The row's cells as text; `spans` takes (column, rows) of each cell merged down one column."""
    cells: list[str] = []
    for cell in row:
        if cell.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
            continue
        text = _ods_value(cell) if cell.tag == f"{_T}table-cell" else ""
        down = int(cell.get(f"{_T}number-rows-spanned", "1") or 1)
        if down > 1 and int(cell.get(f"{_T}number-columns-spanned", "1") or 1) == 1:
            spans.append((len(cells), down))
        repeat = int(cell.get(f"{_T}number-columns-repeated", "1") or 1)
        cells.extend([text] * min(repeat, _MAX_REPEAT))
    return cells


def _ods_records(content: Any, sheet: str | None, sheets: list[str],
                 merged_down: dict[int, list[tuple[int, int]]]) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of the wanted sheet, streamed; `sheets` fills with every sheet's name,
    `merged_down` with the cells merged down a column (first row -> [(column, last row)])."""
    current: str | None = None
    wanted = False
    number = 0
    for event, element in ElementTree.iterparse(content, events=("start", "end")):
        if element.tag == f"{_T}table":
            if event == "start":
                current = element.get(f"{_T}name", "")
                sheets.append(current)
                wanted = (sheet is None and len(sheets) == 1) or current == sheet
                number = 0
            else:
                element.clear()
            continue
        if event == "end" and element.tag == f"{_T}table-row":
            repeat = int(element.get(f"{_T}number-rows-repeated", "1") or 1)
            if wanted:
                spans: list[tuple[int, int]] = []
                cells = _ods_row(element, spans)
                for column, down in spans:
                    merged_down.setdefault(number + 1, []).append((column, number + down))
                if any(c.strip() for c in cells):
                    for _ in range(min(repeat, _MAX_REPEAT)):
                        number += 1
                        yield number, cells
                else:
                    number += repeat
            element.clear()


def _read_ods(
    content: Any, name: str, sheet: str | None, sheets: list[str]
) -> tuple[str, list[list[str]], list[int]]:
    from model.roster.xlsx_cells import filled_down

    merged_down: dict[int, list[tuple[int, int]]] = {}  # filled while the rows stream
    rows, lines = _collect(filled_down(_ods_records(content, sheet, sheets, merged_down), merged_down), name)
    chosen = sheet if sheet is not None else (sheets[0] if sheets else "")
    if chosen not in sheets:
        raise _unknown_sheet(name, chosen, sheets)
    return chosen, rows, lines
