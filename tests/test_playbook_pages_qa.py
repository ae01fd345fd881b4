"""What a coach would be embarrassed by in front of a client, found by printing playbooks of
varied maps and looking at the pages: a line left alone on a page, a cover that runs onto a
second page, chart labels written over each other. Each test reads the printed PDF back."""
from __future__ import annotations

import ctypes
import datetime as dt
import itertools
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from export import fonts
from export.drawing import mapshapes
from export.drawing.mapdraw import map_drawing
from export.drawing.mapshapes import wrap_lines
from export.pdf.table import wrap_text
from export.playbook import write_playbook
from model.document import Document
from model.entities import (
    CUSTOMER,
    DEPARTMENT_COLORS,
    OUTSOURCED,
    ActionItem,
    Checkup,
    Department,
    Handoff,
    MapInfo,
    Person,
    Session,
    Story,
)
from model.example import load_example
from model.layout import CARD_W, LABEL_W, auto_layout
from tests.export_maps import drawn_strings, drawn_text
from tests.page_fill import page_depths
from tests.pdftext import pdf_text

TODAY = dt.date(2026, 11, 23)


def _pages(path: Path) -> list[str]:
    return [" ".join(page.split()) for page in pdf_text(path).split("\f")]


def test_the_map_summary_says_what_the_lane_pages_are_on_its_first_page(tmp_path: Path) -> None:
    """The line about the lane pages came after the summary's two tables: when they filled the
    page (the example's do), it printed alone on a page of its own. It is part of the lead now."""
    out = tmp_path / "map.pdf"
    write_playbook(load_example(today=TODAY), out, sections=["map"], today=TODAY)
    pages = _pages(out)
    assert pages[0].startswith("The map")
    assert "the lane pages after it show every department large enough to read" in pages[0]
    assert "across 10 stages" in pages[0]
    summary = [page for page in pages if not page.startswith("Lane")]
    assert all("large enough to read" not in page for page in summary[1:])


def _monthly_checkups(n: int) -> Document:
    doc = Document.with_standard_statements(MapInfo(title="Check-ups"))
    sids = list(doc.statements)
    day = dt.date(2025, 1, 1)
    for k in range(n):
        answers = {sid: 1 + (k + j) % 5 for j, sid in enumerate(sids)}
        doc.add("checkup", Checkup(date=day.isoformat(), answers=answers,
                                   areas={"messages": 3, "quality": 4, "churn": 2}))
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return doc


