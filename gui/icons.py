"""Toolbar and menu icons from an icon font (qtawesome, Phosphor), drawn in the
palette's text colour so they stay crisp at any DPI, in light and dark mode."""
from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication, QIcon, QPalette

log = logging.getLogger(__name__)

NAMES = {
    "new": "ph.file-plus", "open": "ph.folder-open", "save": "ph.floppy-disk",
    "save-as": "ph.floppy-disk-back",
    "import": "ph.table", "export": "ph.export", "undo": "ph.arrow-counter-clockwise",
    "redo": "ph.arrow-clockwise", "cut": "ph.scissors", "copy": "ph.copy", "paste": "ph.clipboard-text",
    "duplicate": "ph.copy-simple", "delete": "ph.trash", "find": "ph.magnifying-glass",
    "layout": "ph.magic-wand", "lane-up": "ph.arrow-line-up", "lane-down": "ph.arrow-line-down",
    "zoom-in": "ph.magnifying-glass-plus", "zoom-out": "ph.magnifying-glass-minus",
    "zoom-reset": "ph.frame-corners", "fit": "ph.arrows-out", "you": "ph.map-pin", "quit": "ph.sign-out",
    "close": "ph.x-square",
}
_cache: dict[tuple[str, int], QIcon] = {}


def get(name: str) -> QIcon:
    """The icon for an action name; an empty icon if the icon font is unavailable."""
    app = QGuiApplication.instance()
    if app is None or name not in NAMES:
        return QIcon()
    palette = QGuiApplication.palette()
    key = (name, palette.cacheKey())
    if key not in _cache:
        try:
            import qtawesome as qta

            _cache[key] = qta.icon(
                NAMES[name],
                color=palette.color(QPalette.ColorRole.WindowText),
                color_disabled=palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText),
            )
        except Exception as exc:  # noqa: BLE001 - no icon font: text-only actions still work
            log.warning("icons unavailable: %s", exc)
            _cache[key] = QIcon()
    return _cache[key]
