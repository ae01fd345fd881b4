"""What the cards leave out or put off for a 10,000-person map is still right when it is asked
for: the tooltip written when the pointer arrives, and the far-out card drawn as plain
rectangles (its colours, outline and a legible name still there)."""
from __future__ import annotations

from canvas_fixtures import mouse, sample_map
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QUndoStack
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from gui import theme
from gui.canvas.items import card as card_item
from gui.canvas.items import card_text
from gui.canvas.items.card_face import CardFace
from gui.canvas.scene import MapScene


def test_a_card_tooltip_is_written_when_the_pointer_arrives_and_follows_the_card(window) -> None:
    w = window
    doc = w.document
    card = w.scene.cards["luc"]
    assert card.toolTip() == ""  # not built for each of 10,000 cards as the map opens
    mouse(w.view, QEvent.Type.MouseMove, card.sceneBoundingRect().center(), button=Qt.MouseButton.NoButton,
          buttons=Qt.MouseButton.NoButton)
    tip = card.toolTip()
    person = doc.people["luc"]
    assert f"<b>{person.name}</b>" in tip and person.title in tip and "No story yet" in tip
    doc.update("person", "luc", name="Luc <Legal> & Co")  # shown once: it keeps up with the card
    assert "<b>Luc &lt;Legal&gt; &amp; Co</b>" in card.toolTip()
    assert card.tooltip() == card.toolTip()


class Recording(QPainter):
    """A painter that notes the texts and rounded shapes it draws."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []
        self.paths = 0

    def drawText(self, *args) -> None:
        self.texts.append(str(args[-1]))
        super().drawText(*args)

    def drawPath(self, *args) -> None:
        self.paths += 1
        super().drawPath(*args)


def painted(item, zoom: float) -> tuple[Recording, QImage]:
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("#000000"))
    painter = Recording(image)
    painter.translate(20, 20)
    painter.scale(zoom, zoom)
    option = QStyleOptionGraphicsItem()
    option.exposedRect = item.boundingRect()
    item.paint(painter, option, None)
    painter.end()
    return painter, image


def alike(a: QColor, b: QColor) -> bool:
    """The same colour, give or take the blending of a pixel's edge."""
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 12


def pixel(image: QImage, zoom: float, x: float, y: float) -> QColor:
    return image.pixelColor(round(20 + x * zoom), round(20 + y * zoom))


def test_far_out_a_card_is_plain_rectangles_with_its_colours_and_a_legible_name(qtbot) -> None:
    doc = sample_map()
    scene = MapScene()
    scene.set_document(doc, QUndoStack())
    card = scene.cards["luc"]
    t = theme.current()
    near, _ = painted(card, 1.0)
    assert near.paths >= 3 and card.face.name in near.texts and card.face.title in near.texts
    middle, _ = painted(card, 0.2)  # the compact card: rounded, the name alone
    assert middle.paths >= 2 and " ".join(middle.texts) == card.face.name
    zoom = 0.12  # below FAR_BELOW: plain rectangles, the name still readable
    assert zoom < card_item.FAR_BELOW
    far, image = painted(card, zoom)
    assert far.paths == 0 and far.texts and card.face.name.startswith(far.texts[0].rstrip("…"))
    body = card.card_rect()
    assert pixel(image, zoom, body.width() * 0.7, body.height() * 0.5) == t.card  # the body's colour
    strip = QColor(t.accent(card.face.color))
    strip_at = (round(20 + -card_text.GROWN_LEFT * zoom) + 2, round(20 + 32 * zoom))
    assert alike(image.pixelColor(*strip_at), strip)  # the department's strip, wide enough to see
    farther, image = painted(card, 0.05)  # an overview: a coloured box, no name
    assert farther.paths == 0 and farther.texts == []
    assert pixel(image, 0.05, body.width() * 0.6, body.height() * 0.5) == t.card
    card.setSelected(True)  # selection still shows far out
    _, image = painted(card, zoom)
    edge = image.pixelColor(round(20 + body.width() * 0.5 * zoom), int(20 - card_text.GROWN_UP * zoom))
    assert alike(edge, QColor(t.highlight)), edge.name()
    scene.set_document(None, None)


def test_a_far_out_customer_keeps_its_ring_and_tint(qtbot) -> None:
    doc = sample_map()
    scene = MapScene()
    scene.set_document(doc, QUndoStack())
    customer = next(c for c in scene.cards.values() if c.face.customer)
    zoom = 0.1
    far, image = painted(customer, zoom)
    assert far.paths == 0
    body = QRectF(customer.card_rect())
    ring = image.pixelColor(round(20 + body.width() * 0.5 * zoom), int(20 - card_text.GROWN_UP * zoom))
    assert alike(ring, QColor(theme.current().accent(customer.face.color))), ring.name()
    assert pixel(image, zoom, body.width() * 0.7, body.height() * 0.5) == theme.current().card_customer
    scene.set_document(None, None)


def test_the_face_tooltip_escapes_user_text() -> None:
    face = CardFace(name="<b>x</b> & 😀", title="مدير المبيعات", color="#123456", outsourced=True,
                    vendor="A&B")
    tip = face.tooltip()
    assert "&lt;b&gt;x&lt;/b&gt; &amp; 😀" in tip and "مدير المبيعات" in tip
    assert "Outsourced to A&amp;B" in tip


def test_card_item_changes_still_move_arrows(qtbot) -> None:
    """The quick itemChange: a moved card still takes its arrows along."""
    doc = sample_map()
    scene = MapScene()
    scene.set_document(doc, QUndoStack())
    arrow = scene.handoff_items["h1"]
    before = arrow.path().boundingRect()
    arrow.target.setPos(arrow.target.pos() + QPointF(0, 120))
    assert arrow.path().boundingRect() != before
    scene.set_document(None, None)
