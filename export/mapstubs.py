"""Stubs: the short labelled arrows beside a card on a lane page for hand-offs to people
in lanes printed elsewhere, stacked one above another beside the card."""
from __future__ import annotations

from reportlab.graphics.shapes import Group

from export import mapshapes, textline

# where the stubs leaving one side of a card go, from its middle: one above another, never
# on top of each other (more than six: the sixth lists the rest by number)
STUB_OFFSETS = (-12.0, -3.0, 6.0, 15.0, -21.0, 24.0)


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


def card_stubs(box: mapshapes.Box, side: int, stubs: list[tuple[int, str]]) -> list[Group]:
    """A card's stubs on one side, one above another, top to bottom in walk order."""
    stubs = _shown(stubs, side)
    order = sorted(range(len(stubs)), key=lambda k: -STUB_OFFSETS[k])  # top to bottom in walk order
    out: list[Group] = []
    for (_n, text), k in zip(stubs, order, strict=True):
        y = box.cy + STUB_OFFSETS[k]
        out.append(mapshapes.stub(box.right, y, 1, text) if side > 0 else mapshapes.stub(box.x, y, -1, text))
    return out


def stub_boxes(
    box: mapshapes.Box, side: int, stubs: list[tuple[int, str]]
) -> list[tuple[float, float, float, float]]:
    """Where `card_stubs` draws (drawing coordinates, y up: x0, y0, x1, y1), so badges and
    labels placed afterwards keep off the stubs' arrows and labels."""
    stubs = _shown(stubs, side)
    order = sorted(range(len(stubs)), key=lambda k: -STUB_OFFSETS[k])
    out: list[tuple[float, float, float, float]] = []
    for (_n, text), k in zip(stubs, order, strict=True):
        y = box.cy + STUB_OFFSETS[k]
        text_w = textline.text_width(text, mapshapes.WHAT_SIZE)
        reach = mapshapes.STUB_LEN + 3 + min(mapshapes.STUB_TEXT_MAX, text_w)
        x0, x1 = (box.right, box.right + reach) if side > 0 else (box.x - reach, box.x)
        out.append((x0, y - 4.5, x1, y + 4.5))
    return out
