"""Progress between sessions: compare a map with an earlier version of itself."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from model import compare as map_compare
from model.entities import ActionItem, Checkup, Handoff, OutreachEntry, Person, Session, Statement, Story
from model.storage.store import MapFileError, load
from tests.coaching_sample import coaching_doc


def test_no_changes_says_so() -> None:
    doc, _ = coaching_doc()
    result = map_compare.compare(doc.clone(), doc)
    assert result.is_empty()
    assert result.lines()[-1].strip() == "No changes."


def test_every_kind_of_change_is_reported() -> None:
    old, ids = coaching_doc()
    new = old.clone()
    eve = new.add("person", Person("Eve <b>&", department_id=ids["ops"]))
    new.remove("person", ids["cyd"])  # takes h2 and h3 along
    new.update("handoff", ids["h1"], what="countersigned order", stage="specify")
    new.add("handoff", Handoff(ids["bob"], eve.id, what="terms"))
    new.update("person", ids["bob"], story=Story(moment="caught a bad clause"), department_id=ids["sales"])
    new.update("person", ids["ann"], story=Story(hand_on="the signed deal!", why_good="I listen"))
    new.add_outreach(ids["bob"], OutreachEntry("2026-02-20", "coffee"))
    new.add("checkup", Checkup("2026-02-20", answers={"heroes": 4, "core_customers": 3}, areas={"churn": 2}))
    sid = next(iter(new.sessions))
    item_id = new.sessions[sid].action_items[0].id
    new.update_action_item(sid, item_id, done=True)
    new.add("session", Session("2026-02-20", "Second", action_items=[ActionItem("Meet Eve")]))

    result = map_compare.compare(old, new, "snapshot", "today")
    assert result.people_added == ["Eve <b>& (Operations)"]
    assert result.people_removed == ["Cyd (Operations)"]
    assert result.people_changed == ["Bob 鲍勃: moved from Legal to Sales"]
    assert len(result.handoffs_added) == 1 and "Eve <b>&" in result.handoffs_added[0]
    assert len(result.handoffs_removed) == 2
    assert result.handoffs_changed == [
        "Ann Lee → Bob 鲍勃: what: signed order → countersigned order; stage: Contract → Specify"
    ]
    assert result.stories_written == ["Bob 鲍勃"]
    assert result.stories_updated == ["Ann Lee"]
    assert result.contacts_logged == ["Bob 鲍勃: 1 contact"]
    moves = {m.label: (m.old, m.new) for m in result.scores}
    heroes = old.statements["heroes"].text
    assert moves[heroes] == (2, 4)
    assert moves[old.statements["core_customers"].text] == (None, 3)
    assert moves[old.statements["voices"].text] == (3, None)
    assert not any("churn" in label.lower() for label in moves)  # 2 -> 2 did not move
    assert result.sessions_added == ["2026-02-20 Second"]
    assert result.actions_done == ["Call Bob"]
    assert result.actions_added == ["Meet Eve"]
    text = result.text()
    assert text.splitlines()[0] == "Changes from snapshot to today"
    assert "Check-up scores (4)" in text and "(+2)" in text
    # the old document was not touched
    assert ids["cyd"] in old.people and len(old.handoffs) == 3


def test_people_with_new_ids_match_by_name_and_redaction_hides_names() -> None:
    old, ids = coaching_doc()
    new = old.clone()
    removal = new.remove("person", ids["bob"])
    bob = removal.item
    new.add("person", Person(bob.name, title=bob.title, department_id=bob.department_id))
    result = map_compare.compare(old, new)
    assert result.people_added == [] and result.people_removed == []
    redacted = map_compare.compare(old, new, redact=True).text()
    assert "Bob" not in redacted and "Contract manager (Legal)" in redacted


def test_statement_added_by_coach_is_labelled() -> None:
    old, _ = coaching_doc()
    new = old.clone()
    st = new.add("statement", Statement("We answer within a day"))
    new.add("checkup", Checkup("2026-03-01", answers={st.id: 5}))
    result = map_compare.compare(old, new)
    assert any(m.label == "We answer within a day" and m.new == 5 for m in result.scores)


def test_snapshot_saves_a_loadable_copy_and_never_overwrites(tmp_path: Path) -> None:
    doc, _ = coaching_doc()
    day = dt.date(2026, 3, 1)
    first = map_compare.save_snapshot(doc, "acme/../x:y", folder=tmp_path / "snaps", day=day)
    second = map_compare.save_snapshot(doc, "acme/../x:y", folder=tmp_path / "snaps", day=day)
    assert first != second and first.parent == second.parent == tmp_path / "snaps"
    assert "/" not in first.name[:-6] and ":" not in first.name
    assert first.name.endswith("2026-03-01.cwalk") and second.name.endswith("2026-03-01-2.cwalk")
    assert map_compare.compare(load(first), doc).is_empty()
    assert set(map_compare.snapshots_for("acme/../x:y", tmp_path / "snaps")) == {first, second}
    assert map_compare.snapshots_for("other", tmp_path / "snaps") == []
    assert map_compare.snapshots_for("x", tmp_path / "missing") == []


def test_snapshot_into_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    doc, _ = coaching_doc()
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(MapFileError, match="snapshot folder"):
        map_compare.save_snapshot(doc, "acme", folder=blocker / "snaps")


def test_default_snapshot_folder_is_in_user_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONTRACTWALK_DATA_DIR")  # tests/conftest.py points it at a private folder
    folder = map_compare.snapshot_folder()
    assert folder.name == "snapshots" and "ContractWalk" in str(folder)
