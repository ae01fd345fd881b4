"""Colours and fonts of the canvas, derived from the system palette so the map
reads well in light and dark mode; department colours are the only accents.

Marks a person must see (the selection outline, radio buttons, check boxes) keep a contrast of
3:1 or more against what they sit on (WCAG 2 "non-text contrast"), whatever the palette: a dark
palette's highlight or Fusion's indicator ring can otherwise all but vanish."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

from model.entities import CUSTOMER_COLOR

CARD_RADIUS = 8.0
STRIP_W = 6.0
MARK_CONTRAST = 3.0  # the least contrast of a selection outline or an indicator ring


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """a blended towards b by t (0..1)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def luminance(c: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def with_contrast(colour: QColor, backgrounds: list[QColor], ratio: float = MARK_CONTRAST) -> QColor:
    """`colour`, blended towards white on dark backgrounds (black on light ones) just enough to
    stand out `ratio`:1 against every background; unchanged when it already does."""
    dark = sum(luminance(b) for b in backgrounds) / max(1, len(backgrounds)) < 0.18
    target = QColor("#FFFFFF") if dark else QColor("#000000")
    out = QColor(colour)
    for step in range(1, 21):
        if min(contrast(out, b) for b in backgrounds) >= ratio:
            break
        out = _mix(colour, target, step / 20)
    return out


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def mark_colour(palette: QPalette, checked: bool) -> QColor:
    """The ring of a radio button or check box: a mid tone of the text when off, the highlight
    when on, each lifted to 3:1 against the field and the window it sits on."""
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.Text)
    wanted = palette.color(QPalette.ColorRole.Highlight) if checked else _mix(text, base, 0.45)
    return with_contrast(wanted, [base, window])


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
    card_fill = card if dark else QColor("#FFFFFF") if base.lightness() > 240 else card
    return Theme(
        dark=dark,
        base=canvas,
        card=card_fill,
        card_customer=_mix(card, QColor(CUSTOMER_COLOR), 0.14 if dark else 0.08),
        text=text,
        muted=_mix(text, canvas, 0.45),
        line=_mix(canvas, text, 0.18),
        header=_mix(window, text, 0.06),
        # the selection outline: seen against the card it rings and the canvas around it
        highlight=with_contrast(palette.color(QPalette.ColorRole.Highlight), [card_fill, canvas]),
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


_MARKS = (
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
)


class MarkContrastStyle(QProxyStyle):
    """The platform's style, with radio buttons and check boxes ringed at 3:1 on dark palettes
    (Fusion rings them in a shade of the window colour: on a dark window, barely there)."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _MARKS or not is_dark(option.palette):  # type: ignore[attr-defined]
            return
        state = option.state  # type: ignore[attr-defined]
        on = bool(state & (QStyle.StateFlag.State_On | QStyle.StateFlag.State_NoChange))
        ring = mark_colour(option.palette, on)  # type: ignore[attr-defined]
        if not state & QStyle.StateFlag.State_Enabled:
            ring.setAlphaF(0.5)
        rect = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5)  # type: ignore[attr-defined]
        side = min(rect.width(), rect.height())
        rect = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ring, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
            if on:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(ring)
                painter.drawEllipse(rect.center(), side * 0.22, side * 0.22)
        else:
            painter.drawRoundedRect(rect, 2, 2)
        painter.restore()


def install_mark_contrast(app: QApplication) -> None:
    """Use MarkContrastStyle over the app's current style (once; light palettes look as before)."""
    if not isinstance(app.style(), MarkContrastStyle):
        app.setStyle(MarkContrastStyle(QStyleFactory.create(app.style().name())))
