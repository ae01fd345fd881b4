"""Redaction: one redacted copy of the map (model.redaction.apply) in which no person's name, first
name, last name or possessive is left in any text field, contact details are left out, and
what cannot be recognised is said before exporting."""
from __future__ import annotations

import dataclasses
import json
import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from model.document import COLLECTIONS, Document
from model.entities import (
    CUSTOMER,
    OUTSOURCED,
    ActionItem,
    Checkup,
    Department,
    Handoff,
    MapInfo,
    OutreachEntry,
    Person,
    Session,
    Statement,
    Story,
)
from model.example import build_example
from model.redaction.apply import SOMEONE_ELSE, redacted, redaction_warnings
from model.redaction.scrub import Scrubber, Term, fold, hide_contacts
from model.redaction.words import COMMON_WORDS, PARTICLES
from model.storage.serialize import to_data

ENG = "Applications Engineer (Engineering)"


def leaks(text: str, words: list[str]) -> list[str]:
    """The words found in `text` as whole words, in any case."""
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE)]


def blob(doc: Document) -> str:
    return json.dumps(to_data(doc), ensure_ascii=False)


def two_people() -> tuple[Document, str, str]:
    doc = Document.with_standard_statements(MapInfo(title="Walk"))
    eng = doc.add("department", Department(name="Engineering"))
    legal = doc.add("department", Department(name="Legal"))
    jonas = doc.add("person", Person(name="Jonas Weber", title="Applications Engineer", department_id=eng.id,
                                     email="jonas.weber@pumps.example", phone="+46 31 555 0133",
                                     location="Gothenburg", external_id="E-17", extra={"Manager": "Priya"}))
    priya = doc.add("person", Person(name="Priya Raman", title="Legal Manager", department_id=legal.id))
    return doc, jonas.id, priya.id


def test_every_text_field_of_every_entity_is_scrubbed() -> None:
    """Fill every text field (found by walking the dataclasses, like the redaction does) with a
    note naming Jonas in every common form: none of it survives, whatever field is added later."""
    doc, jonas, priya = two_people()
    doc.add("handoff", Handoff(source=jonas, target=priya))
    doc.add("statement", Statement(text="x"))
    doc.add("checkup", Checkup(date="2026-11-01"))
    doc.add("session", Session(date="2026-11-02", action_items=[ActionItem(text="x")]))
    doc.people[jonas].outreach.append(OutreachEntry(date="2026-10-01"))
    note = ("{0}: Jonas Weber's note, Jonas' plan, Jonas\u2019s idea, JONAS, weber, Jonas-style, "
            "mail jonas@x.example")

    def fill(item: object) -> None:
        for f in dataclasses.fields(item):  # type: ignore[arg-type]
            value = getattr(item, f.name)
            if f.name in ("id", "name", "date", "due", "color", "template") or f.name.endswith("id"):
                continue
            if isinstance(value, str) and f.name not in ("kind", "sourcing", "source", "target", "stage"):
                setattr(item, f.name, note.format(f.name))
            elif isinstance(value, list) and f.name == "kpis":
                setattr(item, f.name, [note.format("kpi")])
            elif isinstance(value, list):
                for v in value:
                    fill(v)
            elif dataclasses.is_dataclass(value):
                fill(value)

    fill(doc.meta)
    for entity in COLLECTIONS:
        for item in doc.collection(entity).values():
            fill(item)
    assert not doc.problems()
    copy = redacted(doc)
    text = blob(copy)
    assert not leaks(text, ["Jonas", "Weber", "Priya", "Raman", "Gothenburg", "E-17", "jonas@x.example"])
    assert "@" not in text and "555 0133" not in text  # (ids are hex: "555" alone may be in one)
    label = copy.people[jonas].name  # made of the title, which named Jonas too
    assert label.startswith("title: someone's note, someone' plan") and label.endswith("(Engineering)")
    moment = copy.people[priya].story.moment
    assert moment.startswith(f"moment: {label}'s note, {label}' plan, {label}\u2019s idea, {label}, {label}")
    assert f"{label}-style, mail [e-mail left out]" in moment and copy.people[jonas].extra == {}
    assert blob(doc).count("Jonas") > 20  # the map itself is untouched


