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
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable, Paragraph

from export.pdf.reportlab_private import WHITESPACE

_TAG = re.compile(r"<(/?)([a-z]+)([^<>]*?)(/?)>")
_ATTR = re.compile(r'\s+(\w+)\s*=\s*"([^"<>&]*)"')
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_WS = re.compile(f"[{re.escape(WHITESPACE)}]+")
_SHRINK = 0.05  # reportlab's rl_config.spaceShrinkage: lines may squeeze their spaces by 5%

# (text, font, size) -> width: the same words come back thousands of times in a big map
_WIDTHS: dict[tuple[str, str, float], float] = {}
_COLORS: dict[str, Any] = {}


def width_of(text: str, font: str, size: float) -> float:
    key = (text, font, size)
    w = _WIDTHS.get(key)
    if w is None:
        if len(_WIDTHS) > 100_000:  # a bound, not a working size (a big map: ~20,000 words)
            _WIDTHS.clear()
        w = _WIDTHS[key] = stringWidth(text, font, size)
    return w


def _color(value: str) -> Any:
    c = _COLORS.get(value)
    if c is None:
        c = _COLORS[value] = colors.toColor(value)
    return c


def _unescape(text: str) -> str | None:
    """Text between tags with its escapes resolved; None when it holds markup we do not read."""
    if "<" in text or ">" in text:
        return None
    if "&" not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in _ENTITY.finditer(text):
        out.append(text[pos : m.start()])
        name = m.group(1)
        if name[0] == "#":
            code = int(name[2:], 16) if name[1] == "x" else int(name[1:])
            if code == 0 or code > 0x10FFFF:
                return None
            out.append(chr(code))
        else:
            out.append(_NAMED[name])
        pos = m.end()
    rest = text[pos:]
    if "&" in rest:
        return None
    out.append(rest)
    return "".join(out)


# A piece is (text, font, colour); a word is (pieces, width, the width of the space after it
# (0 for none), the font and colour of that space: the piece the white space was typed in,
# as reportlab draws it); a line break is None in the word list.
Piece = tuple[str, str, Any]
Word = tuple[tuple[Piece, ...], float, float, str, Any]


def _font_attrs(attrs: str) -> dict[str, str] | None:
    """The attributes of a <font> tag: name and colour only, each quoted, once."""
    found: dict[str, str] = {}
    pos = 0
    for m in _ATTR.finditer(attrs):
        key = m.group(1)
        if m.start() != pos or key in found or key not in ("name", "color"):
            return None
        found[key] = m.group(2)
        pos = m.end()
    return found if found and not attrs[pos:].strip() else None


def _pieces(markup: str, font: str, color: Any) -> list[Piece | None] | None:
    """The markup as styled pieces (None for a line break), or None if it is not ours.
    As in reportlab's parser, <font name> sets the family, bold and italic of that font."""
    family, bold, italic = ps2tt(font)
    stack: list[tuple[str, Any, str, int, int]] = []
    out: list[Piece | None] = []
    pos = 0
    cur_font, cur_color = font, color
    for m in _TAG.finditer(markup):
        text = _unescape(markup[pos : m.start()])
        if text is None:
            return None
        if text:
            out.append((text, cur_font, cur_color))
        pos = m.end()
        closing, tag, attrs, empty = m.groups()
        if tag == "br" and not closing and not attrs.strip():
            out.append(None)
            continue
        if empty:
            return None
        if closing:
            if attrs.strip() or not stack or stack[-1][0] != tag:
                return None
            _tag, cur_color, family, bold, italic = stack.pop()
        elif tag in ("b", "i") and not attrs.strip():
            stack.append((tag, cur_color, family, bold, italic))
            bold, italic = (1, italic) if tag == "b" else (bold, 1)
        elif tag == "font":
            found = _font_attrs(attrs)
            if found is None:
                return None
            stack.append((tag, cur_color, family, bold, italic))
            try:
                if "color" in found:
                    cur_color = _color(found["color"])
                if "name" in found:
                    family, bold, italic = ps2tt(found["name"])
                    getFont(tt2ps(family, bold, italic))
            except (ValueError, KeyError):
                return None
        else:
            return None
        cur_font = tt2ps(family, bold, italic)
    if stack:
        return None
    text = _unescape(markup[pos:])
    if text is None:
        return None
    if text:
        out.append((text, cur_font, cur_color))
    return out


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


class FastPara(Paragraph):
    """Plain styled text in one font family, set and split like a Paragraph (see the
    module docstring). Keeps `text` and `style` as a Paragraph does (for the bench and
    `Ctx.keep_labels`); a word wider than the line hands it to a real Paragraph."""

    width: float  # set by wrap(), declared for the type checker
    height: float

    def __init__(self, text: str, style: Any, words: list[Word | None], full: Any = None) -> None:
        Flowable.__init__(self)
        self.text = text
        self.style = style
        self.bulletText = None
        self.debug = 0
        self.caseSensitive = 1
        self.encoding = "utf8"
        self._words = words
        self._full_maker = full  # () -> Paragraph, for what this class does not do
        self._full: Any = None
        self._delegating = False  # set once a word turned out wider than the line
        self._lines: list[list[Word]] = []
        self._starts: list[int] = []
        self._wrapped: float | None = None

    # ----- the real Paragraph, when needed ------------------------------------
    def _real(self) -> Any:
        if self._full is None:
            self._full = self._full_maker()
        return self._full

    @property
    def frags(self) -> Any:  # type: ignore[override]
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
            return self._full.wrap(availWidth, availHeight)
        if self._wrapped == availWidth:
            return self.width, self.height
        broken = self._break(availWidth)
        if broken is None:  # a word wider than the line: reportlab splits long words
            self._delegating = True
            size = self._real().wrap(availWidth, availHeight)
            self.width, self.height = size
            return size
        self._lines, self._starts = broken
        lines = self._lines
        self._wrapped = availWidth
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._delegating:
            return self._full.split(availWidth, availHeight)
        self.wrap(availWidth, availHeight)
        if self._delegating:
            return self._full.split(availWidth, availHeight)
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
        rest = self._words[start:]
        return [self._part(first), self._part(rest)]

    def _part(self, words: list[Word | None]) -> FastPara:
        """A split part: its own markup (for a real Paragraph of just these words, should it
        ever be set narrower than a word of it)."""
        markup, style = _markup_of(words), self.style
        part = FastPara(markup, style, words, lambda: Paragraph(markup, style))
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


def _markup_of(words: list[Word | None]) -> str:
    """Paragraph markup that sets these words as they are set here: every piece in its font
    and colour, the spaces too, line breaks as <br/>."""
    out: list[str] = []
    for i, word in enumerate(words):
        if word is None:
            out.append("<br/>")
            continue
        pieces, _width, gap, gap_font, gap_color = word
        if gap and i + 1 < len(words) and words[i + 1] is not None:
            pieces = (*pieces, (" ", gap_font, gap_color))
        for text, font, color in pieces:
            out.append(f'<font name="{font}" color="{color.hexval()}">{escape(text)}</font>')
    return "".join(out)


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
                pieces = _pieces(markup, style.fontName, style.textColor)
            else:
                pieces = [(markup, style.fontName, style.textColor)]
            if pieces is not None:
                words = _words(pieces, style.fontSize)
        hit = parsed[key] = (style, words)
    words = hit[1]
    if words is None:
        return None
    return FastPara(markup, style, words, full)
