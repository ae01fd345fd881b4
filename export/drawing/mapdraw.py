"""The map as a vector drawing (reportlab.graphics), for the PDF, PNG and SVG.

Drawn from the model's positions with the canvas's geometry (model/layout.py):
lanes as rows, the ten stage columns, cards, numbered hand-off arrows and a
legend, so the printed map looks like the screen. Unplaced people are not
drawn. Hand-offs are numbered in walk order (`handoff_numbers`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager

from reportlab import rl_config
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect

from export import fonts, textline
from export.drawing import maparrows, mapshapes
from model.appearance import card_color, step_numbers
from model.document import Document
from model.entities import Person
from model.layout import (
    CARD_H,
    CARD_W,
    COL_W,
    CUSTOMER_LANE,
    HEADER_H,
    LABEL_W,
    PAD,
    Lane,
    column_x,
    lane_key,
    lanes,
    stage_widths,
)
from model.naming import names
from model.redaction.apply import redacted
from model.stages import STAGES

log = logging.getLogger(__name__)

STUB_ROOM = 140.0  # a stub arrow and its label beside a card (mapshapes.stub)
TITLE_H = 30.0
LEGEND_H = 34.0
MARGIN = 8.0

__all__ = ["LEGEND_H", "TITLE_H", "fit_drawing", "handoff_numbers", "map_drawing"]


def handoff_numbers(doc: Document, report: object | None = None) -> dict[str, int]:
    """Hand-off id -> its step number, as the canvas numbers them (model/appearance.py). A report
    from `model.analysis.insights.analyse` may be passed in to save computing the walk again."""
    return step_numbers(doc, getattr(report, "walk", None))


def _card_info(
    doc: Document, person: Person, name: str, redact: bool, findings: set[str]
) -> mapshapes.CardInfo:
    color = mapshapes.hex_color(card_color(doc, person))
    if person.is_customer:
        # redacted: the name already says role and organisation
        subtitle = "" if redact else (person.title or person.vendor)
    else:
        subtitle = "" if redact else person.title
        if person.sourcing == "outsourced" and person.vendor:
            subtitle = f"{subtitle} · {person.vendor}" if subtitle else person.vendor
    return mapshapes.CardInfo(
        name=name,
        subtitle=subtitle,
        color=color,
        customer=person.is_customer,
        outsourced=person.sourcing == "outsourced" and not person.is_customer,
        story=person.story.is_written(),
        sweet_spot=person.story.sweet_spot,
        you=doc.meta.you_id == person.id,
        finding=person.id in findings,
    )


def _selected_lanes(doc: Document, lane_keys: Iterable[str] | None) -> list[tuple[Lane, float]]:
    """The lanes to draw with the vertical shift that stacks them under the header."""
    all_lanes = lanes(doc)
    if lane_keys is None:
        return [(lane, 0.0) for lane in all_lanes]
    wanted = set(lane_keys)
    out: list[tuple[Lane, float]] = []
    top = HEADER_H
    for lane in all_lanes:
        if lane.key in wanted:
            out.append((lane, top - lane.top))
            top += lane.height
    return out


_UNCHECKED = {"depth": 0, "before": 1}
_UNCHECKED_LOCK = threading.Lock()


@contextmanager
def unchecked_shapes() -> Iterator[None]:
    """reportlab checks every attribute set on a graphics shape against its type (about
    40% of drawing a 2,000-person map). Our shapes get values we computed, not user
    input, so the check is switched off while a map is built, and restored when the last
    drawing under way (exports may run in a background thread) is done."""
    with _UNCHECKED_LOCK:
        if _UNCHECKED["depth"] == 0:
            _UNCHECKED["before"] = rl_config.shapeChecking
            rl_config.shapeChecking = 0
        _UNCHECKED["depth"] += 1
    try:
        yield
    finally:
        with _UNCHECKED_LOCK:
            _UNCHECKED["depth"] -= 1
            if _UNCHECKED["depth"] == 0:
                rl_config.shapeChecking = _UNCHECKED["before"]


def map_drawing(
    doc: Document,
    *,
    redact: bool = False,
    lane_keys: list[str] | None = None,
    findings_people: set[str] | None = None,
    report: object | None = None,
    title: str | None = None,
    legend: bool = True,
    numbers: dict[str, int] | None = None,
    people: Collection[str] | None = None,
    unnamed: Collection[int] = (),
) -> Drawing:
    """The map as a Drawing in points (1 scene unit = 1 pt).

    redact: the redacted copy of the map is drawn (model.redaction.apply): people named by role.
    lane_keys: only these lanes (department ids, layout.CUSTOMER_LANE ...), stacked in
      map order; hand-offs to people outside them end in a labelled stub.
    findings_people: person ids to flag with a red "!" (e.g. from analysis findings).
    report: a model.analysis.insights Report, to number hand-offs without walking again.
    title: a heading above the map (PNG/SVG); the PDF has its own running header.
    numbers: `handoff_numbers(doc, report)`, when drawing several parts of one map.
    people: with lane_keys, only these people's cards (one part of a wide lane): hand-offs to the
      others end in stubs too, not in arrows cut at the page's edge; head counts stay the lane's.
    unnamed: stage columns (indexes) drawn without their name: another part of the lane prints it.
    """
    if redact:
        doc = redacted(doc)
    with unchecked_shapes():
        return _map_drawing(doc, redact, lane_keys, findings_people, report, title, legend, numbers, people,
                            unnamed)


def _map_drawing(
    doc: Document,
    redact: bool,
    lane_keys: list[str] | None,
    findings_people: set[str] | None,
    report: object | None,
    title: str | None,
    legend: bool,
    numbers: dict[str, int] | None,
    people: Collection[str] | None = None,
    unnamed: Collection[int] = (),
) -> Drawing:
    fonts.register_fonts()
    findings = set(findings_people or ())
    chosen = _selected_lanes(doc, lane_keys)
    shift = {lane.key: dy for lane, dy in chosen}
    lane_by_key = {lane.key: lane for lane, _ in chosen}
    in_lanes = [p for p in doc.people.values() if p.placed and lane_key(p) in shift]
    only = None if people is None or lane_keys is None else set(people)
    placed = in_lanes if only is None else [p for p in in_lanes if p.id in only]
    label = names(doc, redact)

    # map-space boxes (y down), then the drawing's extent
    scene: dict[str, tuple[float, float]] = {}
    for p in placed:
        lane = lane_by_key[lane_key(p)]
        scene[p.id] = (p.pos[0], lane.top + shift[lane.key] + p.pos[1])
    bottom = HEADER_H + sum(lane.height for lane, _ in chosen)
    left = min([0.0] + [x for x, _ in scene.values()])
    right = max([column_x(len(STAGES), stage_widths(doc))] + [x + CARD_W + PAD for x, _ in scene.values()])
    if lane_keys is not None:  # a lane page: room for the labels of stubs leaving the last column
        right = max([right] + [x + CARD_W + STUB_ROOM for x, _ in scene.values()])
    lowest = max([bottom] + [y + CARD_H + PAD for _, y in scene.values()])
    top_band = TITLE_H if title else 0.0
    legend_h = LEGEND_H if legend else 0.0
    width = right - left + 2 * MARGIN
    height = lowest + top_band + legend_h + 2 * MARGIN
    ox = MARGIN - left  # drawing x = scene x + ox

    def dy(y_scene: float) -> float:
        return height - MARGIN - top_band - y_scene

    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=mapshapes.WHITE, strokeColor=None))
    if title:
        textline.draw_text(
            drawing,
            MARGIN + 4,
            height - MARGIN - 19,
            title,
            14,
            bold=True,
            color=mapshapes.INK,
            max_width=width - 2 * MARGIN - 8,
        )
    _draw_lanes(drawing, doc, chosen, in_lanes, left, right, ox, dy)
    _draw_header(drawing, left, right, ox, dy, lowest, stage_widths(doc), set(unnamed))
    boxes = {pid: mapshapes.Box(x + ox, dy(y) - CARD_H) for pid, (x, y) in scene.items()}
    if numbers is None:
        numbers = handoff_numbers(doc, report)
    flip = maparrows.Flip(ox, dy(0.0))
    drawn = maparrows.draw_handoffs(doc, scene, flip, numbers, label, lane_keys is not None, (right, lowest))
    for shape in drawn.arrows:  # arrows under the cards, badges and labels on top
        drawing.add(shape)
    card_shapes = {}
    for p in placed:
        info = _card_info(doc, p, label.get(p.id, p.name), redact, findings)
        card_shapes[p.id] = mapshapes.card(boxes[p.id], info)
        drawing.add(card_shapes[p.id])
    for badge in drawn.badges:
        drawing.add(badge)
    if legend:
        _draw_legend(drawing, MARGIN, MARGIN + 6, width - 2 * MARGIN)
    # for export.pdf.parts.map_pages: where the cards and lanes are (drawing units, y up), so map pages
    # are cut between cards and name the lanes on every page
    drawing._cw_cards = [(b.x, b.y, b.x + b.w, b.y + b.h) for b in boxes.values()]
    counts: dict[str, int] = {}
    for p in in_lanes:
        counts[lane_key(p)] = counts.get(lane_key(p), 0) + 1
    drawing._cw_lanes = [
        (
            lane.key,
            lane.name,
            lane.color,
            dy(lane.top + shift_y),
            dy(lane.top + shift_y + lane.height),
            counts.get(lane.key, 0),
        )
        for lane, shift_y in chosen
    ]
    drawing._cw_label_right = LABEL_W + ox
    drawing._cw_handoffs = drawn.by_id  # hand-off id -> (arrow, badge): read back by tests
    drawing._cw_card_shapes = card_shapes  # person id -> the card's shapes
    log.debug("drew %d cards, %d hand-offs", len(boxes), len(drawn.by_id))
    return drawing


def _draw_lanes(
    drawing: Drawing,
    doc: Document,
    chosen: list[tuple[Lane, float]],
    placed: list[Person],
    left: float,
    right: float,
    ox: float,
    dy: Callable[[float], float],
) -> None:
    counts: dict[str, int] = {}
    for p in placed:
        counts[lane_key(p)] = counts.get(lane_key(p), 0) + 1
    for lane, shift in chosen:
        top = lane.top + shift
        color = mapshapes.hex_color(lane.color)
        drawing.add(
            Rect(
                left + ox,
                dy(top + lane.height),
                right - left,
                lane.height,
                fillColor=mapshapes.tint(color, 0.10),
                strokeColor=None,
            )
        )
        drawing.add(
            Line(
                left + ox,
                dy(top + lane.height),
                right + ox,
                dy(top + lane.height),
                strokeColor=mapshapes.tint(color, 0.45),
                strokeWidth=0.6,
            )
        )
        n = counts.get(lane.key, 0)
        noun = "customer" if lane.key == CUSTOMER_LANE else "person"
        count = f"{n} {noun}" if n == 1 else f"{n} {'customers' if noun == 'customer' else 'people'}"
        drawing.add(mapshapes.lane_label(left + ox, dy(top), lane.height, LABEL_W, lane.name, count, color))


def _draw_header(
    drawing: Drawing,
    left: float,
    right: float,
    ox: float,
    dy: Callable[[float], float],
    lowest: float,
    widths: list[float] | None = None,
    unnamed: set[int] | None = None,
) -> None:
    drawing.add(Rect(left + ox, dy(HEADER_H), right - left, HEADER_H,
                     fillColor=mapshapes.tint(mapshapes.MUTED, 0.08), strokeColor=None))
    for i, stage in enumerate(STAGES):
        x = column_x(i, widths) + ox  # a column Tidy Up widened for a grid of cards is wider
        col_w = widths[i] if widths else COL_W
        drawing.add(
            Line(x, dy(0), x, dy(lowest), strokeColor=mapshapes.tint(mapshapes.MUTED, 0.25), strokeWidth=0.5)
        )
        if unnamed and i in unnamed:  # a lane part's stubs' room in a column another part names
            continue
        textline.draw_text(
            drawing,
            x + col_w / 2,
            dy(HEADER_H / 2) - 3.5,
            f"{i + 1}  {stage.label}",
            10,
            bold=True,
            color=mapshapes.INK,
            anchor="middle",
            max_width=COL_W - 10,
        )
    textline.draw_text(drawing, left + ox + 12, dy(HEADER_H / 2) - 3, "Stage", 8, color=mapshapes.MUTED)


def _draw_legend(drawing: Drawing, x: float, y: float, width: float) -> None:
    """One row explaining the marks, wrapped to the drawing's width."""
    g = Group()
    items: list[tuple[str, object]] = [
        ("hand-off, numbered in walk order", "arrow"),
        ("two-way hand-off", "two_way"),
        ("customer", "customer"),
        ("you are here", "you"),
        ("outsourced", "outsourced"),
        ("line-of-sight story written", "story"),
        ("customer sweet spot", "sweet"),
        ("has a finding", "finding"),
    ]
    cx, cy = x + 4, y + 6
    for text, kind in items:
        sample_w = _legend_sample(g, cx, cy, kind)
        tw = textline.text_width(text, 7.5)
        if cx + sample_w + tw + 24 > x + width and cx > x + 4:
            break  # a very narrow drawing: the rest of the legend is left out, never clipped
        textline.draw_text(g, cx + sample_w + 4, cy - 2.5, text, 7.5, color=mapshapes.MUTED)
        cx += sample_w + tw + 20
    drawing.add(g)


