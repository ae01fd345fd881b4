"""The three-way merge by id, case by case: fields, deletions, sets, references, choices, and the
revisions a saved map carries so its copies can be merged later."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from model.document import Document
from model.entities import Department, Handoff, OutreachEntry, Person
from model.merging.revision import common_revision, conflict_copies, find_revision
from model.merging.text import Names, conflict_line, diff_lines, map_lines
from model.merging.three_way import Conflict, merge_documents
from model.storage import store
from model.storage.serialize import from_data, to_data


@pytest.fixture
def base() -> Document:
    doc = Document.with_standard_statements()
    sales = doc.add("department", Department(name="Sales", kpis=["Bookings", "NPS"]))
    ana = doc.add("person", Person(name="Ana", title="Rep", department_id=sales.id, id="ana"))
    doc.add("person", Person(name="Ben", title="Admin", id="ben"))
    doc.add("person", Person(name="Cy", title="Legal", id="cy"))
    doc.add("handoff", Handoff(ana.id, "ben", what="order", id="h1"))
    return doc


def test_a_field_changed_on_one_side_takes_that_side_and_the_same_change_is_clean(base: Document) -> None:
    ours, theirs = base.clone(), base.clone()
    ours.update("person", "ana", title="Senior rep")
    theirs.update("person", "ben", name="Benjamin")
    for side in (ours, theirs):
        side.update("person", "cy", title="Counsel")
    result = merge_documents(base, ours, theirs)
    doc = result.document()
    assert result.conflicts == []
    assert (doc.people["ana"].title, doc.people["ben"].name, doc.people["cy"].title) == (
        "Senior rep", "Benjamin", "Counsel")


def test_different_changes_conflict_keep_ours_and_can_be_settled_either_way(base: Document) -> None:
    ours, theirs = base.clone(), base.clone()
    ours.update("person", "ana", title="Ours")
    theirs.update("person", "ana", title="Theirs")
    result = merge_documents(base, ours, theirs)
    [c] = result.conflicts
    assert (c.path, c.kind) == (("people", "ana", "title"), "edit")
    assert (c.base, c.ours, c.theirs) == ("Rep", "Ours", "Theirs")
    assert result.document().people["ana"].title == "Ours"
    assert result.data["meta"]["conflicts"] == [c.to_record()]  # kept in the map for review
    assert Conflict.from_record(c.to_record()) == c
    assert "Ana · title: ours Ours / theirs Theirs" in conflict_line(c, Names(result.data))
    settled = merge_documents(base, ours, theirs, {c.key: "theirs"})
    assert settled.document().people["ana"].title == "Theirs"
    assert settled.unresolved == [] and settled.data["meta"]["conflicts"] == []


def test_deleted_on_one_side_and_edited_on_the_other_is_a_conflict(base: Document) -> None:
    ours, theirs = base.clone(), base.clone()
    ours.remove("person", "cy")
    theirs.update("person", "cy", title="Counsel")
    result = merge_documents(base, ours, theirs)
    assert [(c.path, c.kind) for c in result.conflicts] == [(("people", "cy"), "delete")]
    assert "cy" not in result.document().people
    kept = merge_documents(base, ours, theirs, {result.conflicts[0].key: "theirs"}).document()
    assert kept.people["cy"].title == "Counsel"
    # deleted on one side, untouched on the other: simply deleted
    clean = merge_documents(base, ours, base.clone())
    assert clean.conflicts == [] and "cy" not in clean.document().people


def test_kpis_and_contact_logs_merge_as_sets(base: Document) -> None:
    ours, theirs = base.clone(), base.clone()
    did = next(iter(base.departments))
    ours.update("department", did, kpis=["Bookings", "NPS", "Churn"])
    theirs.update("department", did, kpis=["NPS", "Cycle time"])  # removed Bookings, added one
    ours.add_outreach("ana", OutreachEntry(date="2026-01-02", note="call", id="o1"))
    theirs.add_outreach("ana", OutreachEntry(date="2026-02-03", note="coffee", id="o2"))
    result = merge_documents(base, ours, theirs)
    doc = result.document()
    assert result.conflicts == []
    assert sorted(doc.departments[did].kpis) == ["Churn", "Cycle time", "NPS"]
    assert sorted(e.id for e in doc.people["ana"].outreach) == ["o1", "o2"]


def test_a_hand_off_to_a_person_the_other_side_deleted_is_a_conflict_and_the_map_stays_valid(
    base: Document,
) -> None:
    ours, theirs = base.clone(), base.clone()
    ours.remove("person", "cy")
    theirs.add("handoff", Handoff("ben", "cy", what="terms", id="h2"))
    result = merge_documents(base, ours, theirs)
    [c] = result.conflicts
    assert c.kind == "reference" and c.path[:2] == ("handoffs", "h2")
    doc = result.document()
    assert doc.problems() == [] and "h2" not in doc.handoffs and "cy" not in doc.people
    back = merge_documents(base, ours, theirs, {c.key: "theirs"}).document()
    assert "h2" in back.handoffs and "cy" in back.people
    # the other way round, ours wins: the hand-off ours drew brings its person back
    swapped = merge_documents(base, theirs, ours).document()
    assert "h2" in swapped.handoffs and "cy" in swapped.people and swapped.problems() == []


def test_a_person_added_into_a_department_the_other_side_deleted(base: Document) -> None:
    ours, theirs = base.clone(), base.clone()
    did = next(iter(base.departments))
    ours.remove("department", did)
    theirs.add("person", Person(name="Dee", department_id=did, id="dee"))
    result = merge_documents(base, ours, theirs)
    assert [c.kind for c in result.conflicts] == ["reference"]
    doc = result.document()
    assert doc.people["dee"].department_id is None and did not in doc.departments


def test_positions_merge_like_any_field(base: Document) -> None:
    ours, theirs = base.clone(), base.clone()
    ours.move_people({"ana": (10.0, 20.0)})
    theirs.move_people({"ben": (30.0, 40.0)})
    doc = merge_documents(base, ours, theirs).document()
    assert (doc.people["ana"].pos, doc.people["ben"].pos) == ((10.0, 20.0), (30.0, 40.0))
    theirs.move_people({"ana": (50.0, 60.0)})
    assert [c.path for c in merge_documents(base, ours, theirs).conflicts] == [("people", "ana", "pos")]


def test_story_answers_merge_one_prompt_at_a_time(base: Document) -> None:
    ours, theirs = base.clone(), base.clone()
    ours.update("person", "ana", story=dataclasses.replace(base.people["ana"].story, hand_on="Quotes"))
    theirs.update("person", "ana", story=dataclasses.replace(base.people["ana"].story, moment="A save"))
    story = merge_documents(base, ours, theirs).document().people["ana"].story
    assert (story.hand_on, story.moment) == ("Quotes", "A save")


def test_lanes_reordered_on_one_side_take_that_order_and_new_items_keep_their_place(base: Document) -> None:
    ours, theirs = base.clone(), base.clone()
    legal = theirs.add("department", Department(name="Legal"))
    theirs.reorder_departments([legal.id, *base.departments])
    ours.add("person", Person(name="Eve", id="eve"))
    doc = merge_documents(base, ours, theirs).document()
    assert list(doc.departments) == list(theirs.departments)
    assert list(doc.people) == ["ana", "ben", "cy", "eve"]


def test_saving_gives_a_new_revision_and_the_common_ancestor_is_found_among_backups(
    base: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "map.cwalk"
    store.save(base, path)
    first = base.meta.revision
    assert first and base.meta.saved_at.endswith("Z")
    copy = tmp_path / "map (conflicted copy).cwalk"
    theirs = store.load(path)
    theirs.update("person", "ana", title="Theirs")
    store.save(theirs, copy)
    base.update("person", "ben", title="Ours")
    store.save(base, path)  # the first version is now map.cwalk.bak1
    assert base.meta.ancestors == [first] and theirs.meta.ancestors == [first]
    assert common_revision(to_data(base)["meta"], to_data(theirs)["meta"]) == first
    found = find_revision(first, path)
    assert found is not None and found["meta"]["revision"] == first
    assert conflict_copies(path) == [copy]
    merged = merge_documents(from_data(found), base, theirs).document()
    assert (merged.people["ana"].title, merged.people["ben"].title) == ("Theirs", "Ours")
    assert set(merged.meta.ancestors) >= {first, theirs.meta.revision}


def test_an_old_map_without_revisions_still_loads(tmp_path: Path) -> None:
    doc = store.load(Path(__file__).parent / "fixtures" / "format-v1.cwalk")
    assert doc.meta.revision == "" and doc.meta.conflicts == []


def test_differences_and_whole_maps_read_in_words(base: Document) -> None:
    new = base.clone()
    new.update("person", "ana", name="Ana Lopez", department_id=None)
    new.remove("person", "cy")
    new.add("person", Person(name="Dee <&> 日本"))
    lines = diff_lines(to_data(base), to_data(new))
    assert "Ana renamed to Ana Lopez" in lines
    assert "Ana Lopez moved from Sales to (none)" in lines
    assert "removed person Cy" in lines and "added person Dee <&> 日本" in lines
    text = "\n".join(map_lines(to_data(new)))
    assert "Person: Dee <&> 日本" in text and "Hand-off Ana Lopez → Ben  [h1]" in text


def test_a_person_kept_by_a_delete_conflict_keeps_the_hand_offs_deleted_with_them(base: Document) -> None:
    ours, theirs = base.clone(), base.clone()
    ours.update("person", "ben", title="Edited here")
    theirs.remove("person", "ben")  # takes hand-off h1 along
    doc = merge_documents(base, ours, theirs).document()
    assert "ben" in doc.people and "h1" in doc.handoffs
    gone = merge_documents(base, theirs, ours).document()  # the deletion wins: both go
    assert "ben" not in gone.people and "h1" not in gone.handoffs


def test_cloud_drive_copies_of_a_map_are_recognised(tmp_path: Path) -> None:
    path = tmp_path / "team.cwalk"
    path.write_text("{}", encoding="utf-8")
    copies = ["team (conflicted copy).cwalk", "team (Ana's conflicted copy 2026-12-01).cwalk",
              "team-conflict-20261201-101010.cwalk", "team.sync-conflict-20261201-101010-ABC.cwalk",
              "team (1).cwalk"]
    others = ["team2.cwalk", "my team (1).cwalk", "team (1).pdf", "team.cwalk.bak1"]
    for name in copies + others:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert sorted(p.name for p in conflict_copies(path)) == sorted(copies)
