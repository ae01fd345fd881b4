"""The playbook's typography, colours and the one way user text becomes Paragraph markup.

Every string a user typed goes through `markup()` (never straight into a
Paragraph), because reportlab parses paragraph text as XML-ish markup and
would drop `<tags>`, choke on `&` and silently lose characters its fonts lack.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from export import fonts

REGULAR, BOLD, ITALIC = fonts.SANS, fonts.SANS_BOLD, fonts.SANS_ITALIC

MARGIN = 18 * mm
HEADER_GAP = 9 * mm  # room for the running header above the frame
FOOTER_GAP = 9 * mm  # room for the footer below the frame

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5F6B76")
FAINT = colors.HexColor("#8A96A3")
RULE = colors.HexColor("#D5DAE0")
PANEL = colors.HexColor("#F4F6F8")
ACCENT = colors.HexColor("#3D5A80")  # the playbook's own colour: cover, headings' rules
DONE = colors.HexColor("#3C8D5A")
OVERDUE = colors.HexColor("#C0392B")

# severity -> (tint behind the callout, strip and label colour)
SEVERITY = {
    "high": (colors.HexColor("#FBE9E7"), colors.HexColor("#C0392B")),
    "medium": (colors.HexColor("#FFF3E0"), colors.HexColor("#D9822B")),
    "low": (colors.HexColor("#EAF1F8"), colors.HexColor("#5B7FA6")),
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


def clean(text: object) -> str:
    """User text made printable: control characters dropped, line ends unified, tabs as spaces."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", value)


_QUOTES = {'"': "&quot;", "'": "&#39;"}


def markup(text: object) -> str:
    """User text as safe Paragraph markup: escaped, a <font> run per script, line breaks kept.

    Plain ASCII (most of a big map) takes a fast path with the same result."""
    value = clean(text)
    if not value:
        return ""
    if value.isascii() or _all_in_sans(value):
        return escape(value, _QUOTES).replace("\n", "<br/>")
    if fonts.has_rtl(value):
        return "<br/>".join(_mixed_rtl_line(line) for line in value.split("\n"))
    return fonts.markup(value)


bold = fonts.bold_markup  # user markup set bold (any script)


def _all_in_sans(value: str) -> bool:
    """Every character (line breaks aside) is one Noto Sans run (Latin, Cyrillic, Greek
    ...): nothing to split, the same markup as export.fonts, much faster."""
    return fonts.all_in_sans(value.replace("\n", ""))


def _strong_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL", "NSM")


def _mixed_rtl_line(line: str) -> str:
    """Markup for one line with right-to-left runs: neutral characters trailing a
    right-to-left run (": ") are moved out of it, so they stay where they were typed
    rather than jumping to the run's far end. (Font changes inside a word are dealt with
    on the paragraph: `separate_font_changes`.)"""
    runs = fonts.split_runs(line)
    if len(runs) <= 1:
        return fonts.markup(line)
    pieces: list[tuple[str, str, bool]] = []
    for text, font, rtl in runs:
        if not rtl:
            pieces.append((text, font, rtl))
            continue
        end = len(text)
        while end > 0 and not _strong_rtl(text[end - 1]):
            end -= 1
        core, trail = text[:end], text[end:]
        pieces.append((core, font, True))
        if trail:
            sans_ok = all(fonts.has_glyph(fonts.SANS, ch) for ch in trail)
            pieces.append((trail, fonts.SANS if sans_ok else font, False))
    out: list[str] = []
    for text, font, _rtl in pieces:
        safe = escape(text, _QUOTES)
        out.append(safe if font == fonts.SANS else f'<font name="{font}">{safe}</font>')
    return "".join(out)


def blocks(text: object) -> list[tuple[str, str]]:
    """Free text split into paragraphs at blank lines (so long text flows and splits well):
    (markup, the plain text) per paragraph."""
    value = clean(text).strip()
    if not value:
        return []
    parts = [piece for part in _BLANK_LINES.split(value) if part.strip() for piece in _chunks(part)]
    return [(markup(part.strip("\n")), part) for part in parts]


