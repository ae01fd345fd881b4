"""The lane-page flow on made-up lanes: pieces fill each page without running past its foot,
every card lands in exactly one piece, a small lane is not cut in two, a long one-column
lane takes portrait pages and a wide one landscape."""
from __future__ import annotations

from reportlab.graphics.shapes import Drawing

from export.pdf.parts.map_flow import SLACK, Sheet, Strip, flow

TOP = 3000.0
SCALE = 0.924
BAND = 48.0
FRAMES = {True: (740.0, 442.0), False: (493.0, 689.0)}
HEAD = (25.0, 12.0)  # heading height with the space after it, and the space above it


def _lane(title: str, rows: int, width: float) -> Strip:
    """A lane of `rows` cards one above another, cut points just below each card."""
    cards = [(10.0, TOP - (78 + 80 * i), 180.0, TOP - (14 + 80 * i)) for i in range(rows)]
    end = 80.0 * rows + 14
    free = [81.0 + 80 * i for i in range(rows)] + [end]
    return Strip(Drawing(width, TOP), title, 0.0, width, TOP, free, cards)


def _used(sheet: Sheet) -> float:
    used = 0.0
    for n, placed in enumerate(sheet.pieces):
        used += HEAD[0] + (HEAD[1] if n else 0.0) + (placed.end - placed.start + BAND) * SCALE
    return used


def test_pieces_fill_pages_hold_every_card_once_and_keep_a_small_lane_whole() -> None:
    long_narrow, small, long_wide = _lane("A", 20, 300.0), _lane("B", 2, 600.0), _lane("C", 12, 600.0)
    strips = [long_narrow, small, long_wide]
    sheets = flow(strips, FRAMES, SCALE, BAND, {id(s): HEAD for s in strips})
    for sheet in sheets:
        assert _used(sheet) <= sheet.height - SLACK + 0.01
    for sheet in sheets[:-1]:  # full down to a card row of the foot
        assert _used(sheet) >= sheet.height - (80 + BAND) * SCALE - HEAD[0] - HEAD[1]
    for strip in strips:
        pieces = [p for sheet in sheets for p in sheet.pieces if p.strip is strip]
        assert pieces[0].start == 0.0
        assert all(a.end == b.start for a, b in zip(pieces, pieces[1:], strict=False))
        for card in strip.cards:
            holding = [p for p in pieces if strip.holds_cards(p.start, p.end)
                       and p.start <= TOP - card[3] and TOP - card[1] <= p.end]
            assert len(holding) == 1
    assert sum(1 for sheet in sheets for p in sheet.pieces if p.strip is small) == 1
    # the narrow lane's pages are portrait while what is left of it needs more than a landscape
    # page; its last rows go on a landscape page like the lanes after it
    assert [sheet.wide for sheet in sheets[:3]] == [False, False, True]
    assert [p.strip.title for p in sheets[2].pieces] == ["A"]
    assert all(sheet.wide for sheet in sheets for p in sheet.pieces if p.strip is long_wide)


def test_a_heading_taller_than_a_page_still_ends() -> None:
    strip = _lane("A", 6, 600.0)
    sheets = flow([strip], FRAMES, SCALE, BAND, {id(strip): (900.0, 12.0)})
    pieces = [p for sheet in sheets for p in sheet.pieces]
    assert 1 <= len(pieces) <= 6  # one card row a page at worst, never slivers
