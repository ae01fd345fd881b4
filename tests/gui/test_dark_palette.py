"""A dark palette: the selection outline on the canvas and the radio buttons and check boxes of
the dialogs stand out at 3:1 or more (WCAG 2 non-text contrast), measured on the colours and
pixels the app actually uses; before, Fusion ringed them in a shade of the dark window."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette, QUndoStack
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleFactory, QStyleOptionButton

from gui import theme
from gui.coaching.checkup_dialog import CheckupDialog
from tests.coaching_sample import coaching_doc

R = QPalette.ColorRole
BREEZE_DARK = {R.Window: "#202326", R.WindowText: "#fcfcfc", R.Base: "#141618", R.AlternateBase: "#1d1f22",
               R.Button: "#292c30", R.ButtonText: "#fcfcfc", R.Text: "#fcfcfc", R.HighlightedText: "#fcfcfc",
               R.PlaceholderText: "#a1a9b1", R.Light: "#3a3e43", R.Midlight: "#2e3236", R.Mid: "#1e2124",
               R.Dark: "#141618", R.Shadow: "#000000"}
HIGHLIGHTS = ("#3daee9", "#2a5d9f", "#0b3d91")  # Breeze, a muted accent, a deep one


def dark_palette(highlight: str) -> QPalette:
    palette = QPalette()
    for role, colour in {**BREEZE_DARK, R.Highlight: highlight}.items():
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def dark_app(qapp):
    """The app in a dark palette with the app's own style set-up (gui/app.py), undone afterwards."""
    style, palette = qapp.style().name(), qapp.palette()
    theme.install_mark_contrast(qapp)
    qapp.setPalette(dark_palette("#2a5d9f"))
    yield qapp
    qapp.setPalette(palette)
    qapp.setStyle(QStyleFactory.create(style))


@pytest.mark.parametrize("highlight", HIGHLIGHTS)
def test_the_selection_outline_stands_out_from_the_card_and_the_canvas(highlight):
    t = theme._build(dark_palette(highlight))
    assert t.dark
    assert theme.contrast(t.highlight, t.card) >= 3.0, (highlight, t.highlight.name())
    assert theme.contrast(t.highlight, t.base) >= 3.0, (highlight, t.highlight.name())
    if theme.contrast(QColor(highlight), t.card) >= 3.0:
        assert t.highlight == QColor(highlight)  # a highlight that already shows is left alone


def test_the_light_palette_keeps_a_visible_outline_too(qapp):
    t = theme._build(QPalette())
    assert not t.dark and theme.contrast(t.highlight, t.card) >= 3.0


def indicator_contrast(button, element: QStyle.SubElement) -> float:
    """The strongest contrast between a pixel of the button's indicator and the window behind it."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    rect = button.style().subElementRect(element, option, button)
    image = button.grab().toImage()
    ratio = button.devicePixelRatioF()
    background = button.palette().color(QPalette.ColorRole.Window)
    best = 1.0
    for x in range(int(rect.left() * ratio), int((rect.right() + 1) * ratio)):
        for y in range(int(rect.top() * ratio), int((rect.bottom() + 1) * ratio)):
            best = max(best, theme.contrast(image.pixelColor(x, y), background))
    return best


def test_the_check_up_radio_buttons_can_be_seen_on_a_dark_palette(dark_app, qtbot):
    doc, _ids = coaching_doc()
    dlg = CheckupDialog(doc, QUndoStack())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    row = next(iter(dlg.statement_rows.values()))
    off, on = row.group.button(3), row.group.button(5)
    on.setChecked(True)
    for button in (off, on):
        assert indicator_contrast(button, QStyle.SubElement.SE_RadioButtonIndicator) >= 3.0


@pytest.mark.parametrize("checked", [False, True])
def test_check_boxes_can_be_seen_on_a_dark_palette(dark_app, qtbot, checked):
    box = QCheckBox("This is me")
    qtbot.addWidget(box)
    box.setChecked(checked)
    box.show()
    qtbot.waitExposed(box)
    assert indicator_contrast(box, QStyle.SubElement.SE_CheckBoxIndicator) >= 3.0
