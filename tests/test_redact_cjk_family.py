"""A redacted playbook leaks no part of a Chinese, Japanese or Korean name written without a
space: 李娜 was replaced only whole, so a note saying 小李 (or 田中さん, 김 과장) printed the
family name. Read back from the text layer, the bookmarks and the metadata."""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from export.playbook import write_playbook
from model.document import Document
from model.entities import Department, Handoff, MapInfo, Person, Story
from model.redaction.family import family_forms, family_name
from tests.pdftext import pdf_text


def _map() -> Document:
    doc = Document(MapInfo(title="采购 walk"))
    buy = doc.add("department", Department(name="采购部"))
    eng = doc.add("department", Department(name="技術部"))
    sales = doc.add("department", Department(name="영업부"))
    li = doc.add("person", Person(name="李娜", title="采购经理", department_id=buy.id, stage="procure",
                                  story=Story(hand_on="小李负责采购订单。")))
    tanaka = doc.add("person", Person(name="田中太郎", title="エンジニア", department_id=eng.id,
                                      stage="specify", story=Story(hand_on="田中さんが仕様書を渡します。")))
    kim = doc.add("person", Person(name="김민준", title="영업 관리자", department_id=sales.id, stage="sell",
                                   story=Story(hand_on="김 과장이 계약서를 넘깁니다. 김씨가 김치를 샀다.")))
    doc.add("person", Person(name="이민호", title="영업 사원", department_id=sales.id, stage="sell",
                             story=Story(hand_on="이것이 제 일입니다. 이 과장님께 드립니다.")))
    doc.add("handoff", Handoff(source=kim.id, target=tanaka.id, what="계약서", stage="sell"))
    doc.add("handoff", Handoff(source=tanaka.id, target=li.id, what="仕様書", stage="specify"))
    return doc


def test_family_names_are_found_in_names_written_without_a_space() -> None:
    assert family_name("李娜") == "李" and family_name("王小明") == "王"
    assert family_name("田中太郎") == "田中" and family_name("田中さくら") == "田中"
    assert family_name("김민준") == "김" and family_name("남궁민수") == "남궁"
    assert family_name("欧阳娜娜") == "欧阳"
    assert family_name("王") is None and family_name("Anna") is None
    # a one-character family name is also an everyday character: replaced where it names someone
    li = family_forms("李娜")
    assert "小李" in li and "李经理" in li and "李" not in li
    assert "김" in family_forms("김민준") and "김씨" in family_forms("김민준")  # 김 as a word of its own
    assert family_forms("田中太郎") == ["田中"] and family_forms("Anna") == []


def _outline(items: list[object]) -> list[str]:
    out: list[str] = []
    for item in items:
        out += _outline(item) if isinstance(item, list) else [str(getattr(item, "title", ""))]
    return out


def test_no_part_of_a_cjk_name_leaks_from_a_redacted_playbook(tmp_path: Path) -> None:
    out = tmp_path / "redacted.pdf"
    write_playbook(_map(), out, redact=True)
    reader = PdfReader(str(out))
    places = {
        "text": pdf_text(out),
        "bookmarks": " ".join(_outline(reader.outline)),
        "metadata": " ".join(str(v) for v in (reader.metadata or {}).values()),
    }
    for where, text in places.items():
        for part in ("李", "娜", "田中", "太郎", "김 과장", "김씨", "민준", "이 과장", "이민호"):
            assert part not in text, (where, part)
    text = " ".join(places["text"].split())
    # the rest of the text stays, the everyday syllables 김 (in 김치) and 이 (in 이것이) too
    for kept in ("负责采购订单", "仕様書を渡します", "계약서를 넘깁니다", "김치를", "이것이 제 일입니다"):
        assert kept in text
    assert "采购经理" in text and "エンジニア" in text  # people named by role instead
