"""Greedy word wrap of one piece of plain text into lines of a width, measured with the
bundled fonts: the one wrap behind the map's cards and lane names (mapshapes.wrap_lines) and
the PDF's text tables (export.pdf.table.wrap_text).

A word wider than the line is broken between characters (never inside a letter and its marks):
a name typed as one long word, or a Chinese or Thai name with no spaces, used to stand on one
line running far past its card.
"""
from __future__ import annotations

from export import fonts, textline


def wrapped(text: str, size: float, width: float, bold: bool = False) -> tuple[str, list[tuple[str, int]]]:
    """The text with its runs of spaces made one (control characters cleaned), and its lines:
    each line with the offset in that text where it ends. Nothing is dropped."""
    words = fonts.clean_text(text).split()
    flat = " ".join(words)
    lines: list[tuple[str, int]] = []
    current, end, at = "", 0, 0  # the line being filled, where it ends, where the next word starts
    for word in words:
        trial = f"{current} {word}" if current else word
        if textline.text_width(trial, size, bold) <= width:
            current, end = trial, at + len(word)
            at = end + 1
            continue
        if current:
            lines.append((current, end))
            current = ""
        while len(word) > 1 and textline.text_width(word, size, bold) > width:
            cut = _longest_start(word, size, width, bold)
            lines.append((word[:cut], at + cut))
            word, at = word[cut:], at + cut
        current, end = word, at + len(word)
        at = end + 1
    if current:
        lines.append((current, end))
    return flat, lines


def _longest_start(word: str, size: float, width: float, bold: bool) -> int:
    """How many characters of `word` fit `width` (at least one; a letter keeps its marks)."""
    lo, hi = 1, len(word) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if textline.text_width(word[:mid], size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    while lo > 1 and textline.inside_cluster(word, lo):
        lo -= 1
    return lo
