"""What a person's card shows, as a snapshot taken from the document when it changes:
the card paints this and never reads the document while painting."""
from __future__ import annotations

import dataclasses
import datetime as dt
import weakref
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QGraphicsItem

from gui import theme
from gui.canvas.items import MIN_TEXT_PX
from gui.canvas.items.card_text import FULL_DETAIL_PX, clean_text
from model.coaching import contact_age_days, describe_age, staleness
from model.document import Document
from model.entities import CUSTOMER_COLOR, OUTSOURCED, Person
from model.layout import CARD_H, CARD_W, UNASSIGNED_COLOR
from model.reachout import overdue

CUSTOMER_ACCENT = CUSTOMER_COLOR  # one customer colour on screen and paper (model/entities.py)
# Where a full card's name line and title line draw (card.py's _paint_name: y 6..25, title 24..40,
# from the strip's edge to the right margin), kept a few pixels inside the card's edges: the
# arrows that end at a card reach only its edges, so a rename does not ask them to repaint.
NAME_LINE = QRectF(theme.STRIP_W + 4, 5, CARD_W - theme.STRIP_W - 11, 21)
TITLE_LINE = QRectF(theme.STRIP_W + 4, 23, CARD_W - theme.STRIP_W - 11, 19)


@dataclass(frozen=True, slots=True)
class CardFace:
    """Everything a card shows, taken from the document when it changes."""

    name: str
    title: str
    color: str
    customer: bool = False
    outsourced: bool = False
    vendor: str = ""
    story: bool = False
    sweet_spot: bool = False
    you: bool = False
    stale: bool = False
    contact: str = ""  # when "you" last spoke with them ("" when no "you" is marked)
    fade: float = 0.0  # 0 = spoken to recently ... 1 = never, or stale: the card fades by this
    left: bool = False  # not in the latest roster merged into the map

    @classmethod
    def of(cls, doc: Document, person: Person, today: dt.date | None = None) -> CardFace:
        dept = doc.departments.get(person.department_id or "")
        color = CUSTOMER_ACCENT if person.is_customer else (dept.color if dept else UNASSIGNED_COLOR)
        you = doc.meta.you_id == person.id
        stale = not (person.is_customer or you) and overdue(person, doc.meta.stale_days, today)  # by cadence
        contact, fade = "", 0.0
        if doc.meta.you_id and not you and not person.is_customer:
            age = contact_age_days(person, today)
            contact = "Never spoken" if age is None else f"Spoke {describe_age(age)}"
            fade = staleness(person, doc.meta.stale_days, today)
        return cls(
            contact=contact,
            fade=fade,
            name=clean_text(person.name) or "(unnamed)",
            title=clean_text(person.title),
            color=color,
            customer=person.is_customer,
            outsourced=person.sourcing == OUTSOURCED,
            vendor=clean_text(person.vendor, 60),
            story=person.story.is_written(),
            sweet_spot=person.story.sweet_spot,
            you=you,
            stale=stale,
            left=person.left,
        )

    def tooltip(self) -> str:
        """The card's tooltip, as HTML (user text escaped)."""
        from html import escape

        lines = [f"<b>{escape(self.name)}</b>"]
        if self.title:
            lines.append(escape(self.title))
        if self.outsourced:
            lines.append("Outsourced" + (f" to {escape(self.vendor)}" if self.vendor else ""))
        if self.customer and self.vendor:
            lines.append(escape(self.vendor))
        lines.append("Story written" if self.story else "No story yet")
        if self.sweet_spot:
            lines.append("Sweet spot: an essential customer contact point")
        if self.stale:
            lines.append("Overdue for a reach-out")
        return "<br>".join(lines)


def reach(old: CardFace, new: CardFace, card: QGraphicsItem) -> QRectF:
    """The part of `card` a change of its face repaints: typing a name (or a title) at a
    readable zoom redraws that line alone, so the frame after each key neither repaints the
    card's edges nor the dozens of arrows that end there. Anything else, or a compact card
    (zoomed out, its name fills the card), repaints it whole (a null rectangle)."""
    if dataclasses.replace(old, name=new.name, title=new.title) != new:
        return QRectF()  # a colour, a badge, a pill: the whole card
    scene = card.scene()
    views = scene.views() if scene is not None else []
    if not views or any(FULL_DETAIL_PX * view.transform().m11() < MIN_TEXT_PX for view in views):
        return QRectF()  # compact somewhere (or not shown yet): the name's size depends on the card
    rect = QRectF()
    _renamed(card, new)  # the next frame's arrows beneath this line are hidden by the card
    if old.name != new.name:
        rect = rect.united(NAME_LINE)
    if old.title != new.title:
        rect = rect.united(TITLE_LINE)
    return rect


