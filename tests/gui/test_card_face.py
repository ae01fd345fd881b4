"""Cards show when "you" last spoke with each person, fading as the contact gets stale."""
from __future__ import annotations

import datetime as dt

from canvas_fixtures import sample_map
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter

from gui.canvas.items.card import CardFace
from gui.canvas.scene import MapScene
from model.entities import OutreachEntry

TODAY = dt.date(2026, 11, 23)


def test_no_you_marked_no_contact_line() -> None:
    doc = sample_map()
    face = CardFace.of(doc, doc.people["luc"], TODAY)
    assert face.contact == "" and face.fade == 0.0


def test_contact_line_and_fading_follow_the_outreach_log() -> None:
    doc = sample_map()
    doc.set_you("ana")
    luc = doc.people["luc"]
    never = CardFace.of(doc, luc, TODAY)
    assert never.contact == "Never spoken" and never.fade == 1.0
    doc.add_outreach("luc", OutreachEntry("2026-11-23", "coffee"))
    fresh = CardFace.of(doc, luc, TODAY)
    assert fresh.contact == "Spoke today" and fresh.fade == 0.0 and not fresh.stale
    doc.add_outreach("eli", OutreachEntry("2026-10-09", "call"))  # 45 of 90 days
    half = CardFace.of(doc, doc.people["eli"], TODAY)
    assert half.contact == "Spoke 45 days ago" and 0.4 < half.fade < 0.6
    assert CardFace.of(doc, doc.people["ana"], TODAY).contact == ""  # not on your own card
    assert CardFace.of(doc, doc.people["cara"], TODAY).contact == ""  # customers are not colleagues to reach


def test_cards_with_contact_lines_paint(qtbot) -> None:
    doc = sample_map()
    doc.set_you("ana")
    doc.add_outreach("eli", OutreachEntry("2025-01-01", "call"))
    scene = MapScene()
    from PySide6.QtGui import QUndoStack

    stack = QUndoStack()
    scene.set_document(doc, stack)
    image = QImage(800, 400, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    scene.render(painter)
    painter.end()
    assert scene.cards["eli"].face.contact.startswith("Spoke") and scene.cards["eli"].face.stale


class _Recording(QPainter):
    """A painter that notes the text it is asked to draw."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

        self.sizes: list[float] = []  # on-screen pixel height of each text's font

    def drawText(self, *args) -> None:
        self.texts.append(str(args[-1]))
        self.sizes.append(self.font().pixelSize() * self.worldTransform().m11())
        super().drawText(*args)


def _texts_at(item, zoom: float, sizes: list[float] | None = None) -> list[str]:
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    painter = _Recording(image)
    painter.scale(zoom, zoom)
    option = QStyleOptionGraphicsItem()
    option.exposedRect = item.boundingRect()
    item.paint(painter, option, None)
    painter.end()
    if sizes is not None:
        sizes.extend(painter.sizes)
    return painter.texts


def test_zoomed_far_out_cards_and_arrows_leave_out_text_too_small_to_read(qtbot) -> None:
    """Semantic zoom: full faces at normal zoom; zoomed out, the compact card shows the name
    alone, in letters large enough to read on screen; only an overview leaves it out."""
    from PySide6.QtGui import QUndoStack

    doc = sample_map()
    doc.set_you("ana")
    scene = MapScene()
    scene.set_document(doc, QUndoStack())
    scene.refresh_steps()
    card = scene.cards["luc"]
    full = _texts_at(card, 1.0)
    assert card.face.name in full and card.face.title in full and "Never spoken" in full
    for zoom in (0.45, 0.3):
        sizes: list[float] = []
        assert " ".join(_texts_at(card, zoom, sizes)) == card.face.name  # the title is dropped
        assert min(sizes) >= 6.5  # on screen, about as large as the small print at 100%
    sizes = []
    assert _texts_at(card, 0.2, sizes)[0].startswith("Luc") and min(sizes) >= 6.5  # elided, still read
    assert _texts_at(card, 0.04) == []  # an overview: a coloured box
    arrow = scene.handoff_items["h1"]
    arrow.target.setPos(arrow.target.pos() + QPointF(300, 0))  # room for its label
    assert arrow.step is not None and arrow._label_text
    assert _texts_at(arrow, 1.0) == [str(arrow.step), arrow._label_text]
    assert _texts_at(arrow, 0.45) == []
    scene.set_document(None, None)
