"""How full a printed page is: the share of its text area that carries something.

Each page is rendered (PDFium, a few dots per point) and, row by row inside the text area,
the span from the first to the last inked dot counts as used: a map tile counts whole (its
frame rule runs along every row it covers), a line of text counts as far as it reaches, a
gap between blocks counts nothing. Clipped-away shapes are not inked, so they do not count.
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from export.pdf import styles

DPI = 24.0
INK = 245  # a grey level below this (0 black .. 255 white) is ink


def text_area(width: float, height: float) -> tuple[float, float, float, float]:
    """The frame of a playbook page of this size (points, from the top-left): left, top, right, bottom."""
    top = styles.MARGIN + styles.HEADER_GAP
    bottom = height - styles.MARGIN - styles.FOOTER_GAP
    return styles.MARGIN, top, width - styles.MARGIN, bottom


def page_fills(path: str | Path) -> list[float]:
    """Each page's used share of its text area, 0..1."""
    out: list[float] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            width, height = page.get_size()
            image = page.render(scale=DPI / 72.0, grayscale=True).to_pil().convert("L")
            k = image.width / width
            left, top, right, bottom = (round(v * k) for v in text_area(width, height))
            used = 0
            pixels = image.load()
            for y in range(top, bottom):
                inked = [x for x in range(left, right) if pixels[x, y] < INK]
                if inked:
                    used += inked[-1] - inked[0] + 1
            out.append(used / ((right - left) * (bottom - top)))
    finally:
        pdf.close()
    return out


def page_depths(path: str | Path) -> list[float]:
    """How far down each page's text area its content reaches, 0..1 (its lowest inked dot)."""
    out: list[float] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            width, height = page.get_size()
            image = page.render(scale=DPI / 72.0, grayscale=True).to_pil().convert("L")
            k = image.width / width
            left, top, right, bottom = (round(v * k) for v in text_area(width, height))
            pixels = image.load()
            lowest = top
            for y in range(top, bottom):
                if any(pixels[x, y] < INK for x in range(left, right)):
                    lowest = y + 1
            out.append((lowest - top) / (bottom - top))
    finally:
        pdf.close()
    return out
