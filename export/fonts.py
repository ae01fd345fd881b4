"""The bundled fonts, and how any text a user types gets printed with them.

reportlab's built-in fonts are never embedded and silently drop CJK, Arabic
and emoji (PITFALLS.md), so every output uses the TrueType fonts bundled in
assets/fonts: Noto Sans for Latin/Cyrillic/Greek, Noto Sans Arabic, Hebrew
and Thai, Droid Sans Fallback for Chinese/Japanese, NanumSquare for Korean.
Text is split into runs by the font
that really has each glyph (checked in the font's cmap); a character no
bundled font has becomes a visible U+FFFD mark, never silently dropped.

Paragraphs: `markup(text)` gives safe reportlab markup; `paragraph()` also
turns on HarfBuzz shaping for text with right-to-left runs (Arabic letters
join, words read right to left). Shaping is kept off elsewhere because it
costs ~7x and turns "fi" into ligatures that break text search in the PDF.

Drawings: `visual_runs()` / `draw_text()` lay out one line of text as
reportlab.graphics Strings in visual order, RTL runs shaped.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"

SANS = "NotoSans"
SANS_BOLD = "NotoSans-Bold"
SANS_ITALIC = "NotoSans-Italic"
SANS_BOLD_ITALIC = "NotoSans-BoldItalic"
ARABIC = "NotoSansArabic"
ARABIC_BOLD = "NotoSansArabic-Bold"
HEBREW = "NotoSansHebrew"
HEBREW_BOLD = "NotoSansHebrew-Bold"
THAI = "NotoSansThai"
THAI_BOLD = "NotoSansThai-Bold"
CJK = "DroidSansFallback"
KOREAN = "NanumSquare"

REPLACEMENT = "\ufffd"  # drawn in Noto Sans (checked to be in its cmap)
ELLIPSIS = "\u2026"

# font name -> file in assets/fonts
FONT_FILES: dict[str, str] = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
    SANS_BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
    HEBREW: "NotoSansHebrew-Regular.ttf",
    HEBREW_BOLD: "NotoSansHebrew-Bold.ttf",
    THAI: "NotoSansThai-Regular.ttf",
    THAI_BOLD: "NotoSansThai-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    KOREAN: "NanumSquareR.ttf",
}

# family (regular name) -> (regular, bold, italic, bold italic)
FAMILIES: dict[str, tuple[str, str, str, str]] = {
    SANS: (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC),
    ARABIC: (ARABIC, ARABIC_BOLD, ARABIC, ARABIC_BOLD),
    HEBREW: (HEBREW, HEBREW_BOLD, HEBREW, HEBREW_BOLD),
    THAI: (THAI, THAI_BOLD, THAI, THAI_BOLD),
    CJK: (CJK, CJK, CJK, CJK),
    KOREAN: (KOREAN, KOREAN, KOREAN, KOREAN),
}
# The order in which fonts are asked for a glyph: Latin first, CJK last.
FALLBACK_ORDER: tuple[str, ...] = (SANS, ARABIC, HEBREW, THAI, CJK, KOREAN)
RTL_FAMILIES = frozenset({ARABIC, HEBREW})

_registered = False


def register_fonts() -> None:
    """Register the bundled fonts and families with reportlab (idempotent), and make
    Noto Sans the canvas and graphics default so no unembedded Helvetica sneaks in."""
    global _registered
    if _registered:
        return
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    for family, (regular, bold, italic, bold_italic) in FAMILIES.items():
        pdfmetrics.registerFontFamily(
            family,
            normal=regular,
            bold=bold,
            italic=italic,
            boldItalic=bold_italic,
            baseFontFor="canvas graphics" if family == SANS else "",
        )
    rl_config.canvas_basefontname = SANS
    rl_config.defaultGraphicsFontName = SANS
    _registered = True
    log.debug("registered %d bundled fonts", len(FONT_FILES))


@cache
def _cmap(font_name: str) -> frozenset[int]:
    register_fonts()
    font: Any = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def has_glyph(font_name: str, ch: str) -> bool:
    """Whether the font really has a glyph for the character (its cmap, not a guess)."""
    return ord(ch) in _cmap(font_name)


def styled(family: str, bold: bool = False, italic: bool = False) -> str:
    """The font name of a family's bold/italic member."""
    regular, b, i, bi = FAMILIES[family]
    return bi if bold and italic else b if bold else i if italic else regular


def family_of(font_name: str) -> str:
    for family, members in FAMILIES.items():
        if font_name in members:
            return family
    return SANS


