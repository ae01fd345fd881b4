"""The app looks like itself: its icon on the application and the window, and Help > About with
the version, the licence and the fonts' licences."""
from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QTextBrowser

from gui.about import AboutDialog
from gui.app import prepare_app
from model.resources import ICON_SIZES, icon_png, icon_svg

ROOT = Path(__file__).resolve().parents[2]


def _argb(image: QImage) -> bytes:
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)  # kept alive while its bits are copied
    return bytes(argb.constBits())


def _menu_action(window, menu_title: str, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == menu_title)
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_the_application_and_the_window_carry_the_app_icon(window, qapp):
    assert not window.windowIcon().isNull()
    sizes = {(s.width(), s.height()) for s in window.windowIcon().availableSizes()}
    assert {(16, 16), (32, 32), (256, 256)} <= sizes
    saved = qapp.windowIcon()
    try:
        prepare_app(qapp)
        assert not qapp.windowIcon().isNull()
        assert qapp.windowIcon().cacheKey() != saved.cacheKey()
    finally:
        qapp.setWindowIcon(saved)


def test_the_committed_pngs_are_drawn_from_the_svg_at_their_size(qapp):
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "tools" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    renderer = QSvgRenderer(str(icon_svg()))
    for size in ICON_SIZES:
        image = QImage(str(icon_png(size)))
        assert (image.width(), image.height()) == (size, size)
        # an SVG edited without running tools/make_icons.py shows here
        fresh = _argb(make_icons.render(renderer, size))
        committed = _argb(image)
        # the same drawing; a little leeway for antialiasing in another Qt release
        assert max(abs(a - b) for a, b in zip(fresh, committed, strict=True)) <= 24, size
        # transparent corners (the rounded tile), an opaque middle
        assert image.pixelColor(0, 0).alpha() == 0 and image.pixelColor(size // 2, size // 2).alpha() == 255


def test_help_about_shows_the_version_the_licence_and_the_font_licences(window, qtbot):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert window.menuBar().actions()[-1].text().replace("&", "") == "Help"
    _menu_action(window, "Help", "About Contract Walk").trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AboutDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AboutDialog)
    assert f"Contract Walk {version}" in dialog.summary.text()
    tabs = {dialog.tabs.tabText(i): dialog.tabs.widget(i) for i in range(dialog.tabs.count())}
    assert set(tabs) == {"Licence", "Fonts"}
    licence = tabs["Licence"]
    assert isinstance(licence, QTextBrowser)
    assert licence.toPlainText().startswith("MIT License")
    fonts = tabs["Fonts"]
    assert isinstance(fonts, QTextBrowser)
    text = fonts.toPlainText()
    assert "Noto Sans" in text and "Droid Sans Fallback" in text
    assert "SIL OPEN FONT LICENSE Version 1.1" in text and "Apache License" in text
    assert "cannot be read" not in text
    dialog.reject()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
