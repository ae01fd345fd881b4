"""How the playbook falls onto pages: no near-empty pages inside a part, no heading left at
the foot of a page, empty sections collapsed into one "Still to do" page, and a role that
runs on to further pages named in the running header with "(cont.)"."""
from __future__ import annotations

import ctypes
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from pypdf import PdfReader

import main
from export.playbook import write_playbook
from model.storage.store import load
from tests.pdftext import pdf_text
from tests.playbook_maps import hostile_map

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assets" / "example.cwalk"
BAND = 60.0  # running header and footer: the top and bottom 60 pt of a page


def pages(path: Path) -> list[dict[str, object]]:
    """Per page: the running header's section (its '(cont.)' part cut off), the text lines of the
    text area (distinct baselines), and the size and text of its lowest line."""
    out: list[dict[str, object]] = []
    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        tp = page.get_textpage()
        w, h = page.get_size()
        header = tp.get_text_bounded(0, h - BAND, w, h).strip().replace("\r\n", " ")
        baselines: set[int] = set()
        lowest: tuple[float, float] | None = None
        for k in range(raw.FPDFText_CountChars(tp.raw)):
            if not chr(raw.FPDFText_GetUnicode(tp.raw, k)).strip():
                continue
            left, right, bottom, top = (ctypes.c_double() for _ in range(4))
            raw.FPDFText_GetCharBox(tp.raw, k, *(ctypes.byref(v) for v in (left, right, bottom, top)))
            y = bottom.value
            if BAND < y < h - BAND:
                baselines.add(round(y / 2))
                if lowest is None or y < lowest[0]:
                    lowest = (y, raw.FPDFText_GetFontSize(tp.raw, k))
        low_text = ""
        if lowest is not None:
            low_text = tp.get_text_bounded(0, lowest[0] - 1, w, lowest[0] + lowest[1]).strip()
        section = header.split(" \u2014 ")[0].split()[-1] if header else "cover"
        out.append({"header": header, "part": section, "lines": len(baselines),
                    "low_size": lowest[1] if lowest else 0.0, "low_text": low_text})
    pdf.close()
    return out


@pytest.fixture(scope="module")
def example_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, object]]]:
    folder = tmp_path_factory.mktemp("flow")
    out = {}
    for size in ("a4", "letter"):
        path = folder / f"example-{size}.pdf"
        write_playbook(load(EXAMPLE), path, page_size=size)
        out[size] = pages(path)
    return out


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_no_near_empty_page_inside_a_part(example_pages: dict[str, list[dict[str, object]]],
                                          size: str) -> None:
    found = example_pages[size]
    for i, page in enumerate(found[:-1]):
        ends_part = found[i + 1]["part"] != page["part"]
        if not ends_part:
            assert int(page["lines"]) >= 5, (size, i + 1, page["header"], page["lines"])  # type: ignore[call-overload]


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_no_heading_left_at_the_foot_of_a_page(example_pages: dict[str, list[dict[str, object]]],
                                                size: str) -> None:
    """Headings are 12 pt and more; the body, captions and cards' text less."""
    for i, page in enumerate(example_pages[size]):
        if page["part"] in ("cover", "map"):
            continue
        assert float(page["low_size"]) < 11.5, (size, i + 1, page["low_text"])  # type: ignore[arg-type]


def test_a_blank_maps_playbook_is_its_cover_and_what_to_fill_in(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A blank map's playbook: the cover, then one page saying what fills in as the map grows;
    no contents page listing that one page (it read "Contents / Still to do ... 3")."""
    blank = tmp_path / "blank.cwalk"
    assert main.main(["new", "-o", str(blank), "--template", "blank"]) == 0
    out = tmp_path / "blank.pdf"
    assert main.main(["export", str(blank), "--pdf", str(out)]) == 0
    capsys.readouterr()
    pages = pdf_text(out).split("\f")
    assert len(pages) == 2 and "Contents" not in pdf_text(out)
    assert "CONTRACT WALK PLAYBOOK" in pages[0] and "Page 2 of 2" in " ".join(pages[1].split())
    assert "Still to do" in pages[1] and "Coaching sessions" in pages[1] and "Nothing yet" not in pages[1]
    outline = [item.title for item in PdfReader(str(out)).outline if not isinstance(item, list)]
    assert outline == ["Still to do"]  # the bookmark still leads to it


def test_only_the_empty_sections_are_collapsed(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "e.cwalk")
    doc = load(tmp_path / "e.cwalk")
    for sid in list(doc.sessions):
        doc.remove("session", sid)
    out = tmp_path / "e.pdf"
    write_playbook(doc, out)
    text = pdf_text(out)
    still = text.split("\f")[-1]
    assert "Still to do" in still and "Coaching sessions" in still and "Check-ups over time" not in still
    assert "The walk, step by step" in text.split("\f")[1]  # the contents still list the rest


def test_a_role_running_on_is_named_in_the_running_header(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    write_playbook(hostile_map(long_story=True), out, sections=["roles"])
    found = pages(out)
    cont = [p["header"] for p in found if "(cont.)" in str(p["header"])]
    assert len(cont) >= 5  # the 30,000-character story runs over several pages
    # his, and any other role that runs on (فاطمة الزهراء's, read back as typed since issue 15)
    assert sum("Roles \u2014 Νίκος Παπαδόπουλος (cont.)" in str(h) for h in cont) >= 5
    assert all("Roles \u2014 " in str(h) for h in cont)
    # the page a role starts on is not headed with the one before it
    assert not any("(cont.)" in str(p["header"]) for p in found[:1])