def _is_neutral(ch: str) -> bool:
    """Spaces, digits and punctuation: they follow the run they sit in."""
    cat = unicodedata.category(ch)
    return cat[0] in "PNZS" and not ("\u0600" <= ch <= "\u06ff")


def _is_invisible(ch: str) -> bool:
    """Format characters (bidi marks, ZWJ, BOM) and variation selectors: no ink of their own."""
    cat = unicodedata.category(ch)
    return cat == "Cf" or "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef"


_EMOJI_MODIFIERS = range(0x1F3FB, 0x1F400)
# control characters (Unicode category Cc) and lone surrogates (Cs): what clean_text changes
_UNCLEAN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: object, keep_newlines: bool = False) -> str:
    """User text made safe to print: NUL and control characters removed (tabs and, unless
    kept, newlines become spaces), lone surrogates become U+FFFD."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if not _UNCLEAN.search(text):  # nearly all text: nothing to clean
        return text
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch == "\n" or ch == "\r":
            if keep_newlines:
                if ch == "\n":
                    out.append("\n")
            else:
                out.append(" ")
        elif ch == "\t":
            out.append(" ")
        elif cat == "Cc":
            continue
        elif cat == "Cs":
            out.append(REPLACEMENT)
        else:
            out.append(ch)
    return "".join(out)


def font_for_char(ch: str, bold: bool = False, italic: bool = False, prefer: str | None = None) -> str:
    """The bundled font to draw one character in. `prefer` (a family) wins if it has the
    glyph. A character no bundled font has gets Noto Sans, in which it is drawn as U+FFFD
    (see `split_runs`)."""
    if prefer is not None and has_glyph(prefer, ch):
        return styled(prefer, bold, italic)
    for family in FALLBACK_ORDER:
        if has_glyph(family, ch):
            return styled(family, bold, italic)
    return styled(SANS, bold, italic)


def is_covered(ch: str) -> bool:
    return any(has_glyph(family, ch) for family in FALLBACK_ORDER)


@cache
def _plain_sans() -> frozenset[str]:
    """Characters Noto Sans draws as themselves with nothing special to decide (not a
    format mark, variation selector or emoji modifier): text made only of these is one
    Noto Sans run, whatever `split_runs` would look at character by character."""
    return frozenset(
        chr(c) for c in _cmap(SANS) if not (0xD800 <= c <= 0xDFFF) and not _is_invisible(chr(c))
        and c not in _EMOJI_MODIFIERS and unicodedata.category(chr(c)) != "Cc"
    )


def all_in_sans(text: str) -> bool:
    """Whether `text` (already cleaned) is one Noto Sans run: ASCII, or Latin, Greek,
    Cyrillic... that Noto Sans has. The fast path of every per-character function here."""
    return text.isascii() or set(text) <= _plain_sans()


def split_runs(text: str, bold: bool = False, italic: bool = False) -> list[tuple[str, str, bool]]:
    """Logical-order runs of (text, font name, is right-to-left). Control characters are
    removed, characters no font has become U+FFFD (an emoji with its modifiers and joiners
    becomes one mark), neutral characters stay in the run around them."""
    text = clean_text(text)
    if all_in_sans(text):  # printable ASCII, or all Noto Sans: one run
        return [(text, styled(SANS, bold, italic), False)] if text else []
    return list(_split_mixed(text, bold, italic))


@lru_cache(maxsize=65536)
def _char_info(ch: str) -> tuple[bool, bool, bool, str | None]:
    """What `_split_mixed` asks of one character, asked once per character: (invisible
    or an emoji modifier, a combining mark, neutral, the first family that has it)."""
    invisible = _is_invisible(ch) or ord(ch) in _EMOJI_MODIFIERS
    mark = unicodedata.category(ch) in ("Mn", "Me")
    family = next((f for f in FALLBACK_ORDER if has_glyph(f, ch)), None)
    return invisible, mark, _is_neutral(ch), family


@lru_cache(maxsize=4096)
def _split_mixed(text: str, bold: bool, italic: bool) -> tuple[tuple[str, str, bool], ...]:
    """split_runs for text that mixes fonts, one character at a time (cached: the same
    names and labels come back on every lane page)."""
    runs: list[tuple[list[str], str]] = []  # (characters, family)
    prev_replaced = False  # the last visible character became a mark
    joined = False  # ... and a zero-width joiner followed it (an emoji sequence)
    for ch in text:
        current = runs[-1][1] if runs else None
        invisible, mark, neutral, first = _char_info(ch)
        if invisible:
            if prev_replaced and ch != "\u200c":
                joined = joined or ch == "\u200d"
                continue  # part of an emoji sequence already shown as one mark
            if current is not None and has_glyph(current, ch):
                runs[-1][0].append(ch)
            continue  # an invisible mark the run's font lacks: nothing to lose
        if joined and first is None:
            joined = False
            continue  # the next member of a joined emoji sequence: still one mark
        joined = False
        if mark and current is not None and has_glyph(current, ch):
            runs[-1][0].append(ch)  # a combining mark stays with its base letter
            continue
        if first is None:  # no bundled font has it: a visible mark
            ch, family = REPLACEMENT, SANS
            prev_replaced = True
        else:  # neutral characters stay in the run around them when its font has them
            family = current if (neutral and current is not None and has_glyph(current, ch)) else first
            prev_replaced = False
        if runs and runs[-1][1] == family:
            runs[-1][0].append(ch)
        else:
            runs.append(([ch], family))
    return tuple(("".join(t), styled(fam, bold, italic), fam in RTL_FAMILIES) for t, fam in runs)


def has_rtl(text: str) -> bool:
    """Whether the text has right-to-left letters (Arabic, Hebrew...)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def base_is_rtl(text: str) -> bool:
    """Whether the first strong character reads right to left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


# ---------------------------------------------------------------- paragraphs


def markup(text: object, keep_newlines: bool = True) -> str:
    """reportlab Paragraph markup for user text: `<`, `&`, `>` and quotes escaped, control
    characters removed, newlines as <br/>, and every run that is not Noto Sans wrapped in
    <font name="...">. Outer <b>/<i> still work (the families are registered). Right-to-left
    runs join and read right to left only in a style with shaping=1: use `paragraph()`."""
    register_fonts()
    lines = clean_text(text, keep_newlines=keep_newlines).split("\n")
    out: list[str] = []
    for line in lines:
        parts: list[str] = []
        for run, font, _rtl in split_runs(line):
            safe = escape(run, {'"': "&quot;", "'": "&#39;"})
            parts.append(safe if font == SANS else f'<font name="{font}">{safe}</font>')
        out.append("".join(parts))
    return "<br/>".join(out)


_SHAPED: dict[int, tuple[Any, Any]] = {}  # id(style) -> (style, its shaped copy)


def shaped_style(style: Any) -> Any:
    """A copy of a ParagraphStyle with HarfBuzz shaping on (for text with RTL runs); one
    copy per style, so paragraphs in the same style share it (and its parsed markup)."""
    from reportlab.lib.styles import ParagraphStyle

    if getattr(style, "shaping", 0):
        return style
    hit = _SHAPED.get(id(style))
    if hit is None or hit[0] is not style:
        hit = (style, ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1))
        if len(_SHAPED) > 256:  # styles of past exports: let them go
            _SHAPED.clear()
        _SHAPED[id(style)] = hit
    return hit[1]


def paragraph(text: object, style: Any, bold: bool = False, italic: bool = False) -> Any:
    """A reportlab Paragraph of user text in any script: safe markup, font runs, and for
    text with RTL letters shaping on (and right-aligned when the text starts RTL)."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    body = markup(text)
    if bold:
        body = f"<b>{body}</b>"
    if italic:
        body = f"<i>{body}</i>"
    plain = clean_text(text)
    if has_rtl(plain):
        style = shaped_style(style)
        if base_is_rtl(plain):
            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
    return Paragraph(body, style)


