"""Reading a roster file into a table: encoding, delimiter, records and their line numbers.

Kept apart from turning the table into a map so the GUI can show the raw
table, the detected column mapping and a preview before anything is built.
Everything that is wrong with the file as a whole is a RosterError here;
what is wrong with single records is found when the map is built.
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from model.roster.columns import (
    EXTRA,
    IGNORE,
    RosterError,
    detect_mapping,
    field_for_header,
    shorten,
    shown,
    unguard_cell,
)
from model.roster.encoding_guess import likely_encoding
from model.storage.atomic import describe_os_error

log = logging.getLogger(__name__)

MAX_BYTES = 200 * 1024 * 1024  # far beyond any org chart; refuses a wrongly chosen disk image
# A map of more people than this could not be worked with (and a million made a 609 MB map that
# could not be opened again): refused while reading, so memory stays bounded by it.
MAX_PEOPLE = 100_000
DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
SNIFF_RECORDS = 50
TITLE_ROWS = 5  # lines of report title, date or notes above the header that are skipped
NAME_FIELDS = ("name", "first_name", "last_name")
# csv's default limit is 128 KiB per field; a pasted story may be longer (limit is process-wide, only raised)
FIELD_LIMIT = 64 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "an old Excel or Office file"),
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3", "an SQLite database"),
)


@dataclass
class RosterTable:
    """A roster as read from disk: header, records, and where each record starts."""

    path: Path
    header: list[str]
    rows: list[list[str]]  # as in the file (a row may be shorter or longer than the header)
    lines: list[int]  # the file line on which each row starts
    header_line: int
    delimiter: str
    encoding: str  # 'UTF-8', 'UTF-8 with BOM', 'UTF-16', 'UTF-32'
    mapping: dict[int, str] = field(default_factory=dict)  # detected: column index -> field key
    skipped_lines: list[int] = field(default_factory=list)  # title lines above the header, left out
    comment_lines: int = 0  # '#' lines above the header (a draw.io org chart's settings), left out
    unit: str = "line"  # what `lines` count: file lines, or a spreadsheet's rows ("row")
    sheet: str = ""  # the workbook sheet it was read from
    sheets: list[str] = field(default_factory=list)  # every sheet of that workbook, for a choice
    notes: list[str] = field(default_factory=list)  # what reading found amiss (cells read as empty), warnings

    @property
    def delimiter_name(self) -> str:
        return DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))

    def describe(self) -> str:
        """'comma-separated · UTF-8' or 'sheet 'Staff' of an Excel workbook', for the import dialog."""
        if self.sheet:
            return f"sheet {shown(self.sheet)} of {self.encoding}"
        return f"{self.delimiter_name}-separated · {self.encoding}"

    def preview(self, count: int = 10) -> list[list[str]]:
        """The first rows, cut or padded to the header's width (for a preview table)."""
        width = len(self.header)
        return [(row + [""] * width)[:width] for row in self.rows[:count]]

    def found_columns(self) -> str:
        found = [shown(h, 40) if h.strip() else "(blank)" for h in self.header]
        return ", ".join(found) if found else "none"


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise RosterError([f"{path} is a folder, not a CSV file"])
        if path.exists() and not path.is_file():  # a device or pipe could be read forever
            raise RosterError([f"{path} is not a regular file, so it cannot be a roster"])
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise RosterError([f"{path.name} is too large to be a roster ({size // 2**20} MB)"])
        return path.read_bytes()
    except FileNotFoundError:
        raise RosterError([f"{path}: no such file"]) from None
    except OSError as exc:
        raise RosterError([f"cannot read {describe_os_error(exc, shorten(str(path)))}"]) from None


