"""Placing the hand-off arrows' step badges and labels (model/arrows.py), on screen and paper.

    .venv/bin/python bench/bench_arrow_marks.py [--sizes 300 2000] [--repeat 5]

Prints, per size of generated walk (bench/mapgen.py): the canvas's scene-wide pass after a
map opens; the pass after a drag (six arrows placed again around the rest); every arrow
re-routed once (as an undo of a bulk move does; the floor: the same re-route without the
quick marks each arrow places for itself); and the printed map's drawing. Figures only.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, format_rows, median_time
from bench.mapgen import make_big_map


def _one_size(app: Any, n: int, repeat: int) -> list[Row]:
    """The figures for one generated walk of `n` people."""
    from PySide6.QtGui import QUndoStack

    from export.drawing.mapdraw import map_drawing
    from gui.canvas.items import handoff_labels
    from gui.canvas.scene import MapScene
    from model import arrows

    rows: list[Row] = []
    doc = make_big_map(n, 1)
    scene = MapScene()
    scene.set_document(doc, QUndoStack())
    app.processEvents()
    items = list(scene.handoff_items.values())
    full = median_time(lambda: handoff_labels.place_all(scene), repeat)
    rows.append(Row(n, "canvas: place every badge + label", full))
    few = [item.hid for item in items[:6]]
    def drag() -> None:
        for item in items[:6]:
            item.adjust()

    some = median_time(lambda: handoff_labels.place_some(scene, few), repeat, setup=drag)
    rows.append(Row(n, "canvas: place after a drag (6 arrows)", some, "the whole pass", full))

    def middle(src: arrows.Rect, dst: arrows.Rect, arrow: arrows.Arrow, sizes: arrows.Sizes,
               fit: arrows.Fit) -> arrows.Marks:
        return arrows.Marks(arrow.route.at(0.5))

    def plain() -> None:
        quick = arrows.place_alone
        arrows.place_alone = middle
        try:
            for item in items:
                item.adjust()
        finally:
            arrows.place_alone = quick

    floor = median_time(plain, repeat)

    def reroute_all() -> None:
        for item in items:
            item.adjust()

    reroute = median_time(reroute_all, repeat)
    rows.append(Row(n, "canvas: re-route every arrow", reroute, "the same without quick labels", floor))
    drawing = median_time(lambda: map_drawing(doc), max(1, repeat // 2))
    rows.append(Row(n, "print: the map drawing", drawing))
    scene.set_document(None, None)
    return rows


def measure(sizes: list[int], repeat: int) -> list[Row]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    rows: list[Row] = []
    for n in sizes:
        rows += _one_size(app, n, repeat)
    return rows


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 2000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(format_rows(measure(args.sizes, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