# ---------------------------------------------------------------- drawings


@dataclass(frozen=True)
class Run:
    """One piece of a drawn line: `text` to draw (shaped, visual order), the `logical`
    text (what an SVG viewer should be given), its font and width at the size asked."""

    text: str
    logical: str
    font: str
    width: float
    rtl: bool


# digits (with their separators) keep reading left to right inside right-to-left text
_NUMBER = re.compile(
    r"[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,:/\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*"
)


@lru_cache(maxsize=16384)
def _shaped(text: str, font: str, size: float) -> tuple[str, float]:
    """HarfBuzz-shaped text (joined letters; an RTL segment comes out in visual order).
    Cached: names come back on many lanes' stubs, and the result is only ever read."""
    from reportlab.pdfbase.ttfonts import shapeStr

    try:
        shaped = shapeStr(text, font, size, force=True)
        data = getattr(shaped, "__shapeData__", None)
        if data is not None:
            return shaped, sum(g.x_advance for g in data) * size / 1000.0
        return shaped, pdfmetrics.stringWidth(shaped, font, size)
    except Exception:  # shaping is a nicety; never let it stop an export
        log.warning("could not shape right-to-left text; drawing it unshaped", exc_info=True)
        return text[::-1], pdfmetrics.stringWidth(text, font, size)


