"""Redaction of names as people really type them in notes: without the accents ("Zoe
Odegard" for "Zoë Ødegård"), glued to other characters ("Jonas_Weber", "jonas2"), and with
the possessive of German and the Nordic languages ("Webers Team"). Each leaked before.
And `what-if --leaves` finds people typed the same ways, or as the reports print them."""
from __future__ import annotations

import re

import pytest

import main
from model.analysis.whatif_text import resolve
from model.document import Document
from model.entities import Checkup, Department, MapInfo, Person, Story
from model.redaction.apply import redacted
from model.storage.store import save
from tests.pdftext import pdf_text

NAMES = ["Zoë", "Zoe", "Ødegård", "Odegard", "Jonas", "Weber"]


def _map() -> Document:
    doc = Document.with_standard_statements(MapInfo(title="Typed in a hurry"))
    eng = doc.add("department", Department(name="Engineering"))
    doc.add("person", Person(name="Zoë Ødegård", title="Planner", department_id=eng.id))
    doc.add("person", Person(name="Jonas Weber", title="Engineer", department_id=eng.id, story=Story(
        moment="A fix by Jonas_Weber and jonas2 (his login); Webers Team liked it")))
    doc.add("checkup", Checkup(date="2026-10-01", note="Zoe and ODEGARD were late; the Odegards came"))
    return doc


def _leaks(text: str) -> list[str]:
    """Name parts in `text`, also inside longer runs of letters, digits and underscores."""
    return [n for n in NAMES if re.search(rf"(?<![^\W\d_]){re.escape(n)}(?![^\W\d_])", text, re.IGNORECASE)]


def test_names_typed_without_accents_glued_or_possessive_are_redacted():
    twin = redacted(_map())
    texts = [c.note for c in twin.checkups.values()] + [p.story.moment for p in twin.people.values()]
    assert texts and not _leaks(" ".join(texts)), texts
    moment = next(p.story.moment for p in twin.people.values() if p.story.moment)
    assert "Engineer (Engineering)_Engineer (Engineering)" in moment  # the rest of the text stays


def test_export_redact_prints_none_of_them(tmp_path):
    path = tmp_path / "hurry.cwalk"
    save(_map(), path)
    for fmt in ("pdf", "csv", "svg"):
        out = tmp_path / f"hurry.{fmt}"
        assert main.main(["export", str(path), f"--{fmt}", str(out), "--redact"]) == 0
        text = pdf_text(out) if fmt == "pdf" else out.read_text("utf-8")
        assert not _leaks(text), (fmt, _leaks(text))


def test_ordinary_words_next_to_names_are_left_alone():
    twin = redacted(_map())
    note = next(iter(twin.checkups.values())).note
    assert note.endswith("were late; the Planner (Engineering) came") and "and" in note


def test_what_if_finds_a_leaver_typed_without_accents_or_with_extra_spaces():
    doc = _map()
    ids, problems = resolve(doc, ["zoe  odegard"])
    assert not problems and [doc.people[i].name for i in ids] == ["Zoë Ødegård"]


@pytest.mark.timeout(120)  # a hang guard, not a speed test: every length up to 3,000 words took hours
def test_a_name_of_thousands_of_words_does_not_stall_redaction_of_other_texts():
    doc = Document(MapInfo(title="Long", prepared_for="Jonas Weber " * 2500))
    doc.add("person", Person(name="Jonas Weber", title="Engineer"))
    doc.add("person", Person(name=("Fatima Zahra " * 1500).strip(), title="Accountant"))
    twin = redacted(doc)
    assert set(twin.meta.prepared_for.split()) == {"Engineer"}
    assert not _leaks(twin.meta.title + twin.meta.prepared_for)


def test_what_if_finds_a_leaver_by_the_label_the_reports_print():
    """'Zoë Ødegård (Engineering)' is how check and what-if print her: copied back, it is her."""
    doc = _map()
    ids, problems = resolve(doc, ["Zoë Ødegård (Engineering)", "jonas weber (engineering)"])
    assert not problems and sorted(doc.people[i].name for i in ids) == ["Jonas Weber", "Zoë Ødegård"]
