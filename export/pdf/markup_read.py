"""Reading the playbook's own paragraph markup (export.pdf.styles.markup: `<b>`, `<i>`,
`<font name color>`, `<br/>`, the five escapes) into styled pieces, and writing pieces back
as markup: what export.pdf.lines and export.pdf.bidi set without reportlab's parser.

Anything else (another tag or attribute, a bare "&") is not ours: `pieces` says None and
the paragraph goes to reportlab's Paragraph.
"""
from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.pdfbase.pdfmetrics import getFont

_TAG = re.compile(r"<(/?)([a-z]+)([^<>]*?)(/?)>")
_ATTR = re.compile(r'\s+(\w+)\s*=\s*"([^"<>&]*)"')
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_COLORS: dict[str, Any] = {}


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


def pieces(markup: str, font: str, color: Any) -> list[Piece | None] | None:
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


def markup_of(words: list[Word | None]) -> str:
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
