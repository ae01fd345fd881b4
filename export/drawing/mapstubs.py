"""Stubs: the short labelled arrows beside a card on a lane page for hand-offs to people
in lanes printed elsewhere, stacked one above another beside the card. A stub's label is
shortened, down to its step number, where a card or another label stands in its way."""
from __future__ import annotations

from reportlab.graphics.shapes import Group

from export import textline
from export.drawing import mapshapes
from model import arrows

# where the stubs leaving one side of a card go, from its middle: one above another, never
# on top of each other (more than six: the sixth lists the rest by number)
STUB_OFFSETS = (-12.0, -3.0, 6.0, 15.0, -21.0, 24.0)
TEXT_GAP = 3.0  # between a stub's arrowhead and its label
LABEL_H = 9.0


def _shown(stubs: list[tuple[int, str]], side: int) -> list[tuple[int, str]]:
    """The stubs as drawn: more than fit beside the card end in one that lists the rest by
    number (labels written over each other say nothing)."""
    if len(stubs) > len(STUB_OFFSETS):
        keep = len(STUB_OFFSETS) - 1
        rest = stubs[keep:]
        numbers = ", ".join(str(n) for n, _t in rest)
        way = "to" if side > 0 else "from"
        stubs = [*stubs[:keep], (0, f"{numbers}: {len(rest)} more {way} other lanes")]
    return stubs


def _label_box(box: mapshapes.Box, side: int, y: float, width: float) -> arrows.Box:
    """Where a stub's label of `width` goes (drawing coordinates, y up)."""
    start = mapshapes.STUB_LEN + TEXT_GAP
    if side > 0:
        return box.right + start, y - LABEL_H / 2, box.right + start + width, y + LABEL_H / 2
    return box.x - start - width, y - LABEL_H / 2, box.x - start, y + LABEL_H / 2


def _line(box: mapshapes.Box, side: int, y: float, length: float) -> arrows.Box:
    """Where a stub's line of `length` goes beside its card."""
    if side > 0:
        return box.right, y - 3.0, box.right + length, y + 3.0
    return box.x - length, y - 3.0, box.x, y + 3.0


LABEL_CLEAR = 6.0  # at least this between a stub's label and another label beside it on its line


def _clearance(spot: arrows.Box) -> arrows.Box:
    """A label's box and the room it keeps clear at its ends: two stubs' labels on one line (one
    leaving a card, one coming into a card further on) touched, and read as one label."""
    return spot[0] - LABEL_CLEAR, spot[1], spot[2] + LABEL_CLEAR, spot[3]


SHORT_LEN = 11.0  # a stub squeezed between its card and a neighbour close beside it


def _fitted(box: mapshapes.Box, side: int, y: float, number: int, text: str,
            taken: arrows.Obstacles) -> tuple[str, arrows.Box | None]:
    """The longest form of a stub's label that is clear of `taken`: whole (up to the widest
    a stub label gets) or cut shorter; '' when none fits beside the card."""
    size = mapshapes.WHAT_SIZE
    for room in (mapshapes.STUB_TEXT_MAX, 80.0, 50.0):
        shown = textline.fit_text(text, size, room)
        if shown and shown != "…":
            spot = _label_box(box, side, y, textline.text_width(shown, size))
            line = _line(box, side, y, mapshapes.STUB_LEN + TEXT_GAP)
            if not taken.hits(_clearance(spot)) and not taken.hits(line):
                return shown, spot
    return "", None


def _squeezed(box: mapshapes.Box, side: int, y: float, number: int,
              taken: arrows.Obstacles) -> tuple[str, arrows.Box | None, arrows.Box]:
    """A short stub whose step number sits over its line (or '' when even that is covered),
    for a card with a neighbour close beside it; and where its line goes."""
    line = _line(box, side, y, SHORT_LEN)
    x0 = line[0]
    short = str(number) if number else ""
    if short:
        w = textline.text_width(short, mapshapes.WHAT_SIZE)
        cx = x0 + SHORT_LEN / 2
        spot = (cx - w / 2, y + 1.5, cx + w / 2, y + 1.5 + LABEL_H - 2)
        if not taken.hits(spot):
            return short, spot, line
    return "", None, line


def card_stubs(box: mapshapes.Box, side: int, stubs: list[tuple[int, str]],
               taken: arrows.Obstacles | None = None) -> list[Group]:
    """A card's stubs on one side, one above another, top to bottom in walk order. With
    `taken` (drawing coordinates), each keeps clear of what is there, and is added: its label
    is cut shorter, or, with a card close beside it, the stub is short with its step number
    over it."""
    stubs = _shown(stubs, side)
    order = sorted(range(len(stubs)), key=lambda k: -STUB_OFFSETS[k])  # top to bottom in walk order
    out: list[Group] = []
    for (number, text), k in zip(stubs, order, strict=True):
        y = box.cy + STUB_OFFSETS[k]
        x = box.right if side > 0 else box.x
        if taken is None:
            out.append(mapshapes.stub(x, y, side, text))
            continue
        text, spot = _fitted(box, side, y, number, text, taken)
        if spot is not None:
            taken.add(_line(box, side, y, mapshapes.STUB_LEN + TEXT_GAP))
            taken.add(spot)
            out.append(mapshapes.stub(x, y, side, text))
            continue
        text, spot, line = _squeezed(box, side, y, number, taken)
        taken.add(line)
        if spot is not None:
            taken.add(spot)
        out.append(mapshapes.stub(x, y, side, text, SHORT_LEN, above=True))
    return out
