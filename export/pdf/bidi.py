"""Paragraphs with right-to-left text (Arabic, Hebrew) set in reading order.

reportlab orders the words of a paragraph right to left only with rlbidi (not a
dependency): without it every paragraph read left to right, so a story typed in
Arabic printed its first word at the left, and "فاطمة الزهراء does things" put the
Arabic at the left too. `BidiPara` does what a browser does instead: the Unicode
bidirectional algorithm (python-bidi, via export.textline) gives every character
its level over the whole paragraph, with the base direction of its first strong
letter (rules P2/P3) or left to right for a line we compose around a name; lines
are broken in logical order (greedy, as export.pdf.lines does), then each line's
pieces are put in visual order (rule L2), right-to-left pieces shaped by HarfBuzz
word by word, and a right-to-left paragraph is set flush right.

Every piece is shaped in its own font (a word that changes script, "فاطمة:" or
"(المالية)", never needs the extra space reportlab's word shaping does).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any, cast

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT

from export import fonts, textline
from export.pdf import actualtext, markup_read
from export.pdf.lines import _WS, FastPara, _plain_style

# a piece: (text, font, colour, bidi level); a word: (pieces, width, width of the space
# after it (0 for none), that space's font, colour and level); None is a line break
BidiPiece = tuple[str, str, Any, int]
BidiWord = tuple[tuple[BidiPiece, ...], float, float, str, Any, int]


@lru_cache(maxsize=16384)
def _runs(text: str, font: str, level: int, size: float) -> tuple[textline.Run, ...]:
    """One piece at its level as drawn runs (shaped; a right-to-left piece's words reversed)."""
    if level % 2:
        if not fonts.has_rtl(text):
            text = textline.mirror(text)
        return tuple(textline._rtl_runs(text, font, size))
    return (textline._ltr_run(text, font, size),)


def _width(text: str, font: str, level: int, size: float) -> float:
    return sum(r.width for r in _runs(text, font, level, size))


def _words(pieces: list[Any], size: float, base: int) -> list[BidiWord | None]:
    """Styled pieces (None for a line break) cut into words at white space, each
    character with its bidi level over its whole line (so a line broken later still
    orders as the paragraph does)."""
    words: list[BidiWord | None] = []
    line: list[tuple[str, str, Any]] = []
    for piece in [*pieces, None]:
        if piece is not None:
            line.append(piece)
            continue
        text = "".join(t for t, _f, _c in line)
        levels = textline.bidi_levels(text, base) if text else []
        chars: list[tuple[str, str, Any, int]] = []
        i = 0
        for t, font, color in line:
            for ch in t:
                chars.append((ch, font, color, levels[i]))
                i += 1
        current: list[list[Any]] = []  # [text, font, colour, level]
        k = 0
        while k < len(chars):
            ch, font, color, level = chars[k]
            if _WS.match(ch):
                j = k
                while j < len(chars) and _WS.match(chars[j][0]):
                    j += 1
                if current:  # the first white space character is the word's gap
                    gap = _width(" ", font, level, size)
                    words.append(_word(current, size, gap, font, color, level))
                    current = []
                k = j
                continue
            if current and current[-1][1] == font and current[-1][2] is color and current[-1][3] == level:
                current[-1][0] += ch
            else:
                current.append([ch, font, color, level])
            k += 1
        if current:
            words.append(_word(current, size, 0.0, "", None, base))
        words.append(None)
        line = []
    words.pop()  # the line break added after the last line
    return words


def _word(pieces: list[list[Any]], size: float, gap: float, font: str, color: Any, level: int) -> BidiWord:
    frozen = tuple((t, f, c, lv) for t, f, c, lv in pieces)
    return (frozen, sum(_width(t, f, lv, size) for t, f, _c, lv in frozen), gap, font, color, level)


class BidiPara(FastPara):
    """A paragraph with right-to-left text: broken like FastPara (so it splits across
    pages the same way), drawn line by line in visual order. `base` is the paragraph's
    direction (1: right to left); `flush_right`: set its lines flush right."""

    def __init__(self, text: str | Callable[[], str], style: Any, words: list[Any], full: Any, base: int,
                 flush_right: bool) -> None:
        super().__init__(text, style, words, full)
        self.base = base
        self.flush_right = flush_right

    def _part(self, words: list[Any]) -> BidiPara:
        part = BidiPara(lambda: markup_read.markup_of(_as_fast(words)), self.style, words, None,
                        self.base, self.flush_right)
        part.__dict__.update({k: v for k, v in self.__dict__.items() if k.startswith("_cw_")})
        return part

    def line_widths(self) -> list[float]:
        """Each wrapped line's drawn width (as Paragraph.getActualLineWidths0 gives)."""
        return [sum(run.width for _x, run, _c, _lv in placed) for placed in self.placed_lines()]

    def visual_lines(self) -> list[list[tuple[textline.Run, Any]]]:
        """Each wrapped line as drawn runs and their colours, left to right."""
        return [[(run, color) for _x, run, color, _level in sorted(line, key=lambda p: p[0])]
                for line in self.placed_lines()]

    def placed_lines(self) -> list[Placed]:
        """Each wrapped line as (x, run, colour, bidi level), the runs in logical (typed)
        order, x where rule L2 puts them (from the line's left end)."""
        return [placed for placed, _typed in self._placed_and_typed()]

    def _placed_and_typed(self) -> list[tuple[Placed, str]]:
        """Each wrapped line placed (see `placed_lines`) and as typed."""
        size = self.style.fontSize
        out: list[tuple[Placed, str]] = []
        # FastPara breaks the words without looking inside them: here they are BidiWords
        for line in cast(list[list[BidiWord]], self._lines):
            segs: list[list[Any]] = []  # [text, font, colour, level], logical order
            last = len(line) - 1
            for i, word in enumerate(line):
                pieces = list(word[0])
                if i < last and word[2]:
                    pieces.append((" ", word[3], word[4], word[5]))
                for t, f, c, lv in pieces:
                    if segs and segs[-1][1] == f and segs[-1][2] is c and segs[-1][3] == lv:
                        segs[-1][0] += t
                    else:
                        segs.append([t, f, c, lv])
            out.append((_place(segs, size), "".join(seg[0] for seg in segs)))
        return out

    def draw(self) -> None:
        if self._drew_full():
            return
        canv = self.canv
        style = self.style
        size, leading = style.fontSize, style.leading
        align = TA_RIGHT if self.flush_right else style.alignment
        tx = canv.beginText(0, self.height - size)
        state: list[Any] = [None, None]  # the text object's font and colour
        y = self.height - size
        before_rtl = actualtext.line_before_rtl(canv)  # the piece holding the line before's last character
        for placed, typed in self._placed_and_typed():
            used = sum(run.width for _x, run, _c, _lv in placed)
            x0 = (max(0.0, self.width - used) if align == TA_RIGHT
                  else max(0.0, (self.width - used) / 2) if align == TA_CENTER else 0.0)
            if self.base == 1 and placed:  # a right-to-left line: one span, read as typed
                by_x = sorted(placed, key=lambda p: p[0])
                leftmost_rtl = actualtext.reads_right_to_left(by_x[0][1].text)
                turned = actualtext.reverses_line(leftmost_rtl, before_rtl, typed)
                actualtext.open_span(tx, actualtext.rtl_line_actual(typed, turned))
                before_rtl = leftmost_rtl
                _draw_placed(tx, placed, x0, y, self.base, size, leading, state)
                actualtext.close_span(tx)
            else:
                _draw_placed(tx, placed, x0, y, self.base, size, leading, state)
                before_rtl = _last_holder_rtl(placed)
            y -= leading
        canv.drawText(tx)
        actualtext.mark_line(canv, before_rtl)


Placed = list[tuple[float, textline.Run, Any, int]]  # (x, run, colour, level), typed order


def _place(segs: list[list[Any]], size: float) -> Placed:
    """One line's pieces ([text, font, colour, level], typed order) as runs at their x (rule L2)."""
    segs = _split_after_rtl(segs)
    runs = [_runs(t, f, lv, size) for t, f, _c, lv in segs]
    xs = [0.0] * len(segs)
    x = 0.0
    for k in textline.visual_order([s[3] for s in segs]):
        xs[k] = x
        x += sum(run.width for run in runs[k])
    placed: Placed = []
    for k, seg in enumerate(segs):
        left = xs[k]
        for run in runs[k]:
            placed.append((left, run, seg[2], seg[3]))
            left += run.width
    return placed


def _draw_placed(tx: Any, placed: Placed, x0: float, y: float, base: int, size: float, leading: float,
                 state: list[Any]) -> None:
    """Write one placed line into a text object; in a left-to-right line every right-to-left
    stretch is one ActualText span (export.pdf.actualtext.open_span)."""
    stretches = _rtl_stretches(placed) if base == 0 else {}
    for k, (x, run, c, _level) in enumerate(placed):
        if run.font != state[0]:
            state[0] = run.font
            tx.setFont(run.font, size, leading)
        if c is not None and c is not state[1]:
            state[1] = c
            tx.setFillColor(c)
        tx.setTextOrigin(x0 + x, y)
        if stretches.get(k) is not None:
            actualtext.open_span(tx, cast(str, stretches[k]))
        tx.textOut(run.text)
        if k in stretches and (k + 1 not in stretches or stretches[k + 1] is not None):
            actualtext.close_span(tx)


def _line_segs(text: str, bold: bool) -> tuple[list[list[Any]], int]:
    """One line's pieces ([text, font, colour, level], typed order) and its direction (1: RTL)."""
    segs: list[list[Any]] = []
    runs = fonts.split_runs(text, bold)
    joined = "".join(t for t, _f, _r in runs)
    base = 1 if fonts.base_is_rtl(joined) else 0
    levels = iter(textline.bidi_levels(joined, base))
    for piece, font, _rtl in runs:
        for ch in piece:
            level = next(levels)
            if segs and segs[-1][1] == font and segs[-1][3] == level:
                segs[-1][0] += ch
            else:
                segs.append([ch, font, None, level])
    return segs, base


def draw_line(canv: Any, x: float, y: float, text: str, size: float, bold: bool = False) -> float:
    """One line of any script on a pdfgen canvas (headers, table cells, map labels), set as the
    paragraphs are, searchable as typed; its direction is its first strong letter's. Returns its width."""
    segs, base = _line_segs(text, bold)
    placed = _place(segs, size)
    if base == 1 and placed:
        _draw_span(canv, y, [(x, placed)], text, size)
    else:
        tx = canv.beginText(x, y)
        _draw_placed(tx, placed, x, y, base, size, size * 1.2, [None, None])
        canv.drawText(tx)
        actualtext.mark_line(canv, _last_holder_rtl(placed))
    return sum(run.width for _x, run, _c, _lv in placed)


def _last_holder_rtl(placed: Placed) -> bool:
    """Whether the piece holding a left-to-right line's last character reads right to left: the
    rightmost, or in a right-to-left stretch (one span) the stretch's leftmost, holding its text."""
    if not placed:
        return False
    stretches = _rtl_stretches(placed)
    last = max(range(len(placed)), key=lambda i: placed[i][0])
    if last in stretches:
        first = max(i for i, actual in stretches.items() if actual is not None and i <= last)
        end = first + 1
        while end in stretches and stretches[end] is None:
            end += 1
        last = min(range(first, end), key=lambda i: placed[i][0])
    return actualtext.reads_right_to_left(placed[last][1].text)


RowPiece = tuple[float, str, bool]  # (x, text, bold)


def draw_row(canv: Any, y: float, pieces: list[RowPiece], size: float) -> None:
    """Pieces side by side on one baseline (a table row's cells, a header's title and section),
    each drawn as `draw_line` does, all in one ActualText span reading as the pieces typed, left to
    right, a space between. PDFium takes one baseline as one line: cells drawn each on their own
    came back in the wrong order, a title with its section as "العقد خريطة The walk"."""
    pieces = sorted((p for p in pieces if p[1]), key=lambda p: p[0])
    if not any(fonts.has_rtl(text) for _x, text, _b in pieces):
        for x, text, bold in pieces:
            textline.draw_string(canv, x, y, text, size, bold)
        actualtext.mark_line(canv, False)
        return
    lines = [(x, _place(_line_segs(text, bold)[0], size)) for x, text, bold in pieces]
    _draw_span(canv, y, lines, " ".join(text for _x, text, _b in pieces), size)


def _draw_span(canv: Any, y: float, lines: list[tuple[float, Placed]], typed: str, size: float) -> None:
    """Placed lines on one baseline (each at its x) in one span PDFium reads as `typed`."""
    tx = canv.beginText(lines[0][0], y)
    leftmost = min(lines[0][1], key=lambda p: p[0])[1]
    leftmost_rtl = actualtext.reads_right_to_left(leftmost.text)
    turned = actualtext.reverses_line(leftmost_rtl, actualtext.line_before_rtl(canv), typed)
    actualtext.open_span(tx, actualtext.rtl_line_actual(typed, turned))
    state: list[Any] = [None, None]
    for x, placed in lines:
        _draw_placed(tx, placed, x, y, 1, size, size * 1.2, state)  # base 1: no spans of its own
    actualtext.close_span(tx)
    canv.drawText(tx)
    actualtext.mark_line(canv, leftmost_rtl)  # the span's text is held by its leftmost piece


_PUNCTUATION = frozenset(("ON", "CS", "ES", "ET"))  # neutral, not white space


def _punctuation(text: str) -> bool:
    return all(unicodedata.bidirectional(ch) in _PUNCTUATION for ch in text)


def _split_after_rtl(segs: list[list[Any]]) -> list[list[Any]]:
    """The punctuation that opens a left-to-right piece right after a right-to-left one
    (the ":" of ": the contract") as a piece of its own, so the ActualText span
    of the right-to-left stretch can take them in (see `_rtl_stretches`)."""
    out: list[list[Any]] = []
    for seg in segs:
        text = seg[0]
        if out and out[-1][3] > 0 and seg[3] == 0 and not _punctuation(text):
            cut = 0
            while cut < len(text) and unicodedata.bidirectional(text[cut]) in _PUNCTUATION:
                cut += 1
            if cut:
                out.append([text[:cut], *seg[1:]])
                text = text[cut:]
        out.append([text, *seg[1:]])
    return out


def _as_pdfium_reverses(trailing: str) -> str:
    """Punctuation right after right-to-left letters as PDFium's bidi pass will undo it: it
    reverses and mirrors the neutrals there (")" became "("), up to the first separator or
    terminator ("," "%"), which it reads as left to right."""
    cut = 0
    while cut < len(trailing) and unicodedata.bidirectional(trailing[cut]) in ("ON", "WS", "B", "S"):
        cut += 1
    return textline.mirror(trailing[:cut][::-1]) + trailing[cut:]


def _rtl_stretches(placed: Placed) -> dict[int, str | None]:
    """For each run of a left-to-right line inside a right-to-left stretch (levels above 0,
    typed order, and the punctuation right after it): at the stretch's first run, the
    ActualText of its span (export.pdf.actualtext.open_span says why it reads so); None at
    the others."""
    out: dict[int, str | None] = {}
    k = 0
    while k < len(placed):
        if placed[k][3] == 0:
            k += 1
            continue
        j = k
        while j < len(placed) and placed[j][3] > 0:
            j += 1
        core = "".join(placed[i][1].logical for i in range(k, j))
        end = j  # ")" or ":" right after the stretch: in the span, else PDFium puts a space before it
        while end < len(placed) and _punctuation(placed[end][1].logical):
            end += 1
        if any(placed[i][1].rtl for i in range(k, j)):
            trailing = "".join(placed[i][1].logical for i in range(j, end))
            seen = actualtext.LRM + core + _as_pdfium_reverses(trailing) + actualtext.LRM
            leftmost = min(range(k, end), key=lambda i: placed[i][0])
            # ... and it reverses the ActualText of a span that starts with right-to-left letters
            out[k] = seen[::-1] if fonts.has_rtl(placed[leftmost][1].logical) else seen
            out.update(dict.fromkeys(range(k + 1, end)))
        k = end
    return out


def _as_fast(words: list[Any]) -> list[Any]:
    """Words in export.pdf.lines' shape (for the markup of a split part)."""
    return [None if w is None else (tuple(p[:3] for p in w[0]), w[1], w[2], w[3], w[4]) for w in words]


_RTL_FONT_TAGS = ('<font name="NotoSansArabic', '<font name="NotoSansHebrew')


def has_rtl_run(markup: str) -> bool:
    """Whether paragraph markup (from export.pdf.styles.markup) has a right-to-left run:
    those always come in their own font, so the tag says it without reading every letter."""
    return not markup.isascii() and any(tag in markup for tag in _RTL_FONT_TAGS)


def bidi_para(markup: str, style: Any, full: Any, own: bool = False, flush: bool = False) -> BidiPara | None:
    """A BidiPara for `markup` in `style`, or None when the markup or style is more than
    it sets (then reportlab's Paragraph does). A paragraph that is just what the user
    typed (`own`: a story, a name) reads in the direction of its first strong letter
    (Unicode rules P2/P3) and, right to left and `flush`, is set flush right (free text;
    a name on a card keeps the card's alignment); a line we compose
    around a name ("Name: what (stage)", "department · insourced") reads left to right,
    its right-to-left runs in their own order."""
    if not _plain_style(style, any_alignment=True):
        return None
    pieces = markup_read.pieces(markup, style.fontName, style.textColor)
    if pieces is None:
        return None
    base = 1 if own and fonts.base_is_rtl("".join(p[0] for p in pieces if p is not None)) else 0
    flush_right = flush and base == 1 and getattr(style, "alignment", TA_LEFT) == TA_LEFT
    words = _words(pieces, style.fontSize, base)
    return BidiPara(markup, style, words, full, base, flush_right)
