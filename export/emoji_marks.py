"""Emoji in print: a neat named placeholder ("[grinning face]") where no bundled font has
the picture (every output: PDF, PNG, SVG).

Why: no open-licensed monochrome emoji font in TrueType outlines is at hand here (Noto
Emoji ships as colour bitmaps or web fonts), and a black U+FFFD told a reader nothing. The
name comes from the Unicode character names (what a screen reader says), joined for a
sequence ("woman + personal computer"), a flag by its region letters ("flag DE"). The
placeholder is also what the PDF's text layer holds: an ActualText of the emoji itself
was tried, but PDFium (Chrome's viewer) drops every ActualText character beyond U+FFFD,
so the emoji would have copied and searched as nothing there.
"""
from __future__ import annotations

import unicodedata

_REGIONAL = range(0x1F1E6, 0x1F200)
_SKIP = frozenset("\u200d\ufe0e\ufe0f")  # joiners and presentation selectors: no name of their own


def is_emoji(ch: str) -> bool:
    """A pictograph or symbol that no bundled font draws: emoji blocks, dingbats, regional
    indicators, skin-tone modifiers (the rest of what has no glyph stays a U+FFFD mark)."""
    code = ord(ch)
    return code >= 0x1F000 or 0x2190 <= code <= 0x2BFF or ch == "\u20e3" or unicodedata.category(ch) == "So"


def is_flag_pair(replaced: list[str], ch: str) -> bool:
    """A second regional indicator right after a first: one flag."""
    return len(replaced) == 1 and ord(replaced[0]) in _REGIONAL and ord(ch) in _REGIONAL


def mark_for(sequence: str) -> str:
    """What prints for characters no bundled font has: an emoji's named placeholder, else
    U+FFFD (drawn in Noto Sans)."""
    return placeholder(sequence) if is_emoji(sequence[0]) else "\ufffd"


def placeholder(sequence: str) -> str:
    """The printed stand-in for one emoji or emoji sequence, e.g. "[grinning face]"."""
    letters = [chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in sequence if ord(ch) in _REGIONAL]
    if letters and len(letters) == len([ch for ch in sequence if ch not in _SKIP]):
        label = "flag " + "".join(letters)
    else:
        names = []
        for ch in sequence:
            if ch in _SKIP:
                continue
            name = unicodedata.name(ch, "").lower()
            if name.startswith("emoji modifier fitzpatrick"):
                name = "skin tone"
            elif ch == "\u20e3":
                name = "keycap"
            if name and name not in names:
                names.append(name)
        label = " + ".join(names) or "symbol"
    return f"[{label}]"
