"""Fit to Window on a big roster after Tidy Up: the whole walk in sight, and still a map to read.
Every card shows its whole name (two lines, one size), tall lanes read their names sideways,
and stage names grow with their columns."""
from __future__ import annotations

import csv
import math
from pathlib import Path

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from gui.canvas.items import card_text
from model.roster.to_map import import_roster

FIRST = ("Anna", "Ben", "Carla", "Denis", "Elif", "Farah", "Gustav", "Hanna", "Ivan", "Jana")
LAST = ("Berg", "Dahl", "Fischer", "Garcia", "Jensen", "Kaya", "Lind", "Moreau", "Novak", "Okafor",
        "Petrov", "Rossi", "Sato", "Torres", "Weber")
WORK = (("Sales", "sell"), ("Legal", "contract"), ("Engineering", "specify"), ("Procurement", "procure"),
        ("Production", "build"), ("Logistics", "deliver"), ("Field Service", "implement"),
        ("Finance", "invoice"))


def hr_roster(path: Path, n: int = 300) -> Path:
    """An HR export: first and last names, a department each, a stage per department."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["First Name", "Last Name", "Job Title", "Department", "stage"])
        for i in range(n):
            dept, stage = WORK[i % len(WORK)]
            first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
            out.writerow([first, last, f"Role {i % 9}", dept, stage])
    return path


class Recording(QPainter):
    """A painter that notes each text it draws and how tall its font shows on screen."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []
        self.sizes: list[float] = []
        self.sideways: list[bool] = []

    def drawText(self, *args) -> None:
        m = self.worldTransform()
        self.texts.append(str(args[-1]))
        self.sizes.append(self.font().pixelSize() * math.hypot(m.m11(), m.m12()))
        self.sideways.append(abs(m.m12()) > abs(m.m11()))
        super().drawText(*args)


def painted(item, zoom: float) -> Recording:
    image = QImage(300, 300, QImage.Format.Format_ARGB32)
    painter = Recording(image)
    painter.scale(zoom, zoom)
    option = QStyleOptionGraphicsItem()
    option.exposedRect = item.boundingRect()
    item.paint(painter, option, None)
    painter.end()
    return painter


def tidied_roster(window, tmp_path: Path):
    doc = import_roster(hr_roster(tmp_path / "hr.csv")).document
    window.set_document(doc, None, modified=True)
    window.edit.auto_layout.trigger()
    window.resize(1366, 768)
    window.view.fit_to_window()
    return window.document


def test_at_fit_every_card_of_a_tidied_300_roster_shows_its_whole_name(window, tmp_path):
    w = window
    doc = tidied_roster(w, tmp_path)
    zoom = w.view.zoom()
    assert zoom < card_text.GROW_BELOW  # the whole walk in sight is far out: compact, grown cards
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    sizes: set[float] = set()
    for n, (pid, card) in enumerate(sorted(w.scene.cards.items())):
        assert seen.contains(card.sceneBoundingRect())  # nothing clipped
        if n % 5:
            continue
        drawn = painted(card, zoom)
        assert " ".join(drawn.texts) == doc.people[pid].name  # whole, not "Anna…"
        sizes.update(round(size, 2) for size in drawn.sizes)
    assert len(sizes) == 1  # one size for every name of the grid
    # on screen ~3.1 px at 1x (too small to read there), ~6.2 device px at a 2x scale; before,
    # "Anna…" at 40 scene px
    assert sizes.pop() >= 2.8


def test_grown_cards_stay_inside_their_bounds_and_the_example_zoom_keeps_the_card(window):
    card = next(iter(window.scene.cards.values()))
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.scale(0.1, 0.1)
    grown = card_text.compact_rect(painter)
    painter.resetTransform()
    painter.scale(0.36, 0.36)  # the 17-person example at Fit: the card as it was
    assert card_text.compact_rect(painter) == card.card_rect()
    painter.end()
    assert grown.contains(card.card_rect()) and grown != card.card_rect()
    assert card.boundingRect().contains(grown.adjusted(0, 0, 0, 1.5))  # its shadow too


def test_at_fit_tall_lanes_read_their_names_sideways_and_stage_names_grow(window, tmp_path):
    w = window
    tidied_roster(w, tmp_path)
    zoom = w.view.zoom()
    lane = next(lane for lane in w.scene.lanes if lane.name == "Field Service")
    drawn = painted(w.scene.lane_headers[lane.key], zoom)
    assert drawn.texts == ["Field Service"] and drawn.sideways == [True]
    assert drawn.sizes[0] >= 4.5  # left to right, its longest word would allow ~2 px
    header = painted(w.scene.stage_header, zoom)
    labels = [size for text, size in zip(header.texts, header.sizes, strict=True)
              if text in ("Sell", "Implement")]
    assert len(labels) == 2 and min(labels) >= 2.5  # as tall as the header holds; were ~2.3 px (one column)


def test_lane_names_stay_left_to_right_in_short_lanes_and_closer_in(window, tmp_path):
    w = window  # the sample map's lanes are one row tall
    drawn = painted(w.scene.lane_headers[w.scene.lanes[0].key], 0.15)
    assert drawn.texts and not any(drawn.sideways)
    tidied_roster(w, tmp_path)  # a tall lane at the zoom the 17-person example fits at: as it was
    lane = next(lane for lane in w.scene.lanes if lane.name == "Field Service")
    drawn = painted(w.scene.lane_headers[lane.key], 0.36)
    assert " ".join(drawn.texts) == "Field Service" and not any(drawn.sideways)
