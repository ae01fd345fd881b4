"""CSV roster import: formats, HR exports, the rules of README.md, every error at once."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from model.entities import DEPARTMENT_COLORS
from model.roster.columns import detect_mapping, guard_cell, split_list, split_story, unguard_cell
from model.roster.to_map import EXTRA, IGNORE, RosterError, import_roster, read_roster, roster_to_document

FIX = Path(__file__).parent / "fixtures" / "rosters"


def write(tmp_path: Path, text: str, name: str = "roster.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(RosterError) as info:
        import_roster(path)
    return info.value.problems


def by_name(doc):
    return {p.name: p for p in doc.people.values()}


def summary(doc) -> dict:
    """What a roster says, independent of ids and positions."""
    names = {pid: p.name for pid, p in doc.people.items()}
    return {
        "people": sorted(
            (p.name, p.title, p.kind, p.sourcing, p.email, p.stage, p.vendor, p.placed,
             doc.departments[p.department_id].name if p.department_id else None, p.story.hand_on)
            for p in doc.people.values()
        ),
        "departments": [d.name for d in doc.departments.values()],
        "handoffs": sorted(
            (names[h.source], names[h.target], h.what, h.stage) for h in doc.handoffs.values()
        ),
    }


# ----- the basic roster in every format ------------------------------------------------

def test_basic_roster_builds_people_departments_customers_and_handoffs() -> None:
    result = import_roster(FIX / "basic_comma.csv")
    doc = result.document
    people = by_name(doc)
    assert [d.name for d in doc.departments.values()] == [
        "Sales", "Contract administration", "Engineering", "Installation", "Finance"]
    assert [d.color for d in doc.departments.values()] == list(DEPARTMENT_COLORS[:5])
    rita = people["Rita Cole"]
    assert rita.kind == "customer" and rita.vendor == "Riverside Utility" and rita.department_id is None
    assert "Riverside Utility" not in [d.name for d in doc.departments.values()]
    assert people["Dev Patel"].sourcing == "outsourced"
    assert people["Cara Diaz"].stage == "specify" and people["Dev Patel"].stage == "implement"
    assert people["Ann Lee"].story.hand_on == "I hand on a quote the next person can read."
    # a hand-off starts at the giver's stage; one 'what' covers all of a row's hand-offs
    hands = summary(doc)["handoffs"]
    assert ("Bob Marsh", "Cara Diaz", "Countersigned contract", "contract") in hands
    assert ("Bob Marsh", "Dev Patel", "Countersigned contract", "contract") in hands
    assert ("Dev Patel", "Rita Cole", "Installed pump", "implement") in hands
    assert len(hands) == 5
    # no stage and no hand-offs: on the roster, not in the walk; a customer with hand-offs is placed
    assert people["Eve Stone"].placed is False
    assert rita.placed is True and rita.stage is None
    assert result.warnings == []
    assert doc.problems() == []
    assert len(doc.statements) == 3


@pytest.mark.parametrize("name", ["basic_semicolon.csv", "basic_tab.csv", "bom_crlf.csv"])
def test_every_delimiter_and_bom_give_the_same_map(name: str) -> None:
    expected = summary(import_roster(FIX / "basic_comma.csv").document)
    got = summary(import_roster(FIX / name).document)
    if name == "bom_crlf.csv":  # its first story has prompt headings: split over the prompts
        ann = by_name(import_roster(FIX / name).document)["Ann Lee"].story
        assert ann.hand_on == "a quote the next person can read."
        assert ann.reaches_customer == "nobody asks them twice."
        assert ann.why_good == "I write notes." and ann.moment == "Riverside."
        got["people"] = [p[:9] + (expected_story(expected, p[0]),) for p in got["people"]]
    assert got == expected


def expected_story(expected: dict, name: str) -> str:
    return next(p[9] for p in expected["people"] if p[0] == name)


def test_detected_delimiter_and_encoding_are_reported() -> None:
    assert read_roster(FIX / "basic_semicolon.csv").delimiter_name == "semicolon"
    assert read_roster(FIX / "basic_tab.csv").delimiter_name == "tab"
    table = read_roster(FIX / "bom_crlf.csv")
    assert table.delimiter == "," and table.encoding == "UTF-8 with BOM"
    assert table.header[0] == "name"  # the BOM is not part of the first column's name
    assert table.lines == [2, 6, 7, 8, 9, 10]  # the story spans lines 2-5


def test_one_column_roster(tmp_path: Path) -> None:
    doc = import_roster(write(tmp_path, "Name\nAnn\nBob\n")).document
    assert sorted(p.name for p in doc.people.values()) == ["Ann", "Bob"]
    assert not any(p.placed for p in doc.people.values())


def test_utf16_export_from_excel_is_read(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Name\tTeam\nZoë\tVerkauf\n".encode("utf-16-le"))
    doc = import_roster(path).document
    assert [p.name for p in doc.people.values()] == ["Zoë"]
    assert [d.name for d in doc.departments.values()] == ["Verkauf"]


# ----- HR exports ----------------------------------------------------------------------

def test_orgchart_export_with_ids_first_last_names_and_supervisor_ids() -> None:
    result = import_roster(FIX / "hr_orgchart.csv")
    doc = result.document
    by_id = {p.external_id: p for p in doc.people.values()}
    assert by_id["101"].name == "Lars Nilsson" and by_id["104"].name == "Lars Nilsson"  # duplicates are real
    assert by_id["101"].title == "Production Planner" and by_id["101"].location == "Borås"
    assert by_id["101"].reports_to == by_id["100"].id
    assert by_id["103"].reports_to == by_id["102"].id
    assert by_id["100"].reports_to is None
    assert by_id["103"].extra == {"Start Date": "2026-11-02"}
    assert len(result.warnings) == 1 and "'Start Date'" in result.warnings[0]
    assert [d.name for d in doc.departments.values()] == ["Operations", "Production", "Logistics"]
    assert not any(p.placed for p in doc.people.values())  # an org chart has no walk yet


def test_names_export_with_manager_by_name_and_email_and_semicolons() -> None:
    result = import_roster(FIX / "hr_names.csv")
    people = by_name(result.document)
    assert people["Hannah Schmidt"].reports_to == people["Grace Liu"].id
    assert people["Carlos Mendes"].reports_to == people["Hannah Schmidt"].id
    assert people["Grace Liu"].phone == "+46 31 555 0224"
    assert people["Grace Liu"].email == "grace.liu@acme.example"
    assert people["Grace Liu"].extra == {"Badge Colour": "blue"}
    assert "Carlos Mendes" in people and people["Carlos Mendes"].extra == {}
    assert [d.name for d in result.document.departments.values()] == ["Account management", "Finance"]


def test_header_aliases_are_detected() -> None:
    headers = ["Employee ID", "Full Name", "Job Title", "Dept", "Work Email", "Reports To", "PersonID",
               "Boss ID", "E-mail", "Favourite colour", ""]
    mapping = detect_mapping(headers)
    assert [mapping[i] for i in range(len(headers))] == [
        "id", "name", "title", "department", "email", "reports_to", EXTRA, EXTRA, EXTRA, EXTRA, IGNORE]


# ----- the import dialog's mapping ------------------------------------------------------

def test_user_corrected_mapping_is_honoured(tmp_path: Path) -> None:
    path = write(tmp_path, "Who,Unit,Boss,Colour\nAnn,Sales,,red\nBob,Sales,Ann,blue\n")
    table = read_roster(path)
    assert table.mapping == {0: EXTRA, 1: "department", 2: "reports_to", 3: EXTRA}
    with pytest.raises(RosterError) as info:
        roster_to_document(table)
    assert "no name column" in info.value.problems[0] and "'Who'" in info.value.problems[0]
    doc = roster_to_document(table, {0: "name", "colour": IGNORE}).document
    people = by_name(doc)
    assert people["Bob"].reports_to == people["Ann"].id
    assert people["Ann"].extra == {}
    assert import_roster(path, {"WHO": "name"}).document.people  # by header, case-insensitively


def test_a_mapping_choice_moves_a_field_from_the_detected_column(tmp_path: Path) -> None:
    path = write(tmp_path, "name,email,private mail\nAnn,ann@work.example,ann@home.example\n")
    table = read_roster(path)
    person = next(iter(roster_to_document(table, {2: "email"}).document.people.values()))
    assert person.email == "ann@home.example"
    assert person.extra == {"email": "ann@work.example"}


def test_bad_mappings_are_refused(tmp_path: Path) -> None:
    table = read_roster(write(tmp_path, "a,b\nAnn,x\n"))
    with pytest.raises(RosterError) as info:
        roster_to_document(table, {0: "name", 1: "name"})
    assert "both mapped to Name" in info.value.problems[0]
    with pytest.raises(RosterError) as info:
        roster_to_document(table, {0: "name", 1: "shoe size", "nope": "title"})
    assert len(info.value.problems) == 2


def test_preview_pads_and_cuts_rows(tmp_path: Path) -> None:
    table = read_roster(write(tmp_path, "name,title,dept\nAnn\nBob,a,b,\n"))
    assert table.preview() == [["Ann", "", ""], ["Bob", "a", "b"]]


# ----- hand-offs and stories -------------------------------------------------------------

def test_aligned_lists_per_handoff_and_stage_labels(tmp_path: Path) -> None:
    text = (
        "name,stage,hands_off_to,hands_off_what,hands_off_stage,hands_off_two_way\n"
        'Ann,Sell,"Bob; Cy","quote; notes\\; photos",";Contract",no;yes\n'
        "Bob,INVOICE,Cy,bill,,\nCy,renew,,,,\n"
    )
    doc = import_roster(write(tmp_path, text)).document
    n = {pid: p.name for pid, p in doc.people.items()}
    hands = sorted((n[h.source], n[h.target], h.what, h.stage, h.two_way) for h in doc.handoffs.values())
    assert hands == [
        ("Ann", "Bob", "quote", "sell", False),
        ("Ann", "Cy", "notes; photos", "contract", True),
        ("Bob", "Cy", "bill", "invoice", False),
    ]


def test_a_what_that_does_not_fit_the_targets_is_used_whole(tmp_path: Path) -> None:
    text = 'name,hands_off_to,hands_off_what\nAnn,"Bob; Cy; Dee","order; invoice"\nBob,,\nCy,,\nDee,,\n'
    result = import_roster(write(tmp_path, text))
    assert {h.what for h in result.document.handoffs.values()} == {"order; invoice"}
    assert any("line 2" in w and "whole text" in w for w in result.warnings)


def test_handoffs_by_email_or_id_disambiguate_shared_names(tmp_path: Path) -> None:
    text = ("id,name,email,hands_off_to\n1,Alex Kim,a1@x.example,\n2,Alex Kim,a2@x.example,\n"
            "3,Sam,,a2@x.example; 1\n")
    doc = import_roster(write(tmp_path, text)).document
    targets = {doc.people[h.target].external_id for h in doc.handoffs.values()}
    assert targets == {"1", "2"}


def test_a_person_named_twice_in_a_row_gets_one_handoff(tmp_path: Path) -> None:
    result = import_roster(write(tmp_path, "name,hands_off_to\nAnn,Bob; bob\nBob,\n"))
    assert len(result.document.handoffs) == 1
    assert any("named twice" in w for w in result.warnings)


def test_split_story_and_list_helpers() -> None:
    assert split_story("Just one paragraph.")["hand_on"] == "Just one paragraph."
    parts = split_story("Intro.\nWHY I’M GOOD AT IT - I listen.\nA moment that mattered: the call.")
    assert parts == {
        "hand_on": "Intro.", "reaches_customer": "", "why_good": "I listen.", "moment": "the call."
    }
    assert split_list(r"a; b\;c ;; C:\specs; d\\") == ["a", "b;c", "", r"C:\specs", "d\\"]
    for text in ("=1+1", "+x", "-x", "@x", "'quoted", "''", "plain", ""):
        assert unguard_cell(guard_cell(text)) == text
    assert guard_cell("=SUM(A1)") == "'=SUM(A1)"


# ----- errors: everything at once, nothing built ---------------------------------------

def test_every_problem_is_listed_with_the_line_its_record_starts_on() -> None:
    problems = problems_of(FIX / "errors.csv")
    expected = [
        ("line 5:", "no name"),
        ("line 6:", "unknown kind 'robot'"),
        ("line 6:", "'Nobody', who is not in the roster"),
        ("line 7:", "unknown sourcing 'sideways'"),
        ("line 7:", "unknown stage 'buy'"),
        ("line 7:", "hands off to themselves"),
        ("line 11:", "2 people have that name (lines 9 and 10)"),
    ]
    for prefix, words in expected:
        assert any(p.startswith(prefix) and words in p for p in problems), (prefix, words, problems)
    assert len(problems) == len(expected)
    assert all("\n" not in p for p in problems)


def test_a_row_with_more_fields_than_the_header(tmp_path: Path) -> None:
    text = "name;hands_off_to\nAnn;Bob;Cy\nBob;\nCy;\nDee;;\n"  # Ann's list should have been quoted
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 1 and problems[0].startswith("line 2: 3 fields, but the header has 2")


@pytest.mark.parametrize("text, words", [
    ("", "is empty"),
    ("\ufeff  \n\n", "is empty"),
    ("name,title\n", "no people"),
    ("ID,Position,Dept\n1,Boss,Ops\n", "no name column (found: 'ID', 'Position', 'Dept')"),
    ('name,story\nAnn,"never closed\nBob,x\n', "line 2: a quoted field is never closed"),
])
def test_file_level_problems(tmp_path: Path, text: str, words: str) -> None:
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 1 and words in problems[0], problems


@pytest.mark.parametrize("data, words", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "is not a text CSV file"),
    (b"PK\x03\x04" + b"\x00" * 100, "Excel"),
    (bytes(range(256)) * 8, "is not a text CSV file"),
    ("name,title\nZoë,Chef\n".encode("latin-1"), "not a text CSV file in UTF-8 (line 2"),
    ("name\nAnn\n".encode("utf-32-le"), "is not a text CSV file"),  # UTF-16 without a mark is read
])
def test_binary_and_foreign_encodings_are_refused(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    problems = problems_of(path)
    assert len(problems) == 1 and words in problems[0], problems


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "no such file" in problems_of(tmp_path / "nope.csv")[0]
    assert "is a folder" in problems_of(tmp_path)[0]


def test_other_reference_errors(tmp_path: Path) -> None:
    text = ("name,email,hands_off_to,hands_off_stage,hands_off_two_way,sweet_spot\n"
            "Ann,same@x.example,Bob,moon,,\nBob,same@x.example,Ann,,maybe,perhaps\nCy,,same@x.example,,,\n")
    problems = problems_of(write(tmp_path, text))
    assert any(p.startswith("line 2: unknown hand-off stage 'moon'") for p in problems)
    assert any(p.startswith("line 3: hands_off_two_way must be yes or no") for p in problems)
    assert any(p.startswith("line 3: sweet_spot must be yes or no") for p in problems)
    assert any(p.startswith("line 4:") and "email of several people" in p for p in problems)


# ----- hostile text and size ---------------------------------------------------------------

def test_hostile_text_imports_as_typed(tmp_path: Path) -> None:
    long_story = ("Ünïcödé <b>&amp; \"quoted\", 🚀 " * 1200)[:30000]
    names = [
        "<script>alert(1)</script>", "R&D 🚀 Ünal", "王小明", "فاطمة الزهراء", "Nul\x00and\x07bell",
        "=HYPERLINK()",
    ]
    rows = "".join(
        f'"{n}",Sales & <Ops>,"{names[(i + 1) % len(names)]}","{long_story.replace(chr(34), chr(34) * 2)}"\n'
        for i, n in enumerate(names)
    )
    doc = import_roster(write(tmp_path, "name,department,hands_off_to,story\n" + rows)).document
    assert [p.name for p in doc.people.values()] == names
    assert all(p.story.hand_on == long_story for p in doc.people.values())
    assert [d.name for d in doc.departments.values()] == ["Sales & <Ops>"]
    assert len(doc.handoffs) == len(names)
    assert doc.problems() == []


def test_a_large_roster_imports(tmp_path: Path) -> None:
    count = 2000
    lines = ["id,name,department,stage,hands_off_to,manager id"]
    stages = ["sell", "contract", "specify", "procure", "build", "deliver", "implement", "invoice"]
    for i in range(count):
        nxt = f"Person {i + 1}" if i + 1 < count and i % 10 else ""
        boss = str(i // 10) if i >= 10 else ""
        lines.append(f"{i},Person {i},Dept {i % 40},{stages[i % len(stages)]},{nxt},{boss}")
    result = import_roster(write(tmp_path, "\n".join(lines) + "\n"))
    doc = result.document
    assert len(doc.people) == count and len(doc.departments) == 40
    assert len(doc.handoffs) == sum(1 for i in range(count) if i + 1 < count and i % 10)
    assert sum(1 for p in doc.people.values() if p.reports_to) == count - 10
    assert len({p.pos for p in doc.people.values()}) > 40  # laid out, not piled up
