"""Names written family name first (Chinese, Japanese, Korean) read as their script writes them,
and every other name keeps 'First Last' and the 'Lee, Ann' rule; maps read before still match."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.document import Document
from model.entities import Person
from model.roster.merge import plan_merge
from model.roster.names import first_last, full_name, name_key
from model.roster.to_map import import_roster, read_roster

MIXED = (
    "ID,First Name,Last Name,Position,Department,Manager\n"
    "1,娜,李,CEO,Board,\n"
    "2,太郎,山田,CFO,Finance,李娜\n"
    "3,민준,김,CTO,Engineering,娜 李\n"
    '4,Ann,Lee,Sales lead,Sales,"山田, 太郎"\n'
    "5,محمد,علي,Operations,Ops,김민준\n"
    "6,ジョン,スミス,Developer,Engineering,1\n"
    "7,Wei,王,Tester,Engineering,Ann Lee\n"
    '8,"<b>","&amp;😀",Clerk,<Ops> & Co,\n'
    "9,Иван,Петров,Driver,Logistics,김 민준\n"
)


@pytest.mark.parametrize("first, last, name", [
    ("娜", "李", "李娜"),  # Chinese: family name first, no space
    ("太郎", "山田", "山田太郎"),  # Japanese Kanji
    ("太 郎", "山田\u3000", "山田太郎"),  # a stray space, an ideographic one too
    ("さくら", "佐々木", "佐々木さくら"),  # Hiragana given name, the iteration mark in the family name
    ("민준", "김", "김민준"),  # Korean: written together, as Korean orthography writes names
    ("ｼﾞｮﾝ", "ｽﾐｽ", "ｼﾞｮﾝ ｽﾐｽ"),  # half-width Katakana alone: a foreign name, given name first
    ("ジョン", "スミス", "ジョン スミス"),  # a foreign name in Katakana keeps its order
    ("Wei", "王", "Wei 王"),  # mixed scripts: as written
    ("محمد", "علي", "محمد علي"),
    ("Иван", "Петров", "Иван Петров"),
    ("Ann  M", "Lee", "Ann M Lee"),
    ("😀", "李", "😀 李"),  # an emoji is not a family-name-first script
    ("", "李", "李"),
    ("娜", "", "娜"),
])
def test_first_and_last_name_join_in_their_scripts_order(first: str, last: str, name: str) -> None:
    assert full_name(first, last) == name


def test_last_name_first_with_a_comma_still_reads_naturally_in_every_script() -> None:
    assert first_last("Lee, Ann  M") == "Ann M Lee"
    assert first_last("李, 娜") == "李娜"
    assert first_last("Ann Lee, Jr.") is None
    assert name_key("山田 太郎") == name_key("山田太郎") == name_key("山田, 太郎")
    assert name_key("李娜") != name_key("娜李")  # the order of a family-name-first name matters


def test_a_mixed_roster_imports_with_each_name_in_its_own_order(tmp_path: Path) -> None:
    roster = tmp_path / "hr.csv"
    roster.write_text(MIXED, "utf-8")
    result = import_roster(roster)
    people = {p.name: p for p in result.document.people.values()}
    assert list(people) == ["李娜", "山田太郎", "김민준", "Ann Lee", "محمد علي", "ジョン スミス",
                            "Wei 王", "<b> &amp;😀", "Иван Петров"]
    boss = {name: result.document.people[p.reports_to].name if p.reports_to else None
            for name, p in people.items()}
    assert boss == {
        "李娜": None, "山田太郎": "李娜",
        "김민준": "李娜",  # named '娜 李', as a system joining first and last names writes it
        "Ann Lee": "山田太郎", "محمد علي": "김민준", "ジョン スミス": "李娜", "Wei 王": "Ann Lee",
        "<b> &amp;😀": None,
        "Иван Петров": "김민준",  # '김 민준' with a space is the same person
    }
    assert not [w for w in result.warnings if "not in the roster" in w]
    depts = {d.name for d in result.document.departments.values()}
    assert "<Ops> & Co" in depts


def test_a_map_read_when_cjk_names_were_given_name_first_is_refreshed_not_doubled(tmp_path: Path) -> None:
    doc = Document()
    old = Person(name="娜 李", title="CEO")  # how this roster was imported before
    doc.add("person", old)
    roster = tmp_path / "hr.csv"
    roster.write_text("First Name,Last Name,Position\n娜,李,CEO\n太郎,山田,CFO\n", "utf-8")
    merge = plan_merge(doc, read_roster(roster)).resolve()
    assert [row.name for row in merge.joiners] == ["山田太郎"]
    assert merge.leavers == []
    assert [(row.name, pid) for row, pid in merge.matches] == [("李娜", old.id)]
    ops = merge.operations()
    assert ("update", "person", old.id, {"name": "李娜"}) in ops  # the name now reads as written


def test_the_merge_preview_lists_who_is_renamed_with_their_old_name(tmp_path: Path) -> None:
    from model.roster.merge import apply_operations
    from model.roster.report import merge_report

    doc = Document()
    old = Person(name="娜 李", title="CEO")
    doc.add("person", old)
    roster = tmp_path / "hr.csv"
    roster.write_text("First Name,Last Name,Position\n娜,李,CEO\n", "utf-8")
    merge = plan_merge(doc, read_roster(roster)).resolve()
    apply_operations(doc, merge.operations())  # the command line prints the preview as it saves
    lines = merge_report(merge, removed=False)
    assert "renamed:" in lines and "  ~ 娜 李 → 李娜" in lines
    assert doc.people[old.id].name == "李娜"
