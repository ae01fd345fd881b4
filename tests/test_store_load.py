"""Loading validates each value once (issue 19): checks were moved from the reader to the document's
checks, so every field of every kind of item must still refuse every value of the wrong type."""
from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import pytest

from model.document import COLLECTIONS, DocumentError
from model.entities import ActionItem, MapInfo, OutreachEntry, Story
from model.storage.serialize import from_data, to_data
from model.storage.store import MapFileError, load, save
from tests.test_document_events import sample

# field annotation (as written in model/entities.py) -> values a file may hold that are wrong for it
WRONG: dict[str, list[Any]] = {
    "str": [5, None, True, [], {}],
    "str | None": [5, True, [], {}],
    "bool": ["yes", 1, None, []],
    "int": ["90", 1.5, True, None],
    "int | None": ["7", 7.5, True, []],
    "float": ["1", None, True, []],
    "tuple[float, float]": ["1,2", [1.0], [1.0, "a"], [True, 2.0], None, [1.0, 2.0, 3.0]],
    "list[str]": ["a", [1], None, {}],
    "dict[str, str]": [[], {"a": 1}, "x", None],
    "dict[str, int]": [[], {"st": "4"}, {"st": True}, "x"],
    "Story": ["x", [], None, 5],
    "list[OutreachEntry]": ["x", {}, None, [5], ["x"]],
    "list[ActionItem]": ["x", {}, None, [5]],
    "list[dict[str, str]]": ["x", [5], [{"a": 1}]],
}
NESTED = {"person": [("story", Story, False), ("outreach", OutreachEntry, True)],
          "session": [("action_items", ActionItem, True)]}


def _cases() -> list[tuple[str, str, str, Any]]:
    """(collection attr or "meta", nested field or "", field, wrong value) for every field."""
    cases = [("meta", "", f.name, bad) for f in dataclasses.fields(MapInfo) for bad in WRONG[str(f.type)]]
    for entity, (attr, cls) in COLLECTIONS.items():
        cases += [(attr, "", f.name, bad) for f in dataclasses.fields(cls) for bad in WRONG[str(f.type)]]
        for holder, nested_cls, _is_list in NESTED.get(entity, []):
            cases += [(attr, holder, f.name, bad) for f in dataclasses.fields(nested_cls)
                      for bad in WRONG[str(f.type)]]
    return cases


def test_every_field_type_has_wrong_values_to_try() -> None:
    """A new field type in model/entities.py needs its wrong values here (the next test uses them)."""
    classes = [MapInfo, Story, OutreachEntry, ActionItem] + [cls for _attr, cls in COLLECTIONS.values()]
    assert {str(f.type) for cls in classes for f in dataclasses.fields(cls)} <= set(WRONG)


@pytest.mark.parametrize("where, holder, name, bad", _cases())
def test_a_value_of_the_wrong_type_in_any_field_is_refused(where: str, holder: str, name: str,
                                                            bad: Any) -> None:
    data = to_data(sample())
    if where == "meta":
        record = data["meta"]
    else:
        record = next(r for r in data[where] if not holder or r[holder])  # one that has such entries
        if holder:
            record = record[holder][0] if isinstance(record[holder], list) else record[holder]
    record[name] = copy.deepcopy(bad)
    with pytest.raises(DocumentError):
        from_data(data)


def test_a_sound_map_loads_back_equal_and_a_damaged_one_names_the_item(tmp_path: Path) -> None:
    doc = sample()
    path = tmp_path / "m.cwalk"
    save(doc, path)
    assert to_data(load(path))["people"] == to_data(doc)["people"]
    text = path.read_text("utf-8").replace('"two_way": false', '"two_way": "no"', 1)
    path.write_text(text, "utf-8")
    damaged = r"m\.cwalk is damaged: handoff \d+: two_way must be true or false"
    with pytest.raises(MapFileError, match=damaged):
        load(path)
