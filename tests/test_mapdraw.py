"""The vector map: what it draws, how it numbers hand-offs, redaction, lanes, fitting."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.pdfbase.pdfmetrics import stringWidth

from export.drawing.mapdraw import fit_drawing, handoff_numbers, map_drawing
from model.analysis.insights import analyse
from model.layout import CARD_W, CUSTOMER_LANE
from model.naming import redacted_label
from model.templates.catalog import build_template
from tests.export_maps import (
    HOSTILE_NAMES,
    drawn_lines,
    drawn_strings,
    drawn_text,
    large_map,
    printed,
    small_map,
)


def test_every_placed_person_is_drawn_and_unplaced_people_are_not() -> None:
    doc = small_map()
    text = drawn_text(map_drawing(doc))
    for p in doc.people.values():
        shown = printed(p.name)
        if p.placed:
            assert shown in text, shown
        else:
            assert shown not in text
    assert "Sales & <Marketing>" in text  # lane names, as typed
    for label in ("Sell", "Contract", "Renew"):
        assert label in text


def test_redacted_map_names_nobody() -> None:
    doc = small_map()
    text = drawn_text(map_drawing(doc, redact=True))
    for name in HOSTILE_NAMES:
        assert printed(name) not in text
    colleague = next(p for p in doc.people.values() if p.title == "Engineer")
    assert redacted_label(doc, colleague) in text
    assert "Vendor <GmbH>" in text  # an organisation is not a person's name


def test_handoffs_are_numbered_once_each_in_walk_order() -> None:
    doc = build_template("order-to-cash")
    report = analyse(doc)
    numbers = handoff_numbers(doc, report)
    assert sorted(numbers.values()) == list(range(1, len(doc.handoffs) + 1))
    first_person = report.walk[0].person_id
    first = min(numbers, key=numbers.get)  # type: ignore[arg-type]
    assert doc.handoffs[first].source == first_person
    assert handoff_numbers(doc) == numbers  # the same without a report
    drawing_text = drawn_text(map_drawing(doc, report=report))
    for n in numbers.values():
        assert f"\n{n}\n" in f"\n{drawing_text}\n"


def test_long_names_are_truncated_to_fit_the_card() -> None:
    doc = small_map()
    person = next(iter(doc.people.values()))
    doc.update("person", person.id, name="Bartholomew " * 2500, title="Senior " * 3000)
    drawing = map_drawing(doc)
    names = [s for s in drawn_strings(drawing) if getattr(s, "logical", "").startswith("Bartholomew")]
    assert names and names[0].logical.endswith("\u2026")
    for s in names:
        width = stringWidth(s.text, s.fontName, s.fontSize)
        assert width < CARD_W - 10


def test_mixed_script_name_is_drawn_in_one_line_of_runs() -> None:
    doc = small_map()
    arabic = next(p for p in doc.people.values() if p.name.startswith("أحمد"))
    doc.update("person", arabic.id, name="Ahmed أحمد الراشد 12")
    drawing = map_drawing(doc)
    # the Unicode bidi order, as a browser shows it: "Ahmed 12 <the Arabic, right to left>"
    wanted = ("Ahmed ", "12", "أحمد الراشد ")
    runs = [s for s in drawn_strings(drawing) if getattr(s, "logical", "") in wanted]
    assert len(runs) == 3
    assert len({s.y for s in runs}) == 1
    ahmed, number, arabic_run = sorted(runs, key=lambda s: s.x)
    assert (ahmed.logical, number.logical) == ("Ahmed ", "12")
    assert arabic_run.rtl and arabic_run.fontName.startswith("NotoSansArabic")


def test_drawing_in_a_pdf_embeds_every_font() -> None:
    data = renderPDF.drawToString(map_drawing(small_map(), title="Any <title> 😀"))
    reader = PdfReader(io.BytesIO(data))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = [str(f.get_object()["/BaseFont"]) for f in fonts.values()]
    assert names and not any("Helvetica" in n for n in names)
    for f in fonts.values():
        desc = f.get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in desc


def test_lane_keys_draw_only_those_lanes_with_stubs_for_the_rest() -> None:
    doc = small_map()
    ops = next(d for d in doc.departments.values() if d.name == "Operations")
    whole = map_drawing(doc)
    part = map_drawing(doc, lane_keys=[ops.id])
    text = drawn_text(part)
    assert part.height < whole.height
    assert "Operations" in text and "Sales & <Marketing>" not in text
    lines = drawn_lines(part)
    assert "김민준" in lines and "王小明" not in lines  # cards of this lane only
    into = next(h for h in doc.handoffs.values() if doc.people[h.source].name == "王小明")
    number = handoff_numbers(doc)[into.id]
    assert any(line.startswith(f"{number}: from 王小明") for line in lines)  # from a lane on another page
    customers_only = drawn_text(map_drawing(doc, lane_keys=[CUSTOMER_LANE]))
    assert "Emoji [grinning face] Person" in customers_only


def test_findings_people_and_you_get_marks() -> None:
    doc = small_map()
    flagged = next(iter(doc.people))
    plain = drawn_text(map_drawing(doc))
    marked = drawn_text(map_drawing(doc, findings_people={flagged}))
    assert marked.count("!") == plain.count("!") + 1
    assert "YOU" in plain  # the map's "you" wears the badge
    assert "sweet spot" in plain and "outsourced" in plain and "story" in plain


def test_fit_drawing_keeps_proportions_within_the_area() -> None:
    drawing = map_drawing(small_map())
    fitted = fit_drawing(drawing, 500, 700)
    assert fitted.width <= 500.001 and fitted.height <= 700.001
    assert abs(fitted.width / fitted.height - drawing.width / drawing.height) < 1e-6
    small = fit_drawing(drawing, drawing.width * 5, drawing.height * 5)
    assert small.width == drawing.width  # never enlarged past natural size by default


def test_a_large_map_draws() -> None:
    doc = large_map(600, 12)
    drawing = map_drawing(doc)
    assert len([s for s in drawn_strings(drawing) if s.logical.startswith("Person ")]) == 600
    assert drawing.width > 0 and drawing.height > 0


def test_empty_map_draws_header_and_legend() -> None:
    doc = build_template("blank")
    text = drawn_text(map_drawing(doc))
    assert "Sell" in text and "you are here" in text


def test_shape_checking_is_back_on_after_drawing_even_from_two_threads() -> None:
    import threading

    from reportlab import rl_config

    before = rl_config.shapeChecking
    threads = [threading.Thread(target=map_drawing, args=(small_map(),)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert rl_config.shapeChecking == before
