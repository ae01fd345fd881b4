"""A light paragraph for the playbook's plain text: most of what a big map prints
(labels, "name: thing (stage, one-way)" lines, facts lines, stories) is left-aligned
text in a font or two (a run of another script in its bundled font), a colour or two.

Why: reportlab's Paragraph parses its markup with html.parser, breaks lines through
a general machinery (hyphenation, bidi, images, justification) and draws word by
word; for 36,000 short paragraphs that was most of a 2,000-person playbook's time.
`FastPara` reads the few tags our own markup uses (`<b>`, `<i>`, `<font name color>`,
`<br/>`, the five escapes), breaks lines the way Paragraph does for such text (greedy,
words split at the same white space, the same 5% space shrinkage, the same first
baseline and leading) and draws each line with one text object.

Anything else goes the full way: markup with other tags or attributes, shaping
(right-to-left text), another alignment or indents (`fast_para` returns None),
and a word wider than the line (the paragraph hands itself to a real Paragraph,
which splits long words).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from export.pdf import actualtext, markup_read
from export.pdf.markup_read import Piece, Word
from export.pdf.reportlab_private import WHITESPACE

_WS = re.compile(f"[{re.escape(WHITESPACE)}]+")
_SHRINK = 0.05  # reportlab's rl_config.spaceShrinkage: lines may squeeze their spaces by 5%

# (text, font, size) -> width: the same words come back thousands of times in a big map
_WIDTHS: dict[tuple[str, str, float], float] = {}


def width_of(text: str, font: str, size: float) -> float:
    key = (text, font, size)
    w = _WIDTHS.get(key)
    if w is None:
        if len(_WIDTHS) > 100_000:  # a bound, not a working size (a big map: ~20,000 words)
            _WIDTHS.clear()
        w = _WIDTHS[key] = stringWidth(text, font, size)
    return w


def _words(pieces: list[Piece | None], size: float) -> list[Word | None]:
    """Pieces cut into words at white space (a word may span pieces: "<b>Ann</b>:"), each
    with its width and the space after it."""
    words: list[Word | None] = []
    current: list[Piece] = []
    width = 0.0
    split = _WS.split
    for piece in pieces:
        if piece is None:
            if current:
                words.append((tuple(current), width, 0.0, "", None))
                current, width = [], 0.0
            words.append(None)
            continue
        text, font, color = piece
        first = True
        for part in split(text):
            if not first and current:  # white space in this piece ended the word
                words.append((tuple(current), width, width_of(" ", font, size), font, color))
                current, width = [], 0.0
            first = False
            if part:
                current.append((part, font, color))
                width += width_of(part, font, size)
    if current:
        words.append((tuple(current), width, 0.0, "", None))
    return words


class FastPara(Paragraph):  # type: ignore[misc]
    """Plain styled text in one font family, set and split like a Paragraph (see the
    module docstring). Keeps `text` and `style` as a Paragraph does (for the bench and
    `Ctx.keep_labels`); a word wider than the line hands it to a real Paragraph."""

    width: float  # set by wrap(), declared for the type checker
    height: float

    def __init__(self, text: str | Callable[[], str], style: Any, words: list[Word | None],
                 full: Any = None) -> None:
        Flowable.__init__(self)
        # a split part's markup is made only when asked for (`text`): made for every part of
        # a paragraph split over many pages, it cost the square of the paragraph's length
        self._text: str | None = text if isinstance(text, str) else None
        self._text_maker = None if isinstance(text, str) else text
        self.style = style
        self.bulletText = None
        self.debug = 0
        self.caseSensitive = 1
        self.encoding = "utf8"
        self._words = words
        # () -> Paragraph, for what this class does not do
        self._full_maker = full or (lambda: Paragraph(self.text, self.style))
        self._full: Any = None
        self._delegating = False  # set once a word turned out wider than the line
        self._lines: list[list[Word]] = []
        self._starts: list[int] = []
        self._wrapped: float | None = None

    @property
    def text(self) -> str:
        """The paragraph's markup (what a real Paragraph of these words would be given)."""
        if self._text is None:
            self._text = self._text_maker() if self._text_maker else ""
            self._text_maker = None
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text, self._text_maker = value, None

    # ----- the real Paragraph, when needed ------------------------------------
    def _real(self) -> Any:
        if self._full is None:
            self._full = self._full_maker()
        return self._full

    @property
    def frags(self) -> Any:
        return self._real().frags

    def minWidth(self) -> float:
        return max((w[1] for w in self._words if w is not None), default=0.0)

    def getPlainText(self, identify: Any = None) -> str:
        return " ".join("".join(p[0] for p in w[0]) if w is not None else "\n" for w in self._words)

    # ----- layout --------------------------------------------------------------
    def _break(self, width: float) -> tuple[list[list[Word]], list[int]] | None:
        """Greedy lines as reportlab's Paragraph makes them, and the index of each line's first
        word; None if a word is wider than a line."""
        lines: list[list[Word]] = []
        starts: list[int] = []
        line: list[Word] = []
        start = 0
        used = spaces = 0.0
        broken = False  # the last thing was a line break
        for i, word in enumerate(self._words):
            if word is None:
                lines.append(line)
                starts.append(start)
                line, used, spaces, broken, start = [], 0.0, 0.0, True, i + 1
                continue
            broken = False
            w = word[1]
            if line:
                gap = line[-1][2]
                if used + gap + w <= width + _SHRINK * (spaces + gap):
                    line.append(word)
                    used += gap + w
                    spaces += gap
                    continue
                lines.append(line)
                starts.append(start)
                start = i
            if w > width:
                return None
            line, used, spaces = [word], w, 0.0
        if line or (broken and lines):
            lines.append(line)
            starts.append(start)
        while lines and not lines[-1]:  # reportlab drops trailing empty lines
            lines.pop()
            starts.pop()
        return lines, starts

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._delegating:
            delegated: tuple[float, float] = self._full.wrap(availWidth, availHeight)
            return delegated
        if self._wrapped == availWidth:
            return self.width, self.height
        broken = self._break(availWidth)
        if broken is None:  # a word wider than the line: reportlab splits long words
            self._delegating = True
            size: tuple[float, float] = self._real().wrap(availWidth, availHeight)
            self.width, self.height = size
            return size
        self._lines, self._starts = broken
        lines = self._lines
        self._wrapped = availWidth
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if not self._delegating:
            self.wrap(availWidth, availHeight)
        if self._delegating:
            parts: list[Flowable] = self._full.split(availWidth, availHeight)
            return parts
        style = self.style
        n = len(self._lines)
        s = int(availHeight / float(style.leading))
        orphans = getattr(style, "allowOrphans", 0)
        if (not orphans and s <= 1) or s == 0 or not n:
            return []
        if n <= s:
            return [self]
        if not getattr(style, "allowWidows", 1) and n == s + 1:
            if (orphans and n == 3) or n > 3:
                s -= 1
            else:
                return []
        start = self._starts[s]
        first = self._words[:start]
        while first and first[-1] is None:
            first.pop()
        tail = self._part(self._words[start:])
        tail._keep_lines(self, s, availWidth)
        return [self._part(first), tail]

    def _keep_lines(self, whole: FastPara, s: int, width: float) -> None:
        """Take the lines of `whole` from its line `s` on, as set at `width`: greedy breaking
        from the same word at the same width makes the same lines, and breaking the rest again
        after every page cost the square of a long paragraph's length."""
        start = whole._starts[s]
        self._lines = whole._lines[s:]
        self._starts = [i - start for i in whole._starts[s:]]
        self._wrapped = self.width = width
        self.height = len(self._lines) * self.style.leading

    def _part(self, words: list[Word | None]) -> FastPara:
        """A split part: its own markup (for a real Paragraph of just these words, should it
        ever be set narrower than a word of it)."""
        part = FastPara(lambda: markup_read.markup_of(words), self.style, words)
        part.__dict__.update({k: v for k, v in self.__dict__.items() if k.startswith("_cw_")})
        return part

    def _drew_full(self) -> bool:
        """Draw the real Paragraph if this one handed itself over (a word wider than the line)."""
        if self._delegating:
            self._full.canv = self.canv
            self._full.draw()
        return self._delegating

    def draw(self) -> None:
        if self._drew_full():
            return
        if not self._lines:
            return
        canv = self.canv
        style = self.style
        size, leading = style.fontSize, style.leading
        font, color = style.fontName, style.textColor
        canv.setFillColor(color)  # in the saved state drawOn wraps every flowable in
        tx = canv.beginText(0, self.height - size)
        tx.setFont(font, size, leading)
        for line in self._lines:
            text: list[str] = []
            last = len(line) - 1
            used = sum(w[1] for w in line) + sum(w[2] for w in line[:last])
            squeeze = 0.0  # a line set in the 5% space shrinkage: its spaces narrowed to fit
            if used > self.width + 1e-8 and last > 0:
                squeeze = (self.width - used) / (last + sum(p[0].count("\xa0") for w in line for p in w[0]))
                tx.setWordSpace(squeeze)
            for i, (pieces, _w, gap, gap_font, gap_color) in enumerate(line):
                if i < last and gap:
                    pieces = (*pieces, (" ", gap_font, gap_color))
                for piece, pfont, pcolor in pieces:
                    if piece == " " and pfont == font:  # a space's colour does not show
                        text.append(piece)
                        continue
                    if pfont != font or pcolor is not color:
                        if text:
                            tx.textOut("".join(text))
                            text = []
                        if pfont != font:
                            font = pfont
                            tx.setFont(font, size, leading)
                        if pcolor is not color:
                            color = pcolor
                            tx.setFillColor(color)
                    text.append(piece)
            if squeeze:
                tx.textOut("".join(text))
                tx.setWordSpace(0)
                tx.textLine("")
            else:
                tx.textLine("".join(text))
        canv.drawText(tx)
        actualtext.mark_line(canv, False)  # plain text: no right-to-left piece ends its last line