_TOKEN = re.compile(rf"{_NUMBER.pattern}|\s+|[^\s0-9\u0660-\u0669\u06f0-\u06f9]+|.", re.DOTALL)


def _rtl_runs(text: str, font: str, size: float) -> list[Run]:
    """One right-to-left run in visual order: words (each shaped, letters joined) and the
    spaces between them reversed, numbers still reading left to right. reportlab's own
    bidi needs rlbidi, which is not a dependency: the word order is done here."""
    tokens = [m.group(0) for m in _TOKEN.finditer(text)]
    shaped_all: Any = None
    width = 0.0
    for token in reversed(tokens):
        shaped, w = _shaped(token, font, size)
        shaped_all = shaped if shaped_all is None else shaped_all + shaped
        width += w
    if shaped_all is None:
        return []
    return [Run(shaped_all, text, font, width, True)]


def visual_runs(text: str, size: float, bold: bool = False, italic: bool = False) -> list[Run]:
    """One line of text as runs in visual (left-to-right drawing) order: the Unicode
    bidirectional algorithm (python-bidi) gives each character its level, with the base
    direction of the line's first strong letter; right-to-left pieces are shaped."""
    return list(_visual_runs(text, size, bold, italic))


@lru_cache(maxsize=8192)
def _visual_runs(text: str, size: float, bold: bool, italic: bool) -> tuple[Run, ...]:
    """visual_runs, cached: a big map draws the same labels (stage names, badges, people's
    names on cards and on other lanes' stubs) many times. Runs are frozen, safe to share."""
    register_fonts()
    runs = split_runs(text, bold, italic)
    if not any(rtl for _piece, _font, rtl in runs):  # nothing to reorder or shape
        return tuple(Run(piece, piece, font, pdfmetrics.stringWidth(piece, font, size), False)
                     for piece, font, _rtl in runs)
    out: list[Run] = []
    for piece, font, level in _reordered(runs):
        if level % 2:
            out += _rtl_runs(piece, font, size)
        else:
            out.append(Run(piece, piece, font, pdfmetrics.stringWidth(piece, font, size), False))
    return tuple(out)


