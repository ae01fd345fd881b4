"""The playbook in a viewer and on a printer: language and title for assistive technology,
bookmarks shown on opening, the walk's names linked to their role pages, the cover's bars
inside the printable area, labels readable in greyscale, a check-up chart that tells its
lines apart without colour, and the progress page named after the earlier map's date."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from export.pdf import styles
from export.pdf.context import Ctx
from export.pdf.doc import Contents
from export.pdf.flowables import chip_colours
from export.pdf.parts.charts import statements_chart
from export.pdf.parts.roles import BADGE
from export.pdf.parts.sections import STAGE_CHIP
from export.playbook import write_playbook
from model import coaching
from model.analysis.insights import analyse
from model.document import Document
from model.storage.store import load
from model.templates.catalog import build_template
from tests.export_maps import drawn_strings
from tests.pdftext import pdf_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assets" / "example.cwalk"


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = tmp_path_factory.mktemp("viewer") / "example.pdf"
    write_playbook(load(EXAMPLE), path)
    return path


def test_language_title_and_bookmarks_on_opening(example_pdf: Path, tmp_path: Path) -> None:
    reader = PdfReader(str(example_pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/PageMode"] == "/UseOutlines"  # a long playbook opens with its bookmarks
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata is not None and reader.metadata.title.startswith("Example: how a pump order")
    short = tmp_path / "blank.pdf"
    write_playbook(Document(), short)
    assert PdfReader(str(short)).trailer["/Root"].get("/PageMode", "/UseNone") == "/UseNone"  # 3 pages


def test_names_in_the_walk_link_to_their_role_page(example_pdf: Path) -> None:
    reader = PdfReader(str(example_pdf))
    page_of = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    role_page: dict[str, int] = {}
    for item in reader.outline:
        if isinstance(item, list):
            for sub in item:
                if not isinstance(sub, list):
                    role_page.setdefault(str(sub.title), reader.get_destination_page_number(sub))
    texts = pdf_text(example_pdf).split("\f")
    walk_pages = [i for i, t in enumerate(texts) if "The walk" in t.splitlines()[0] or "The walk" in t[-200:]]
    targets: list[int] = []
    for i in walk_pages:
        for annot in reader.pages[i].get("/Annots") or []:
            dest = annot.get_object().get("/Dest")
            if dest is not None:
                targets.append(page_of[dest[0].idnum])
    assert len(targets) >= 12  # one per colleague in the walk
    assert targets[0] == role_page["Maya Lindqvist"]  # the walk's first step
    assert set(targets) <= set(role_page.values())


def test_the_cover_prints_nothing_at_the_paper_edge(example_pdf: Path) -> None:
    pdf = pdfium.PdfDocument(str(example_pdf))
    image = pdf[0].render(scale=1).to_pil().convert("L")
    pdf.close()
    w, h = image.size
    edge = 14  # pt: what an office printer cannot print
    for box in ((0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h), (w - edge, 0, w, h)):
        assert image.crop(box).getextrema()[0] >= 250, box


def test_labels_read_at_4_5_to_1_in_colour_and_greyscale() -> None:
    for color in [*BADGE.values(), *(strip for _tint, strip in styles.SEVERITY.values()), STAGE_CHIP]:
        fill, ink = chip_colours(color)
        assert styles.contrast(fill, ink) >= 4.5
        tint = styles.tint(color, 0.12)  # a badge: its colour on its own tint
        assert styles.contrast(styles.readable(color, tint), tint) >= 4.5


def test_the_check_up_chart_tells_its_lines_apart_without_colour() -> None:
    doc = load(EXAMPLE)
    ctx = Ctx(
        doc,
        analyse(doc),
        False,
        styles.make_styles(),
        Contents(),
        (595.0, 842.0),
        coaching.dt.date.today(),
        lambda: None,
    )
    checkups = coaching.checkups_by_date(doc)
    sids = [sid for sid in doc.statements if any(sid in c.answers for c in checkups)]
    assert len(sids) >= 4
    drawing = statements_chart(ctx, checkups, sids, 480.0)
    plot = drawing.contents[0]
    dashes = [plot.lines[i].strokeDashArray for i in range(len(sids))]
    markers = [plot.lines[i].symbol.kind for i in range(len(sids))]
    assert len(set(map(str, dashes))) == len(sids) and len(set(markers)) == len(sids)
    texts = [s.text for s in drawn_strings(drawing)]
    assert all(str(i + 1) in texts for i in range(len(sids)))  # a number at the end of each line
    assert any(t.startswith("Score, 1\u20135") for t in texts)  # the axis says what it measures


def test_the_progress_page_is_named_after_the_earlier_maps_date(tmp_path: Path) -> None:
    earlier = build_template("order-to-cash")
    now = earlier.clone()
    out = tmp_path / "progress.pdf"
    write_playbook(now, out, baseline=earlier, baseline_label="acme-2026-10-12", sections=["progress"])
    text = pdf_text(out)
    assert "Progress since 12 Oct 2026" in text and "Compared with acme-2026-10-12" in text
