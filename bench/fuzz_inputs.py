"""Odd but plausible rosters and maps, for walking the command line with inputs nobody planned for.

Each case is bytes plus what a user should get: the people a roster becomes (names in order, or a
count), or a piece of the one error it must give; `None` where either a sound result or a clear
refusal is fine (the contract is still checked). `bench/cli_fuzz.py` runs every verb on them;
tests/test_cli_fuzz_walk.py runs a handful.
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assets" / "example.cwalk"


@dataclass(frozen=True)
class Case:
    """One input and what it must give: people (names, or how many) or an error piece."""

    data: bytes
    people: tuple[str, ...] | int | None = None  # a roster that imports: who is in the map
    error: str | None = None  # a refused input: a piece of its error line
    big: bool = False  # too big for every verb: only the quick ones run on it
    suffix: str = ".csv"  # the roster's file name ends so (.xlsx: a workbook)

    @property
    def refused(self) -> bool:
        return self.error is not None


HR = "ID,First Name,Last Name,Job Title,Department,Manager,Work Email\n"
BASE = ("name,title,department,hands_off_to,stage\n"
        "Ann,Sales lead,Sales,Bob,sell\nBob,Counsel,Legal,Cy,contract\nCy,Engineer,Engineering,,specify\n")
BASE_PEOPLE = ("Ann", "Bob", "Cy")


def _hr_rows(count: int) -> str:
    """An HR export of `count` people, each reporting to someone above them."""
    rows = [f"{n},Given{n},Family{n},Role {n % 40},Dept {n % 25},{(n - 1) // 7 if n else ''},"
            f"p{n}@acme.example\n" for n in range(count)]
    return HR + "".join(rows)


def roster_cases() -> dict[str, Case]:
    """Rosters as HR systems, spreadsheets and people write them."""
    base = BASE.encode()
    return {
        "utf8_bom_crlf": Case(codecs.BOM_UTF8 + BASE.replace("\n", "\r\n").encode(), BASE_PEOPLE),
        "semicolons": Case(BASE.replace(",", ";").encode(), BASE_PEOPLE),
        "tabs": Case(BASE.replace(",", "\t").encode(), BASE_PEOPLE),
        "quoted_newline_in_name": Case(b'name,title\n"Ann\nLee","Head\r\nof sales"\nBob,x\n',
                                       ("Ann\nLee", "Bob")),
        "duplicate_headers": Case(b"name,Name,title,title\nAnn,Ann2,x,y\n", ("Ann",)),
        "header_only": Case(b"name,title,department\n", error="has a header but no people"),
        "header_only_crlf_blank": Case(b"name;title\r\n\r\n;\r\n", error="has a header but no people"),
        "blank_lines_between": Case(b"\n\nname,title\n\nAnn,x\n,\n\nBob,y\n\n", ("Ann", "Bob")),
        "rows_20000": Case(_hr_rows(20_000).encode(), 20_000, big=True),
        "cell_30000": Case(("name,story\nAnn,\"" + "<b>&" * 7_500 + "\"\n").encode(), ("Ann",)),
        "windows_1252": Case("name,title\nAnn,x\nJosé “Q”,Café €\n".encode("cp1252"),
                             error="line 3 has characters in another encoding"),
        "utf16_bom_tabs": Case(BASE.replace(",", "\t").encode("utf-16"), BASE_PEOPLE),
        "utf16_le_no_bom": Case(BASE.encode("utf-16-le"), BASE_PEOPLE),
        "columns_reordered_upper": Case(
            b"STAGE,HANDS_OFF_TO,Department,NAME\nsell,Bob,Sales,Ann\ncontract,,Legal,Bob\n", ("Ann", "Bob")),
        "headers_in_german": Case(
            "Personalnummer;Vorname;Nachname;Position;Abteilung;Vorgesetzter\n"
            "1;Jürgen;Groß;Leiter;Vertrieb;\n2;Anna;Weiß;Juristin;Recht;1\n".encode(),
            ("Jürgen Groß", "Anna Weiß")),
        "headers_in_french": Case(
            "Matricule,Prénom,Nom,Poste,Service,Responsable\n1,Zoé,Lefèvre,Directrice,Ventes,\n"
            "2,Éric,Roux,Juriste,Juridique,1\n".encode(), ("Zoé Lefèvre", "Éric Roux")),
        "headers_in_japanese": Case(
            "社員番号,姓,名,役職,部署,上司\n1,山田,太郎,部長,営業部,\n2,佐藤,花子,課長,法務部,1\n".encode(),
            ("山田太郎", "佐藤花子")),
        "headers_in_chinese": Case(
            "工号,姓名,职位,部门,直属上级\n1,李娜,总经理,销售部,\n2,王伟,律师,法务部,李娜\n".encode(),
            ("李娜", "王伟")),
        "mixed_scripts_hr": Case(
            (HR + "1,娜,李,CEO,Board,,\n2,민준,김,CTO,Eng,1,\n3,محمد,علي,Ops,<Ops> & Co,2,\n"
             "4,😀,<b>&,Clerk,Ops,娜 李,\n").encode(), ("李娜", "김민준", "محمد علي", "😀 <b>&")),
        "duplicate_people": Case(b"name,title\nAnn,x\nAnn,y\nann,z\n", ("Ann", "Ann", "ann")),
        "duplicate_people_handoff": Case(b"name,hands_off_to\nAnn,Bob\nBob,\nBob,\n",
                                          error="2 people have that name"),
        "manager_cycle": Case(HR.encode() + b"1,A,A,x,d,2,\n2,B,B,x,d,3,\n3,C,C,x,d,1,\n",
                              ("A A", "B B", "C C")),
        "self_manager": Case(HR.encode() + b"1,A,A,x,d,1,\n", ("A A",)),
        "missing_managers": Case(HR.encode() + b"1,A,A,x,d,99,\n2,B,B,x,d,Zed Nobody,\n", ("A A", "B B")),
        "handoff_cycle": Case(b"name,hands_off_to,stage\nA,B,sell\nB,C,contract\nC,A,deliver\n",
                              ("A", "B", "C")),
        "unclosed_quote": Case(b'name,title\nAnn,"x\nBob,y\n', error="a quoted field is never closed"),
        "nul_bytes": Case(b"name,title\nA\x00n\x00n,x\n", None),
        "only_bom": Case(codecs.BOM_UTF8, error="is empty"),
        "no_name_column": Case(b"title;department\nx;y\n", error="has no name column"),
        "formula_cells": Case(b"name,title\n=1+2,@SUM(A1)\n+Ann,-x\n", None),
        "long_header_many_columns": Case((",".join(["name", *[f"c{i}" for i in range(300)]]) + "\n"
                                          + ",".join(["Ann", *["v"] * 300]) + "\n").encode(), ("Ann",)),
        "last_first_in_semicolons": Case("Name;Title;Manager\nLee, Ann;CEO;\n李, 娜;CFO;Lee, Ann\n".encode(),
                                         ("Ann Lee", "李娜")),
        "excel_unicode_text": Case(codecs.BOM_UTF16_LE + HR.replace(",", "\t").replace("\n", "\r\n")
                                   .encode("utf-16-le") + "1\t娜\t李\tCEO\tBoard\t\t\r\n".encode("utf-16-le"),
                                   ("李娜",)),
        "old_mac_line_ends": Case(b"name,title\rAnn,x\rBob,y\r", ("Ann", "Bob")),
        "emoji_headers": Case("😀 name,title 🎉\nAnn,x\n".encode(), error="has no name column"),
        "handoff_to_a_thousand": Case(("name,hands_off_to\nHub," + ";".join(f"P{i}" for i in range(1000))
                                       + "\n" + "".join(f"P{i},\n" for i in range(1000))).encode(), 1001),
        "duplicate_ids_manager": Case(HR.encode() + b"1,A,A,x,d,,\n1,B,B,x,d,,\n2,C,C,x,d,1,\n",
                                      error="is the ID of several people"),
        "customers_and_stages_any_case": Case(
            b"name,kind,stage,hands_off_to\nAnn,Colleague,SELL,Acme\nAcme,CUSTOMER,,\n", ("Ann", "Acme")),
        "quoted_delimiters_crlf": Case(b'name,title\r\n"Lee, Ann","a, b\r\nc"\r\n', ("Ann Lee",)),
        "workbook": Case(_workbook([["Employee ID", "First Name", "Last Name", "Manager", "Start"],
                                    [1, "娜", "李", None, "2020-01-01"], [2, "Ann", "<b>&", 1, "=1+1"]]),
                         ("李娜", "Ann <b>&"), suffix=".xlsx"),
        "workbook_empty": Case(_workbook([]), error="is empty", suffix=".xlsx"),
        "base": Case(base, BASE_PEOPLE),
    }


def _workbook(rows: list[list[object]]) -> bytes:
    """An Excel workbook with one sheet of these rows."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    return data


