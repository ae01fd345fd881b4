"""A block that does not leave a short tail alone on the next page.

The last department's block ends its part of the playbook; where it starts low on a page,
its last lines (the people in it) would spill onto a page of their own, nearly empty, with
nothing after them. Such a block moves whole to the next page instead, when that leaves the
page it starts on at least a quarter full; a block taller than a page, or one whose part on
the next page is long, splits as usual.
"""
from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import FrameBreak

SHORT_TAIL = 0.25  # of the frame's height: a part on the next page shorter than this is a tail


class KeepTail(KeepTogether):  # type: ignore[misc]
    """Its flowables, moved whole to the next page rather than split with a short tail."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content: list[Flowable] = self._content[:]
        frame = getattr(self, "_frame", None)
        frame_h = float(frame._height) if frame is not None else aH
        total = float(self._H)
        tail = total - aH
        if 0 < tail < frame_h * SHORT_TAIL and total <= frame_h and aH <= frame_h * (1 - SHORT_TAIL):
            return [FrameBreak(), *content]
        return content
