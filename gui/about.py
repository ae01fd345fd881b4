"""Who the app is: its icon on every window, and Help > About with the version, the app's
licence and the licences of the bundled fonts (the OFL and Apache licences ask that their
text travels with the fonts; here the user can read it)."""
from __future__ import annotations

import platform
from typing import Any

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from model.resources import ICON_SIZES, asset, icon_png, icon_svg, licence_text, version

FONT_LICENCES = ("OFL.txt", "OFL-Nanum.txt", "LICENSE-Apache-2.0.txt")  # in assets/fonts, with README.md


def app_icon() -> QIcon:
    """The app's icon at every drawn size (crisp in a title bar and a dock alike)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)))
    if icon.isNull():  # PNGs missing from a broken install: the SVG still draws
        icon = QIcon(str(icon_svg()))
    return icon


def _read(*parts: str) -> str:
    try:
        return asset(*parts).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"({'/'.join(parts)} cannot be read in this installation: {exc})"


def _text_tab(text: str, markdown: bool = False) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setOpenExternalLinks(True)
    if markdown:
        browser.setMarkdown(text)
    else:
        browser.setPlainText(text)
    return browser


class AboutDialog(QDialog):
    """Version and where it runs (what a bug report needs), the MIT licence, the fonts' licences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Contract Walk")
        self.resize(620, 520)
        self.version = version()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary = QLabel(
            f"<h2>Contract Walk {self.version}</h2>"
            "<p>Map how a signed customer contract walks through your organisation: who touches it "
            "next, what they hand on, and why in that order. Print it as a playbook.</p>"
            "<p>Free software under the MIT licence (see <i>Licence</i>). The playbook's fonts are "
            "Noto Sans and NanumSquare (SIL Open Font License 1.1) and Droid Sans Fallback "
            "(Apache License 2.0); see <i>Fonts</i>.</p>"
            f"<p style='color:gray'>Python {platform.python_version()} · Qt {qVersion()} · "
            f"PySide6 {PySide6.__version__} · {platform.system()} {platform.machine()}</p>"
        )
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head = QHBoxLayout()
        head.addWidget(logo)
        head.addWidget(self.summary, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(_text_tab(licence_text()), "Licence")
        fonts = "\n\n".join([_read("fonts", "README.md")]
                            + [f"## {name}\n\n```\n{_read('fonts', name)}\n```" for name in FONT_LICENCES])
        self.tabs.addTab(_text_tab(fonts, markdown=True), "Fonts")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None) -> AboutDialog:
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def install_about(window: Any) -> None:
    """The window's icon and a Help menu (last in the bar): About Contract Walk, About Qt."""
    window.setWindowIcon(app_icon())
    menu = window.menuBar().addMenu("&Help")
    about = QAction("&About Contract Walk", window)
    about.setMenuRole(QAction.MenuRole.AboutRole)  # macOS puts it in the app menu
    about.triggered.connect(lambda: show_about(window))
    about_qt = QAction("About &Qt", window)
    about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
    about_qt.triggered.connect(QApplication.aboutQt)
    menu.addActions([about, about_qt])
    window.help_menu = menu
    window.about_action = about