def test_whole_words_in_any_script_and_case() -> None:
    scrub = Scrubber([
        Term(("Ann",), "Buyer (Procurement)"),
        Term(("王小明",), "采购经理"),
        Term(("محمد",), "محاسب"),
        Term(("Zoë", "O'Brien"), "Lead (Sales)"),
        Term(("O'Brien",), "Lead (Sales)"),
        Term(("प्रिया",), "Buyer (Sales)"),
    ])
    assert scrub("प्रिया का नोट") == "Buyer (Sales) का नोट"  # vowel signs and viramas are part of the word
    assert scrub("Ann, ANN's and ann' but Annual, Anna, Joann") == (
        "Buyer (Procurement), Buyer (Procurement)'s and Buyer (Procurement)' but Annual, Anna, Joann"
    )
    assert scrub("王小明的地图") == "采购经理的地图"  # Chinese is written without spaces
    assert scrub("قال محمد ومحمد") == "قال محاسب ومحاسب"  # 'and Muhammad' is one written word
    assert scrub("Zoë  O\u2019Brien and o'brien") == "Lead (Sales) and Lead (Sales)"
    said = scrub("mail a.b@c.example or call (555) 123-4567")
    assert said == "mail [e-mail left out] or call [phone left out]"


def test_contacts_in_free_text_but_not_dates_or_amounts() -> None:
    text = "Met on 2026-11-23 (12.03.2026), 1 000 000 EUR, order 1234567, years 2025 2026"
    assert hide_contacts(text) == text
    assert hide_contacts("+49 170 1234567 / 0044 20 7946 0958") == "[phone left out] / [phone left out]"


def test_example_map_copy_names_nobody_and_says_prepared_for_once() -> None:
    doc = build_example()
    copy = redacted(doc)
    words = sorted({w for p in doc.people.values() for w in re.findall(r"\w+", p.name)})
    assert not leaks(blob(copy), [w for w in words if w != "Grace"])
    assert not re.search(r"\bGrace\b", blob(copy))  # an ordinary word: replaced where capitalised
    assert copy.meta.prepared_for == ENG  # was "Jonas Weber, Applications Engineer"
    assert copy.meta.prepared_by == "customer-experience coach"  # "Jordan Ellis" is nobody on the map
    assert copy.meta.description.startswith(f"{ENG}'s map")
    owners = {a.owner for s in copy.sessions.values() for a in s.action_items}
    assert ENG in owners and not leaks(" ".join(owners), words)
    assert redacted(copy) is copy  # already redacted: printed as it is


def test_ordinary_words_shared_and_short_names_are_reported() -> None:
    doc = Document()
    doc.add("person", Person(name="Will Mark", title="Planner"))
    doc.add("person", Person(name="Anna Berg", title="Buyer"))
    doc.add("person", Person(name="Anna Li", title="Counsel"))
    doc.add("person", Person(name="J Ek", title="Driver"))
    doc.add("session", Session(date="2026-11-02", notes="Will will ask Anna; Mark agreed with J Ek.",
                               action_items=[ActionItem(text="call", owner="Peter Pan"),
                                             ActionItem(text="call", owner="me")]))
    copy = redacted(doc)
    session = next(iter(copy.sessions.values()))
    assert session.notes == "Planner will ask a colleague; Planner agreed with Driver."
    assert [a.owner for a in session.action_items] == [SOMEONE_ELSE, "me"]
    said = "\n".join(redaction_warnings(doc))
    assert "\u201cWill\u201d (in \u201cWill Mark\u201d) is also an ordinary word" in said
    assert "\u201cAnna\u201d is part of 2 people's names" in said
    assert "\u201cJ\u201d in \u201cJ Ek\u201d is too short" in said
    assert "\u201cPeter Pan\u201d is nobody on the map" in said


