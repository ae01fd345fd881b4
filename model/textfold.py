"""One way to compare names as people type them: any case, any accent on a Latin letter.

Why: notes are typed fast; "Zoe Odegard" in a note is the "Zoë Ødegård" of the roster,
and `what-if --leaves "zoe odegard"` means her too. Marks are dropped only from Latin
letters: in Devanagari or Arabic a mark is part of the letter, not an accent."""
from __future__ import annotations

import unicodedata

# Latin letters that carry their "accent" inside them (no decomposition)
_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h", "Ħ": "H",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D",
})


def _latin(ch: str) -> bool:
    o = ord(ch)
    return o < 0x0250 or 0x1E00 <= o <= 0x1EFF


def plain(text: str) -> str:
    """`text` in NFC, without the accents of its Latin letters ('Zoë Ødegård' -> 'Zoe Odegard')."""
    if text.isascii():
        return text
    out: list[str] = []
    base = ""
    for ch in unicodedata.normalize("NFD", text.translate(_SPECIAL)):
        if unicodedata.category(ch).startswith("M") and base and _latin(base):
            continue
        base = ch
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def loose(text: str) -> str:
    """The comparison key: accents of Latin letters dropped, any case, spaces collapsed."""
    return " ".join(plain(text).casefold().split())
