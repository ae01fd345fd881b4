"""`import-csv` with rosters nobody planned for: other encodings and delimiters, broken CSV,
empty and huge files, hostile text. Each one is imported as written or refused with a
line that says what is wrong and where, and a refused import writes nothing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from model.storage.store import load
from tests.cli_harness import EXAMPLE, folder_state, refused, run

BASE = ("name,title,department,hands_off_to,stage\n"
        "Ann,Sales lead,Sales,Bob,sell\nBob,Counsel,Legal,,contract\n")

# roster bytes -> the people the map must hold, in roster order
READ_AS_WRITTEN: dict[str, tuple[bytes, list[str]]] = {
    "utf16_bom": (BASE.encode("utf-16"), ["Ann", "Bob"]),
    "utf16le_no_bom": (BASE.encode("utf-16-le"), ["Ann", "Bob"]),
    "utf16be_bom": (b"\xfe\xff" + BASE.encode("utf-16-be"), ["Ann", "Bob"]),
    "utf32_bom": (BASE.encode("utf-32"), ["Ann", "Bob"]),
    "utf8_bom": (b"\xef\xbb\xbf" + BASE.encode(), ["Ann", "Bob"]),
    "semicolons": (BASE.replace(",", ";").encode(), ["Ann", "Bob"]),
    "tabs": (BASE.replace(",", "\t").encode(), ["Ann", "Bob"]),
    "crlf_and_lone_cr": (b"name,title\r\nAnn,x\rBob,y\n", ["Ann", "Bob"]),
    "quoted_newlines": (b'name,title\n"Ann\nLee","Head\nof sales"\nBob,x\n', ["Ann\nLee", "Bob"]),
    "extra_and_blank_columns": (b"name,foo,bar,,\nAnn,1,2,3,4\n", ["Ann"]),
    "duplicate_header": (b"name,name,title\nAnn,Ann2,x\n", ["Ann"]),
    "sep_line_first": (b"sep=;\nname;title\nAnn;x\n", ["Ann"]),
    "no_final_newline": (b"name\nAnn", ["Ann"]),
    "csv_named_xlsx": (BASE.encode(), ["Ann", "Bob"]),
    "cell_30000": (("name,story\nAnn," + "A" * 30_000 + "\n").encode(), ["Ann"]),
    "name_30000": (("name\n" + "N" * 30_000 + "\n").encode(), ["N" * 30_000]),
    "hostile_text": (
        ('name,title,department,hands_off_to,stage\n'
         '"<b>Ann & Co</b>","x<y>z","Sales & <Ops>","😀 Bob",sell\n'
         '"😀 Bob","销售经理","مبيعات","王伟",contract\n'
         '"王伟","zero\u200bwidth\u200d","Dept\x07bell","",deliver\n'
         '"محمد علي","\u202eoverride","","<b>Ann & Co</b>",invoice\n').encode(),
        ["<b>Ann & Co</b>", "😀 Bob", "王伟", "محمد علي"],
    ),
}

# roster bytes -> a piece of the one error it must give
REFUSED: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "is empty"),
    "only_blank_lines": (b"  \n\n", "is empty"),
    "header_only": (b"name,title\n", "has a header but no people"),
    "no_name_column": (b"title,department\nx,y\n", "has no name column (found: 'title', 'department')"),
    "latin1": ("name,title\nZoë,Chef\n".encode("latin-1"), "not a text CSV file in UTF-8 (line 2"),
    "cp1252": ("name,title\nAnn,x\nJosé “Q”,Café €\n".encode("cp1252"), "(line 3"),
    "binary": (bytes(range(256)) * 4, "looks like binary data"),
    "pdf_renamed": (b"%PDF-1.4\n%...", "it looks like a PDF"),
    "old_excel": (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "an old Excel or Office file"),
    "ragged_row": (b"name,title\nAnn\nBob,x,y,z\n", "line 3: 4 fields, but the header has 2"),
    "unclosed_quote": (b'name,title\n"Ann,x\nBob,y\n', "line 2: a quoted field is never closed"),
    "blank_names": (b"name,title\nAnn,x\n,y\n", "line 3: no name"),
    "unknown_stage": (b"name,stage\nAnn,nowhere\n", "line 2: unknown stage 'nowhere'"),
    "unknown_kind": (b"name,kind\nAnn,alien\n", "line 2: unknown kind 'alien'"),
    "hands_off_to_nobody": (b"name,hands_off_to\nAnn,Zed\n", "line 2: hands_off_to names 'Zed'"),
    "hands_off_to_self": (b"name,hands_off_to\nAnn,Ann\n", "line 2: 'Ann' hands off to themselves"),
    "escape_codes": (b"name,kind\nAnn,\x1b[2J\n", "unknown kind '\\x1b[2J'"),
    "a_map": (EXAMPLE.read_bytes(), "roster.csv is a Contract Walk map, not a roster (to take its people"),
    "json": (b'[{"name": "Ann"}]', "roster.csv holds JSON, not a roster"),
}


@pytest.mark.parametrize("case", sorted(READ_AS_WRITTEN))
def test_a_roster_in_any_supported_shape_imports_as_written(case: str, tmp_path: Path) -> None:
    data, people = READ_AS_WRITTEN[case]
    roster = tmp_path / ("roster.xlsx" if case == "csv_named_xlsx" else "roster.csv")
    roster.write_bytes(data)
    out = tmp_path / "map.cwalk"
    proc = run("import-csv", roster, "-o", out)
    assert proc.returncode == 0, proc.stderr
    doc = load(out)
    assert [p.name for p in doc.people.values()] == people
    if case == "hostile_text":
        names = {p.name: p for p in doc.people.values()}
        assert names["王伟"].title == "zero\u200bwidth\u200d"
        assert {d.name for d in doc.departments.values()} >= {"Sales & <Ops>", "مبيعات"}
        assert len(doc.handoffs) == 3
    if case == "cell_30000":
        assert next(iter(doc.people.values())).story.hand_on.count("A") == 30_000


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_broken_roster_is_refused_with_where_and_what(case: str, tmp_path: Path) -> None:
    data, expected = REFUSED[case]
    (tmp_path / "roster.csv").write_bytes(data)
    before = folder_state(tmp_path)
    said = refused("import-csv", tmp_path / "roster.csv", "-o", tmp_path / "map.cwalk")
    assert expected in said
    assert "\x1b" not in said  # a control character in the file is shown, never sent to the terminal
    assert folder_state(tmp_path) == before


def test_a_wide_roster_warns_once_with_a_readable_line(tmp_path: Path) -> None:
    header = ",".join(["name", *(f"c{i}" for i in range(3000))])
    (tmp_path / "wide.csv").write_text(header + "\n" + ",".join(["Ann", *(["v"] * 3000)]) + "\n")
    proc = run("import-csv", tmp_path / "wide.csv", "-o", tmp_path / "map.cwalk")
    assert proc.returncode == 0
    (warning,) = proc.stderr.splitlines()
    assert warning.startswith("warning: kept 3000 columns as extra fields: 'c0', 'c1'")
    assert warning.endswith("'c19' and 2,980 more") and len(warning) < 300
    assert len(next(iter(load(tmp_path / "map.cwalk").people.values())).extra) == 3000


def test_fifty_thousand_rows_import_and_a_mistake_on_the_last_is_found(tmp_path: Path) -> None:
    stages = ("sell", "contract", "build", "deliver")
    rows = [f"P{i},T{i},D{i % 40},P{i + 1},{stages[i % 4]}" for i in range(49_999)]
    good = "name,title,department,hands_off_to,stage\n" + "\n".join(rows) + "\nP49999,T,D0,,renew\n"
    (tmp_path / "big.csv").write_text(good)
    proc = run("import-csv", tmp_path / "big.csv", "-o", tmp_path / "big.cwalk")
    assert proc.returncode == 0, proc.stderr
    assert "50000 colleagues" in proc.stdout and "49999 hand-offs" in proc.stdout
    (tmp_path / "bad.csv").write_text(good.replace("P49999,T,D0,,renew", "P49999,T,D0,Nobody,renew"))
    said = refused("import-csv", tmp_path / "bad.csv", "-o", tmp_path / "bad.cwalk")
    assert said == "line 50001: hands_off_to names 'Nobody', who is not in the roster"
    assert not (tmp_path / "bad.cwalk").exists()


def test_the_hostile_roster_exports_everywhere_and_its_pdf_is_sound(tmp_path: Path) -> None:
    data, _people = READ_AS_WRITTEN["hostile_text"]
    (tmp_path / "hostile.csv").write_bytes(data)
    mapfile = tmp_path / "hostile.cwalk"
    assert run("import-csv", tmp_path / "hostile.csv", "-o", mapfile).returncode == 0
    for flag in ("pdf", "svg", "png", "graphml", "csv", "ics"):
        out = tmp_path / f"out.{flag}"
        proc = run("export", mapfile, f"--{flag}", out)
        assert proc.returncode == 0 and out.stat().st_size > 0, (flag, proc.stderr)
    # the PDF is sound: a strict reader finds its cross-reference table, every page and their text
    # (pypdf, from the venv: a fresh machine has no qpdf)
    reader = PdfReader(tmp_path / "out.pdf", strict=True)
    assert len(reader.pages) > 0
    assert all(page.extract_text() is not None for page in reader.pages)
    assert "Contract Walk" in (reader.metadata.creator or "") + (reader.metadata.producer or "")
    again = tmp_path / "again.cwalk"  # the CSV export imports back to the same people
    assert run("import-csv", tmp_path / "out.csv", "-o", again).returncode == 0
    assert sorted(p.name for p in load(again).people.values()) == sorted(
        p.name for p in load(mapfile).people.values())


def test_merging_a_hostile_roster_into_a_map_prints_its_text_escaped(tmp_path: Path) -> None:
    mapfile = tmp_path / "map.cwalk"
    shutil.copy(EXAMPLE, mapfile)
    (tmp_path / "r.csv").write_text("name,title,department\nAnn\x1b[2J,Clerk\u202e,Dept\x07bell\n", "utf-8")
    proc = run("import-csv", tmp_path / "r.csv", "-o", mapfile, "--into")
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout and "\u202e" not in proc.stdout
    assert "+ Ann\\x1b[2J — Clerk\\u202e, Dept\\x07bell" in proc.stdout
    assert len(proc.stdout.splitlines()) > 5  # the report keeps its lines
    people = {p.name: p for p in load(mapfile).people.values()}
    assert people["Ann\x1b[2J"].title == "Clerk\u202e"  # the map keeps what the roster says
