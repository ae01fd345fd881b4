"""The canvas's graphics items: person cards, lanes and their headers, hand-off arrows."""
from __future__ import annotations

# z order: lanes under hand-offs under cards; pinned headers above everything that scrolls
Z_LANE = 0.0
Z_LANE_HANDLE = 1.0
Z_HANDOFF = 5.0
Z_CARD = 10.0
Z_HANDOFF_SELECTED = 15.0
Z_CARD_DRAGGED = 20.0
Z_OVERLAY = 40.0
Z_LANE_HEADER = 50.0
Z_STAGE_HEADER = 60.0
Z_CORNER = 70.0
