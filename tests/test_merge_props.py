"""Property tests of the three-way merge (model/merging/three_way.py) on random maps and random edits."""
from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.merging.three_way import COLLECTION_ATTRS, REVISION_FIELDS, MergeResult, merge_documents
from model.storage.serialize import from_data, to_data
from tests.merge_strategies import edited
from tests.strategies import documents

PROPS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def three_versions(draw: st.DrawFn) -> tuple[Any, Any, Any]:
    base = draw(documents())
    return base, draw(edited(base)), draw(edited(base))


def _content(data: dict[str, Any]) -> dict[str, Any]:
    """What a user sees of a map: every item by id, the map details without the revision marks
    (a copy: the merge result itself is left as it is)."""
    data = copy.deepcopy(data)
    out: dict[str, Any] = {"meta": {k: v for k, v in data["meta"].items() if k not in REVISION_FIELDS}}
    for attr in COLLECTION_ATTRS:
        out[attr] = {rec["id"]: rec for rec in data[attr]}
    for dept in out["departments"].values():  # KPIs are a set: their order means nothing
        dept["kpis"] = sorted(dept["kpis"])
    for person in out["people"].values():  # so is a contact log (it is shown by date)
        person["outreach"] = sorted(person["outreach"], key=lambda e: e["id"])
    for session in out["sessions"].values():
        session["action_items"] = sorted(session["action_items"], key=lambda a: a["id"])
    return out


def _touched(*results: MergeResult) -> set[str]:
    """Every id and field name a conflict of these merges mentions."""
    return {step for r in results for c in r.conflicts for step in c.path}


@PROPS
@given(versions=three_versions())
def test_merging_with_an_unchanged_side_gives_the_other_side(versions) -> None:
    base, _ours, theirs = versions
    for result, expected in ((merge_documents(base, base, theirs), theirs),
                             (merge_documents(base, theirs, base), theirs)):
        assert result.conflicts == []
        assert [r["id"] for r in result.data["people"]] == list(expected.people)
        assert _content(result.data) == _content(to_data(expected))


@PROPS
@given(versions=three_versions())
def test_merge_is_symmetric_up_to_which_side_wins_a_conflict(versions) -> None:
    base, ours, theirs = versions
    one, two = merge_documents(base, ours, theirs), merge_documents(base, theirs, ours)
    plain = {c.key for c in one.conflicts if c.kind != "reference"}
    assert plain == {c.key for c in two.conflicts if c.kind != "reference"}
    touched = _touched(one, two)
    a, b = _content(one.data), _content(two.data)
    for attr in COLLECTION_ATTRS:
        ids = (set(a[attr]) | set(b[attr])) - touched
        for item_id in ids:
            if any(ref in touched for ref in _refs(a[attr].get(item_id)) | _refs(b[attr].get(item_id))):
                continue  # refers to something a conflict kept on one side only
            assert a[attr].get(item_id) == b[attr].get(item_id), (attr, item_id)
    for key in set(a["meta"]) - touched:
        assert a["meta"][key] == b["meta"][key]


def _refs(rec: dict[str, Any] | None) -> set[str]:
    if rec is None:
        return set()
    return {str(rec.get(k)) for k in ("source", "target", "department_id", "reports_to")}


@PROPS
@given(versions=three_versions())
def test_no_accepted_edit_is_lost(versions) -> None:
    """Every field changed on exactly one side is in the result, unless a conflict names it."""
    base, ours, theirs = versions
    result = merge_documents(base, ours, theirs)
    from_data(result.data)  # a valid map
    touched = _touched(result)
    b, o, t, r = (_content(d) for d in (to_data(base), to_data(ours), to_data(theirs), result.data))
    checked = 0
    for changed, other in ((o, t), (t, o)):
        for attr in COLLECTION_ATTRS:
            for item_id, rec in changed[attr].items():
                if item_id in touched or any(ref in touched for ref in _refs(rec)):
                    continue
                before = b[attr].get(item_id)
                if before is None:  # added on this side: it is in the result as it was added
                    assert r[attr].get(item_id) == rec, (attr, item_id)
                    checked += 1
                    continue
                mine = other[attr].get(item_id)
                if mine is None:
                    continue  # deleted on the other side and not edited here (else: a conflict)
                for key, value in rec.items():
                    if value != before[key] and mine[key] == before[key]:
                        result_rec = r[attr].get(item_id)
                        assert result_rec is not None and result_rec[key] == value, (attr, item_id, key)
                        checked += 1
        for key, value in changed["meta"].items():
            if key not in touched and value != b["meta"][key] and other["meta"][key] == b["meta"][key]:
                assert r["meta"][key] == value


@PROPS
@given(versions=three_versions())
def test_the_merge_applied_edit_by_edit_to_the_open_map_gives_the_merged_map(versions) -> None:
    """The GUI applies a merge as ordinary edits (one undo step): they must arrive at the result."""
    from model.merging.apply import apply_steps, steps

    base, ours, theirs = versions
    result = merge_documents(base, ours, theirs)
    doc = ours.clone()
    apply_steps(doc, steps(doc, result.data))
    got, want = to_data(doc), result.data
    assert _content(got) == _content(want)
    assert [r["id"] for r in got["departments"]] == [r["id"] for r in want["departments"]]
    assert got["meta"]["conflicts"] == want["meta"]["conflicts"]
