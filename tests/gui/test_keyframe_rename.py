"""Typing a name repaints the card's name line alone (issue 19, session 6): the arrows that run
beneath the card are not drawn again, and what shows on screen is what a full repaint shows."""
from __future__ import annotations

from dataclasses import replace

import pytest
from canvas_fixtures import calm, open_window, worst_difference
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

from gui.canvas.items import card_face, handoff_paint
from model.document import Document
from model.entities import Department, Handoff, Person


def column_map() -> Document:
    """Five people stacked in one column; the top one hands off to the bottom one, so that
    arrow runs straight down beneath the three cards between (as on a big map's long lanes)."""
    doc = Document.with_standard_statements()
    doc.add("department", Department("Legal", "#F28E2B", id="legal"))
    for i in range(5):
        doc.add("person", Person(f"Person {i}", "Counsel", "legal", stage="contract",
                                 pos=(375.0, 14.0 + 80 * i), id=f"p{i}"))
    doc.add("handoff", Handoff("p0", "p4", "terms", "contract", id="long"))
    doc.add("handoff", Handoff("p2", "p3", "a draft", "contract", id="short"))
    return doc


@pytest.fixture
def column_window(qtbot, tmp_path, monkeypatch, boxes):
    w = open_window(qtbot, tmp_path, monkeypatch, column_map())
    w.view.resetTransform()  # 100 %: the full card, its name readable
    w.scene.select_ids(["p2"], centre=False)
    w.view.centerOn(w.scene.cards["p2"])
    w.inspector.person_form.name.setFocus()
    calm(qtbot, w.scene)  # the arrows routed and painted, their marks placed, the view settled
    return w


def on_screen(window) -> QImage:
    """The viewport as it is on screen now (the backing store, not a fresh render)."""
    vp = window.view.viewport()
    top_left = vp.mapTo(window, vp.rect().topLeft())
    shot = QGuiApplication.primaryScreen().grabWindow(window.winId(), top_left.x(), top_left.y(),
                                                      vp.width(), vp.height())
    return shot.toImage()


def type_into_name(qtbot, window, text: str) -> None:
    form = window.inspector.person_form
    form.name.setFocus()
    form.name.end(False)
    qtbot.keyClicks(form.name, text)
    qtbot.wait(30)  # the frame


def test_typing_a_name_does_not_draw_the_arrows_beneath_the_card(qtbot, column_window, monkeypatch):
    window = column_window
    card = window.scene.cards["p2"]
    long_arrow = window.scene.handoff_items["long"]
    line = card_face.NAME_LINE.translated(card.pos())
    assert long_arrow._path.intersects(line), "the long arrow's line crosses the name line"
    # the first key's frame may still hold what the window queued while opening (the arrows'
    # first repaint): the rename's own frames are the ones after it
    type_into_name(qtbot, window, " ")
    drawn: list[object] = []
    real = handoff_paint.ink_for  # asked for only when an arrow draws something
    real_paint = handoff_paint.paint
    devices: list[object] = []  # what the arrow being painted is drawn on (the overview map
    # renders the scene into its own picture now and then: not the frame of a key)

    def painting(item, painter, exposed, *later):
        devices.append(painter.device())
        try:
            real_paint(item, painter, exposed, *later)
        finally:
            devices.pop()

    def counting(theme):
        if devices and devices[-1] is window.view.viewport():
            drawn.append(theme)
        return real(theme)

    monkeypatch.setattr(handoff_paint, "paint", painting)
    monkeypatch.setattr(handoff_paint, "ink_for", counting)
    type_into_name(qtbot, window, "Jr")
    assert window.document.people["p2"].name == "Person 2 Jr"
    assert card.face.name == "Person 2 Jr"
    assert drawn == [], "an arrow beneath the card was painted for a rename"


def test_what_shows_after_typing_is_what_a_full_repaint_shows(qtbot, column_window):
    window = column_window
    type_into_name(qtbot, window, " Jr & <b>")
    window.inspector.person_form.name.insert(" ü 名前")  # as an input method commits it
    qtbot.wait(30)
    assert window.scene.cards["p2"].face.name == "Person 2 Jr & <b> ü 名前"
    calm(qtbot, window.scene)  # what the rename leads to in idle slices is done
    typed = on_screen(window)
    for item in window.scene.items():
        item.update()  # every card's cache and every arrow drawn again, whole
    window.view.viewport().update()
    calm(qtbot, window.scene)
    whole = on_screen(window)
    assert typed.size() == whole.size() and not typed.isNull()
    # on the card, a partly repainted cache may round an antialiased edge by one level of 255;
    # no more (stale text or a missing line differs by far more); elsewhere the same but for
    # a long curve repainted in strips, which may round an antialiased pixel by a level
    card = window.view.mapFromScene(window.scene.cards["p2"].sceneBoundingRect()).boundingRect()
    worst = max(abs(QColor(typed.pixel(x, y)).value() - QColor(whole.pixel(x, y)).value())
                for x in range(card.left(), card.right() + 1) for y in range(card.top(), card.bottom() + 1))
    assert worst <= 2
    for image in (typed, whole):
        painter = QPainter(image)
        painter.fillRect(card, QColor("black"))
        painter.end()
    assert worst_difference(typed, whole) <= 2


def test_a_dragged_or_moved_card_does_not_hide_arrows(qtbot, column_window):
    """`covers` only trusts the renamed card where it stands: moved, nothing is skipped."""
    window = column_window
    card = window.scene.cards["p2"]
    type_into_name(qtbot, window, "x")
    arrow = window.scene.handoff_items["long"]
    exposed = card_face.NAME_LINE.translated(card.pos())
    assert card_face.covers(arrow, exposed, arrow._reach)
    card.setPos(card.pos().x() + 300, card.pos().y())
    assert not card_face.covers(arrow, exposed, arrow._reach)
    assert not card_face.covers(arrow, QRectF(exposed).adjusted(-200, 0, 0, 0), arrow._reach)


def test_a_compact_card_or_another_change_repaints_the_whole_card(column_window):
    """Zoomed out, the name fills the card (its size depends on it): the whole card repaints;
    so does any change other than the name or title (a colour, a badge)."""
    window = column_window
    card = window.scene.cards["p2"]
    face = card.face
    renamed = replace(face, name="Someone else")
    assert card_face.reach(face, renamed, card) == card_face.NAME_LINE
    assert card_face.reach(face, replace(face, title="Judge"), card) == card_face.TITLE_LINE
    assert card_face.reach(face, replace(face, name="x", stale=True), card).isNull()
    window.view.scale(0.2, 0.2)
    assert card_face.reach(face, renamed, card).isNull()