CHUNK = 3000  # reportlab wraps one paragraph in quadratic time: a 1 MB paragraph took minutes


def _chunks(text: str) -> list[str]:
    """A very long paragraph cut into pieces of about CHUNK characters (laid out one after
    another, so the text still reads on; only pasted walls of text are affected): at a
    sentence's end where there is one (a cut mid-sentence left a short line and a paragraph
    gap in the middle of a sentence), else at a space."""
    out: list[str] = []
    while len(text) > CHUNK:
        # at a sentence's end when there is one, so the break reads as a paragraph's
        ends = [text.rfind(mark, CHUNK // 2, CHUNK) for mark in (". ", "! ", "? ", "\u3002", "\u0964 ")]
        cut = max(ends) + 1 if max(ends) > 0 else text.rfind(" ", CHUNK // 2, CHUNK)
        cut = cut if cut > 0 else CHUNK
        out.append(text[:cut])
        text = text[cut:].lstrip(" ")
    if text.strip():
        out.append(text)
    return out


def needs_shaping(text: str) -> bool:
    """Right-to-left letters in it, or an Indic script (Noto Sans has none: Latin, Greek,
    Cyrillic text is answered without looking at each character)."""
    return (not text.isascii() and not fonts.all_in_sans(text)
            and (fonts.has_rtl(text) or fonts.needs_ltr_shaping(text)))


_SHAPED_LTR_TAG = tuple(f'<font name="{name}">' for name in sorted(fonts.SHAPED_LTR_FONTS))


def has_shaped_ltr_run(markup_text: str) -> bool:
    """Whether paragraph markup has a run in an Indic font (which prints right only shaped)."""
    return "<font name=\"NotoSans" in markup_text and any(tag in markup_text for tag in _SHAPED_LTR_TAG)


def shaped(style: ParagraphStyle, text: str, rtl_align: bool = False) -> ParagraphStyle:
    """The style to set `text` in: HarfBuzz shaping only when it has right-to-left letters
    or Indic text (shaping costs several times more, and ligatures would break text search); free text
    that starts right to left is also set flush right (`rtl_align`)."""
    if not needs_shaping(text):
        return style
    style = fonts.shaped_style(style)
    if rtl_align and fonts.base_is_rtl(text) and style.alignment == TA_LEFT:
        style = _rtl_style(style)
    return style


def separate_font_changes(para: object) -> None:
    """In a shaped paragraph, never let a word change font.

    reportlab shapes a whitespace-delimited word with the font of its first piece and
    then draws every piece in its own font, so "(المالية)", "फ़ातिमा:" or "中文," drew
    empty boxes. Punctuation at the change moves to the left-to-right letters beside
    it when their font has it ("ঠাকুর" + ": the" becomes "ঠাকুর:" + " the", "(" +
    "बिक्री" becomes "(बिक्री"), so the word is one font and prints as typed. Only where
    that cannot be (letters of two scripts touching, or right-to-left text, whose
    shaping would carry the mark to its far end) a space ends the word (only an ASCII
    space ends a word at a font change for reportlab; a zero-width space does not)."""
    a: Any = None  # the last piece with text
    for b in getattr(para, "frags", None) or []:
        ta, tb = getattr(a, "text", ""), getattr(b, "text", "")
        if not tb:
            continue
        if not (ta and a.fontName != b.fontName and not ta[-1].isspace() and not tb[0].isspace()):
            a = b
            continue
        lead = _neutral_len(tb, a.fontName)
        if lead == len(tb) or (lead and tb[lead].isspace()):
            a.text, b.text = ta + tb[:lead], tb[lead:]  # "ঠাকুর" + ":" ... the word ends in a's font
            if b.text:
                a = b
            continue
        trail = _neutral_len(ta[::-1], b.fontName)
        if trail == len(ta) or (trail and ta[-trail - 1].isspace()):
            a.text, b.text = ta[: len(ta) - trail], ta[len(ta) - trail :] + tb  # "(" + "बिक्री"
            a = b
            continue
        a.text = ta + " "
        a = b


def _neutral_len(text: str, font: str) -> int:
    """How many punctuation marks (or digits) start `text` that `font`, a left-to-right
    font, can draw (0 for a right-to-left font)."""
    if fonts.family_of(font) in fonts.RTL_FAMILIES:
        return 0
    n = 0
    while n < len(text) and unicodedata.category(text[n])[0] in "PNS" and fonts.has_glyph(font, text[n]):
        n += 1
    return n


_RTL: dict[int, tuple[ParagraphStyle, ParagraphStyle]] = {}


def _rtl_style(style: ParagraphStyle) -> ParagraphStyle:
    hit = _RTL.get(id(style))
    if hit is None or hit[0] is not style:
        hit = (style, ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT))
        if len(_RTL) > 256:  # styles of past exports: let them go
            _RTL.clear()
        _RTL[id(style)] = hit
    return hit[1]


def plain(text: object) -> str:
    """Escape only: for text we wrote ourselves (labels, numbers)."""
    return escape(str(text))


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_tight: ParagraphStyle
    small: ParagraphStyle
    small_muted: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    label: ParagraphStyle
    card_name: ParagraphStyle
    card_title: ParagraphStyle
    cover_kicker: ParagraphStyle
    cover_title: ParagraphStyle
    cover_sub: ParagraphStyle
    cover_meta: ParagraphStyle
    toc0: ParagraphStyle
    toc1: ParagraphStyle
    chip: ParagraphStyle
    step_no: ParagraphStyle
    right_small: ParagraphStyle
    callout_title: ParagraphStyle


def make_styles() -> Styles:
    """Noto Sans 10/14 body, 20/15/12 bold headings (docs/architecture.md)."""
    fonts.register_fonts()
    regular, bold = REGULAR, BOLD
    base = ParagraphStyle(
        "cw-body",
        fontName=regular,
        fontSize=10,
        leading=14,
        textColor=INK,
        spaceAfter=5,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        body=base,
        body_tight=derive("cw-body-tight", spaceAfter=1),
        small=derive("cw-small", fontSize=8.5, leading=11.5, spaceAfter=2),
        small_muted=derive("cw-small-muted", fontSize=8.5, leading=11.5, spaceAfter=2, textColor=MUTED),
        h1=derive("cw-h1", fontName=bold, fontSize=20, leading=25, spaceBefore=0, spaceAfter=10,
                  keepWithNext=1),
        h2=derive("cw-h2", fontName=bold, fontSize=15, leading=19, spaceBefore=12, spaceAfter=6,
                  keepWithNext=1),
        h3=derive("cw-h3", fontName=bold, fontSize=12, leading=15, spaceBefore=8, spaceAfter=3,
                  keepWithNext=1),
        label=derive(
            "cw-label", fontName=bold, fontSize=8, leading=10, textColor=MUTED, spaceBefore=4, spaceAfter=1,
            keepWithNext=1,
        ),
        card_name=derive("cw-card-name", fontName=bold, fontSize=13, leading=16, spaceAfter=1),
        card_title=derive("cw-card-title", fontSize=10, leading=13, textColor=MUTED, spaceAfter=0),
        cover_kicker=derive("cw-cover-kicker", fontName=bold, fontSize=11, leading=14, textColor=ACCENT),
        cover_title=derive("cw-cover-title", fontName=bold, fontSize=30, leading=36, spaceAfter=8),
        cover_sub=derive("cw-cover-sub", fontSize=14, leading=19, textColor=MUTED, spaceAfter=6),
        cover_meta=derive("cw-cover-meta", fontSize=10.5, leading=15, spaceAfter=2),
        toc0=derive("cw-toc0", fontName=bold, fontSize=11, leading=15, spaceAfter=0),
        toc1=derive("cw-toc1", fontSize=9.5, leading=12.5, spaceAfter=0, leftIndent=0),
        chip=derive("cw-chip", fontName=bold, fontSize=7.5, leading=9, alignment=TA_CENTER, spaceAfter=0,
                    textColor=colors.white),
        step_no=derive("cw-step-no", fontName=bold, fontSize=12, leading=14, alignment=TA_CENTER,
                       spaceAfter=0, textColor=colors.white),
        right_small=derive("cw-right-small", fontSize=8.5, leading=11.5, alignment=TA_RIGHT, spaceAfter=0,
                           textColor=MUTED),
        callout_title=derive("cw-callout-title", fontName=bold, fontSize=10, leading=13, spaceAfter=2,
                             alignment=TA_LEFT),
    )


def hex_color(value: str, fallback: colors.Color = ACCENT) -> colors.Color:
    """A department colour from the map; a damaged value falls back instead of failing the export."""
    try:
        return colors.HexColor(value)
    except (ValueError, TypeError, AttributeError):
        return fallback


def tint(color: colors.Color, amount: float) -> colors.Color:
    """`color` mixed with white: amount 0 is white, 1 the colour itself."""
    r, g, b = color.red, color.green, color.blue
    return colors.Color(1 - (1 - r) * amount, 1 - (1 - g) * amount, 1 - (1 - b) * amount)


def _luminance(color: colors.Color) -> float:
    """WCAG relative luminance (what a greyscale print keeps of a colour, near enough)."""

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(color.red) + 0.7152 * lin(color.green) + 0.0722 * lin(color.blue)


def contrast(a: colors.Color, b: colors.Color) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(color: colors.Color, background: colors.Color, ratio: float = 4.5) -> colors.Color:
    """`color` darkened just enough to read on `background` at `ratio` (WCAG AA for small
    text), so a label keeps its hue on screen and stays legible in greyscale."""
    out = color
    k = 1.0
    while contrast(out, background) < ratio and k > 0:
        k -= 0.05
        out = colors.Color(color.red * k, color.green * k, color.blue * k)
    return out


def text_on(color: colors.Color) -> colors.Color:
    """Dark ink or white, whichever contrasts more with `color` (WCAG)."""
    return INK if contrast(INK, color) >= contrast(colors.white, color) else colors.white


_CJK_TAG = f'<font name="{fonts.CJK}'
_CJK_STYLES: dict[int, tuple[ParagraphStyle, ParagraphStyle]] = {}


def is_mostly_cjk(markup: str, text: str) -> bool:
    """Whether a paragraph is set mostly in Chinese or Japanese (no spaces between words):
    it is then broken between characters, with kinsoku (no line starts with 。、」・...)."""
    if _CJK_TAG not in markup:
        return False
    letters = [ch for ch in text if not ch.isspace()]
    wide = sum(1 for ch in letters if unicodedata.east_asian_width(ch) in "WF")
    return bool(letters) and wide * 2 >= len(letters)


# full-width punctuation reportlab's kinsoku list lacks (，：；？！ and closing 》〉)
_MORE_CANNOT_START = "\uff0c\uff1a\uff1b\uff1f\uff01\u300b\u3009\uff0e"


def cjk_style(style: ParagraphStyle) -> ParagraphStyle:
    """A copy of `style` that wraps the CJK way (reportlab's kinsoku shori), one per style."""
    from reportlab.platypus import paragraph

    if not paragraph.ALL_CANNOT_START.endswith(_MORE_CANNOT_START):  # read at each line break
        paragraph.ALL_CANNOT_START += _MORE_CANNOT_START
    hit = _CJK_STYLES.get(id(style))
    if hit is None or hit[0] is not style:
        if len(_CJK_STYLES) > 256:
            _CJK_STYLES.clear()
        hit = (style, ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK"))
        _CJK_STYLES[id(style)] = hit
    return hit[1]
