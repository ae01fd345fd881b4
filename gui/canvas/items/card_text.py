"""Text on the canvas's cards at any zoom: one-line clean text, word wrapping, and the
compact card's name (semantic zoom: zoomed out, the name alone, as large as the card allows)."""
from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from gui import theme
from model.layout import CARD_H, CARD_W

FULL_DETAIL_PX = 10.0  # the smallest text of the full card: below a readable size, the compact card
COMPACT_SCREEN_PX = 9.0  # zoomed out, a card's name shows at least this tall on screen ...
COMPACT_MAX_PX = 40  # ... as long as it fits on the card (one line of 40 px; two lines of up to 27 px)
COMPACT_FLOOR_PX = 6.5  # to show a whole name, it may shrink to this on screen
COMPACT_MIN_SCREEN_PX = 3.5  # smaller than this (an overview) the name is left out
GROW_BELOW = 0.2  # zoomed out further, a compact card also fills the gaps around it ...
GROWN_LEFT, GROWN_RIGHT, GROWN_UP, GROWN_DOWN = 3.0, 10.0, 3.0, 8.5  # ... this far (a grid's rows
# are 80 apart: 4.5 scene px stay between two grown cards) ...
GROWN_PITCH = 1.0  # ... and its name's two lines sit closer: a name's letters rarely reach that far
GROWN_SHRINK = 0.6  # a grown card's name may shrink to this share of its size to show whole


def level_of_detail(painter: QPainter) -> float:
    """How many screen pixels one scene pixel takes at the painter's zoom."""
    return float(QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()))


def compact_rect(painter: QPainter) -> QRectF:
    """Where a compact card draws itself: the card, or zoomed far out (a whole big roster in
    sight) the card and the gaps around it, so its name can be as large as a grid's pitch allows."""
    card = QRectF(0, 0, CARD_W, CARD_H)
    if level_of_detail(painter) >= GROW_BELOW:
        return card
    return card.adjusted(-GROWN_LEFT, -GROWN_UP, GROWN_RIGHT, GROWN_DOWN)


def line_pitch(fm: QFontMetricsF, size: int, grown: bool) -> float:
    """The distance between a compact name's two lines."""
    return min(fm.lineSpacing(), size * GROWN_PITCH) if grown else fm.lineSpacing()


def compact_name_size(painter: QPainter) -> tuple[int, int]:
    """The scene pixel size of a compact card's name at the painter's zoom, and the smallest it
    may shrink to so the whole name fits ((0, 0): too small to draw at all)."""
    lod = level_of_detail(painter)
    if lod <= 0:
        return 0, 0
    size = min(COMPACT_MAX_PX, max(13, round(COMPACT_SCREEN_PX / lod)))
    if size * lod < COMPACT_MIN_SCREEN_PX:
        return 0, 0
    smallest = min(size, max(13, round(COMPACT_FLOOR_PX / lod)))
    if lod < GROW_BELOW:  # far out, a whole name a little smaller reads better than half a name
        smallest = min(smallest, max(13, round(size * GROWN_SHRINK)))
    return size, smallest


@functools.lru_cache(maxsize=4096)
def compact_layout(name: str, size: int, width: float, smallest: int,
                   height: float = CARD_H - 4, grown: bool = False) -> tuple[int, list[str]]:
    """The largest font size from `size` down to `smallest` at which the whole name fits the
    compact card (one line, or two when two fit its `height`); else `size`, elided. A grown
    card starts from the largest size that gives two lines."""
    def most(fm: QFontMetricsF, trial: int) -> int:
        return 2 if 2 * line_pitch(fm, trial, grown) <= height else 1

    if grown:  # every name of a grown grid the same size: as large as two lines allow
        size = next((n for n in range(size, 12, -1) if most(QFontMetricsF(theme.font(n, bold=True)), n) == 2),
                    size)
        smallest = min(smallest, size)
    for trial in range(size, smallest - 1, -1):
        fm = QFontMetricsF(theme.font(trial, bold=True))
        lines = wrap_lines(name, fm, width, most(fm, trial))
        if "".join(lines).replace(" ", "") == name.replace(" ", ""):
            return trial, lines
    fm = QFontMetricsF(theme.font(size, bold=True))
    return size, wrap_lines(name, fm, width, most(fm, size))


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
    if len(text) <= limit and text.isprintable() and "  " not in text and text == text.strip():
        return text  # the usual name or title, as it is (no walk over each character: 10,000 cards)
    out = "".join(" " if (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) else ch for ch in text[:limit])
    return " ".join(out.split())