# the card `reach` last sent a line of alone to the next frame: its face, place and opaque body
# (two bands, and its four corner discs: centre x, y and radius)
_RENAMED: list[tuple[weakref.ref[QGraphicsItem], CardFace, QPointF, tuple[QRectF, QRectF],
                     list[tuple[float, float, float]]]] = []


def _renamed(card: QGraphicsItem, face: CardFace) -> None:
    """Keep the renamed card and its opaque body for `covers`: the rounded body as a horizontal
    and a vertical band and the four discs of its corners, EDGE inside its outline."""
    r = CARD_H / 2 if face.customer else theme.CARD_RADIUS
    at = card.pos()
    bands = (QRectF(r, EDGE, CARD_W - 2 * r, CARD_H - 2 * EDGE).translated(at),
             QRectF(EDGE, r, CARD_W - 2 * EDGE, CARD_H - 2 * r).translated(at))
    discs = [(at.x() + cx, at.y() + cy, r - 2 * EDGE) for cx in (r, CARD_W - r) for cy in (r, CARD_H - r)]
    _RENAMED[:] = [(weakref.ref(card), face, at, bands, discs)]  # a closed map's card is let go
    _REST.clear()


def covers(below: QGraphicsItem, exposed: QRectF, reach: QRegion) -> bool:
    """Whether nothing `below` may draw (`reach`, in its coordinates) shows in `exposed` once the
    card renamed last has painted its opaque body over it: the long arrows that run beneath a
    column of cards cross every name line, and none of their pixels show there (an exposed
    rectangle is whole pixels: a pixel wholly inside the body is painted opaque). Only for an
    item beneath the card; when in doubt (the card gone, moved, see-through), False."""
    if not _RENAMED:
        return False
    ref, face, pos, bands, discs = _RENAMED[0]
    card = ref()
    if card is None:
        return False
    t = theme.current()
    try:
        if (card.pos() != pos or card.scene() is not below.scene() or card.zValue() <= below.zValue()
                or not below.pos().isNull() or not card.isVisible() or card.effectiveOpacity() < 1.0
                or (t.card_customer if face.customer else t.card).alpha() < 255):
            return False
    except RuntimeError:  # the card's C++ object is gone (its map was closed)
        _RENAMED.clear()
        return False
    key = (exposed.x(), exposed.y(), exposed.width(), exposed.height())
    rest = _REST.get(key)
    if rest is None:  # the long arrows beneath a column share an exposed rectangle: once a frame
        rest = [piece.toAlignedRect()
                for part in _minus(exposed, bands[0]) for piece in _minus(part, bands[1])
                if not any(_in_disc(piece, disc) for disc in discs)]  # (in a rounded corner)
        _REST.clear()
        _REST[key] = rest
    return not any(reach.intersects(piece) for piece in rest)


_REST: dict[tuple[float, float, float, float], list[QRect]] = {}  # exposed -> its part off the body


EDGE = 0.05  # inside a card's outline by this much (rounding), a whole pixel is fully painted


def _in_disc(rect: QRectF, disc: tuple[float, float, float]) -> bool:
    """Whether all of `rect` lies in the disc (centre x, y, radius): its farthest corner does."""
    x, y, r = disc
    dx = max(abs(rect.left() - x), abs(rect.right() - x))
    dy = max(abs(rect.top() - y), abs(rect.bottom() - y))
    return dx * dx + dy * dy <= r * r


def _minus(a: QRectF, b: QRectF) -> list[QRectF]:
    """The parts of `a` outside `b`, as up to four rectangles."""
    if not a.intersects(b):
        return [a]
    top, bottom = max(a.top(), b.top()), min(a.bottom(), b.bottom())
    pieces = [QRectF(a.left(), a.top(), a.width(), b.top() - a.top()),
              QRectF(a.left(), b.bottom(), a.width(), a.bottom() - b.bottom()),
              QRectF(a.left(), top, b.left() - a.left(), bottom - top),
              QRectF(b.right(), top, a.right() - b.right(), bottom - top)]
    return [piece for piece in pieces if piece.width() > 1e-6 and piece.height() > 1e-6]