def _label_rows(path: Path) -> list[list[str]]:
    """Each line of text on the first page as the pieces its glyphs form, split where the gap
    between two glyphs is wider than a word space (a chart's axis labels are pieces)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        tp = pdf[0].get_textpage()
        rows: dict[int, list[tuple[float, float, str]]] = {}
        for k in range(raw.FPDFText_CountChars(tp.raw)):
            ch = chr(raw.FPDFText_GetUnicode(tp.raw, k))
            if not ch.strip():
                continue
            left, right, bottom, top = (ctypes.c_double() for _ in range(4))
            raw.FPDFText_GetCharBox(tp.raw, k, *(ctypes.byref(v) for v in (left, right, bottom, top)))
            x, y = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharOrigin(tp.raw, k, ctypes.byref(x), ctypes.byref(y))
            rows.setdefault(round(y.value), []).append((left.value, right.value, ch))
    finally:
        pdf.close()
    out = []
    for glyphs in rows.values():
        glyphs.sort()
        pieces = [glyphs[0][2]]
        for (_l0, r0, _c0), (l1, _r1, c1) in zip(glyphs, glyphs[1:], strict=False):
            if l1 - r0 > 5.0:
                pieces.append(c1)
            else:
                pieces[-1] += c1
        out.append(pieces)
    return out


def test_the_check_up_chart_never_writes_two_dates_into_each_other(tmp_path: Path) -> None:
    """Fourteen check-ups: every second one's date labels the axis, and the last one's did too,
    right beside the one before it ("1 Feb 261 Mar 26"). Every label stands apart now."""
    out = tmp_path / "checkups.pdf"
    write_playbook(_monthly_checkups(14), out, sections=["checkups"], today=TODAY)
    axis = [row for row in _label_rows(out) if "1Jan25" in row]
    assert axis, _label_rows(out)
    for label in axis[0]:
        assert re.fullmatch(r"\d{1,2}[A-Z][a-z]{2}\d{2}", label), axis[0]
    assert axis[0][0] == "1Jan25" and axis[0][-1] == "1Feb26"  # the first and the last check-up


def _described(description: str, title: str = "Walk of the Riverside order") -> Document:
    doc = Document.with_standard_statements(MapInfo(
        title=title, organisation="Halvorsen Pumps", prepared_for="Jonas Weber, Applications Engineer",
        prepared_by="Jordan Ellis, coach", description=description))
    for i in range(12):
        doc.add("department", Department(name=f"Department number {i} of the organisation",
                                         color=DEPARTMENT_COLORS[i]))
    return doc


def test_a_long_description_keeps_the_cover_one_page_and_prints_whole_after_it(tmp_path: Path) -> None:
    """A description of a few pages pushed the "prepared for" panel, the figures and the
    departments onto a second page. The cover keeps what fits; all of it follows on the next page."""
    sentences = [f"Sentence {i} says how the order walks through the plant." for i in range(120)]
    out = tmp_path / "described.pdf"
    write_playbook(_described("\n\n".join(sentences)), out, sections=["cover", "contents"], today=TODAY)
    pages = _pages(out)
    cover = pages[0]
    for seen in ("PREPARED FOR", "Jonas Weber", "DEPARTMENTS", "Department number 11", "colleagues",
                 "Sentence 0 says", "The whole description follows on the next page."):
        assert seen in cover, seen
    assert "Sentence 119" not in cover
    assert pages[1].startswith("About this map")
    after = " ".join(pages[1:])
    assert all(f"Sentence {i} says" in after for i in (0, 60, 119))
    assert "About this map" in pages[-1]  # listed in the contents


def test_a_title_as_long_as_a_paragraph_still_leaves_the_cover_one_page(tmp_path: Path) -> None:
    title = "The order-to-cash walk of every regional programme we run, word for word, " * 4
    out = tmp_path / "titled.pdf"
    write_playbook(_described("A short description.", title=title), out, sections=["cover", "contents"],
                   today=TODAY)
    pages = _pages(out)
    assert "A short description." in pages[0] and "Department number 11" in pages[0]
    assert pages[1].startswith("Contents")  # nothing of the cover ran over


def test_a_description_that_fits_prints_on_the_cover_alone(tmp_path: Path) -> None:
    out = tmp_path / "example.pdf"
    write_playbook(load_example(today=TODAY), out, sections=["cover", "contents"], today=TODAY)
    pages = _pages(out)
    assert "Jonas's map of the Riverside pump order" in pages[0]
    assert "About this map" not in " ".join(pages) and "follows on the next page" not in pages[0]


def _one_lane(stages: tuple[str, ...], widen: bool = False) -> Document:
    """One department whose people sit at these stages, each handing on to the next, the last to
    a customer; `widen`: someone in another lane at Renew, so the map is too wide for one picture."""
    doc = Document(MapInfo(title="Lanes"))
    ops = doc.add("department", Department(name="Ops", color=DEPARTMENT_COLORS[1]))
    names = ("Ann Able", "Ben Baker", "Cid Cole", "Dora Dunn")
    people = [doc.add("person", Person(name=names[i], department_id=ops.id, stage=stage))
              for i, stage in enumerate(stages)]
    customer = doc.add("person", Person(name="Cora Customer", kind=CUSTOMER))
    for a, b in itertools.pairwise([*people, customer]):
        doc.add("handoff", Handoff(source=a.id, target=b.id, what="the order", stage=a.stage))
    if widen:
        sales = doc.add("department", Department(name="Sales", color=DEPARTMENT_COLORS[0]))
        doc.add("person", Person(name="Rita Renew", department_id=sales.id, stage="renew"))
    doc.move_people(auto_layout(doc))
    return doc


def test_a_lane_at_two_neighbouring_stages_prints_whole_with_its_hand_off(tmp_path: Path) -> None:
    """Cut at the stage-column edge, such a lane printed in two parts with the hand-off between
    them cut in two, its numbered badge half on each page. The parts' outer columns now show only
    the room the stubs need, so the lane fits one page, the arrow whole."""
    out = tmp_path / "two.pdf"
    write_playbook(_one_lane(("build", "deliver"), widen=True), out, sections=["map"], today=TODAY)
    lane = [page for page in _pages(out) if page.startswith("Lane: Ops")]
    assert len(lane) == 1 and "(part" not in lane[0]
    assert "Ann Able" in lane[0] and "Ben Baker" in lane[0] and "the order" in lane[0]


def test_a_hand_off_between_two_parts_of_a_wide_lane_ends_in_labelled_stubs(tmp_path: Path) -> None:
    """A lane over four stages prints in two parts: the hand-off from the first part to the second
    ends in a stub on each page that says where it goes and where it comes from."""
    out = tmp_path / "wide.pdf"
    write_playbook(_one_lane(("sell", "contract", "specify", "procure")), out, sections=["map"], today=TODAY)
    parts = " ".join(_pages(out)).split("Lane: Ops (part ")[1:]  # each part's heading, then its text
    assert [part[:6] for part in parts] == ["1 of 2", "2 of 2"]
    first, second = parts
    assert "Ann Able" in first and "Ben Baker" in first and "Dora Dunn" not in first
    assert "Cid Cole" in second and "Dora Dunn" in second and "Ann Able" not in second
    assert "2: to Cid Cole (Ops)" in first
    assert "2: from Ben Baker (Ops)" in second


LONG = ("Maximiliana Alexandrina Konstantinopoulou-Wojciechowska-Vanderbilt von und zu "
        "Hohenzollern-Sigmaringen")


def _long_names() -> Document:
    """Everything typed as long as a coach could: titles, names, departments, KPIs, stories."""
    doc = Document.with_standard_statements(MapInfo(
        title="A very long title for a playbook that a coach typed in one go because the client insisted "
              "that every programme name appear in it, word for word, including the regional qualifiers "
              "and the year " * 2,
        organisation="The International Consolidated Amalgamated Holding Company of Northern and Southern "
                     "Regions Limited Partnership",
        prepared_for=LONG + ", Senior Vice President of Global Customer Experience and Excellence",
        prepared_by="Coach " + LONG, description="Description " * 200))
    depts = []
    for i in range(4):
        name = f"Department of Extraordinarily Long Names and Customer Service Excellence Number {i}"
        depts.append(doc.add("department", Department(
            name=name + ("X" * 60 if i == 1 else ""), color=DEPARTMENT_COLORS[i],
            serving_definition="Serving " * 100,
            kpis=["A very long KPI name " * 10, "Supercalifragilisticexpialidocious" * 5])))
    people = []
    for i, stage in enumerate(("sell", "contract", "specify", "build", "deliver", "invoice")):
        people.append(doc.add("person", Person(
            name=f"{LONG} {i}" if i % 2 == 0 else "Bartholomew" * 12 + f"{i}",
            title="Principal Senior Associate Director of Cross-Functional Strategic Alignment and Synergy "
                  "Realisation " * 2,
            department_id=depts[i % 4].id, stage=stage, vendor="Vendor " * 20 if i == 3 else "",
            sourcing=OUTSOURCED if i == 3 else "insourced", email=f"{'x' * 80}@example.com",
            what_they_do="Does " * 300, story=Story(hand_on="Hand " * 50, sweet_spot=i == 2))))
    customer = doc.add("person", Person(name="Customer " + LONG, kind=CUSTOMER, vendor="Buyer " * 20))
    for a, b in itertools.pairwise([*people, customer]):
        doc.add("handoff", Handoff(source=a.id, target=b.id, what="The long deliverable description " * 8,
                                   stage=a.stage, why_order="Because " * 80))
    doc.add("session", Session(date="2026-05-02", title="Session " * 40, notes="Notes " * 500,
                               action_items=[ActionItem(text="Action " * 60, owner=LONG, due="2026-06-01")]))
    doc.add("checkup", Checkup(date="2026-02-01", areas={"messages": 2, "quality": 3, "churn": 2},
                               note="Note " * 300))
    doc.set_you(people[0].id)
    doc.move_people(auto_layout(doc))
    return doc


def test_no_page_of_a_long_names_playbook_is_empty_or_a_fragment(tmp_path: Path) -> None:
    """Printed from a map where everything is long: the map summary's tables filled a page and its
    last spacer started a blank one; a reach-out entry's "Due for a call" badge ended the playbook
    alone on a page. Every page now holds more than a line or two."""
    out = tmp_path / "long.pdf"
    write_playbook(_long_names(), out, today=TODAY)
    depths = page_depths(out)
    pages = _pages(out)
    thin = [(n + 1, round(d, 2), pages[n][:60]) for n, d in enumerate(depths) if d < 0.1]
    assert not thin


def test_the_roles_never_end_on_a_page_holding_a_role_s_last_lines(tmp_path: Path) -> None:
    """The example's last role (Rita Novak) left its outreach lines alone on the roles' last page."""
    out = tmp_path / "roles.pdf"
    write_playbook(load_example(today=TODAY), out, sections=["roles"], today=TODAY)
    last = _pages(out)[-1]
    assert page_depths(out)[-1] > 0.2, last[:80]
    assert not last.startswith("OUTREACH")


CJK_TITLE = "采购部门全球客户体验与卓越运营中心高级副总裁办公室"  # no spaces: one word to a word wrap


def test_a_name_typed_as_one_long_word_stays_inside_its_card() -> None:
    """The map's word wrap left a word wider than the card on a line of its own, running far past
    the card's edge (a name's first word, a Chinese title with no spaces). It is broken now, as
    the PDF's tables break it (one wrap serves both: export.drawing.wordwrap)."""
    doc = Document(MapInfo(title="Long words"))
    sales = doc.add("department", Department(name="Sales", color=DEPARTMENT_COLORS[0]))
    names = ["Supercalifragilisticexpialidocious" * 3 + " Smith", CJK_TITLE]
    people = [doc.add("person", Person(name=name, title=name, department_id=sales.id, stage="sell"))
              for name in names]
    doc.move_people(auto_layout(doc))
    drawing = map_drawing(doc, legend=False)
    for person in people:
        x1, _y1, x2, _y2 = drawing._cw_card_shapes[person.id].getBounds()
        assert x2 - x1 <= CARD_W + 1.0, (person.name, x2 - x1)
        text = drawn_text(drawing._cw_card_shapes[person.id])
        assert text.startswith(person.name[:10])  # the name from its start


