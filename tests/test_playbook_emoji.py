"""Emoji print as neat named placeholders ("[grinning face]"), never as a black U+FFFD or
an empty .notdef box: no bundled font draws them (export.emoji_marks says why)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf

from export import fonts
from export.playbook import write_playbook
from model.document import Document
from model.entities import Department, Handoff, MapInfo, Person, Story
from tests.pdftext import pdf_text

STORY = ("Launch day 🚀 went well 😀👍🏽 — the team 👩‍💻👨‍👩‍👧 shipped to 🇩🇪 and 🇯🇵 ✅, "
         "coffee ☕ on me ❤️ and 1️⃣ more thing 🎉")
NAMES = ("[rocket]", "[grinning face]", "[thumbs up sign + skin tone]", "[woman + personal computer]",
         "[man + woman + girl]", "[flag DE]", "[flag JP]", "[party popper]")


def _doc() -> Document:
    doc = Document(MapInfo(title="Emoji 🎉 map"))
    sales = doc.add("department", Department(name="Sales 💼"))
    ann = doc.add("person", Person(name="Ann 😀 Lee", title="AE", department_id=sales.id, stage="sell",
                                   story=Story(hand_on=STORY, moment=STORY * 3)))
    bob = doc.add("person", Person(name="Bob", title="Ops", department_id=sales.id, stage="deliver"))
    doc.add("handoff", Handoff(source=ann.id, target=bob.id, what="the order 📦", stage="sell"))
    return doc


def test_every_emoji_sequence_is_one_named_placeholder() -> None:
    printed = "".join(text for text, _font, _rtl in fonts.split_runs(STORY))
    for name in NAMES:
        assert name in printed, name
    assert fonts.REPLACEMENT not in printed
    for text, font, _rtl in fonts.split_runs(STORY):  # every drawn character has a glyph: no .notdef
        assert all(fonts.has_glyph(font, ch) or ch.isspace() or ch in "\u200d\ufe0f" for ch in text), text


def test_a_story_full_of_emoji_prints_no_replacement_mark_and_no_empty_box(tmp_path: Path) -> None:
    out = tmp_path / "emoji.pdf"
    write_playbook(_doc(), out, today=dt.date(2026, 11, 23), sections=["walk", "roles"])
    for text in (pdf_text(out), "\n".join(page.extract_text() for page in pypdf.PdfReader(out).pages)):
        assert "\ufffd" not in text
        # a character no bundled font has would have been drawn as .notdef (and extract as itself)
        assert not [ch for ch in text if ord(ch) >= 0x1F000], "an emoji was drawn as an empty box"
        flat = " ".join(text.split())
        for name in NAMES:
            assert name in flat, name
        assert "Ann [grinning face] Lee" in flat
