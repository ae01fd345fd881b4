"""Cards show when "you" last spoke with each person, fading as the contact gets stale."""
from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QImage, QPainter

from canvas_fixtures import sample_map
from gui.items.card import CardFace
from gui.scene import MapScene
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