def test_the_tables_and_the_map_wrap_alike() -> None:
    for text in ("a  b " + "x" * 100, "Ann Lee and Bob Ray", CJK_TITLE):
        assert wrap_lines(text, 8.0, 80, 99) == wrap_text(text, 80, 8.0)


def test_a_lane_named_with_one_long_word_stays_in_its_label_column() -> None:
    """The lane's name at the map's left edge (PNG, SVG and the one-picture map page) had no cut:
    a long first word ran from the label column across the first stage's cards."""
    fonts.register_fonts()
    for name in ("Supercalifragilisticexpialidocious" * 2 + " Sales", CJK_TITLE):
        label = mapshapes.lane_label(0.0, 300.0, 200.0, LABEL_W, name, "3 people", DEPARTMENT_COLORS[0])
        strings = drawn_strings(label)
        assert strings
        right = max(s.getBounds()[2] for s in strings)
        assert right <= LABEL_W, (name, right)


def test_a_name_pasted_as_a_page_of_text_is_cut_where_it_is_mentioned(tmp_path: Path) -> None:
    """A 30,000-character name printed whole in every hand-off line and every finding's "People:"
    line: pages of it in the walk and the insights. Mentions cut it near 160 characters, the role
    card near a heading's length."""
    doc = load_example(today=TODAY)
    pid = next(p.id for p in doc.people.values() if p.name == "Tom Becker")
    doc.update("person", pid, name="Tom " + "y" * 30_000)
    plain, long = tmp_path / "plain.pdf", tmp_path / "long.pdf"
    write_playbook(load_example(today=TODAY), plain, sections=["walk", "insights", "roles"], today=TODAY)
    write_playbook(doc, long, sections=["walk", "insights", "roles"], today=TODAY)
    assert len(_pages(long)) <= len(_pages(plain)) + 2
    text = pdf_text(long)
    assert "Tom yyyy" in text and "y" * 1000 not in text.replace("\n", "")


def test_an_arabic_cover_title_stands_flush_right_like_its_description(tmp_path: Path) -> None:
    """The cover set an Arabic description flush right and its Arabic title and organisation
    flush left above it; all three stand at the right now, a Latin title stays at the left."""
    doc = _described("وصف الخريطة: كيف يمر العقد عبر الأقسام.", title="مسار عقد المضخات")
    doc.meta.organisation = "شركة هالفورسن"
    out = tmp_path / "arabic-cover.pdf"
    write_playbook(doc, out, sections=["cover"], today=TODAY)
    pdf = pdfium.PdfDocument(str(out))
    try:
        page = pdf[0]
        width = page.get_width()
        tp = page.get_textpage()
        rights: dict[str, float] = {}
        for word in ("مسار", "هالفورسن", "الخريطة"):
            found = tp.search(word)
            hit = found.get_next()
            assert hit is not None, word
            start, count = hit
            rights[word] = max(tp.get_charbox(i)[2] for i in range(start, start + count))
    finally:
        pdf.close()
    for word, right in rights.items():
        assert right > width / 2, (word, right, width)  # in the right half: flush right
    assert abs(rights["مسار"] - rights["الخريطة"]) < 40  # title and description end alike