def decode_roster(raw: bytes, name: str) -> tuple[str, str]:
    """The text of a roster and the encoding it was in; RosterError for anything not text."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            hint = " (in Excel: Save As 'Excel Workbook (.xlsx)' or 'CSV UTF-8')" if "Excel" in what else ""
            raise RosterError([f"{name} is not a text CSV file: it looks like {what}{hint}"])
    wide = _wide_encoding(raw)
    if wide is not None:
        codec, label = wide
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            raise RosterError([f"{name} is not a text CSV file (its {label} text is damaged)"]) from None
        if _looks_binary(text[:65536]):
            raise RosterError([f"{name} is not a text CSV file (it looks like binary data)"])
        return text, label
    encoding = "UTF-8 with BOM" if raw.startswith(codecs.BOM_UTF8) else "UTF-8"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if b"\x00" in raw[:4096] or _looks_binary(raw[:4096].decode("latin-1")):
            raise RosterError([f"{name} is not a text CSV file (it looks like binary data)"]) from None
        guess = likely_encoding(raw)
        probably = f", probably {guess}" if guess else ""
        raise RosterError([
            (
                f"{name} is not a text CSV file in UTF-8 (line {line} has characters in another encoding"
                f"{probably}); save it as 'CSV UTF-8' (or UTF-16) and import it again"
            )
        ]) from None
    if _looks_binary(text[:65536]):
        raise RosterError([f"{name} is not a text CSV file (it looks like binary data)"])
    _refuse_json(text, name)
    return text, encoding


def _refuse_json(text: str, name: str) -> None:
    """A map (or other JSON) given as a roster: say what it is, not that it lacks a name column."""
    head = text.lstrip()[:1]
    if head not in ("{", "["):
        return
    try:
        data = json.loads(text)
    except ValueError:
        return  # a roster whose first name starts with a brace, or broken JSON: read as CSV
    if isinstance(data, dict) and isinstance(data.get("meta"), dict) and '"Contract Walk"' in text:
        raise RosterError([(f"{name} is a Contract Walk map, not a roster (to take its people to another "
                           "map, export them first: export MAP --csv ROSTER.csv)")])
    raise RosterError([(f"{name} holds JSON, not a roster: a roster is a CSV file or a workbook "
                       "with a header row and one row per person")])


def _wide_encoding(raw: bytes) -> tuple[str, str] | None:
    """(codec, label) for UTF-32 or UTF-16 text, with or without a byte order mark.

    UTF-32's little-endian mark starts like UTF-16's, so it is tested first.
    Without a mark, text that is mostly ASCII has a NUL in every other byte
    (Excel's "Unicode Text" and some HR systems write that); binary data does not.
    """
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32", "UTF-32"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or len(raw) % 2:
        return None
    even_nuls = sample[0 : 2 * pairs : 2].count(0)
    odd_nuls = sample[1 : 2 * pairs : 2].count(0)
    if odd_nuls >= pairs * 0.9 and even_nuls == 0:
        return "utf-16-le", "UTF-16"
    if even_nuls >= pairs * 0.9 and odd_nuls == 0:
        return "utf-16-be", "UTF-16"
    return None


def _looks_binary(sample: str) -> bool:
    """Many NULs: binary data or UTF-16 without a BOM, not a roster. Other control characters
    are left alone: users paste them into notes, and a map exported with them must import again."""
    nuls = sample.count("\x00")
    return nuls > max(8, len(sample) // 10)


def _records(text: str, delimiter: str, spaced: bool = False) -> csv.Reader:  # type: ignore[name-defined]
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=spaced)


_SPACED_QUOTE = re.compile(r'[ ]+".*"[ ]*', re.DOTALL)


def _quoted_after_spaces(text: str, delimiter: str) -> bool:
    """Whether the header is written `"Name", "Title"` (a space before each quoted field). Then
    every record is read skipping the spaces after a delimiter, or each quoted value after the
    first would keep its quotes. Only then: elsewhere leading spaces are the user's text."""
    for record in _records(text, delimiter):
        if any(cell.strip() for cell in record):
            return any(_SPACED_QUOTE.fullmatch(cell) for cell in record[1:])
    return False


def _known_columns(cells: list[str]) -> int:
    return sum(1 for h in cells if field_for_header(h.strip()) not in (EXTRA, IGNORE))


def _names_someone(cells: list[str]) -> bool:
    return any(field_for_header(h.strip()) in NAME_FIELDS for h in cells)


def header_index(records: list[list[str]]) -> int:
    """Which of the first non-blank records is the header row: the first, unless it names no
    name column and one of the next few does (a report title and date above the header,
    as HR systems and spreadsheets write them), or a row of column names follows it."""
    for index, cells in enumerate(records[:TITLE_ROWS + 1]):
        if _names_someone(cells):
            return index + 1 if _group_row(cells, records[index + 1:index + 2]) else index
        if _known_columns(cells) or sum(1 for c in cells if c.strip()) > 2:
            return 0  # a header after all (or data): never skip a line that is not a title
    return 0


def _group_row(cells: list[str], following: list[list[str]]) -> bool:
    """Whether `cells` only groups the header below it ('Employee' merged over ID, First Name and
    Last Name, as HR exports write): the next row names someone, holds only more column names."""
    below = [c for c in following[0] if c.strip()] if following else []
    return (len(below) >= 2 and _names_someone(below) and _known_columns(below) == len(below)
            and _known_columns(below) > _known_columns(cells))


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one whose header has the most known column names,
    then whose rows agree with the header, then the widest header (comma on a tie)."""
    best: tuple[tuple[int, int, int], str] | None = None
    for delimiter in DELIMITERS:
        try:
            records = itertools.islice(_records(text, delimiter), SNIFF_RECORDS)
            sample = [r for r in records if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not sample:
            continue
        at = header_index(sample)
        header, rows = sample[at], sample[at + 1:]
        known = _known_columns(header)
        fitting = sum(1 for r in rows if len(r) == len(header))
        score = (known, fitting if len(header) > 1 else 0, len(header))
        if best is None or score > best[0]:
            best = (score, delimiter)
    return best[1] if best else ","


def _unclosed_quote_line(text: str, delimiter: str, spaced: bool = False) -> int | None:
    """The line of a record whose quoted field runs to the end of the file, if there is one."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True,
                        skipinitialspace=spaced)
    last = 0
    try:
        for _ in reader:
            last = reader.line_num
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return last + 1
    return None