def _legend_sample(g: Group, x: float, y: float, kind: object) -> float:
    if kind in ("arrow", "two_way"):
        g.add(maparrows.arrow(((x, y), (x + 10, y), (x + 20, y), (x + 30, y)), kind == "two_way"))
        if kind == "arrow":
            g.add(maparrows.step_badge(x + 15, y, 1))
        return 30
    if kind == "customer":
        g.add(
            Rect(
                x,
                y - 5,
                26,
                10,
                rx=5,
                ry=5,
                fillColor=mapshapes.WHITE,
                strokeColor=mapshapes.INK,
                strokeWidth=1.2,
            )
        )
        return 26
    if kind == "you":
        g.add(Rect(x, y - 5, 22, 10, rx=5, ry=5, fillColor=mapshapes.YOU, strokeColor=None))
        textline.draw_text(g, x + 11, y - 2.3, "YOU", 6.5, bold=True, color=mapshapes.INK, anchor="middle")
        return 22
    if kind == "finding":
        g.add(Circle(x + 5, y, 5, fillColor=mapshapes.FINDING, strokeColor=None))
        textline.draw_text(g, x + 5, y - 2.6, "!", 7.5, bold=True, color=mapshapes.WHITE, anchor="middle")
        return 10
    badge = {
        "outsourced": ("outsourced", mapshapes.OUTSOURCED, False, ""),
        "story": ("story", mapshapes.STORY, False, "check"),
        "sweet": ("sweet spot", mapshapes.SWEET, True, "star"),
    }[str(kind)]
    return mapshapes._pill(g, x, y - 4.5, *badge)


def fit_drawing(drawing: Drawing, width: float, height: float, max_scale: float = 1.0) -> Drawing:
    """The drawing scaled to fit width x height keeping its proportions (never enlarged past
    `max_scale`); the returned Drawing is the scaled size, ready to place as a flowable."""
    if drawing.width <= 0 or drawing.height <= 0 or width <= 0 or height <= 0:
        raise ValueError("a drawing and the area to fit it in need a positive size")
    scale = min(width / drawing.width, height / drawing.height, max_scale)
    out = Drawing(drawing.width * scale, drawing.height * scale)
    group = Group(*drawing.contents)
    group.transform = (scale, 0, 0, scale, 0, 0)
    out.add(group)
    return out
