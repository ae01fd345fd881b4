"""Shaped Indic text that copies, searches and extracts as what was typed.

HarfBuzz turns Devanagari, Bengali, Tamil... into glyphs that have no character of
their own (conjuncts such as क्ष, half forms) and moves vowel signs before their
consonant (कि is drawn ि + क). reportlab maps such glyphs to private-use codes, so a
PDF reader extracting the text got "यंका" for "प्रियंका". PDF's answer is marked
content with an /ActualText: the glyphs are drawn as shaped, readers take the text.

How: shaped words get their logical text attached per cluster (a ShapeData subclass
survives the slicing and joining reportlab does while wrapping lines), and the text
object wraps every shaped string that carries it in `/Span <</ActualText ...>> BDC ...
EMC`. Only left-to-right fonts are marked (Indic, and Noto Sans whose "fi" becomes one
glyph when a paragraph is shaped); right-to-left
text keeps reportlab's own handling.
"""
from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from typing import Any

from export import textline
from export.pdf.reportlab_private import (
    append_operator,
    shape_data_type,
    wrap_format_text,
    wrap_shape_frag_word,
)

log = logging.getLogger(__name__)

_installed = False


def install(shaped_fonts: frozenset[str]) -> None:
    """Wrap reportlab's word shaping and text output (idempotent). `shaped_fonts`: the
    font names whose shaped text gets an ActualText."""
    global _installed
    if _installed:
        return
    ShapeData = shape_data_type()

    class LogicalShapeData(ShapeData):  # type: ignore[misc, valid-type]
        """A glyph's shaping data and the typed text of its cluster ('' after its first glyph)."""

        logical = ""

    def wrap_shape(original_shape: Callable[..., Any]) -> Callable[..., Any]:
        def shape_frag_word(w: Any, *args: Any, **kwargs: Any) -> Any:
            new = original_shape(w, *args, **kwargs)
            if new is w or not isinstance(new, list) or len(new) < 2:
                return new
            pieces = [p for p in new[1:] if isinstance(p, tuple) and len(p) == 2]
            if not any(getattr(f, "fontName", None) in shaped_fonts for f, _s in pieces):
                return new
            text = "".join(s for f, s in w[1:] if not hasattr(f, "cbDefn"))
            starts = sorted({sd.cluster for _f, s in pieces for sd in getattr(s, "__shapeData__", ())
                             if 0 <= sd.cluster <= len(text)})
            ends = dict(zip(starts, starts[1:] + [len(text)], strict=True))
            seen: set[int] = set()
            for f, s in pieces:
                data = getattr(s, "__shapeData__", None)
                if data is None or getattr(f, "fontName", None) not in shaped_fonts:
                    continue
                for i, sd in enumerate(data):
                    marked = LogicalShapeData(*sd)
                    if sd.cluster in ends and sd.cluster not in seen:
                        seen.add(sd.cluster)
                        marked.logical = text[sd.cluster:ends[sd.cluster]]
                    data[i] = marked
            return new

        return shape_frag_word

    def wrap_format(original_format: Callable[[Any, Any], str]) -> Callable[[Any, Any], str]:
        def format_text(self: Any, text: Any) -> str:
            out = original_format(self, text)
            if getattr(self, _IN_SPAN, False):  # inside a span that gives the text already
                return out
            data = getattr(text, "__shapeData__", None)
            if not data or not any(isinstance(sd, LogicalShapeData) for sd in data):
                return out
            # one shaping record per glyph of the shaped text; strict=False keeps reportlab's own
            # pairing if a fragment ever carries a different count
            actual = "".join(
                sd.logical if isinstance(sd, LogicalShapeData) else ch
                for ch, sd in zip(text, data, strict=False)
            )
            code = "FEFF" + actual.encode("utf-16-be").hex().upper()
            return f"/Span <</ActualText <{code}>>> BDC {out} EMC"

        return format_text

    wrap_shape_frag_word(wrap_shape)
    wrap_format_text(wrap_format)
    _installed = True
    log.debug("ActualText for shaped text in %d fonts", len(shaped_fonts))


LRM = "\u200e"  # left-to-right mark: invisible, strong left to right
_IN_SPAN = "_cw_in_actualtext"


