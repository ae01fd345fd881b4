"""Colours and fonts of the canvas, derived from the system palette so the map
reads well in light and dark mode; department colours are the only accents."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from model.entities import CUSTOMER_COLOR

CARD_RADIUS = 8.0
STRIP_W = 6.0


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """a blended towards b by t (0..1)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


@dataclass(frozen=True)
class Theme:
    dark: bool
    base: QColor  # canvas background
    card: QColor
    card_customer: QColor
    text: QColor
    muted: QColor
    line: QColor  # grid and outlines
    header: QColor  # stage / lane header backgrounds
    highlight: QColor  # selection
    hover: QColor
    handoff: QColor
    badge_text: QColor

    def lane_tint(self, color: str | QColor, strong: bool = False) -> QColor:
        """A faint wash of a department colour over the canvas background."""
        return _mix(
            self.base, QColor(color), (0.22 if strong else 0.10) if self.dark else (0.20 if strong else 0.08)
        )

    def accent(self, color: str | QColor) -> QColor:
        """A department colour adjusted to stay readable on this background."""
        c = QColor(color)
        return c.lighter(115) if self.dark else c


def _build(palette: QPalette) -> Theme:
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.Text)
    dark = base.lightness() < 128
    canvas = _mix(window, base, 0.5)
    card = _mix(base, text, 0.04) if dark else QColor(base)
    return Theme(
        dark=dark,
        base=canvas,
        card=card if dark else QColor("#FFFFFF") if base.lightness() > 240 else card,
        card_customer=_mix(card, QColor(CUSTOMER_COLOR), 0.14 if dark else 0.08),
        text=text,
        muted=_mix(text, canvas, 0.45),
        line=_mix(canvas, text, 0.18),
        header=_mix(window, text, 0.06),
        highlight=palette.color(QPalette.ColorRole.Highlight),
        hover=_mix(palette.color(QPalette.ColorRole.Highlight), canvas, 0.45),
        handoff=_mix(text, canvas, 0.25),
        badge_text=QColor("#FFFFFF"),
    )


@lru_cache(maxsize=4)
def _cached(key: int) -> Theme:
    app = QGuiApplication.instance()
    palette = QGuiApplication.palette() if app is not None else QPalette()
    return _build(palette)


def current() -> Theme:
    """The theme for the application's palette right now (cached per palette)."""
    app = QGuiApplication.instance()
    key = QGuiApplication.palette().cacheKey() if app is not None else 0
    return _cached(key)


@lru_cache(maxsize=16)
def font(pixel_size: int = 12, bold: bool = False) -> QFont:
    """A scene font sized in pixels (scene units), so cards look the same on every DPI."""
    f = QFont(QGuiApplication.font()) if QGuiApplication.instance() else QFont()
    f.setPixelSize(pixel_size)
    f.setBold(bold)
    return f