def bidi_levels(text: str) -> list[int]:
    """The resolved embedding level of every character of one line (rules P2-P3 and
    X1-I2 of the Unicode bidirectional algorithm, from python-bidi): even reads left to
    right, odd right to left."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    base = uba.get_base_level(text)
    storage["base_level"], storage["base_dir"] = base, ("L", "R")[base]
    uba.get_embedding_levels(text, storage)
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    levels = [int(c["level"]) for c in storage["chars"]]
    if len(levels) != len(text):  # cannot happen on a wide-unicode Python; never fail a drawing
        return [base] * len(text)
    # L1: whitespace at the end of the line goes back to the base level
    end = len(text)
    while end > 0 and text[end - 1].isspace():
        end -= 1
        levels[end] = base
    return levels


def _reordered(runs: list[tuple[str, str, bool]]) -> list[tuple[str, str, int]]:
    """Font runs cut where the bidi level changes, in visual order (rule L2: from the
    highest level down to the lowest odd one, reverse every stretch at that level or
    higher). Characters inside a right-to-left piece are ordered by shaping."""
    levels = bidi_levels("".join(piece for piece, _font, _rtl in runs))
    pieces: list[list[Any]] = []  # [text, font, level]
    i = 0
    for piece, font, _rtl in runs:
        for ch in piece:
            level = levels[i]
            i += 1
            if pieces and pieces[-1][1] == font and pieces[-1][2] == level:
                pieces[-1][0] += ch
            else:
                pieces.append([ch, font, level])
    order = list(range(len(pieces)))
    odd = [lv for _t, _f, lv in pieces if lv % 2]
    if odd:
        for level in range(max(lv for _t, _f, lv in pieces), min(odd) - 1, -1):
            k = 0
            while k < len(order):
                if pieces[order[k]][2] < level:
                    k += 1
                    continue
                j = k
                while j < len(order) and pieces[order[j]][2] >= level:
                    j += 1
                order[k:j] = order[k:j][::-1]
                k = j
    return [(pieces[k][0], pieces[k][1], pieces[k][2]) for k in order]


@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """The printed width of one line of text (any script) in points."""
    return sum(r.width for r in visual_runs(text, size, bold, italic))


def fit_text(text: str, size: float, max_width: float, bold: bool = False, italic: bool = False) -> str:
    """The text, or its longest start that fits `max_width` with an ellipsis."""
    return _fit_text(clean_text(text).strip(), float(size), float(max_width), bool(bold), bool(italic))


@lru_cache(maxsize=8192)
def _fit_text(text: str, size: float, max_width: float, bold: bool, italic: bool) -> str:
    sans = all_in_sans(text)
    if sans:  # one Noto Sans run, and so is every prefix with an ellipsis
        font = styled(SANS, bold, italic)

        def width(s: str) -> float:
            return pdfmetrics.stringWidth(s, font, size)
    else:  # the runs' widths without ordering them (order does not change the width)

        def width(s: str) -> float:
            return _unordered_width(s, size, bold, italic)

    if text_width(text, size, bold, italic) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if width(text[:mid].rstrip() + ELLIPSIS) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    # the drawn width is what counts: step back while it is over (shaping may differ a hair)
    while not sans and lo and text_width(text[:lo].rstrip() + ELLIPSIS, size, bold, italic) > max_width:
        lo -= 1
    return (
        text[:lo].rstrip() + ELLIPSIS if lo else (ELLIPSIS if text_width(ELLIPSIS, size) <= max_width else "")
    )


def _unordered_width(text: str, size: float, bold: bool, italic: bool) -> float:
    """About the width `text_width` gives, without the bidi algorithm: right-to-left runs
    measured word by word as shaped. For trying many prefixes of one label."""
    total = 0.0
    for piece, font, rtl in split_runs(text, bold, italic):
        if rtl:
            total += sum(_shaped(m.group(0), font, size)[1] for m in _TOKEN.finditer(piece))
        else:
            total += pdfmetrics.stringWidth(piece, font, size)
    return total


_TEXT_RUN_CLASS: Any = None


def _text_run_class() -> Any:
    """A reportlab String that also carries its logical text and direction (for SVG)."""
    global _TEXT_RUN_CLASS
    if _TEXT_RUN_CLASS is None:
        from reportlab.graphics.shapes import String
        from reportlab.lib.attrmap import AttrMap, AttrMapValue
        from reportlab.lib.validators import isBoolean, isString

        class TextRun(String):  # type: ignore[misc]
            _attrMap = AttrMap(
                BASE=String,
                logical=AttrMapValue(isString, desc="the unshaped text in logical order"),
                rtl=AttrMapValue(isBoolean, desc="a right-to-left run"),
            )

        _TEXT_RUN_CLASS = TextRun
    return _TEXT_RUN_CLASS


def draw_text(
    group: Any,
    x: float,
    y: float,
    text: str,
    size: float,
    bold: bool = False,
    italic: bool = False,
    color: Any = None,
    anchor: str = "start",
    max_width: float | None = None,
) -> float:
    """Add one line of text to a reportlab.graphics Group (or Drawing) as Strings, one per
    font run; `anchor` is start, middle or end; truncated with an ellipsis to `max_width`.
    Returns the drawn width. Each String carries `logical` (the unshaped text) for SVG."""
    from reportlab.graphics.shapes import Group
    from reportlab.lib import colors

    text_run = _text_run_class()
    if max_width is not None:
        text = fit_text(text, size, max_width, bold, italic)
    runs = visual_runs(text, size, bold, italic)
    width = sum(r.width for r in runs)
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    fill = color if color is not None else colors.black
    line = Group()  # one line's runs together, so readers (and tests) can find the whole text
    for run in runs:
        s = text_run(left, y, run.text, fontName=run.font, fontSize=size, fillColor=fill, textAnchor="start")
        s.logical = run.logical
        s.rtl = run.rtl
        line.add(s)
        left += run.width
    group.add(line)
    return width


def draw_string(
    canvas_or_group: Any, x: float, y: float, text: str, size: float, bold: bool = False
) -> float:
    """Draw one line on a pdfgen canvas or a graphics Group, any script; returns its width."""
    if hasattr(canvas_or_group, "drawString") and hasattr(canvas_or_group, "setFont"):
        left = x
        for run in visual_runs(text, size, bold):
            canvas_or_group.setFont(run.font, size)
            canvas_or_group.drawString(left, y, run.text)
            left += run.width
        return left - x
    return draw_text(canvas_or_group, x, y, text, size, bold)
