"""Text on the canvas's cards at any zoom: one-line clean text, word wrapping, and the
compact card's name (semantic zoom: zoomed out, the name alone, as large as the card allows)."""
from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from gui import theme
from model.layout import CARD_H

FULL_DETAIL_PX = 10.0  # the smallest text of the full card: below a readable size, the compact card
COMPACT_SCREEN_PX = 9.0  # zoomed out, a card's name shows at least this tall on screen ...
COMPACT_MAX_PX = 40  # ... as long as it fits on the card (one line of 40 px; two lines of up to 27 px)
COMPACT_FLOOR_PX = 6.5  # to show a whole name, it may shrink to this on screen
COMPACT_MIN_SCREEN_PX = 3.5  # smaller than this (an overview) the name is left out


def compact_name_size(painter: QPainter) -> tuple[int, int]:
    """The scene pixel size of a compact card's name at the painter's zoom, and the smallest it
    may shrink to so the whole name fits ((0, 0): too small to draw at all)."""
    lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
    if lod <= 0:
        return 0, 0
    size = min(COMPACT_MAX_PX, max(13, round(COMPACT_SCREEN_PX / lod)))
    if size * lod < COMPACT_MIN_SCREEN_PX:
        return 0, 0
    return size, min(size, max(13, round(COMPACT_FLOOR_PX / lod)))


@functools.lru_cache(maxsize=4096)
def compact_layout(name: str, size: int, width: float, smallest: int) -> tuple[int, list[str]]:
    """The largest font size from `size` down to `smallest` at which the whole name fits the
    compact card (one line, or two when two fit its height); else `size`, elided."""
    for trial in range(size, smallest - 1, -1):
        fm = QFontMetricsF(theme.font(trial, bold=True))
        most = 2 if 2 * fm.lineSpacing() <= CARD_H - 4 else 1
        lines = wrap_lines(name, fm, width, most)
        if "".join(lines).replace(" ", "") == name.replace(" ", ""):
            return trial, lines
    fm = QFontMetricsF(theme.font(size, bold=True))
    return size, wrap_lines(name, fm, width, 2 if 2 * fm.lineSpacing() <= CARD_H - 4 else 1)


def wrap_lines(text: str, fm: QFontMetricsF, width: float, most: int) -> list[str]:
    """`text` broken at spaces into at most `most` lines of `width`, the last one elided."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        trial = f"{current} {word}".strip()
        if fm.horizontalAdvance(trial) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > most:
        lines = lines[: most - 1] + [" ".join(lines[most - 1:])]
    return [fm.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


def clean_text(text: str, limit: int = 160) -> str:
    """Text safe to draw on one line: control characters become spaces, very long text is cut."""
    out = "".join(" " if (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) else ch for ch in text[:limit])
    return " ".join(out.split())
