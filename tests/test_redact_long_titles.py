"""A redacted label stands where a name stood, at every mention: a title or department of
thousands of characters is cut to a readable label (at a space, with an ellipsis), so a
redacted playbook is about as long as the map's own, and two people still keep apart."""
from __future__ import annotations

from model.document import Document
from model.entities import Department, Person, Story
from model.naming import LABEL_DEPARTMENT_MAX, LABEL_ROLE_MAX
from model.redaction.apply import redacted

TITLE = "Senior principal engineer for pumps and valves " * 150  # ~7,000 characters
DEPT = "Engineering and after-sales field service " * 150


def _doc() -> Document:
    doc = Document()
    eng = doc.add("department", Department(name=DEPT))
    doc.add("person", Person(name="Omar Haddad", title=TITLE + "north", department_id=eng.id,
                             story=Story(hand_on="Omar checks it. " * 50)))
    doc.add("person", Person(name="Dana Lee", title=TITLE + "south", department_id=eng.id))
    doc.update_meta(description="Omar hands the drawings to Dana Lee.")
    return doc


def test_a_book_long_title_makes_a_short_label_wherever_the_name_stood() -> None:
    copy = redacted(_doc())
    names = sorted(p.name for p in copy.people.values())
    limit = LABEL_ROLE_MAX + LABEL_DEPARTMENT_MAX + 8  # the number, the brackets, the space
    assert all(len(n) <= limit for n in names), [len(n) for n in names]
    assert all(n.startswith("Senior principal engineer for pumps") for n in names), names
    assert all("\u2026" in n and "  " not in n for n in names), names
    assert names[0] != names[1]  # cut alike, they still read apart (numbered)
    omar = next(p for p in copy.people.values() if p.story.hand_on)
    assert omar.story.hand_on.count(omar.name) == 50
    assert len(omar.story.hand_on) < 50 * (limit + 12)
    assert "Omar" not in omar.story.hand_on and "Dana" not in copy.meta.description


def test_a_short_title_is_kept_whole() -> None:
    doc = Document()
    eng = doc.add("department", Department(name="Engineering"))
    doc.add("person", Person(name="Omar Haddad", title="Applications Engineer", department_id=eng.id))
    assert [p.name for p in redacted(doc).people.values()] == ["Applications Engineer (Engineering)"]
