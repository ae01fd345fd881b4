"""The bundled fonts, and how any text a user types gets printed with them.

reportlab's built-in fonts are never embedded and silently drop CJK, Arabic
and emoji (docs/architecture.md, "Known traps"), so every output uses the TrueType fonts bundled in
assets/fonts: Noto Sans for Latin/Cyrillic/Greek, Noto Sans Arabic, Hebrew
and Thai, Noto Sans Devanagari, Bengali and Tamil, Droid Sans Fallback for
Chinese/Japanese, NanumSquare for Korean.
Text is split into runs by the font
that really has each glyph (checked in the font's cmap); a character no
bundled font has becomes a visible mark, never silently dropped: an emoji a named
placeholder ("[grinning face]", export.emoji_marks), anything else U+FFFD.

Paragraphs: `markup(text)` gives safe reportlab markup; `paragraph()` also
turns on HarfBuzz shaping for text with right-to-left runs (Arabic letters
join, words read right to left) and for Indic text (conjuncts, vowel signs
before their consonant; export.pdf.actualtext keeps such text extractable as
typed). Shaping is kept off elsewhere because it
costs ~7x and turns "fi" into ligatures that break text search in the PDF.

Drawn lines (maps, headers, tables): export.textline, built on `split_runs`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import cache, lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from export import emoji_marks
from model.resources import fonts_dir
from model.textdir import base_is_rtl as base_is_rtl  # re-exported: the exports' one import
from model.textdir import has_rtl as has_rtl

log = logging.getLogger(__name__)

FONT_DIR = fonts_dir()  # through importlib.resources: a checkout, a wheel or a bundle alike

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
DEVANAGARI = "NotoSansDevanagari"
DEVANAGARI_BOLD = "NotoSansDevanagari-Bold"
BENGALI = "NotoSansBengali"
BENGALI_BOLD = "NotoSansBengali-Bold"
TAMIL = "NotoSansTamil"
TAMIL_BOLD = "NotoSansTamil-Bold"
CJK = "DroidSansFallback"
KOREAN = "NanumSquare"

REPLACEMENT = "\ufffd"  # drawn in Noto Sans (checked to be in its cmap)
ELLIPSIS = "\u2026"

# font name -> file in assets/fonts: TrueType outlines only (reportlab's TTFont refuses a
# CFF-outline .otf; Noto's CJK fonts are such, hence Droid Sans Fallback for CJK)
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
    DEVANAGARI: "NotoSansDevanagari-Regular.ttf",
    DEVANAGARI_BOLD: "NotoSansDevanagari-Bold.ttf",
    BENGALI: "NotoSansBengali-Regular.ttf",
    BENGALI_BOLD: "NotoSansBengali-Bold.ttf",
    TAMIL: "NotoSansTamil-Regular.ttf",
    TAMIL_BOLD: "NotoSansTamil-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    KOREAN: "NanumSquareR.ttf",
}

# family (regular name) -> (regular, bold, italic, bold italic)
FAMILIES: dict[str, tuple[str, str, str, str]] = {
    SANS: (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC),
    ARABIC: (ARABIC, ARABIC_BOLD, ARABIC, ARABIC_BOLD),
    HEBREW: (HEBREW, HEBREW_BOLD, HEBREW, HEBREW_BOLD),
    THAI: (THAI, THAI_BOLD, THAI, THAI_BOLD),
    DEVANAGARI: (DEVANAGARI, DEVANAGARI_BOLD, DEVANAGARI, DEVANAGARI_BOLD),
    BENGALI: (BENGALI, BENGALI_BOLD, BENGALI, BENGALI_BOLD),
    TAMIL: (TAMIL, TAMIL_BOLD, TAMIL, TAMIL_BOLD),
    CJK: (CJK, CJK, CJK, CJK),
    KOREAN: (KOREAN, KOREAN, KOREAN, KOREAN),
}
# The order in which fonts are asked for a glyph: Latin first, CJK last.
FALLBACK_ORDER: tuple[str, ...] = (SANS, ARABIC, HEBREW, THAI, DEVANAGARI, BENGALI, TAMIL, CJK, KOREAN)
RTL_FAMILIES = frozenset({ARABIC, HEBREW})
# left-to-right scripts that print right only shaped (conjuncts, reordered vowel signs)
SHAPED_LTR_FAMILIES = frozenset({DEVANAGARI, BENGALI, TAMIL})
SHAPED_LTR_FONTS = frozenset(name for fam in SHAPED_LTR_FAMILIES for name in FAMILIES[fam])
# the Unicode blocks of those scripts: Devanagari U+0900, Bengali U+0980, Tamil U+0B80
_SHAPED_LTR_CHAR = re.compile("[\u0900-\u09ff\u0b80-\u0bff\ua8e0-\ua8ff]")

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
    from export.pdf import actualtext as pdf_actualtext
    from export.pdf import embolden as pdf_embolden

    pdf_actualtext.install(SHAPED_LTR_FONTS | frozenset(FAMILIES[SANS]))
    pdf_embolden.install()  # bold CJK and Hangul: the bundled faces have none
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
# format characters that never make ink, but that the fonts draw with a glyph or a width: a
# soft hyphen printed '-' inside words ("Soft-ware"), a zero-width space, word joiner or
# byte-order mark (pasted from web pages and spreadsheets) printed as a gap ("Sa les"), the
# bidi embeddings, overrides and isolates as boxes (an override also spoofs the reading order)
_NO_INK = frozenset("\u00ad\u180e\u200b\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063"
                    "\u2064\u2066\u2067\u2068\u2069\ufeff")
# what clean_text changes: control characters (Unicode category Cc), lone surrogates (Cs) and
# the characters above (one list: the pattern is made of it)
_UNCLEAN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(_NO_INK)) + "]")


def clean_text(text: object, keep_newlines: bool = False, for_print: bool = True) -> str:
    """User text made safe to print: NUL and control characters removed (tabs and, unless
    kept, newlines become spaces), lone surrogates become U+FFFD, invisible format
    characters a font would draw (soft hyphen, zero-width space, BOM) removed `for_print`
    (data exports keep them: they are part of the text, only not of its look)."""
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
        elif cat == "Cc" or (for_print and ch in _NO_INK):
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
    replaced: list[str] = []  # the characters no font has (an emoji sequence) being replaced
    joined = False  # ... and a zero-width joiner followed it (an emoji sequence)
    for ch in [*text, ""]:  # "": the end, where the last replaced sequence is printed
        invisible, mark, neutral, first = _char_info(ch) if ch else (False, False, False, SANS)
        if invisible:
            if replaced and ch != "\u200c":
                joined = joined or ch == "\u200d"
                replaced.append(ch)  # part of an emoji sequence shown as one mark
            elif runs and has_glyph(runs[-1][1], ch):
                runs[-1][0].append(ch)
            continue  # an invisible mark the run's font lacks: nothing to lose
        if first is None and replaced and (joined or emoji_marks.is_flag_pair(replaced, ch)):
            joined = False
            replaced.append(ch)
            continue  # the next member of a joined emoji sequence (or a flag): still one mark
        joined = False
        if replaced:  # no bundled font has it: a visible mark, named for an emoji
            seq, family = emoji_marks.mark_for("".join(replaced)), SANS
            replaced.clear()
            if runs and runs[-1][1] == family:
                runs[-1][0].append(seq)
            else:
                runs.append(([seq], family))
        current = runs[-1][1] if runs else None
        if not ch or first is None:
            replaced += ch
            continue
        if mark and current is not None and has_glyph(current, ch):
            runs[-1][0].append(ch)  # a combining mark stays with its base letter
            continue
        # neutral characters stay in the run around them when its font has them
        family = current if (neutral and current is not None and has_glyph(current, ch)) else first
        if runs and runs[-1][1] == family:
            runs[-1][0].append(ch)
        else:
            runs.append(([ch], family))
    return tuple(("".join(t), styled(fam, bold, italic), fam in RTL_FAMILIES) for t, fam in runs)


def needs_ltr_shaping(text: str) -> bool:
    """Whether the text has letters of a left-to-right script that only prints right
    shaped (Devanagari, Bengali, Tamil)."""
    return _SHAPED_LTR_CHAR.search(text) is not None


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
            # Paragraph parses its text as markup: unescaped, `x<y>z` prints `xz` and `<b>x` raises
            safe = escape(run, {'"': "&quot;", "'": "&#39;"})
            parts.append(safe if font == SANS else f'<font name="{font}">{safe}</font>')
        out.append("".join(parts))
    return "<br/>".join(out)


_FONT_OPEN = re.compile(r'(<font name="[^"]+">)')


def bold_markup(body: str) -> str:
    """Markup (from `markup()`) set bold. reportlab's <font name> resets bold, so a name in
    another script inside <b> printed regular: the <b> goes inside each font run too."""
    if "<font name=" in body:
        body = _FONT_OPEN.sub(r"\1<b>", body).replace("</font>", "</b></font>")
    return f"<b>{body}</b>"


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
        body = bold_markup(body)
    if italic:
        body = f"<i>{body}</i>"
    plain = clean_text(text)
    # shaping only where a script needs it: it costs ~7x and turns "fi" into a ligature search
    # misses; mixed Arabic and Latin stays readable because markup() gives each script its run
    if needs_ltr_shaping(plain):
        style = shaped_style(style)
    if has_rtl(plain):
        style = shaped_style(style)
        if base_is_rtl(plain):
            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
    return Paragraph(body, style)
