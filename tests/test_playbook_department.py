"""One playbook per team: `export MAP --pdf OUT --department NAME` and `--per-department`."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

import main
from bench.mapgen import make_big_map
from export.pdf.focus import Focus, file_part, resolve
from export.playbook import PlaybookError, write_playbook
from model.storage.store import load
from tests.pdftext import pdf_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assets" / "example.cwalk"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main.main(["export", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def outline_titles(path: Path) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(PdfReader(str(path)).outline)
    return titles


@pytest.fixture()
def example(tmp_path: Path) -> Path:
    copy = tmp_path / "example.cwalk"
    shutil.copy(EXAMPLE, copy)
    return copy


def test_department_playbook_holds_the_team_and_its_neighbours_hand_offs(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "legal.pdf"
    code, stdout, err = run([str(example), "--pdf", str(out), "--department", "legal"], capsys)
    assert code == 0, err
    titles = outline_titles(out)
    assert "Priya Raman" in titles  # Legal's role
    assert "Lars Nilsson" not in titles and "Maya Lindqvist" not in titles  # Production's, Sales's
    text = pdf_text(out)
    assert "For Legal" in text
    # the hand-off in from Contract administration, and the one out, name the other department
    assert "Takes" in text and "(Contract administration)" in text
    whole = tmp_path / "all.pdf"
    assert run([str(example), "--pdf", str(whole)], capsys)[0] == 0
    assert len(PdfReader(str(out)).pages) < len(PdfReader(str(whole)).pages)


def test_several_departments_in_one_playbook(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "two.pdf"
    code, _out, err = run([str(example), "--pdf", str(out), "--department", "Sales",
                           "--department", "  production "], capsys)
    assert code == 0, err
    titles = outline_titles(out)
    assert {"Maya Lindqvist", "Lars Nilsson", "Noah Fischer"} <= set(titles)
    assert "Priya Raman" not in titles
    assert "For Sales and Production" in pdf_text(out)


def test_unknown_department_is_a_user_error_listing_the_departments(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    code, _out, err = run([str(example), "--pdf", str(out), "--department", "Marketing"], capsys)
    assert code == 2
    assert err.startswith("error: ") and "'Marketing'" in err
    assert "Finance: invoicing" in err and "Legal" in err
    assert not out.exists()


def test_per_department_writes_one_playbook_each_with_safe_names(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "books"
    code, stdout, err = run([str(example), "--pdf-dir", str(folder), "--per-department"], capsys)
    assert code == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 12
    assert "example-Finance-invoicing.pdf" in names and "example-Service-and-support.pdf" in names
    assert "Hannah Schmidt" in outline_titles(folder / "example-Finance-invoicing.pdf")


def test_per_department_only_with_a_folder(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run([str(example), "--pdf", str(tmp_path / "x.pdf"), "--per-department"], capsys)
    assert code == 2 and "--pdf-dir" in err
    code, _out, err = run([str(example), "--png", str(tmp_path / "x.png"), "--department", "Legal"], capsys)
    assert code == 2 and err.startswith("error: ")
    assert not list(tmp_path.glob("x.*"))


def test_file_part_is_safe_in_any_script() -> None:
    assert file_part("Finance: invoicing") == "Finance-invoicing"
    assert file_part("../../etc") == "etc"
    assert file_part("المالية") == "المالية"
    assert file_part("///") == "department"


def test_resolve_refuses_nothing_and_keeps_lane_order() -> None:
    doc = load(EXAMPLE)
    ids = resolve(doc, ["Legal", "sales"])
    assert [doc.departments[i].name for i in ids] == ["Sales", "Legal"]
    with pytest.raises(ValueError):
        resolve(doc, ["  "])
    with pytest.raises(PlaybookError):
        write_playbook(doc, Path("/nonexistent-folder/x.pdf"), departments=["nope"])


def test_a_big_organisations_department_playbook_is_tens_of_pages(tmp_path: Path) -> None:
    doc = make_big_map(2000, seed=1)
    first = next(iter(doc.departments.values()))
    focus = Focus(doc, [first.id])
    assert 30 <= len(focus.people) <= 120
    out = write_playbook(doc, tmp_path / "team.pdf", departments=[first.name])
    pages = len(PdfReader(str(out)).pages)
    assert pages <= 99, pages  # the whole map's playbook is over a thousand
    titles = set(outline_titles(out))
    for pid in list(focus.people)[:10]:
        person = doc.people[pid]
        if person.placed:
            assert any(person.name in t for t in titles)



def test_a_long_or_hostile_department_name_makes_a_safe_playbook(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from model.document import Document
    from model.entities import Department, MapInfo, Person
    from model.storage.store import save

    doc = Document(MapInfo(title="Edge"))
    long = doc.add("department", Department(name="Long " * 60))
    odd = doc.add("department", Department(name="../<b>Sales</b> & Co: 😀"))
    doc.add("department", Department(name="Empty team"))
    doc.add("person", Person(name="Ann", department_id=long.id, stage="sell"))
    doc.add("person", Person(name="Bob", department_id=odd.id, stage="sell"))
    assert len(Focus(doc, [long.id]).label) <= 60  # the footer line is never cut: the name is
    path = tmp_path / "edge.cwalk"
    save(doc, path)
    folder = tmp_path / "out"
    code, _out, err = run([str(path), "--pdf-dir", str(folder), "--per-department"], capsys)
    assert code == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(["edge-Empty-team.pdf", "edge-b-Sales-b-Co.pdf",
                            "edge-" + "-".join(["Long"] * 12) + ".pdf"])
    assert "Still to do" in pdf_text(folder / "edge-Empty-team.pdf")  # a team with nobody yet
