"""A light table for long lists in the playbook (hundreds of cross-department hand-offs,
roles without a story): columns of plain user text, group rows, a header repeated on
every page, rows that split between pages.

Why not reportlab's Table: a cell taller than a page raises LayoutError (a 30,000-
character hand-off label would), and a Paragraph per cell means parsing markup for
thousands of short names. Here a cell is plain text, wrapped at spaces with the widths
of the bundled fonts and drawn with `export.textline.draw_string` (any script, right-to-
left runs shaped and ordered), so nothing is escaped, dropped or cut off.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# reportlab ships no type hints, so its classes are Any to mypy and `mypy --strict` refuses a subclass of
# one (disallow_subclassing_any): those subclasses say `# type: ignore[misc]`.
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from export import fonts, textline
from export.drawing import wordwrap
from export.pdf import actualtext, bidi, styles

SIZE = 8.5  # the playbook's small text
LEADING = 11.0
PAD_X, PAD_Y = 4.0, 2.5
MIN_SPLIT_LINES = 2  # a row cut by a page keeps at least this many lines on each side
# a table's last page carries at least this many of its rows, and its first page too: one row
# alone under the repeated header (the overview's 'Customers', the last flow) read as a stray
MIN_TAIL_ROWS = 3
ROW_H = LEADING + 2 * PAD_Y  # a row of one line
SHORT_ROOM = 4 * MIN_TAIL_ROWS * ROW_H  # far less than any page: what may move to the next page whole
BAR_W = 3.0  # a row's colour bar


@dataclass
class TableRow:
    """One row: `cells` (plain text per column), or a `group` line spanning all columns."""

    cells: list[str] = field(default_factory=list)
    group: str = ""
    lines: list[list[str]] = field(default_factory=list)  # set by wrap: lines per cell
    partial: bool = False  # one part of a row cut by a page: its lines are fixed
    height: float = 0.0  # set with the lines
    fills: list[colors.Color | None] = field(default_factory=list)  # a background per cell (None: none)
    bar: colors.Color | None = None  # a colour bar at the row's left edge (a department's colour)

    def set_lines(self, lines: list[list[str]]) -> None:
        self.lines = lines
        self.height = max(1, max((len(c) for c in lines), default=1)) * LEADING + 2 * PAD_Y


def wrap_text(text: str, width: float, size: float = SIZE, bold: bool = False) -> list[str]:
    """Greedy word wrap of one line of plain text into `width`; a word longer than the
    width is broken between characters. Nothing is ever dropped."""
    text = fonts.clean_text(text)
    if fonts.all_in_sans(text):  # the common case: one Noto Sans run, often one line
        one = " ".join(text.split())
        font = fonts.styled(fonts.SANS, bold)
        if pdfmetrics.stringWidth(one, font, size) <= width:
            return [one] if one else [""]
    return [line for line, _end in wordwrap.wrapped(text, size, width, bold)[1]] or [""]


class TextTable(Flowable):  # type: ignore[misc]
    """Columns of plain text with a header row; splits between rows (and inside a row
    taller than the room left), repeating the header. `centered`: columns whose cells are
    centred (counts); `bold`: columns set in bold (a row's name)."""

    def __init__(self, headers: list[str], fractions: list[float], rows: list[TableRow],
                 tint: colors.Color = styles.PANEL, space_after: float = 8,
                 centered: frozenset[int] = frozenset(), bold: frozenset[int] = frozenset()) -> None:
        super().__init__()
        if len(headers) != len(fractions):
            raise ValueError("a table needs one width per column")
        self.headers = headers
        self.fractions = fractions
        self.rows = rows
        self.tint = tint
        self.spaceAfter = space_after
        self.centered = centered
        self.bold = bold
        self._head_lines: list[list[str]] = []
        self._wrapped_at: float | None = None
        self._rows_h = 0.0

    def texts(self) -> list[str]:
        """Every text the table prints, a line per row (for the benchmark's floor of the
        same text)."""
        out = [" ".join(self.headers)]
        out += [row.group or " ".join(c for c in row.cells if c.strip()) for row in self.rows]
        return [t for t in out if t.strip()]

    def _widths(self, avail: float) -> list[float]:
        total = sum(self.fractions) or 1.0
        return [avail * f / total for f in self.fractions]

    def _head_height(self) -> float:
        n = max((len(c) for c in self._head_lines), default=1)
        return n * LEADING + 2 * PAD_Y

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_at != availWidth:
            widths = self._widths(availWidth)
            inner = [max(w - 2 * PAD_X, 10.0) for w in widths]
            self._head_lines = [wrap_text(h, w, bold=True) for h, w in zip(self.headers, inner, strict=True)]
            for row in self.rows:
                if row.group:
                    row.set_lines([wrap_text(row.group, availWidth - 2 * PAD_X, bold=True)])
                elif not row.partial:
                    # a row with fewer cells than columns leaves the last ones empty
                    row.set_lines([wrap_text(c, w, bold=i in self.bold)
                                   for i, (c, w) in enumerate(zip(row.cells, inner, strict=False))])
            self._wrapped_at = availWidth
            self._rows_h = sum(r.height for r in self.rows)
        self.width = availWidth
        self.height = self._head_height() + self._rows_h
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        room = availHeight - self._head_height()
        used = 0.0
        k = 0  # rows[:k] fit
        rows = self.rows
        while k < len(rows) and used + rows[k].height <= room:
            used += rows[k].height
            k += 1
        fitted, k = k, self._widow_free(k)
        taken, rest = rows[:k], rows[k:]
        if rest and not rest[0].group and k == fitted:  # cut the next row between its lines if enough fits
            fit = int((room - used - 2 * PAD_Y) // LEADING)
            row = rest[0]
            n = max(len(c) for c in row.lines)
            if fit >= MIN_SPLIT_LINES and n - fit >= MIN_SPLIT_LINES:
                head = TableRow(row.cells, partial=True)
                head.set_lines([c[:fit] for c in row.lines])
                tail = TableRow(row.cells, partial=True)
                tail.set_lines([c[fit:] for c in row.lines])
                taken.append(head)
                rest[0] = tail
        while taken and taken[-1].group:  # a group line never ends a page
            rest.insert(0, taken.pop())
        if not taken or not rest or self._orphan(taken, availHeight):
            return []
        return [self._part(taken, 0), self._part(rest, self.spaceAfter)]

    def _widow_free(self, k: int) -> int:
        """Where to break (before row `k`, the first that does not fit) so that the table's last
        page is no short tail of fewer than MIN_TAIL_ROWS rows: those rows go over with a few more,
        or a small table goes over whole (0). A tail as tall as that many rows (a long row) goes
        as it is."""
        tail = self.rows[k:]
        if not tail or len(tail) >= MIN_TAIL_ROWS or sum(r.height for r in tail) >= MIN_TAIL_ROWS * ROW_H:
            return k
        back = MIN_TAIL_ROWS - len(tail)
        if k - back >= MIN_TAIL_ROWS:  # the page before keeps a few too
            return k - back
        return 0 if self._rows_h < SHORT_ROOM else k  # a small table goes to the next page whole

    @staticmethod
    def _orphan(taken: list[TableRow], room: float) -> bool:
        """Whether the rows that fit are a stray start low on a page (fewer than MIN_TAIL_ROWS
        one-line rows in the last few lines of room): then the table starts on the next page.
        Only low on a page: a fresh page always takes more, so this never moves a table forever."""
        short = len(taken) < MIN_TAIL_ROWS and sum(r.height for r in taken) < MIN_TAIL_ROWS * ROW_H
        return short and room < SHORT_ROOM

    def _part(self, rows: list[TableRow], space_after: float) -> TextTable:
        part = TextTable(self.headers, self.fractions, rows, self.tint, space_after, self.centered, self.bold)
        part._head_lines = self._head_lines
        part._wrapped_at = self._wrapped_at
        part._rows_h = sum(r.height for r in rows)
        return part

    def draw(self) -> None:
        canv = self.canv
        widths = self._widths(self.width)
        y = self.height
        head_h = self._head_height()
        canv.saveState()
        canv.setFillColor(self.tint)
        canv.rect(0, y - head_h, self.width, head_h, stroke=0, fill=1)
        canv.setFillColor(styles.MUTED)
        self._cells(self._head_lines, widths, y, bold=True)
        y -= head_h
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.4)
        for row in self.rows:
            h = row.height
            if row.group:
                canv.setFillColor(self.tint)
                canv.rect(0, y - h, self.width, h, stroke=0, fill=1)
                canv.setFillColor(styles.INK)
                self._cells(row.lines, [self.width], y, bold=True)
            else:
                self._fills(row, widths, y)
                canv.setFillColor(styles.INK)
                self._cells(row.lines, widths, y)
            y -= h
            canv.line(0, y, self.width, y)
        canv.restoreState()

    def _fills(self, row: TableRow, widths: list[float], top: float) -> None:
        """The row's cell backgrounds and its colour bar, under its text."""
        canv = self.canv
        x = 0.0
        for fill, w in zip(row.fills, widths, strict=False):
            if fill is not None:
                canv.setFillColor(fill)
                canv.rect(x, top - row.height, w, row.height, stroke=0, fill=1)
            x += w
        if row.bar is not None:
            canv.setFillColor(row.bar)
            canv.rect(0, top - row.height, BAR_W, row.height, stroke=0, fill=1)

    def _cells(self, lines: list[list[str]], widths: list[float], top: float, bold: bool = False) -> None:
        """One row's lines. Lines Noto Sans sets whole go into one text object (a PDF text
        block per line would be most of the table's size and time); a line of the row with
        other scripts is drawn with the row's other cells on that baseline by
        export.pdf.bidi.draw_row (runs, right-to-left order and shaping, and one ActualText
        so that PDF readers give the cells in their order, each as typed)."""
        canv = self.canv
        text = canv.beginText()
        text.setFont(fonts.styled(fonts.SANS, bold), SIZE)
        font_bold = bold
        plain = False
        by_line: dict[int, list[bidi.RowPiece]] = {}  # the row's pieces on each of its baselines
        in_order: list[tuple[int, float, str, bool]] = []  # (line, x, text, bold), cell by cell
        x = 0.0
        for col, (cell, w) in enumerate(zip(lines, widths, strict=False)):  # a short row: last columns empty
            heavy = bold or col in self.bold
            for k, line in enumerate(cell):
                if line and col in self.centered:
                    left = x + (w - textline.text_width(line, SIZE, heavy)) / 2
                elif line and fonts.base_is_rtl(line) and not fonts.all_in_sans(line):
                    # a line that starts right to left sits at the right
                    left = x + w - PAD_X - textline.text_width(line, SIZE, heavy)
                else:
                    left = x + PAD_X
                if line:
                    by_line.setdefault(k, []).append((left, line, heavy))
                    in_order.append((k, left, line, heavy))
            x += w
        mixed = {k for k, pieces in by_line.items() if any(fonts.has_rtl(t) for _x, t, _b in pieces)}
        for k, left, line, heavy in in_order:  # cell by cell, as readers without ActualText take them
            if k in mixed:
                continue
            baseline = top - PAD_Y - SIZE - k * LEADING
            if fonts.all_in_sans(line):
                if heavy != font_bold:
                    text.setFont(fonts.styled(fonts.SANS, heavy), SIZE)
                    font_bold = heavy
                text.setTextOrigin(left, baseline)
                text.textOut(line)
                plain = True
                actualtext.mark_line(canv, False)
            else:
                textline.draw_string(canv, left, baseline, line, SIZE, heavy)
        for k in sorted(mixed):
            bidi.draw_row(canv, top - PAD_Y - SIZE - k * LEADING, by_line[k], SIZE)
        if plain:
            canv.drawText(text)
