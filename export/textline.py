"""One line of text drawn in any script: runs of the bundled fonts (export.fonts) in
visual order, right-to-left pieces shaped by HarfBuzz and ordered by the Unicode
bidirectional algorithm (python-bidi), measured, fitted with an ellipsis, and drawn on
a reportlab.graphics Group or a pdfgen canvas.

Map labels, card lines, page headers and table cells all come through here, often the
same text many times over a big map: the layout of a line is cached.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.pdfbase import pdfmetrics

from export import fonts

log = logging.getLogger(__name__)

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
    """HarfBuzz-shaped text (joined letters, Indic conjuncts; an RTL segment comes out in
    visual order).
    Cached: names come back on many lanes' stubs, and the result is only ever read."""
    from reportlab.pdfbase.ttfonts import shapeStr

    try:
        shaped = shapeStr(text, font, size, force=True)
        data = getattr(shaped, "__shapeData__", None)
        if data is not None:
            return shaped, sum(g.x_advance for g in data) * size / 1000.0
        return shaped, pdfmetrics.stringWidth(shaped, font, size)
    except Exception:  # never let it stop an export
        log.warning("could not shape text; drawing it unshaped", exc_info=True)
        plain = text if font in fonts.SHAPED_LTR_FONTS else text[::-1]
        return plain, pdfmetrics.stringWidth(text, font, size)


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
    fonts.register_fonts()
    runs = fonts.split_runs(text, bold, italic)
    if not any(rtl for _piece, _font, rtl in runs):  # nothing to reorder
        return tuple(_ltr_run(piece, font, size) for piece, font, _rtl in runs)
    out: list[Run] = []
    for piece, font, level in _reordered(runs):
        if level % 2:
            out += _rtl_runs(piece if fonts.has_rtl(piece) else mirror(piece), font, size)
        else:
            out.append(_ltr_run(piece, font, size))
    return tuple(out)


@lru_cache(maxsize=1)
def _mirrored() -> dict[str, str]:
    from bidi.mirror import MIRRORED

    return dict(MIRRORED)


def mirror(text: str) -> str:
    """Rule L4 for a right-to-left piece without letters of its own ("(", "<"): HarfBuzz
    mirrors brackets only in text it shapes right to left, which it guesses from letters."""
    table = _mirrored()
    return "".join(table.get(ch, ch) for ch in text)


def _ltr_run(piece: str, font: str, size: float) -> Run:
    """A left-to-right run; Indic scripts shaped (conjuncts, vowel signs placed), the rest
    as typed."""
    if font in fonts.SHAPED_LTR_FONTS:
        shaped, width = _shaped(piece, font, size)
        return Run(shaped, piece, font, width, False)
    return Run(piece, piece, font, pdfmetrics.stringWidth(piece, font, size), False)


