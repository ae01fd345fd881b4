"""The map's overview (departments x stages, hand-offs between departments) read back with PDFium
in any script. Its reportlab Tables drew each cell as its own paragraph on one baseline: PDFium,
taking a baseline as one line, read an Arabic department's row as "2 1 1 المالية", and an Arabic
name sat at the left of its cell. Both tables are now export.pdf.table.TextTable rows."""
from __future__ import annotations

import ctypes
import datetime as dt
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from reportlab.lib.pagesizes import A4

from bench.mapgen import make_big_map
from export import fonts
from export.pdf.doc import PlaybookDoc
from export.pdf.parts.map_summary import ALL_W, NAME_W, STAGE_W
from export.playbook import write_playbook
from model.document import Document
from model.layout import lane_key
from model.stages import STAGES, stage_index

NAMES = {
    "arabic": ["المالية", "المبيعات", "الشؤون القانونية", "الهندسة", "المشتريات"],
    "cjk": ["财务部", "销售部", "法务部", "工程部", "采购部"],
    "latin": [],  # the generated names: Sales, Legal, Engineering...
}
PAD_X = 4.0  # export.pdf.table's cell padding

Box = tuple[float, float, float, float]  # left, bottom, right, top
Objects = list[tuple[Box, str]]  # a page's text objects: bounds and text
Summary = tuple[str, Document, list[list[str]], list[Objects]]


@pytest.fixture(scope="module", params=list(NAMES))
def summary(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Summary:
    """A map too big for one page, its first departments renamed in the script: (script, map,
    lines of pages 1-2, text objects of pages 1-2)."""
    script = str(request.param)
    doc = make_big_map(120, 1)
    for dept, name in zip(list(doc.departments.values()), NAMES[script], strict=False):
        doc.update("department", dept.id, name=name)
    path = tmp_path_factory.mktemp("summary") / f"{script}.pdf"
    write_playbook(doc, path, sections=["map"], today=dt.date(2026, 11, 23))
    pdf = pdfium.PdfDocument(str(path))
    try:
        lines, objects = [], []
        for i in (0, 1):
            page = pdf[i]
            textpage = page.get_textpage()
            lines.append(_lines(textpage.get_text_range()))
            objects.append([(obj.get_bounds(), _text(obj, textpage))
                            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT])])
    finally:
        pdf.close()
    return script, doc, lines, objects


def _text(obj: pdfium.PdfObject, textpage: pdfium.PdfTextPage) -> str:
    n = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buf = ctypes.create_string_buffer(n * 2)
    raw.FPDFTextObj_GetText(obj.raw, textpage.raw, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), n)
    return buf.raw.decode("utf-16-le").rstrip("\x00")


def _lines(text: str) -> list[str]:
    """Lines as compared: presentation forms folded, invisible marks and extra spaces dropped."""
    folded = unicodedata.normalize("NFKC", text.replace("\r\n", "\n")).replace("\u200e", "")
    return [" ".join(line.split()) for line in folded.split("\n")]


def _expected_row(doc: Document, dept_id: str) -> str:
    """A department's row as a reader gets it: its name, its non-zero stage counts left to right,
    then its total."""
    counts = [0] * len(STAGES)
    total = 0
    for p in doc.people.values():
        if p.placed and lane_key(p) == dept_id:
            total += 1
            if p.stage:
                counts[min(stage_index(p.stage), len(STAGES) - 1)] += 1
    return " ".join([doc.departments[dept_id].name, *[str(n) for n in counts if n], str(total)])


def test_a_department_row_reads_its_name_then_its_counts_in_order(summary: Summary) -> None:
    _script, doc, lines, _objects = summary
    page = lines[0]
    assert any(line.startswith("Department 1 Sell 2 Contract") for line in page), page[:6]
    for dept_id in list(doc.departments)[:8]:
        assert _expected_row(doc, dept_id) in page, (_expected_row(doc, dept_id), page)


def _column_cells(objs: Objects, left: float, right: float, below: float) -> list[Box]:
    """The text in one column under its header, a box per row (objects on one row merged)."""
    inside = sorted((b for b, _t in objs if b[0] >= left - 1 and b[2] <= right + 1 and b[3] < below),
                    key=lambda b: -b[3])
    rows: list[Box] = []
    for b in inside:
        if rows and abs(rows[-1][3] - b[3]) < 4:
            last = rows[-1]
            rows[-1] = (min(last[0], b[0]), min(last[1], b[1]), max(last[2], b[2]), max(last[3], b[3]))
        else:
            rows.append(b)
    return rows


def _check_column(rows: list[str], objs: Objects, first: str, width: float) -> int:
    """The table's first column (`width` wide, headed `first`; `rows`: the rows as read): a cell
    whose text begins right to left is flush right, any other flush left. Gives how many cells
    were right to left."""
    head = next(b for b, t in objs if t.strip() == first)
    left = head[0] - PAD_X
    right = left + width
    cells = _column_cells(objs, left, right, head[1] - 1)[:len(rows)]
    assert len(cells) == len(rows) > 3
    rtl = 0
    for line, (x0, _y0, x1, _y1) in zip(rows, cells, strict=True):
        if fonts.base_is_rtl(line):
            rtl += 1
            assert abs(x1 - (right - PAD_X)) < 1.5 and x0 > left + PAD_X + 3, (line, x0, x1, right)
        else:
            assert abs(x0 - (left + PAD_X)) < 1.5, (line, x0, left)
    return rtl


def test_an_arabic_department_is_flush_right_in_its_cell(summary: Summary) -> None:
    """In both tables; Latin and CJK names stay flush left."""
    script, doc, lines, objects = summary
    wide = PlaybookDoc.frame_size(A4, wide=True)[0]
    stage_w = max(STAGE_W, (wide - NAME_W - ALL_W) / len(STAGES))
    names = [f"{d.name} " for d in doc.departments.values()]
    above = next((i for i, line in enumerate(lines[0]) if line.startswith("HAND-OFFS")), len(lines[0]))
    matrix = [line for line in lines[0][:above] if line.startswith(tuple(names))]
    rtl = _check_column(matrix, objects[0], "Department", wide - ALL_W - stage_w * len(STAGES))
    page = 1 if "From To Hand-offs At stages" in lines[1] else 0
    at = lines[page].index("From To Hand-offs At stages")
    flows = [line for line in lines[page][at + 1:] if line][:12]
    rtl += _check_column(flows, objects[page], "From", wide * 0.27)
    assert (rtl > 3) == (script == "arabic")


@pytest.mark.parametrize("page_size", ["a4", "letter"])
def test_stage_names_and_department_names_are_never_broken_mid_word(tmp_path: Path, page_size: str) -> None:
    """The stage columns are wide enough for "7 Implement" in bold, and the department column
    for "Account management", on A4 and on Letter (narrow columns broke both between letters)."""
    doc = make_big_map(120, 1)
    path = tmp_path / "summary.pdf"
    write_playbook(doc, path, page_size=page_size, sections=["map"], today=dt.date(2026, 11, 23))
    pdf = pdfium.PdfDocument(str(path))
    try:
        lines = _lines(pdf[0].get_textpage().get_text_range())
    finally:
        pdf.close()
    words = " ".join(lines).split()
    for stage in STAGES:
        for word in stage.label.split():
            assert word in words, (word, lines[:8])
    assert any(line.startswith("Account management ") for line in lines), lines