def test_organisations_are_replaced_when_asked() -> None:
    doc = build_example()
    orgs = ["Halvorsen", "Riverside", "FreightLine", "ProInstall"]
    assert leaks(blob(redacted(doc)), orgs)  # names only: organisations stay
    copy = redacted(doc, orgs=True)
    assert not leaks(blob(copy), orgs)
    assert copy.meta.organisation == "Our organisation"
    customers = {p.name for p in copy.customers()}
    assert customers == {"Plant Manager (Customer A)", "Accounts Payable Lead (Customer A)"}
    assert {p.vendor for p in copy.colleagues() if p.sourcing == OUTSOURCED} == {"Partner A", "Partner B"}


def test_hostile_names_are_redacted_as_whole_names() -> None:
    doc = Document()
    sales = doc.add("department", Department(name="Sales & <Marketing>"))
    doc.add("person", Person(name='Zoë <b>O\'Brien</b> & "Sons"', title="Account executive <i>",
                             department_id=sales.id))
    doc.add("person", Person(name="فاطمة الزهراء", title="محاسبة"))
    doc.add("person", Person(name="王小明", title="采购经理"))
    doc.add("person", Person(name="Renée 😀 Dubois", title="Service lead"))
    doc.add("person", Person(name="Tom", title="Buyer", kind=CUSTOMER, vendor="Acme"))
    doc.update_meta(description='Zoë <b>O\'Brien</b> & "Sons" met فاطمة, 王小明说, Renée and Tom with a '
                    "customer; Tomorrow the tomato atom.")
    copy = redacted(doc)
    text = copy.meta.description
    assert text == ("Account executive <i> (Sales & <Marketing>) met محاسبة, 采购经理说, Service lead and "
                    "Buyer (Acme) with a customer; Tomorrow the tomato atom.")
    assert "Renée" not in blob(copy) and "Dubois" not in blob(copy) and "王小明" not in blob(copy)


def test_a_story_and_notes_of_a_person_who_left_stay_readable() -> None:
    doc, jonas, priya = two_people()
    doc.people[priya].story = Story(moment="Jonas Weber and I fixed it.")
    copy = redacted(doc)
    assert copy.people[priya].story.moment == f"{ENG} and I fixed it."
    assert copy.people[jonas].email == copy.people[jonas].phone == copy.people[jonas].location == ""


NAME_PART = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Mn", "Mc")),
                    min_size=2, max_size=10)
SENTENCE = {"met", "team", "notes", "rep", "sales"}


@settings(max_examples=150, deadline=None)
@given(first=NAME_PART, last=NAME_PART)
def test_any_name_in_any_script_is_taken_out(first: str, last: str) -> None:
    """Whatever letters a name is made of, neither part is left in a note that uses it in
    full, alone or as a possessive (ordinary words and particles aside: those are reported)."""
    assume(first[0].isalpha() and last[0].isalpha() and fold(first) != fold(last))  # starts with a letter
    assume(all(sum(ch.isalnum() for ch in part) >= 2 for part in (first, last)))  # shorter: reported
    assume(not {fold(first), fold(last)} & (COMMON_WORDS | PARTICLES | SENTENCE))
    doc = Document()
    sales = doc.add("department", Department(name="Sales"))
    doc.add("person", Person(name=f"{first} {last}", title="Rep", department_id=sales.id))
    doc.update_meta(description=f"{first} met {first} {last}. {last}'s team, {first}\u2019s notes.")
    text = redacted(doc).meta.description
    assert text == "Rep (Sales) met Rep (Sales). Rep (Sales)'s team, Rep (Sales)\u2019s notes."


def test_two_people_in_one_role_keep_apart() -> None:
    doc = Document()
    eng = doc.add("department", Department(name="Engineering"))
    doc.add("person", Person(name="Omar Haddad", title="Engineer", department_id=eng.id))
    doc.add("person", Person(name="Dana Lee", title="Engineer", department_id=eng.id))
    doc.update_meta(description="Omar hands the drawings to Dana Lee.")
    copy = redacted(doc)
    names = sorted(p.name for p in copy.people.values())
    assert names == ["Engineer 1 (Engineering)", "Engineer 2 (Engineering)"]
    assert copy.meta.description == "Engineer 1 (Engineering) hands the drawings to Engineer 2 (Engineering)."
