"""Small building blocks for the playbook's pages: a splittable panel (cards, callouts,
timeline steps, checklist lines), chips and check boxes.

Why a panel rather than a Table: user text of any length goes inside these
boxes, and a table cell taller than a page raises LayoutError; a Panel splits
its content across pages and draws its frame on every part.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable

from export.pdf import styles
from export.pdf.doc import TocEntry, mark_here
from export.pdf.painters import Painter as Painter
from export.pdf.painters import callout_painter as callout_painter
from export.pdf.painters import card_painter as card_painter
from export.pdf.painters import checkbox_painter as checkbox_painter
from export.pdf.painters import swatch_painter as swatch_painter
from export.pdf.painters import timeline_painter as timeline_painter


class Panel(Flowable):  # type: ignore[misc]
    """Flowables set inside padding, over a painted background; splits across pages."""

    width: float  # set by wrap(), declared for the type checker
    height: float

    def __init__(
        self,
        content: Sequence[Flowable],
        painter: Painter | None = None,
        pad: tuple[float, float, float, float] = (0, 0, 0, 0),  # top, right, bottom, left
        entry: TocEntry | None = None,
        section: str | None = None,
        first: bool = True,
        last: bool = True,
        space_before: float = 0,
        space_after: float = 0,
        min_first: float = 40,
    ) -> None:
        super().__init__()
        self.content = list(content)
        self.painter = painter
        self.pad = pad
        self.entry = entry
        self.section = section
        self.first = first
        self.last = last
        self.spaceBefore = space_before if first else 0
        self.spaceAfter = space_after if last else 0
        self.min_first = min_first  # do not start a panel with less than this on the page
        self._sizes: list[tuple[float, float]] = []
        self._wrapped_at: float | None = None

    # padding is only applied at the top of the first part and the bottom of the last
    def _pads(self) -> tuple[float, float]:
        top = self.pad[0] if self.first else 4.0
        bottom = self.pad[2] if self.last else 4.0
        return top, bottom

    def _inner_width(self, avail: float) -> float:
        return max(avail - self.pad[1] - self.pad[3], 20.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_at == availWidth:
            return availWidth, self.height
        inner = self._inner_width(availWidth)
        top, bottom = self._pads()
        total = top + bottom
        self._sizes = []
        previous_after = 0.0
        for i, item in enumerate(self.content):
            _w, h = item.wrap(inner, availHeight)
            gap = max(previous_after, item.getSpaceBefore()) if i else 0.0
            self._sizes.append((gap, h))
            total += gap + h
            previous_after = item.getSpaceAfter()
        self.width, self.height = availWidth, total
        self._wrapped_at = availWidth
        return availWidth, total

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        inner = self._inner_width(availWidth)
        top, _bottom = self._pads()
        room = availHeight - top - 4.0
        if room < 24:
            return []
        taken: list[Flowable] = []
        rest: list[Flowable] = []
        used = 0.0
        self.wrap(availWidth, availHeight)
        for i, item in enumerate(self.content):
            gap, h = self._sizes[i]
            if used + gap + h <= room:
                taken.append(item)
                used += gap + h  # gap already collapses the space after the previous item (wrap)
                continue
            avail = room - used - gap
            parts = item.split(inner, avail) if avail > 12 else []
            if len(parts) > 1:
                taken.append(parts[0])
                used += gap + parts[0].wrap(inner, avail)[1]  # counts towards min_first
                rest = list(parts[1:]) + self.content[i + 1 :]
            else:
                item.wrap(inner, availHeight)  # a refused split may drop the item's layout
                rest = self.content[i:]
            break
        else:
            # all of it fits, but not with the last part's bottom padding: leave the last item over
            if len(taken) < 2:
                return []
            rest = [taken.pop()]
        while taken and taken[-1].getKeepWithNext():  # no label left alone at a page's foot
            rest.insert(0, taken.pop())
        if not taken or used < min(self.min_first, room):
            return []
        return [
            self._copy(taken, first=self.first, last=False),
            self._copy(rest, first=False, last=self.last),
        ]

    def _copy(self, content: list[Flowable], first: bool, last: bool) -> Panel:
        return Panel(
            content,
            self.painter,
            self.pad,
            self.entry if first else None,
            self.section if first else None,
            first=first and self.first,
            last=last,
            space_before=self.spaceBefore,
            space_after=self.spaceAfter,
            min_first=self.min_first,
        )

    def draw(self) -> None:
        canv = self.canv
        if self.first:
            mark_here(canv, self.entry, self.section, self.height)
        if self.painter is not None:
            canv.saveState()
            self.painter(canv, self.width, self.height, self.first, self.last)
            canv.restoreState()
        top, _bottom = self._pads()
        y = self.height - top
        x = self.pad[3]
        for item, (gap, h) in zip(self.content, self._sizes, strict=True):  # wrap() sized each item
            y -= gap + h
            item.drawOn(canv, x, y)


def chip_colours(color: colors.Color) -> tuple[colors.Color, colors.Color]:
    """A solid label's fill and text: at least 4.5:1 apart (WCAG AA, legible in greyscale);
    a fill too light for white text is darkened, keeping its hue."""
    ink = styles.text_on(color)
    if ink == colors.white and styles.contrast(ink, color) < 4.5:
        return styles.readable(color, ink), ink
    return color, ink


class Chip(Flowable):  # type: ignore[misc]
    """A small rounded label (a stage, a severity) in a solid colour."""

    def __init__(self, text: str, color: colors.Color, size: float = 7.5, after: float = 3) -> None:
        super().__init__()
        self.text = text
        self.color = color
        self.size = size
        self.spaceAfter = after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self._tw = stringWidth(self.text, styles.BOLD, self.size)
        self.width = self._tw + 12
        self.height = self.size + 6
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        fill, ink = chip_colours(self.color)
        canv.setFillColor(fill)
        canv.roundRect(0, 0, self.width, self.height, self.height / 2, stroke=0, fill=1)
        canv.setFillColor(ink)
        canv.setFont(styles.BOLD, self.size)
        canv.drawString(6, 3.2, self.text)


class Badges(Flowable):  # type: ignore[misc]
    """A row of small outlined labels (outsourced, sweet spot, you, ...); wraps to more rows."""

    def __init__(self, items: Sequence[tuple[str, colors.Color]], after: float = 0) -> None:
        super().__init__()
        self.items = list(items)
        self.spaceAfter = after
        self._rows: list[list[tuple[str, colors.Color, float]]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        rows: list[list[tuple[str, colors.Color, float]]] = [[]]
        x = 0.0
        for text, color in self.items:
            w = stringWidth(text, styles.BOLD, 7) + 10
            if x and x + w > availWidth:
                rows.append([])
                x = 0.0
            rows[-1].append((text, color, w))
            x += w + 4
        self._rows = rows if self.items else []
        self.width = availWidth
        self.height = len(self._rows) * 14.0
        return availWidth, self.height

    def draw(self) -> None:
        canv = self.canv
        for r, row in enumerate(self._rows):
            y = self.height - (r + 1) * 14.0 + 1.5
            x = 0.0
            for text, color, w in row:
                fill = styles.tint(color, 0.12)
                ink = styles.readable(color, fill)  # 4.5:1 at least, in colour and in greyscale
                canv.setStrokeColor(ink)
                canv.setFillColor(fill)
                canv.setLineWidth(0.7)
                canv.roundRect(x, y, w, 11, 5.5, stroke=1, fill=1)
                canv.setFillColor(ink)
                canv.setFont(styles.BOLD, 7)
                canv.drawString(x + 5, y + 3.3, text)
                x += w + 4


class Linked(Flowable):  # type: ignore[misc]
    """A one-line flowable (a walk step's headline) that is also a link to a bookmark (the
    person's role page): clicking the name in the walk opens their story."""

    def __init__(self, inner: Flowable, key: str) -> None:
        super().__init__()
        self.inner, self.key = inner, key

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)
        self.canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class Rule(Flowable):  # type: ignore[misc]
    """A thin horizontal line (between roles, under a section's lead)."""

    def __init__(
        self, color: colors.Color = styles.RULE, width: float = 0.6, before: float = 4, after: float = 8
    ) -> None:
        super().__init__()
        self.color = color
        self.line_width = width
        self.spaceBefore = before
        self.spaceAfter = after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.line_width

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.line_width)
        self.canv.line(0, 0, self.width, 0)


