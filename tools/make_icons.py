"""Draw the app's PNG icons (16 to 512 px) and the Windows/macOS icon files from
assets/contract-walk.svg with Qt's own SVG renderer, so they always match the source.

    python tools/make_icons.py        (from the checkout; commit what it writes)

Writes assets/icons/contract-walk-N.png for every size in model.resources.ICON_SIZES, plus
contract-walk.ico (Windows) and contract-walk.icns (macOS) for the bundle.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

from model.resources import ICON_SIZES, asset, icon_png, icon_svg


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG at size x size px on a transparent background, antialiased."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(icon_svg()))
    if not renderer.isValid():
        sys.stderr.write(f"error: {icon_svg()} is not a valid SVG\n")
        return 2
    icon_png(ICON_SIZES[0]).parent.mkdir(exist_ok=True)
    for size in ICON_SIZES:
        if not render(renderer, size).save(str(icon_png(size)), "PNG"):
            sys.stderr.write(f"error: cannot write {icon_png(size)}\n")
            return 2
        print(f"wrote {icon_png(size)}")
    supported = {bytes(f.data()).decode() for f in QImageWriter.supportedImageFormats()}
    for fmt, size in (("ico", 256), ("icns", 512)):  # the biggest each format takes in one image
        target = asset("icons", f"contract-walk.{fmt}")
        if fmt in supported and render(renderer, size).save(str(target), fmt.upper()):
            print(f"wrote {target}")
        else:
            print(f"note: this Qt cannot write .{fmt}; {target.name} left as it was")
    return 0


if __name__ == "__main__":
    sys.exit(main())
