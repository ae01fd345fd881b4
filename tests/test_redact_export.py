"""`export --redact` as a user runs it: no person's first or last name anywhere in the PDF
(its text, metadata and outline), SVG, GraphML or CSV — for the example map and a hostile
one — and `--redact-orgs` takes the organisations out too."""
from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

import main
from model.document import Document
from model.entities import (
    CUSTOMER,
    OUTSOURCED,
    ActionItem,
    Department,
    Handoff,
    MapInfo,
    Person,
    Session,
    Story,
)
from model.example import build_example
from model.storage.store import save
from tests.pdftext import pdf_text

FORMATS = ("pdf", "svg", "graphml", "csv")
ORGS = ["Halvorsen", "Riverside", "FreightLine", "ProInstall"]


def hostile_map() -> Document:
    doc = Document.with_standard_statements(
        MapInfo(title="Walk of <Zoë> & Co", prepared_for="Zoë O'Brien, Account executive",
                prepared_by="王小明 & فاطمة الزهراء", organisation="Acme <GmbH> & Co",
                description="Zoë's map; Renée 😀 Dubois and Annabel were there. Annual review with Ann.")
    )
    sales = doc.add("department", Department(name="Sales & <Marketing>", kpis=["Ann's KPI: 90 %"]))
    legal = doc.add("department", Department(name="قانوني"))
    zoe = doc.add("person", Person(name="Zoë O'Brien", title="Account executive", department_id=sales.id,
                                   email="zoe@acme.example", phone="+1 (555) 010-0199",
                                   story=Story(moment="فاطمة الزهراء and 王小明 helped; Ann did too.")))
    fatima = doc.add("person", Person(name="فاطمة الزهراء", title="محاسبة", department_id=legal.id))
    wang = doc.add("person", Person(name="王小明", title="采购经理", department_id=sales.id,
                                    sourcing=OUTSOURCED, vendor="Shanghai Parts Ltd"))
    renee = doc.add("person", Person(name="Renée 😀 Dubois", title="Service lead <b>",
                                     department_id=sales.id))
    ann = doc.add("person", Person(name="Ann", title="Buyer", kind=CUSTOMER, vendor="Globex & Sons"))
    doc.add("handoff", Handoff(source=zoe.id, target=fatima.id, what="Zoë's <notes> for فاطمة"))
    doc.add("handoff", Handoff(source=fatima.id, target=wang.id, what="王小明的订单", stage="procure"))
    doc.add("handoff", Handoff(source=wang.id, target=renee.id, what="Parts from Renée's list"))
    doc.add("handoff", Handoff(source=renee.id, target=ann.id, what="Service for Ann", stage="deliver"))
    doc.add("session", Session(date="2026-11-02", title="Zoë's first session", notes="Renée Dubois & Ann",
                               action_items=[ActionItem(text="Ask Dubois", owner="Zoë")]))
    return doc


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Document, dict[str, Path], str]]:
    """Each map exported to every format with --redact (and the example with --redact-orgs)."""
    out: dict[str, tuple[Document, dict[str, Path], str]] = {}
    folder = tmp_path_factory.mktemp("redact")
    for name, doc, flags in (("example", build_example(), ["--redact"]),
                             ("hostile", hostile_map(), ["--redact"]),
                             ("orgs", build_example(), ["--redact-orgs"])):
        path = folder / f"{name}.cwalk"
        save(doc, path)
        files = {fmt: folder / f"{name}.{fmt}" for fmt in FORMATS}
        for fmt, target in files.items():
            assert main.main(["export", str(path), f"--{fmt}", str(target), *flags]) == 0
        out[name] = (doc, files, "")
    return out


def outputs(files: dict[str, Path]) -> dict[str, str]:
    """Every text a reader (or a program) can get out of the exports."""
    reader = pypdf.PdfReader(files["pdf"])
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(reader.outline)
    return {
        "pdf text": pdf_text(files["pdf"]),
        "pdf metadata": " ".join(str(v) for v in (reader.metadata or {}).values()),
        "pdf outline": "\n".join(titles),
        **{fmt: files[fmt].read_text("utf-8-sig") for fmt in ("svg", "graphml", "csv")},
    }


def name_words(doc: Document) -> list[str]:
    return sorted({w for p in doc.people.values() for w in re.findall(r"\w+", p.name) if len(w) > 1})


def found(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE)]


@pytest.mark.parametrize("name", ["example", "hostile", "orgs"])
def test_no_first_or_last_name_in_any_output(written: dict, name: str) -> None:
    doc, files, _ = written[name]
    words = name_words(doc)
    for where, text in outputs(files).items():
        assert not found(text, words), (name, where)
        for p in doc.people.values():
            for secret in (p.email, p.phone):
                assert not secret or secret not in text, (name, where)


def test_example_pdf_names_roles_and_prints_prepared_for_once(written: dict) -> None:
    _doc, files, _ = written["example"]
    text = pdf_text(files["pdf"])
    assert "Applications Engineer (Engineering)'s map of the Riverside pump order" in text
    footer = "Prepared for Applications Engineer (Engineering) by customer-experience coach"
    assert footer in text.replace("\n", " ")
    assert "Applications Engineer (Engineering), Applications Engineer" not in text
    assert "Jordan" not in text  # the coach is nobody on the map: left out, and said so beforehand


def test_hostile_map_keeps_other_words_whole(written: dict) -> None:
    _doc, files, _ = written["hostile"]
    text = pdf_text(files["pdf"])
    assert "Annabel" in text and "Annual review" in text  # "Ann" is redacted, words holding it are not
    assert "Sales & <Marketing>" in text


def test_organisations_only_when_asked(written: dict) -> None:
    _doc, plain, _ = written["example"]
    assert found(outputs(plain)["pdf text"], ORGS)
    _doc, files, _ = written["orgs"]
    for where, text in outputs(files).items():
        assert not found(text, ORGS), where
    assert "Plant Manager (Customer A)" in outputs(files)["csv"]


def test_cli_says_what_redaction_may_miss(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "example.cwalk"
    save(build_example(), path)
    assert main.main(["export", str(path), "--csv", str(tmp_path / "out.csv"), "--redact"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err and all(line.startswith("warning: ") for line in err)
    assert any("\u201cJordan Ellis\u201d (prepared by) is nobody on the map" in line for line in err)
