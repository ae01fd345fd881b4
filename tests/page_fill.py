"""How full a printed page is, read back from the PDF.

Each page is rendered (PDFium, a few dots per point) and, row by row inside the text area,
the span from the first to the last inked dot is measured. `page_fills`: the share of the
text area those spans cover (a map tile counts whole, since its frame rule runs along every
row it covers; a line of text as far as it reaches; a gap between blocks not at all).
`page_depths`: how far down the text area the content reaches. Clipped-away shapes are not
inked, so they do not count.
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


def row_spans(path: str | Path) -> list[tuple[int, list[int]]]:
    """For each page: the text area's width in dots, and each of its rows' inked span in dots."""
    out: list[tuple[int, list[int]]] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            width, height = page.get_size()
            image = page.render(scale=DPI / 72.0, grayscale=True).to_pil().convert("L")
            k = image.width / width
            left, top, right, bottom = (round(v * k) for v in text_area(width, height))
            pixels = image.load()
            spans = []
            for y in range(top, bottom):
                inked = [x for x in range(left, right) if pixels[x, y] < INK]
                spans.append(inked[-1] - inked[0] + 1 if inked else 0)
            out.append((right - left, spans))
    finally:
        pdf.close()
    return out


def page_fills(path: str | Path) -> list[float]:
    """Each page's used share of its text area, 0..1."""
    return [sum(spans) / (width * len(spans)) for width, spans in row_spans(path)]


def page_depths(path: str | Path) -> list[float]:
    """How far down each page's text area its content reaches, 0..1 (its lowest inked row)."""
    out: list[float] = []
    for _width, spans in row_spans(path):
        used = [i for i, span in enumerate(spans) if span]
        out.append((used[-1] + 1) / len(spans) if used else 0.0)
    return out
