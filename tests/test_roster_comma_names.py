"""Only a name written 'Last, First' is turned round: a firm's or a site's name with a comma
('Acme, Inc.', 'Riverside Water, Plant 2') or a cell holding a formula was rewritten as if it were
one ('Inc. Acme', '"x") =HYPERLINK("http://evil"'), in the map and in every playbook."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.roster.names import first_last
from model.roster.to_map import import_roster


@pytest.mark.parametrize("written, read", [
    ("Lee, Ann  M", "Ann M Lee"), ("García López, José María", "José María García López"),
    ("de la Cruz, Mary Jo", "Mary Jo de la Cruz"), ("O'Brien, Zoë", "Zoë O'Brien"),
    ("李, 娜", "李娜"), ("Иванов, Иван Иванович", "Иван Иванович Иванов"), ("शर्मा, राहुल", "राहुल शर्मा"),
])
def test_last_first_names_are_still_turned_round(written: str, read: str) -> None:
    assert first_last(written) == read


@pytest.mark.parametrize("written", [
    "Acme, Inc.", "Halvorsen Pumps, GmbH", "Riverside Water, Plant 2", '=HYPERLINK("http://evil","x")',
    "Lee, Ann (HR)", "Ann Lee, PhD", "Support desk, 24/7",
])
def test_other_names_with_a_comma_are_kept_as_written(written: str) -> None:
    assert first_last(written) is None


def test_a_roster_keeps_a_customer_firms_name_and_warns_of_nothing(tmp_path: Path) -> None:
    roster = tmp_path / "staff.csv"
    roster.write_text('name,kind\n"Lee, Ann",colleague\n"Acme, Inc.",customer\n')
    result = import_roster(roster)
    assert sorted(p.name for p in result.document.people.values()) == ["Acme, Inc.", "Ann Lee"]
    assert [w for w in result.warnings if "Last, First" in w] == [
        "turned 1 name written 'Last, First' into 'First Last' (e.g. 'Lee, Ann' -> 'Ann Lee')"]