def bidi_levels(text: str, base: int | None = None) -> list[int]:
    """The resolved embedding level of every character of one line (rules P2-P3 and
    X1-I2 of the Unicode bidirectional algorithm, from python-bidi): even reads left to
    right, odd right to left. `base` (0 or 1) overrides the direction P2-P3 would pick."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    if base is None:
        base = uba.get_base_level(text)
    storage["base_level"], storage["base_dir"] = base, ("L", "R")[base]
    uba.get_embedding_levels(text, storage)
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    _pair_brackets(text, storage)
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


def _closing_of(ch: str) -> str | None:
    """The closing bracket an opening one pairs with (BD14/BD15: Ps with a mirrored Pe)."""
    if unicodedata.category(ch) != "Ps":
        return None
    from bidi.mirror import MIRRORED

    closing = MIRRORED.get(ch)
    return closing if closing is not None and unicodedata.category(closing) == "Pe" else None


def _strong(bidi_type: str) -> str | None:
    """A resolved type as N0 sees it: numbers count as R."""
    return "L" if bidi_type == "L" else "R" if bidi_type in ("R", "AL", "EN", "AN") else None


def _pair_brackets(text: str, storage: dict[str, Any]) -> None:
    """Rule N0 (UBA 6.3+), which python-bidi's algorithm lacks: a bracket pair takes the
    direction of the text inside it (the embedding direction if that is there, else the
    other one when the text before the pair agrees), so "Ann runs ليلى (الخدمة) at" keeps
    "(الخدمة)" together instead of printing "ليلى) الخدمة) at". Runs on the types W1-W7
    left, one level run at a time (BD16: a stack of 63 openers, pairs in text order)."""
    chars = storage["chars"]
    for run in storage["runs"]:
        start, length = run["start"], run["length"]
        stack: list[tuple[str, int]] = []
        pairs: list[tuple[int, int]] = []
        for i in range(start, start + length):
            if chars[i]["type"] != "ON":
                continue
            ch = text[i]
            closing = _closing_of(ch)
            if closing is not None:
                if len(stack) == 63:
                    break
                stack.append((closing, i))
            elif unicodedata.category(ch) == "Pe":
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == ch:
                        pairs.append((stack[depth][1], i))
                        del stack[depth:]
                        break
        embedding = "R" if chars[start]["level"] % 2 else "L"
        for opening, closing_at in sorted(pairs):
            inside = {_strong(chars[k]["type"]) for k in range(opening + 1, closing_at)} - {None}
            if not inside:
                continue  # no strong text inside: N1/N2 decide
            if embedding in inside:
                direction = embedding
            else:
                before = next((s for k in range(opening - 1, start - 1, -1)
                               if (s := _strong(chars[k]["type"])) is not None), run["sor"])
                direction = before  # the other direction if the text before agrees, else embedding
            for k in (opening, closing_at):
                chars[k]["type"] = direction
                j = k + 1  # marks on a bracket follow it (W1 made them ON)
                while j < start + length and unicodedata.category(text[j]) == "Mn":
                    chars[j]["type"] = direction
                    j += 1


def visual_order(levels: list[int]) -> list[int]:
    """Rule L2: the indices of pieces at these levels in drawing order (from the highest
    level down to the lowest odd one, reverse every stretch at that level or higher)."""
    order = list(range(len(levels)))
    odd = [lv for lv in levels if lv % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        k = 0
        while k < len(order):
            if levels[order[k]] < level:
                k += 1
                continue
            j = k
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[k:j] = order[k:j][::-1]
            k = j
    return order


def _reordered(runs: list[tuple[str, str, bool]]) -> list[tuple[str, str, int]]:
    """Font runs cut where the bidi level changes, in visual order (`visual_order`).
    Characters inside a right-to-left piece are ordered by shaping."""
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
    order = visual_order([lv for _t, _f, lv in pieces])
    return [(pieces[k][0], pieces[k][1], pieces[k][2]) for k in order]


@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """The printed width of one line of text (any script) in points."""
    return sum(r.width for r in visual_runs(text, size, bold, italic))


def fit_text(text: str, size: float, max_width: float, bold: bool = False, italic: bool = False) -> str:
    """The text, or its longest start that fits `max_width` with an ellipsis."""
    return _fit_text(fonts.clean_text(text).strip(), float(size), float(max_width), bool(bold), bool(italic))


@lru_cache(maxsize=8192)
def _fit_text(text: str, size: float, max_width: float, bold: bool, italic: bool) -> str:
    sans = fonts.all_in_sans(text)
    if sans:  # one Noto Sans run, and so is every prefix with an ellipsis
        font = fonts.styled(fonts.SANS, bold, italic)

        def width(s: str) -> float:
            return float(pdfmetrics.stringWidth(s, font, size))
    else:  # the runs' widths without ordering them (order does not change the width)

        def width(s: str) -> float:
            return _unordered_width(s, size, bold, italic)

    if text_width(text, size, bold, italic) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if width(text[:mid].rstrip() + fonts.ELLIPSIS) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    # the drawn width is what counts: step back while it is over (shaping may differ a hair),
    # and never cut a letter from its vowel sign or a conjunct after its virama
    while not sans and lo and (
        inside_cluster(text, lo)
        or text_width(text[:lo].rstrip() + fonts.ELLIPSIS, size, bold, italic) > max_width
    ):
        lo -= 1
    if lo:
        return text[:lo].rstrip() + fonts.ELLIPSIS
    return fonts.ELLIPSIS if text_width(fonts.ELLIPSIS, size) <= max_width else ""


_JOINERS = frozenset("\u094d\u09cd\u0bcd\u200d")  # viramas (Devanagari, Bengali, Tamil), ZWJ


def inside_cluster(text: str, cut: int) -> bool:
    """Whether cutting `text` at `cut` splits a letter from its marks or a conjunct."""
    if cut >= len(text):
        return False
    return unicodedata.category(text[cut])[0] == "M" or text[cut - 1] in _JOINERS


def _unordered_width(text: str, size: float, bold: bool, italic: bool) -> float:
    """About the width `text_width` gives, without the bidi algorithm: right-to-left runs
    measured word by word as shaped. For trying many prefixes of one label."""
    total = 0.0
    for piece, font, rtl in fonts.split_runs(text, bold, italic):
        if rtl:
            total += sum(_shaped(m.group(0), font, size)[1] for m in _TOKEN.finditer(piece))
        elif font in fonts.SHAPED_LTR_FONTS:
            total += _shaped(piece, font, size)[1]
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
    if not italic and not text.isascii() and fonts.has_rtl(text):  # for export.pdf.render: searchable
        line.__dict__["_cw_line"] = (left, y, text, size, bold)
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
        if not text.isascii() and fonts.has_rtl(text):  # searchable as typed: export.pdf.bidi
            from export.pdf import bidi as pdf_bidi

            return pdf_bidi.draw_line(canvas_or_group, x, y, text, size, bold)
        left = x
        for run in visual_runs(text, size, bold):
            canvas_or_group.setFont(run.font, size)
            canvas_or_group.drawString(left, y, run.text)
            left += run.width
        return left - x
    return draw_text(canvas_or_group, x, y, text, size, bold)
