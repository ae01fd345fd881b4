"""Manager and email columns as more HR exports name them map by themselves: 'Boss Email' (the
sibling of DESIGN.md's 'Boss ID'), 'Reports To (Email)', 'Direct Supervisor', 'Mgr', 'Employee
Email'. Each was kept as an extra field with a warning, and the org chart's manager links were lost."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.roster.columns import field_for_header
from model.roster.to_map import import_roster


@pytest.mark.parametrize("header, field", [
    ("Boss Email", "reports_to"), ("Boss's Email", "reports_to"), ("Boss Name", "reports_to"),
    ("Reports To (Email)", "reports_to"), ("Supervisor Email Address", "reports_to"),
    ("Direct Supervisor", "reports_to"), ("Immediate Supervisor", "reports_to"), ("Mgr", "reports_to"),
    ("Mgr Email", "reports_to"), ("Manager's Name", "reports_to"), ("Employee Email", "email"),
    ("Email (Work)", "email"), ("Employee Name", "name"), ("Employee #", "id"),
])
def test_more_hr_headers_map_by_themselves(header: str, field: str) -> None:
    assert field_for_header(header) == field


def test_an_organimi_style_roster_keeps_its_managers(tmp_path: Path) -> None:
    roster = tmp_path / "organimi.csv"
    roster.write_text("First Name,Last Name,Position,Employee Email,Boss Email,Location\n"
                      "Ann,Lee,CEO,ann@x.example,,Oslo\n"
                      "Bob,Ray,CFO,bob@x.example,ANN@x.example,Oslo\n")
    result = import_roster(roster)
    people = {p.name: p for p in result.document.people.values()}
    assert people["Bob Ray"].reports_to == people["Ann Lee"].id
    assert people["Bob Ray"].email == "bob@x.example"
    assert not [w for w in result.warnings if "extra field" in w]
