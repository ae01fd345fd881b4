"""The pens, brushes and fonts hand-off arrows paint with (gui/canvas/items/handoff.py)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from gui import theme


class Ink:
    """The pens, brushes and fonts arrows paint with, made once per theme instead of for
    every arrow in every frame (hundreds of arrows are painted per frame on a big map).
    Each list is indexed by state: 0 normal, 1 under the pointer, 2 selected."""

    def __init__(self, t: theme.Theme) -> None:
        self.theme = t
        colors = (t.handoff, t.hover, t.highlight)
        cap = Qt.PenCapStyle.RoundCap
        widths = (1.7, 1.7, 2.6)
        self.lines = [QPen(c, w, Qt.PenStyle.SolidLine, cap) for c, w in zip(colors, widths, strict=True)]
        self.hairlines = [QPen(c, 0) for c in colors]
        self.fills = [QBrush(c) for c in colors]
        self.ring = QPen(t.base, 1.5)
        self.badge_text = QPen(t.base)
        self.badge_font = theme.font(10, bold=True)
        back = QColor(t.base)
        back.setAlpha(225)
        self.label_back = QBrush(back)
        self.label_ink = {False: QPen(t.muted), True: QPen(t.text)}
        self.label_font = theme.font(11)


_inks: list[Ink] = []


def ink_for(t: theme.Theme) -> Ink:
    if not _inks or _inks[0].theme is not t:
        _inks[:] = [Ink(t)]
    return _inks[0]
