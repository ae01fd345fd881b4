"""What the tile cache tests share: a window on a generated map with long arrows, the screen as
it shows (grabbed from the offscreen screen, not a fresh render) once idle work is done, and the
same viewport painted afresh with nothing kept (gui/canvas/layers/tiles.py)."""
from __future__ import annotations

import canvas_fixtures
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication

from bench.mapgen import make_big_map


def open_window(qtbot, tmp_path, monkeypatch, cache: bool = True):
    """The main window on a 300-person generated map (long arrows across many lanes), its arrows
    routed; with the tile cache switched on unless `cache` is False."""
    from gui.canvas.layers import tiles

    if cache:
        monkeypatch.setattr(tiles, "ENABLED", True)  # shipped off (see tiles.py): these tests switch it on
    w = canvas_fixtures.open_window(qtbot, tmp_path, monkeypatch, make_big_map(300, seed=1), (1300, 850))
    w.scene.lazy_arrows.settle_all()
    assert (w.view.tile_cache is not None) == cache, "the tile cache is on" if cache else "off"
    return w


@pytest.fixture
def big(qtbot, tmp_path, monkeypatch, boxes):
    return open_window(qtbot, tmp_path, monkeypatch)


def idle(view) -> None:
    """Let the idle work end: the label pass, the arrows routed late, the tiles rendered ahead."""
    canvas_fixtures.idle_work_done(view, everything=False)
    view.tile_cache.settle()
    QApplication.processEvents()


def grab(view) -> QImage:
    """The viewport's pixels as the screen shows them now."""
    port = view.viewport()
    corner = port.mapToGlobal(QPoint(0, 0))
    shot = QGuiApplication.primaryScreen().grabWindow(0).toImage()
    return shot.copy(QRect(corner, port.size())).convertToFormat(QImage.Format.Format_RGB32)


def on_screen(view) -> QImage:
    idle(view)
    return grab(view)


def afresh(view) -> QImage:
    """The same viewport painted whole with nothing kept: every tile rendered anew."""
    cache = view.tile_cache
    cache.keep = False
    try:
        view.viewport().repaint()
        return grab(view)
    finally:
        cache.keep = True
        view.viewport().update()  # back to the kept tiles
        QApplication.processEvents()


def same_as_afresh(view) -> None:
    """What the screen shows, once idle, is pixel for pixel a fresh paint of the viewport.
    Compared up to three times: background work (the insights' marks on cards) may land between
    the two pictures; stale tiles stay stale, so a second look cannot hide them."""
    for _ in range(3):
        shown = on_screen(view)
        fresh = afresh(view)
        if shown == fresh:
            return
    assert shown == fresh, f"{changed_pixels(shown, fresh)} pixels differ from a fresh paint"


def changed_pixels(a: QImage, b: QImage) -> int:
    """How many pixels differ between two images of one size."""
    assert a.size() == b.size()
    count = 0
    for y in range(a.height()):
        row_a, row_b = a.constScanLine(y).tobytes(), b.constScanLine(y).tobytes()
        if row_a != row_b:
            count += sum(row_a[i:i + 4] != row_b[i:i + 4] for i in range(0, len(row_a), 4))
    return count


def into_middle(view) -> None:
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        bar.setValue((bar.minimum() + bar.maximum()) // 2)
    QApplication.processEvents()


def pan(view, steps: int = 6, wait: bool = False) -> None:
    """Scroll as a user does with the scroll bars: sideways both ways, then down and up; with
    `wait`, the idle work runs between the steps (the tiles ahead are ready)."""
    for bar, step in ((view.horizontalScrollBar(), 37), (view.verticalScrollBar(), 29)):
        for i in range(steps):
            bar.setValue(bar.value() + (step if i < steps // 2 + 1 else -step))
            QApplication.processEvents()
            if wait:
                idle(view)


def dark_palette(palette: QPalette) -> QPalette:
    """`palette` with a dark window, base and text (as a desktop's dark theme sets them)."""
    dark = QPalette(palette)
    for role, colour in ((QPalette.ColorRole.Window, "#202326"), (QPalette.ColorRole.Base, "#141618"),
                         (QPalette.ColorRole.Text, "#fcfcfc"), (QPalette.ColorRole.WindowText, "#fcfcfc")):
        dark.setColor(role, QColor(colour))
    return dark