class ChipLine(Flowable):  # type: ignore[misc]
    """A chip, then a paragraph beside it that wraps in the room left (a step, a finding)."""

    def __init__(self, chip: Flowable, para: Flowable, gap: float = 6) -> None:
        super().__init__()
        self.chip = chip
        self.para = para
        self.gap = gap
        style = getattr(para, "style", None)
        self.spaceAfter = style.spaceAfter if style is not None else 0

    def _chip_w(self, availWidth: float) -> float:
        cw, _ch = self.chip.wrap(availWidth, 100)
        return min(float(cw), availWidth / 2)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cw = self._chip_w(availWidth)
        _pw, ph = self.para.wrap(availWidth - cw - self.gap, availHeight)
        self.width = availWidth
        self.height = max(ph, self.chip.height)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        cw = self._chip_w(availWidth)
        parts = self.para.split(availWidth - cw - self.gap, availHeight)
        if len(parts) < 2:
            self.para.wrap(availWidth - cw - self.gap, availHeight)  # a refused split drops its layout
            return []
        return [ChipLine(self.chip, parts[0], self.gap), Panel(parts[1:], pad=(0, 0, 0, cw + self.gap))]

    def draw(self) -> None:
        leading = getattr(getattr(self.para, "style", None), "leading", 14)
        cy = self.height - leading / 2
        self.chip.drawOn(self.canv, 0, cy - self.chip.height / 2 + 0.5)
        self.para.drawOn(self.canv, self.chip.width + self.gap, self.height - self.para.height)