_STYLE_OK: dict[tuple[int, bool], tuple[Any, bool]] = {}


def _plain_style(style: Any, any_alignment: bool = False) -> bool:
    """Left aligned (or, with `any_alignment`, aligned any way and maybe shaped: for
    export.pdf.bidi), no indents, shaping, bullets, borders, hyphenation or the like."""
    hit = _STYLE_OK.get((id(style), any_alignment))
    if hit is not None and hit[0] is style:
        return hit[1]
    ok = not (
        (not any_alignment and getattr(style, "alignment", TA_LEFT) != TA_LEFT)
        or (not any_alignment and getattr(style, "shaping", 0))
        or getattr(style, "wordWrap", None)
        or getattr(style, "leftIndent", 0)
        or getattr(style, "rightIndent", 0)
        or getattr(style, "firstLineIndent", 0)
        or getattr(style, "bulletText", None)
        or getattr(style, "backColor", None)
        or getattr(style, "borderWidth", 0)
        or getattr(style, "endDots", None)
        or getattr(style, "hyphenationLang", "")
        or getattr(style, "embeddedHyphenation", 0)
        or getattr(style, "uriWasteReduce", 0)
        or getattr(style, "textTransform", None)
        or getattr(style, "autoLeading", "") not in ("", "off", None)
        or getattr(style, "spaceShrinkage", _SHRINK) != _SHRINK
    )
    if len(_STYLE_OK) > 256:  # styles of past exports: let them go
        _STYLE_OK.clear()
    _STYLE_OK[(id(style), any_alignment)] = (style, ok)
    return ok


# (markup, style id) -> (style, words or None): labels, "No story yet", facts lines and the
# like come back thousands of times; words are tuples, shared by every paragraph of that text
Parsed = dict[tuple[str, int], tuple[Any, "list[Word | None] | None"]]


def fast_para(markup: str, style: Any, full: Any, parsed: Parsed) -> FastPara | None:
    """A FastPara for `markup` in `style`, or None when it needs a real Paragraph.
    `full()` makes that Paragraph should a word turn out wider than the line; `parsed`
    is a cache (one per export)."""
    key = (markup, id(style))
    hit = parsed.get(key)
    if hit is None or hit[0] is not style:
        words = None
        if _plain_style(style):
            if "<" in markup or "&" in markup or ">" in markup:
                pieces = markup_read.pieces(markup, style.fontName, style.textColor)
            else:
                pieces = [(markup, style.fontName, style.textColor)]
            if pieces is not None:
                words = _words(pieces, style.fontSize)
        hit = parsed[key] = (style, words)
    words = hit[1]
    if words is None:
        return None
    return FastPara(markup, style, words, full)
