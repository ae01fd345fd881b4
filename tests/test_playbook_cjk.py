"""Chinese and Japanese in the playbook: lines broken with kinsoku (no line starts with 。、」・
or full-width punctuation) and names in bold like every other name (synthetic bold: the
bundled CJK face has none)."""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from export.playbook import write_playbook
from model.document import Document
from model.entities import Department, MapInfo, Person, Story
from tests.pdftext import pdf_text

CANNOT_START = "。、・」』）！？：；，．》〉"


def _cjk_map(story: str) -> Document:
    doc = Document(MapInfo(title="CJK"))
    dept = doc.add("department", Department(name="采购部"))
    doc.add("person", Person(name="王小明", title="采购经理", department_id=dept.id, stage="procure",
                             story=Story(hand_on=story)))
    return doc


def test_no_line_starts_with_closing_punctuation(tmp_path: Path) -> None:
    story = ("我负责采购客户需要的材料，" * 3 + "客户・供应商「合同」、交付。" * 6 + "请确认：" * 10
             + "日本語の文章です。" * 12)
    out = tmp_path / "cjk.pdf"
    write_playbook(_cjk_map(story), out, sections=["roles"])
    lines = [line.strip() for line in pdf_text(out).splitlines() if line.strip()]
    story_lines = [line for line in lines if any("\u3040" <= ch <= "\u9fff" for ch in line)]
    assert len(story_lines) >= 6  # the story really wraps over several lines
    bad = [line for line in story_lines if line[0] in CANNOT_START]
    assert not bad, bad


def test_cjk_names_print_bold(tmp_path: Path) -> None:
    out = tmp_path / "bold.pdf"
    write_playbook(_cjk_map("我负责采购。"), out, sections=["roles"])
    content = b"".join(page.get_contents().get_data() for page in PdfReader(str(out)).pages)
    assert b" 2 Tr " in content and b" 0 Tr " in content  # filled and stroked: synthetic bold
    plain = tmp_path / "latin.pdf"
    doc = Document(MapInfo(title="Latin"))
    doc.add("person", Person(name="Dana Lee", title="Buyer", stage="procure"))
    write_playbook(doc, plain, sections=["roles"])
    content = b"".join(page.get_contents().get_data() for page in PdfReader(str(plain)).pages)
    assert b" 2 Tr " not in content  # Latin has a real bold face


def test_every_font_subset_has_its_own_name(tmp_path: Path) -> None:
    """The bold CJK face is its own font in the PDF, and no two subsets share a tag."""
    from tests.playbook_maps import hostile_map

    out = tmp_path / "fonts.pdf"
    write_playbook(hostile_map(long_story=False), out, sections=["walk", "roles"])
    fonts: dict[int, str] = {}
    for page in PdfReader(str(out)).pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            fonts[ref.idnum] = str(ref.get_object()["/BaseFont"])
    names = list(fonts.values())
    assert len(names) >= 5 and len(set(names)) == len(names)
    tags = [n.lstrip("/").split("+")[0] for n in names]
    assert len(set(tags)) == len(tags)
    assert any(n.endswith("+DroidSansFallback-Bold") for n in names)


def _fonts_of_pages(path: Path) -> list[str]:
    names: list[str] = []
    for page in PdfReader(str(path)).pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            names.append(str(ref.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def test_korean_names_print_bold_like_every_other_name(tmp_path: Path) -> None:
    """Hangul comes from NanumSquare Regular (no bold in the bundle): a Korean name on a role's
    card and in the walk is set in its synthetic bold face, as a Chinese name is."""
    doc = Document(MapInfo(title="Korean"))
    dept = doc.add("department", Department(name="영업부"))
    doc.add("person", Person(name="김민준", title="영업 관리자", department_id=dept.id, stage="sell",
                             story=Story(hand_on="계약서를 넘깁니다.")))
    out = tmp_path / "korean.pdf"
    write_playbook(doc, out, sections=["roles"])
    assert "김민준" in pdf_text(out)
    assert "NanumSquare-Bold" in _fonts_of_pages(out)  # the name: bold, the story: regular
    assert "NanumSquareR" in _fonts_of_pages(out)
    content = b"".join(page.get_contents().get_data() for page in PdfReader(str(out)).pages)
    assert b" 2 Tr " in content


def test_latin_punctuation_between_cjk_words_adds_no_spaces(tmp_path: Path) -> None:
    """A mostly-Chinese paragraph wraps the CJK way and is not shaped: a bracket between two CJK
    runs (a bracket the CJK face lacks) stays where it was typed ("( 技術部 )" printed spaced out)."""
    out = tmp_path / "brackets.pdf"
    write_playbook(_cjk_map("请把订单交给(采购部)的同事，再通知[财务部]。"), out, sections=["roles"])
    text = pdf_text(out)
    assert "(采购部)的同事" in text and "[财务部]。" in text