def _changed(change: Callable[[dict[str, Any]], object]) -> bytes:
    data = _example()
    change(data)
    return json.dumps(data, ensure_ascii=False).encode()


def _first(data: dict[str, Any], table: str) -> dict[str, Any]:
    record: dict[str, Any] = next(iter(data[table].values()))
    return record


def _dropped(table: str, key: str) -> Callable[[dict[str, Any]], object]:
    return lambda d: [record.pop(key, None) for record in d[table].values()]


def _duplicate_person_id(data: dict[str, Any]) -> None:
    people = data["people"]
    first, second = list(people)[:2]
    people[second]["id"] = people[first]["id"]


def _duplicate_key_text() -> bytes:
    """The same table key twice in the JSON text (json.loads keeps the last)."""
    text = EXAMPLE.read_text("utf-8")
    return re.sub(r'("people": \{)', r'\1"1": {"id": "dup", "name": "Shadow"}, ', text, count=1).encode()


def map_cases() -> dict[str, Case]:
    """Maps damaged, edited by hand or by another tool, or from elsewhere."""
    good = EXAMPLE.read_bytes()
    return {
        "example": Case(good, 17),
        "truncated": Case(good[: len(good) // 3], error="not complete JSON"),
        "a_json_list": Case(b"[]", error="not a Contract Walk map"),
        "a_json_string": Case(b'"map"', error="not a Contract Walk map"),
        "future_format": Case(_changed(lambda d: _first(d, "meta").update(format=4)),
                              error="newer Contract Walk"),
        "no_people_table": Case(_changed(lambda d: d.pop("people")), error="a hand-off joins two people"),
        "people_without_optional_fields": Case(_changed(_dropped("people", "outreach")), 17),
        "handoffs_without_what": Case(_changed(_dropped("handoffs", "what")), 17),
        "person_without_name": Case(_changed(lambda d: _first(d, "people").pop("name")),
                                    error="has no 'name'"),
        "name_a_number": Case(_changed(lambda d: _first(d, "people").update(name=7)),
                              error="name must be text"),
        "kpis_a_string": Case(_changed(lambda d: _first(d, "departments").update(kpis="NPS")),
                              error="KPIs are a list of texts"),
        "two_way_a_string": Case(_changed(lambda d: _first(d, "handoffs").update(two_way="yes")),
                                 error="two_way must be true or false"),
        "extra_a_list": Case(_changed(lambda d: _first(d, "people").update(extra=["x"])),
                             error="extra fields are text"),
        "cadence_text": Case(_changed(lambda d: _first(d, "people").update(cadence_days="monthly")),
                             error="a keep-in-touch cadence is a whole number of days"),
        "outreach_a_dict": Case(_changed(lambda d: _first(d, "people").update(outreach={"a": 1})),
                                error="'outreach' is broken"),
        "checkup_answers_text": Case(_changed(lambda d: _first(d, "checkups").update(answers="good")),
                                     error="'answers' is broken"),
        "action_items_null": Case(_changed(lambda d: _first(d, "sessions").update(action_items=None)),
                                  error="'action_items' is broken"),
        "huge_name": Case(_changed(lambda d: _first(d, "people").update(name="<b>&" * 7_500)), 17),
        "huge_description": Case(_changed(lambda d: _first(d, "meta").update(description="字" * 300_000)),
                                 17),
        "duplicate_person_id": Case(_changed(_duplicate_person_id), error="already has a person with id"),
        "duplicate_table_key": Case(_duplicate_key_text(), 17),  # JSON's rule: the last one counts
        "dangling_handoff_source": Case(_changed(lambda d: _first(d, "handoffs").update(source="gone")),
                                        error="a hand-off joins two people"),
        "handoff_to_self": Case(_changed(lambda d: _first(d, "handoffs").update(
            target=_first(d, "handoffs")["source"])), error="goes from one person to another"),
        "dangling_manager": Case(_changed(lambda d: _first(d, "people").update(reports_to="gone")),
                                 error="reports to somebody who is not in the map"),
        "dangling_you": Case(_changed(lambda d: _first(d, "meta").update(you_id="gone")),
                             error="the person marked 'you' is not in the map"),
        "person_kind_alien": Case(_changed(lambda d: _first(d, "people").update(kind="alien")),
                                  error="kind must be one of colleague, customer"),
        "contact_in_year_9999": Case(_changed(lambda d: _first(d, "people").update(
            outreach=[{"id": "o1", "date": "9999-12-31", "channel": "call", "note": ""}])), 17),
        "emoji_cjk_arabic_text": Case(_changed(lambda d: _first(d, "people").update(
            name="😀 李娜 محمد", title="<b>x & y</b>")), 17),
    }
