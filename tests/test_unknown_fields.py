"""A map holding fields this version does not know (a newer app's, a hand edit's) opens, says so
once, and keeps them unchanged through edits and saves; a higher format number is still refused."""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from model.entities import OutreachEntry
from model.storage import store, unknown
from model.storage.schema import FORMAT_VERSION
from model.templates.catalog import build_template
from tests.cli_harness import refused, run


def _tables(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def _newer_map(path: Path) -> dict[str, str]:
    """A map saved by this app, then given a newer app's fields everywhere; returns ids used."""
    doc = build_template("order-to-cash", people=True)
    ann, bob = list(doc.people)[:2]
    doc.add_outreach(ann, OutreachEntry(date="2026-11-01", channel="email", note="asked about the handover"))
    store.save(doc, path)
    tables = _tables(path)
    first = tables["people"]["1"]
    assert first["id"] == ann
    first["pronouns"] = "she/her"
    first["story"]["mood"] = {"scale": [1, 5], "value": 4}
    first["outreach"][0]["reply"] = "yes & <thanks> 👍"
    tables["people"]["2"]["badge_color"] = "#ff0000"
    tables["meta"]["1"]["theme"] = "dark"
    tables["tags"] = {"1": {"id": "t1", "name": "VIP 李"}}
    path.write_text(json.dumps(tables, ensure_ascii=False), "utf-8")
    return {"ann": ann, "bob": bob}


def test_unknown_fields_open_and_survive_an_edit_and_a_save(tmp_path: Path) -> None:
    path = tmp_path / "newer.cwalk"
    ids = _newer_map(path)
    before = _tables(path)
    doc = store.load(path)
    doc.update("person", ids["ann"], name="Ann Renamed")
    doc.add_outreach(ids["ann"], OutreachEntry(date="2026-11-02", channel="phone", note="a second call"), 0)
    store.save(doc, path)
    after = _tables(path)
    first = after["people"]["1"]
    assert first["name"] == "Ann Renamed"
    assert first["pronouns"] == "she/her"
    assert first["story"]["mood"] == {"scale": [1, 5], "value": 4}
    kept_entry = next(e for e in first["outreach"] if e["id"] == before["people"]["1"]["outreach"][0]["id"])
    assert kept_entry["reply"] == "yes & <thanks> 👍"
    assert all("reply" not in e for e in first["outreach"] if e is not kept_entry)
    assert after["people"]["2"]["badge_color"] == "#ff0000"
    assert after["meta"]["1"]["theme"] == "dark"
    assert after["tags"] == {"1": {"id": "t1", "name": "VIP 李"}}
    again = store.load(path)  # and a second round trip keeps them still
    store.save(again, path)
    assert _tables(path)["people"]["1"]["pronouns"] == "she/her"


def test_a_deleted_persons_unknown_fields_go_with_them(tmp_path: Path) -> None:
    path = tmp_path / "newer.cwalk"
    ids = _newer_map(path)
    doc = store.load(path)
    doc.remove("person", ids["bob"])
    store.save(doc, path)
    assert "badge_color" not in path.read_text("utf-8")
    assert "pronouns" in path.read_text("utf-8")


def test_opening_says_once_what_is_kept(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "newer.cwalk"
    _newer_map(path)
    with caplog.at_level(logging.WARNING):
        doc = store.load(path)
    notes = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(notes) == 1
    assert "does not know" in notes[0] and "'pronouns'" in notes[0] and "kept as they are" in notes[0]
    assert unknown.describe(doc, path.name) == notes[0]


def test_a_map_as_this_app_writes_it_says_nothing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "plain.cwalk"
    store.save(build_template("order-to-cash", people=True), path)
    with caplog.at_level(logging.WARNING):
        doc = store.load(path)
    assert not caplog.records and unknown.describe(doc, path.name) is None


def test_a_higher_format_number_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.cwalk"
    _newer_map(path)
    tables = _tables(path)
    tables["meta"]["1"]["format"] = FORMAT_VERSION + 1
    path.write_text(json.dumps(tables), "utf-8")
    with pytest.raises(store.MapFileError, match="newer Contract Walk"):
        store.load(path)


def test_a_wrongly_typed_known_field_is_still_damage(tmp_path: Path) -> None:
    path = tmp_path / "bad.cwalk"
    _newer_map(path)
    tables = _tables(path)
    tables["people"]["1"]["name"] = 42
    path.write_text(json.dumps(tables), "utf-8")
    with pytest.raises(store.MapFileError, match="damaged"):
        store.load(path)


def test_the_command_line_warns_on_stderr_and_keeps_stdout(tmp_path: Path) -> None:
    path, plain = tmp_path / "newer.cwalk", tmp_path / "plain.cwalk"
    _newer_map(path)
    store.save(store.load(path), plain)
    tables = _tables(plain)  # the same map without the unknown fields
    for records in tables.values():
        for record in records.values():
            for key in ("pronouns", "badge_color", "theme"):
                record.pop(key, None)
    tables["people"]["1"]["story"].pop("mood")
    tables["people"]["1"]["outreach"][0].pop("reply")
    del tables["tags"]
    plain.write_text(json.dumps(tables), "utf-8")
    newer, old = run("check", path, "--json"), run("check", plain, "--json")
    assert newer.returncode == old.returncode == 0
    assert newer.stdout == old.stdout and not old.stderr
    assert newer.stderr.count("warning: ") == 1 and "kept as they are" in newer.stderr


def test_merge_on_the_command_line_keeps_unknown_fields(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    base = tmp_path / "base.cwalk"
    ids = _newer_map(base)
    ours, theirs = tmp_path / "ours.cwalk", tmp_path / "theirs.cwalk"
    for copy, title in ((ours, "Ours"), (theirs, "Theirs")):
        doc = store.load(base)
        doc.update("person", ids["bob"], title=title)
        store.save(doc, copy)
    proc = run("merge", base, ours, theirs, allowed=(0, 1, 2))
    assert proc.returncode == 1  # both retitled Bob: a conflict, kept ours
    merged = _tables(ours)
    assert merged["people"]["1"]["pronouns"] == "she/her"
    assert merged["tags"]["1"]["name"] == "VIP 李"


def test_a_damaged_unknown_map_is_still_refused_by_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.cwalk"
    _newer_map(path)
    tables = _tables(path)
    del tables["people"]["1"]["name"]
    path.write_text(json.dumps(tables), "utf-8")
    assert "damaged" in refused("check", path)


def test_an_autosave_keeps_them_for_a_recovery_and_is_no_part_of_the_map(tmp_path: Path) -> None:
    from model.storage.incremental import MapEncoder
    from model.storage.recovery import Autosaver
    from model.storage.snapshot import snapshot_of

    path = tmp_path / "newer.cwalk"
    ids = _newer_map(path)
    doc = store.load(path)
    doc.update("person", ids["bob"], title="Edited before the crash")
    saver = Autosaver(path, folder=tmp_path / "autosave")
    saver.write(snapshot_of(doc), MapEncoder())  # as the app's autosave writes it
    recovered = store.load(saver.file)
    store.save(recovered, path)
    after = _tables(path)
    assert after["people"]["1"]["pronouns"] == "she/her" and after["meta"]["1"]["theme"] == "dark"
    assert after["people"]["2"]["title"] == "Edited before the crash"
    assert "autosave" not in after and after["tags"]["1"]["id"] == "t1"


def test_merging_a_copy_into_the_open_map_keeps_both_copies_unknown_fields(tmp_path: Path) -> None:
    from model.merging.apply import apply_steps, steps
    from model.merging.three_way import merge_data
    from model.storage.serialize import to_data

    path = tmp_path / "newer.cwalk"
    _newer_map(path)
    base = to_data(store.load(path))
    ours = store.load(path)  # the open map
    theirs = to_data(store.load(path))
    theirs["people"].append({**theirs["people"][0], "id": "laptop1", "name": "From the laptop",
                             "pronouns": "he/him", "outreach": []})
    theirs["meta"]["theme"] = "light"
    result = merge_data(base, to_data(ours), theirs)
    apply_steps(ours, steps(ours, result.data))
    merged = to_data(ours)
    added = next(p for p in merged["people"] if p["id"] == "laptop1")
    assert added["pronouns"] == "he/him" and merged["meta"]["theme"] == "light"
    assert merged["people"][0]["pronouns"] == "she/her" and merged["tags"] == [{"id": "t1", "name": "VIP 李"}]