def open_span(text_object: Any, actual: str) -> None:
    """Start a right-to-left stretch of a left-to-right line: every run drawn until
    `close_span` (in any order, each at its place) is one marked-content span whose
    /ActualText is the stretch as typed.

    Why this shape: PDF readers rebuild the reading order from the glyphs with their own,
    simpler bidi pass. PDFium (Chrome's viewer) sorts a line's text objects by x, takes
    the ActualText of a span once (at its leftmost object), then reverses every
    right-to-left stretch it finds and mirrors and reverses the neutrals after it ("("
    became ")"). So the span holds the whole stretch, its text reversed as PDFium reverses
    it back, between two left-to-right marks (U+200E, invisible) that keep PDFium's pass
    inside the span. pypdf reads no ActualText: it reverses each right-to-left stretch of
    glyphs, which gives a run's letters and words as typed but not always the neutrals
    beside it."""
    code = "FEFF" + actual.encode("utf-16-be").hex().upper()
    append_operator(text_object, f"/Span <</ActualText <{code}>>> BDC")
    setattr(text_object, _IN_SPAN, True)


def close_span(text_object: Any) -> None:
    append_operator(text_object, "EMC")
    setattr(text_object, _IN_SPAN, False)


# ----- a whole right-to-left line ------------------------------------------------------------
# PDFium's pass over a line, as measured on its text layer (pypdfium2 5.x, Chrome's viewer): it
# takes the line's text (here: the ActualText of the line's one span, put in at its leftmost drawn
# piece, and reversed first when that piece reads right to left), cuts it into runs of one kind
# (strong left to right; weak: digits, separators, marks; strong right to left; neutral: spaces,
# brackets, punctuation) and, when the right-to-left runs outnumber the left-to-right ones, puts
# the runs in the opposite order (each run's letters stay as they are). Walking the runs it
# mirrors ("(" <-> ")") a neutral run met while the last strong run was right to left. Checked
# on random strings against PDFium (tests/test_playbook_bidi_narrow.py). Without a span a
# right-to-left line read its Latin words backwards ("One Business SAP") and its brackets
# swapped ("عبر( SAP (إلى").

_WEAK = frozenset(("AN", "EN", "NSM", "CS", "ES", "ET", "BN"))


def _kind(ch: str) -> str:
    bidi = unicodedata.bidirectional(ch)
    return "L" if bidi == "L" else "W" if bidi in _WEAK else "R" if bidi in ("R", "AL") else "N"


def _runs_of_a_kind(text: str) -> list[tuple[str, str]]:
    out: list[list[str]] = []
    for ch in text:
        kind = _kind(ch)
        if out and out[-1][1] == kind:
            out[-1][0] += ch
        else:
            out.append([ch, kind])
    return [(t, k) for t, k in out]


def _reads_right_to_left(runs: list[tuple[str, str]]) -> bool:
    rtl = sum(kind == "R" for _t, kind in runs)
    return rtl > sum(kind == "L" for _t, kind in runs)


def reads_right_to_left(text: str) -> bool:
    """Whether PDFium takes `text` (a drawn piece's characters, or a line) as right to left."""
    return _reads_right_to_left(_runs_of_a_kind(text))


def reverses_line(leftmost_rtl: bool, before_rtl: bool, typed: str) -> bool:
    """Whether PDFium reverses the ActualText of a line's span before its pass: when the
    leftmost drawn piece (which hosts the span's text) reads right to left, or when the piece
    holding the previous line's last character did and the line itself reads right to left."""
    return leftmost_rtl or (before_rtl and reads_right_to_left(typed))


_LINE_BEFORE = "_cw_line_before_rtl"


def mark_line(canv: Any, rtl: bool) -> None:
    """Remember, on the canvas, whether the piece holding the last character of the line just
    drawn reads right to left (PDFium's "line before", see `reverses_line`): the first line of
    a paragraph under an Arabic name read reversed without it."""
    setattr(canv, _LINE_BEFORE, (canv.getPageNumber(), rtl))


def line_before_rtl(canv: Any) -> bool:
    """What `mark_line` last said on this page (a new page starts with nothing before)."""
    state = getattr(canv, _LINE_BEFORE, None)
    return state is not None and state[0] == canv.getPageNumber() and bool(state[1])


def rtl_line_actual(typed: str, reversed_first: bool) -> str:
    """The ActualText that makes PDFium read a line of a right-to-left paragraph as `typed`
    (`reversed_first`: see `reverses_line`): PDFium's pass (above) undone -- the neutral runs
    it will mirror mirrored first, the runs in the opposite order when it will turn them
    round, and the whole reversed when it will reverse it."""
    runs = _runs_of_a_kind(typed)
    turned = _reads_right_to_left(runs)
    pieces: list[str] = []
    current = "R" if turned else "L"
    for text, kind in runs:
        if kind == "R" or (kind == "N" and current == "R"):
            current = "R"
            pieces.append(textline.mirror(text))
        else:
            current = current if kind == "W" else "L"
            pieces.append(text)
    actual = "".join(pieces[::-1] if turned else pieces)
    return actual[::-1] if reversed_first else actual
