"""The roster CSV export: import-csv of an exported file gives back the same map."""
from __future__ import annotations

import codecs
import csv
import errno
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export.csv_roster import CsvExportError, csv_bytes, write_csv
from model.document import Document
from model.entities import KINDS, SOURCINGS, Department, Handoff, Person, Story
from model.example import build_example
from model.redaction.apply import redacted
from model.roster.to_map import import_roster
from model.stages import STAGE_IDS
from model.templates.catalog import build_template


def roster_view(doc: Document) -> dict:
    """Everything a roster carries, keyed by person id, in the form an import gives it back."""
    involved = {h.source for h in doc.handoffs.values()} | {h.target for h in doc.handoffs.values()}
    people = {}
    for pid, p in doc.people.items():
        dept = doc.departments.get(p.department_id or "")
        people[pid] = {
            "name": p.name.strip() or "(unnamed)",
            "title": p.title.strip(),
            "department": " ".join(dept.name.split()) if dept and not p.is_customer else "",
            "kind": p.kind,
            "sourcing": p.sourcing,
            "vendor": p.vendor.strip(),
            "email": p.email.strip(),
            "phone": p.phone.strip(),
            "location": p.location.strip(),
            "stage": p.stage,
            "story": p.story,
            "texts": (p.what_they_do, p.why_this_order, p.strengths),
            "external_id": p.external_id.strip(),
            "extra": {k: v for k, v in p.extra.items() if v.strip()},
            "reports_to": p.reports_to if p.reports_to != pid else None,
            "placed": p.stage is not None or pid in involved,
        }
    handoffs = sorted(
        (h.source, h.target, h.what.strip(), h.stage or "", h.why_order.strip(), h.two_way)
        for h in doc.handoffs.values()
    )
    staffed = {p.department_id for p in doc.colleagues()}
    departments = [" ".join(d.name.split()) for did, d in doc.departments.items() if did in staffed]
    return {"people": people, "handoffs": handoffs, "departments": departments}


def round_trip(doc: Document, tmp_path: Path, redact: bool = False) -> Document:
    path = tmp_path / "roster.csv"
    write_csv(doc, path, redact=redact)
    return import_roster(path).document


@pytest.mark.parametrize("build", [build_example, lambda: build_template("services")])
def test_example_and_template_round_trip(build, tmp_path: Path) -> None:
    doc = build()
    back = round_trip(doc, tmp_path)
    assert roster_view(back) == roster_view(doc)
    assert back.problems() == []


def test_the_file_is_excel_friendly(tmp_path: Path) -> None:
    doc = build_example()
    path = tmp_path / "roster.csv"
    write_csv(doc, path)
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:10] == ["name", "title", "department", "kind", "sourcing", "email", "hands_off_to",
                            "hands_off_what", "stage", "story"]
    assert len(rows) == len(doc.people) + 1
    assert "Cost centre" in rows[0] and "Start date" in rows[0]
    first_customer = next(i for i, r in enumerate(rows) if r[3] == "customer")
    assert all(r[3] == "customer" for r in rows[first_customer:])


def test_shared_names_differing_whats_and_stages_survive(tmp_path: Path) -> None:
    doc = Document.with_standard_statements()
    sales = doc.add("department", Department(name="Sales"))
    a1 = doc.add("person", Person(name="Alex Kim", department_id=sales.id, stage="sell"))
    a2 = doc.add("person", Person(name="alex  kim", department_id=sales.id, stage="contract"))
    sam = doc.add("person", Person(name="Sam; the \\ boss", stage="sell"))
    doc.add("handoff", Handoff(sam.id, a1.id, what="quote; notes", stage="sell", why_order="first"))
    doc.add("handoff", Handoff(sam.id, a2.id, what="a \\ path", stage=None, why_order="", two_way=True))
    doc.add("handoff", Handoff(a1.id, a2.id, what="=1+1", stage="invoice"))
    doc.update("person", a1.id, reports_to=a2.id)
    back = round_trip(doc, tmp_path)
    assert roster_view(back) == roster_view(doc)


