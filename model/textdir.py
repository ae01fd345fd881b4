"""Which way a text reads, for the screen and the page alike: the one place that asks Unicode
whether a text holds right-to-left letters and which way its first strong character reads
(the direction of user free text: an Arabic story is set right to left, in an edit field as on paper)."""
from __future__ import annotations

import unicodedata

_RTL = ("R", "AL")


def has_rtl(text: str) -> bool:
    """Whether the text has right-to-left letters (Arabic, Hebrew...)."""
    return any(unicodedata.bidirectional(ch) in _RTL for ch in text)


def base_is_rtl(text: str) -> bool:
    """Whether the first strong character reads right to left (no strong character: left to right)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL:
            return True
        if kind == "L":
            return False
    return False
