"""Five megabytes of pasted text and a name full of control and direction characters are shown
in the window without harm."""
from __future__ import annotations

import dataclasses

from canvas_fixtures import sample_map

WALL = ("a long pasted line \u202eoverride\u202c \u0000 " * 200_000)[: 5 * 1024 * 1024]
NAME = "Ana \u202eevil\u202c \u0000 \u0007"


def test_a_five_megabyte_story_shows_in_the_inspector(window, qtbot):
    w = window
    doc = sample_map()
    doc.update("person", "ana", name=NAME,
               story=dataclasses.replace(doc.people["ana"].story, moment=WALL))
    w.set_document(doc, None)
    w.scene.select_ids(["ana"])
    form = w.inspector.person_form
    qtbot.waitUntil(lambda: form.name.text() == NAME, timeout=20000)
    assert form.story.editors["moment"].toPlainText() == WALL
    assert w.scene.cards["ana"].face.name  # the card paints a cleaned name
    assert "\u0000" not in w.scene.cards["ana"].face.name