def test_formulas_are_written_as_text(tmp_path: Path) -> None:
    doc = Document()
    doc.add("person", Person(name="=HYPERLINK(\"http://x\")", title="+1", email="@me", strengths="-minus"))
    text = csv_bytes(doc).decode("utf-8-sig")
    row = next(csv.reader(io.StringIO(text.splitlines()[1])))
    assert row[0].startswith("'=") and row[1] == "'+1" and row[5] == "'@me"
    assert roster_view(round_trip(doc, tmp_path)) == roster_view(doc)


def test_redacted_export_has_no_names_or_contacts_but_keeps_the_walk(tmp_path: Path) -> None:
    doc = build_example()
    path = tmp_path / "redacted.csv"
    write_csv(doc, path, redact=True)
    text = path.read_text("utf-8-sig")
    for p in doc.people.values():
        assert p.name not in text
        for secret in (p.email, p.phone, p.external_id, *p.extra.values()):
            assert not secret or secret not in text
    back = import_roster(path).document
    assert roster_view(back)["handoffs"] == roster_view(doc)["handoffs"]
    assert {p.name for p in back.people.values()} >= {"Applications Engineer (Engineering)",
                                                      "Plant Manager (Riverside Water Utility)"}


def test_unwritable_targets_raise_a_clear_error(tmp_path: Path) -> None:
    doc = build_template("order-to-cash")
    with pytest.raises(CsvExportError, match="the folder does not exist") as info:
        write_csv(doc, tmp_path / "missing" / "out.csv")
    assert info.value.errno == errno.ENOENT and str(tmp_path / "missing" / "out.csv") in info.value.strerror
    with pytest.raises(CsvExportError, match="a folder of that name is in the way"):
        write_csv(doc, tmp_path)
    blocker = tmp_path / "file.txt"
    blocker.write_text("keep me")
    with pytest.raises(OSError, match="could not write .*not a folder"):
        write_csv(doc, blocker / "out.csv")
    assert blocker.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]  # no temp files left


def test_an_export_replaces_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("old")
    write_csv(build_template("blank"), path)
    assert path.read_text("utf-8-sig").startswith("name,title")


# ----- any map a roster can carry comes back ------------------------------------------------

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
DEPARTMENTS = ["Sales", "R&D <core>", "الدعم الفني", "営業", "Ops 🚀", "=Finance", "a;b\\c", "Multi\nline"]


@st.composite
def roster_documents(draw: st.DrawFn) -> Document:
    doc = Document.with_standard_statements()
    for name in draw(st.lists(st.sampled_from(DEPARTMENTS), unique=True, max_size=4)):
        doc.add("department", Department(name=name))
    depts = [None, *doc.departments]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(KINDS))
        doc.add("person", Person(
            name=draw(text), title=draw(text), kind=kind, sourcing=draw(st.sampled_from(SOURCINGS)),
            department_id=None if kind == "customer" else draw(st.sampled_from(depts)),
            vendor=draw(text), email=draw(text), phone=draw(text), location=draw(text),
            stage=draw(st.none() | st.sampled_from(STAGE_IDS)), external_id=draw(text),
            what_they_do=draw(text), why_this_order=draw(text), strengths=draw(text),
            story=Story(draw(text), draw(text), draw(text), draw(text), draw(st.booleans())),
            extra=draw(st.dictionaries(text.filter(str.strip), text, max_size=2)),
        ))
    ids = list(doc.people)
    if len(ids) > 1:
        pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids))
                              .filter(lambda ab: ab[0] != ab[1]), unique=True, max_size=6))
        for a, b in pairs:
            stage = draw(st.none() | st.sampled_from(STAGE_IDS))
            doc.add("handoff", Handoff(a, b, what=draw(text), stage=stage,
                                       why_order=draw(text), two_way=draw(st.booleans())))
        doc.update("person", ids[0], reports_to=ids[-1])
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=roster_documents())
def test_any_roster_map_round_trips(doc: Document, tmp_path: Path) -> None:
    for redact in (False, True):
        back = round_trip(doc, tmp_path, redact)
        if not redact:
            assert roster_view(back) == roster_view(doc)
        else:  # the redacted copy's hand-offs: a name typed in their free text became a role label
            assert roster_view(back)["handoffs"] == roster_view(redacted(doc))["handoffs"]
