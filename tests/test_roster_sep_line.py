"""Excel's `sep=;` first line (written by its 'CSV' export in some locales, and by tools that
want Excel to split the columns) says the delimiter: it is read as that, not left out as 'a title,
not people' with a warning that made the user look for a missing person."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.roster.to_map import RosterError, import_roster


@pytest.mark.parametrize("raw", [
    b"sep=;\nname;title\nAnn;x\n", b"\xef\xbb\xbfsep=;\r\nname;title\r\nAnn;x\r\n",
    b"sep=\t\nname\ttitle\nAnn\tx\n", b"SEP=,\nname,title\nAnn,x\n",
])
def test_the_delimiter_line_is_read_without_a_warning(raw: bytes, tmp_path: Path) -> None:
    roster = tmp_path / "staff.csv"
    roster.write_bytes(raw)
    result = import_roster(roster)
    assert [(p.name, p.title) for p in result.document.people.values()] == [("Ann", "x")]
    assert not [w for w in result.warnings if "title" in w], result.warnings


def test_lines_are_still_counted_from_the_top_of_the_file(tmp_path: Path) -> None:
    roster = tmp_path / "staff.csv"
    roster.write_bytes(b"sep=;\nname;title\nAnn;x\n\n\nBob;1;2\n")
    with pytest.raises(RosterError) as caught:
        import_roster(roster)
    assert caught.value.problems[0].startswith("line 6: 3 fields, but the header has 2")


def test_the_declared_delimiter_wins_over_a_guess(tmp_path: Path) -> None:
    """A comma-separated roster whose notes are full of semicolons: said to be ',' it is read so."""
    roster = tmp_path / "staff.csv"
    roster.write_bytes(b"sep=,\nx;y;z;w,name\na;b;c;d,Ann\n")
    people = import_roster(roster).document.people.values()
    assert [p.name for p in people] == ["Ann"]