_COMMENT = re.compile(r"#(#|\s|$)")
_SEP_LINE = re.compile(r"\n*sep=([,;\t])[ ]*\r?\n", re.IGNORECASE)


def _blank_leading_comments(text: str) -> tuple[str, int]:
    """Lines starting '# ' or '##' above the header (draw.io's org-chart settings) become blank
    lines, so line numbers stay those of the file."""
    pos, count, first_real = 0, 0, 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if line and not _COMMENT.match(line):
            break
        count += bool(line)
        pos = end + 1
        first_real = min(pos, len(text))
    if not count:
        return text, 0
    return "\n" * text.count("\n", 0, first_real) + text[first_real:], count


def too_many_people(name: str) -> RosterError:
    return RosterError([
        (f"{name} has more than {MAX_PEOPLE:,} people, more than a map can hold; "
        "import a part of the organisation (e.g. one division's export)")
    ])


def parse_roster(text: str, name: str, path: Path | None = None, encoding: str = "UTF-8") -> RosterTable:
    """Split roster text into header and records; RosterError if there is no header."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    if not text.strip():
        raise RosterError([
            f"{name} is empty: a roster needs a header row with a name column, then one row per person"
        ])
    text, comments = _blank_leading_comments(text)
    declared = _SEP_LINE.match(text)  # Excel's 'sep=;' first line says the delimiter: no title to warn of
    if declared:
        text = "\n" + text[declared.end():]
    delimiter = declared.group(1) if declared else sniff_delimiter(text)
    spaced = _quoted_after_spaces(text, delimiter)
    unclosed = _unclosed_quote_line(text, delimiter, spaced)
    if unclosed is not None:
        raise RosterError([
            (
                f"line {unclosed}: a quoted field is never closed "
                "(its opening quote runs to the end of the file)"
            )
        ])
    reader = _records(text, delimiter, spaced)
    rows: list[list[str]] = []
    lines: list[int] = []
    previous_end = 0
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # blank lines and spreadsheet rows of empty cells
            rows.append([unguard_cell(cell) for cell in record])
            lines.append(start)
            if len(rows) > MAX_PEOPLE + TITLE_ROWS + 1:
                raise too_many_people(name)
    except csv.Error as exc:
        raise RosterError([f"line {previous_end + 1}: {name} cannot be read as CSV ({exc})"]) from None
    table = table_from_records(rows, lines, name, path, delimiter=delimiter, encoding=encoding)
    table.comment_lines = comments
    return table


def table_from_records(
    rows: list[list[str]], lines: list[int], name: str, path: Path | None = None, *,
    delimiter: str = "", encoding: str = "UTF-8", unit: str = "line", sheet: str = "",
) -> RosterTable:
    """The header (below any title lines) and the records under it; RosterError if there are none."""
    if not rows:
        where = f"the sheet {sheet!r} of {name}" if sheet else name  # the workbook has other sheets
        raise RosterError([
            f"{where} is empty: a roster needs a header row with a name column, then one row per person"
        ])
    at = header_index(rows)
    if len(rows) - at - 1 > MAX_PEOPLE:
        raise too_many_people(name)
    header = rows[at]  # as in the file: an extra field keeps its column's exact name
    del rows[:at + 1]  # in place: a big roster is never held twice
    return RosterTable(
        path=path or Path(name),
        header=header,
        rows=rows,
        lines=lines[at + 1:],
        header_line=lines[at],
        skipped_lines=lines[:at],
        delimiter=delimiter,
        encoding=encoding,
        mapping=detect_mapping(header),
        unit=unit,
        sheet=sheet,
    )


def read_roster(path: Path | str, sheet: str | None = None) -> RosterTable:
    """Read a roster file (CSV or text, an Excel or OpenDocument workbook) for preview or import;
    RosterError if it cannot be read. `sheet` picks a workbook's sheet (default: the first)."""
    from model.roster.sheets import is_workbook, read_workbook

    path = Path(path)
    raw = _read_bytes(path)
    if is_workbook(raw):
        del raw
        return read_workbook(path, sheet)
    if sheet is not None:
        raise RosterError([f"{path.name} is a text file with no sheets; a sheet is chosen in .xlsx or .ods"])
    text, encoding = decode_roster(raw, path.name)
    del raw  # the text is all that is needed from here on
    table = parse_roster(text, path.name, path, encoding)
    log.info("read %s: %d rows, %s-separated, %s", path, len(table.rows), table.delimiter_name, encoding)
    return table
