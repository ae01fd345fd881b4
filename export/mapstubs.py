"""Stubs: the short labelled arrows beside a card on a lane page for hand-offs to people
in lanes printed elsewhere, stacked one above another beside the card."""
from __future__ import annotations

from reportlab.graphics.shapes import Group

from export import mapshapes

# where the stubs leaving one side of a card go, from its middle: one above another, never
# on top of each other (more than six: the sixth lists the rest by number)
STUB_OFFSETS = (-12.0, -3.0, 6.0, 15.0, -21.0, 24.0)


def card_stubs(box: mapshapes.Box, side: int, stubs: list[tuple[int, str]]) -> list[Group]:
    """A card's stubs on one side, one above another; more than fit beside the card end in
    one stub that lists the rest by number (labels written over each other say nothing)."""
    if len(stubs) > len(STUB_OFFSETS):
        keep = len(STUB_OFFSETS) - 1
        rest = stubs[keep:]
        numbers = ", ".join(str(n) for n, _t in rest)
        way = "to" if side > 0 else "from"
        stubs = [*stubs[:keep], (0, f"{numbers}: {len(rest)} more {way} other lanes")]
    order = sorted(range(len(stubs)), key=lambda k: -STUB_OFFSETS[k])  # top to bottom in walk order
    out: list[Group] = []
    for (_n, text), k in zip(stubs, order, strict=True):
        y = box.cy + STUB_OFFSETS[k]
        out.append(mapshapes.stub(box.right, y, 1, text) if side > 0 else mapshapes.stub(box.x, y, -1, text))
    return out
