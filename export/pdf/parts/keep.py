"""A block that does not leave a short tail alone on the next page.

A part of the playbook ends with a block (the last department, the last group of insights,
the check-ups' last charts and notes). Where that block starts low on a page, its last lines
would spill onto a page of their own, nearly empty, with nothing after them. Instead the
block breaks earlier, at one of its own section starts (its `anchors`: the latest one that
gives the next page at least a quarter of a page), or moves whole to the next page, when
that leaves the page it starts on at least a quarter full. A block taller than a page, or
one whose part on the next page is long, splits as usual.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import FrameBreak, NullActionFlowable

from export.pdf.reportlab_private import list_wrap_on

SHORT_TAIL = 0.25  # of the frame's height: a part on the next page shorter than this is a tail
MAX_GUARDED = 40  # flowables: more than this is pages long, its last page a tail of a long run


class KeepTail(KeepTogether):  # type: ignore[misc]
    """Its flowables, broken at an anchor (or moved whole) rather than split with a short tail.
    `anchors`: indexes into the flowables where the next page may start (a heading's place)."""

    def __init__(self, flowables: list[Flowable], anchors: Sequence[int] = ()) -> None:
        super().__init__(flowables)
        self._anchors = sorted({i for i in anchors if 0 < i < len(self._content)}, reverse=True)

    def split(self, aW: float, aH: float) -> list[Flowable]:
        # what is returned starts with an action: reportlab adds a split's first flowable to the
        # frame directly, skipping keep-with-next (a heading then ended a page alone)
        return [NullActionFlowable(), *self._broken(aW, aH)]

    def _broken(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content: list[Flowable] = self._content[:]
        frame = getattr(self, "_frame", None)
        frame_h = float(frame._height) if frame is not None else aH
        total = float(self._H)
        tail = total - aH
        if not 0 < tail < frame_h * SHORT_TAIL:
            return content
        for i in self._anchors:  # the latest section start that carries a fair part over
            if frame_h * SHORT_TAIL <= list_wrap_on(content[i:], aW, self.canv)[1] <= frame_h:
                return [*content[:i], FrameBreak(), *content[i:]]
        if total <= frame_h and aH <= frame_h * (1 - SHORT_TAIL):  # the page it starts on keeps a quarter
            return [FrameBreak(), *content]
        return content


def guard_tail(flowables: list[Flowable], anchors: Sequence[int]) -> list[Flowable]:
    """The flowables as one KeepTail (breaking at `anchors`), unless there are too many to
    measure cheaply: a long tail splits over pages as usual and needs no guard."""
    if not flowables or len(flowables) > MAX_GUARDED:
        return flowables
    return [KeepTail(flowables, anchors)]


def guard_end(flowables: list[Flowable], start: int) -> list[Flowable]:
    """A section's flowables with its end (from `start`: its last role, step, session or entries)
    kept from trailing alone onto a page of its own; the end may break before any of its
    flowables. The roles' last "Outreach" lines, the walk's last step, a session's last action
    item each printed alone on a last page."""
    start = max(0, start)
    block = flowables[start:]
    return flowables[:start] + guard_tail(block, range(1, len(block)))
