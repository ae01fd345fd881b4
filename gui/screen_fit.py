"""The main window on any screen: a 1366×768 laptop, a 2× high-DPI display, a big monitor.
The window never opens larger than the screen's free area; every dock can shrink (its panel
scrolls instead of pushing the window taller); on a small screen the side panels start
narrow and the insights short, so the canvas keeps most of the room."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea

if TYPE_CHECKING:
    from gui.main_window import MainWindow

PREFERRED = QSize(1400, 900)
SMALL = QSize(1600, 900)  # below this (in device-independent pixels) the panels start narrow
TINY_W = 1100  # below this width the palette shares the right column with the inspector, as a tab
WIDE_DOCKS = {"palette": 240, "inspector": 340}
NARROW_DOCKS = {"palette": 190, "inspector": 270}
DOCK_MIN_H = 90


def available(window: MainWindow) -> QRect:
    screen = window.screen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def is_small(area: QRect) -> bool:
    return area.width() < SMALL.width() or area.height() < SMALL.height()


def keep_on_screen(window: MainWindow) -> None:
    """Shrink and move the window so all of it, frame included, is on the screen's free area."""
    area = available(window)
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    w = min(window.width(), area.width() - extra_w)
    h = min(window.height(), area.height() - extra_h)
    if (w, h) != (window.width(), window.height()):
        window.resize(w, h)
    x = min(max(frame.x(), area.x()), area.right() + 1 - w - extra_w)
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - h - extra_h)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def first_size(window: MainWindow) -> QSize:
    """The size a first run opens at: the preferred size, or nearly all of a smaller screen."""
    area = available(window)
    return QSize(min(PREFERRED.width(), area.width()), min(PREFERRED.height(), area.height() - 30))


def loosen_docks(window: MainWindow) -> None:
    """Put every dock's panel in a scroll area, so a tall panel (a session, the check-up
    history) scrolls rather than making the window taller than a laptop screen."""
    from gui.main_window import _Sized

    for dock in window.findChildren(QDockWidget):
        inner = dock.widget()
        if inner is None or isinstance(inner, (QScrollArea, _Sized)):
            continue
        area = QScrollArea()
        area.setObjectName(f"{dock.objectName()}-scroll")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        dock.setWidget(area)
        area.setWidget(inner)
        area.setMinimumSize(120, DOCK_MIN_H)


def arrange(window: MainWindow, restored: bool) -> None:
    """On first show: fit the screen, loosen the docks and, on a first run, size the panels."""
    loosen_docks(window)
    small = is_small(available(window))
    widths = NARROW_DOCKS if small else WIDE_DOCKS
    window.palette_dock.setMinimumWidth(min(220, widths["palette"]))
    window.inspector_dock.setMinimumWidth(min(300, widths["inspector"]))
    window.inspector.setMinimumWidth(min(300, widths["inspector"]) - 10)
    keep_on_screen(window)
    if not restored and available(window).width() < TINY_W:
        window.tabifyDockWidget(window.inspector_dock, window.palette_dock)
        window.inspector_dock.raise_()
    if not restored:
        window.resizeDocks([window.palette_dock, window.inspector_dock],
                           [widths["palette"], widths["inspector"]], Qt.Orientation.Horizontal)
        window.resizeDocks([window.insights_dock], [120 if small else 160], Qt.Orientation.Vertical)
