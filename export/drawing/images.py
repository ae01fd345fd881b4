"""The map as a PNG or SVG picture, headless (no Qt, no display, no system libraries).

Both come from the same vector drawing as the PDF (`mapdraw.map_drawing`).
PNG: reportlab 5's own bitmap renderer needs pycairo, which has no Linux
wheel and needs libcairo to build, so the drawing is rendered to PDF in
memory and rasterised with PDFium (pypdfium2, wheels with the library
inside): the same embedded fonts and shaped Arabic as the printed map.
Files are written atomically: the old file stays whole until the new one is.
"""

from __future__ import annotations

import io
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from export import fonts
from export.drawing.mapdraw import map_drawing
from model.document import Document
from model.redaction.apply import redacted
from model.storage.atomic import atomic_write_bytes

log = logging.getLogger(__name__)

DEFAULT_SCALE = 2.0  # pixels per point: 144 dpi, sharp on screens and slides
MAX_SIDE = 16384  # pixels; beyond this image viewers and browsers give up
MAX_PIXELS = 40_000_000  # ~120 MB of RGB in memory while encoding


@dataclass(frozen=True)
class PngInfo:
    width: int
    height: int
    scale: float  # pixels per point actually used (lower than asked for a huge map)


def png_scale(width_pt: float, height_pt: float, scale: float = DEFAULT_SCALE) -> float:
    """The pixels-per-point to use: as asked, but capped so no side passes MAX_SIDE and
    the whole image stays under MAX_PIXELS (a 2,000-person map gives a sane file)."""
    if not (isinstance(scale, (int, float)) and math.isfinite(scale) and scale > 0):
        raise ValueError("the PNG scale is a positive number")
    if width_pt <= 0 or height_pt <= 0:
        raise ValueError("the map has no size")
    side = MAX_SIDE / max(width_pt, height_pt)
    area = math.sqrt(MAX_PIXELS / (width_pt * height_pt))
    return min(float(scale), side, area)


def png_bytes(doc: Document, redact: bool = False, scale: float = DEFAULT_SCALE) -> tuple[bytes, PngInfo]:
    """The map as PNG data, and its pixel size."""
    import pypdfium2 as pdfium
    from reportlab.graphics import renderPDF

    if redact:
        doc = redacted(doc)
    drawing = map_drawing(doc, redact=redact, title=doc.meta.title)
    used = png_scale(drawing.width, drawing.height, scale)
    pdf = pdfium.PdfDocument(renderPDF.drawToString(drawing))
    try:
        bitmap = pdf[0].render(scale=used, fill_color=(255, 255, 255, 255))
        image = bitmap.to_pil().convert("RGB")
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, dpi=(72 * used, 72 * used))
    log.debug("PNG %dx%d px at %.2f px/pt", image.width, image.height, used)
    return out.getvalue(), PngInfo(image.width, image.height, used)


def write_png(doc: Document, path: Path | str, redact: bool = False, scale: float = DEFAULT_SCALE) -> PngInfo:
    """Write the map as a PNG (atomically); returns its pixel size. OSError if unwritable."""
    data, info = png_bytes(doc, redact=redact, scale=scale)
    atomic_write_bytes(path, data)
    return info


# ---------------------------------------------------------------- SVG

# registered font -> CSS font-family list, weight, style (viewers without Noto use a sans)
_CSS_FONTS: dict[str, tuple[str, str, str]] = {}


def _css_font(name: str) -> tuple[str, str, str]:
    if not _CSS_FONTS:
        css_family = {
            fonts.SANS: "'Noto Sans'",
            fonts.ARABIC: "'Noto Sans Arabic', 'Noto Naskh Arabic'",
            fonts.HEBREW: "'Noto Sans Hebrew'",
            fonts.THAI: "'Noto Sans Thai'",
            fonts.DEVANAGARI: "'Noto Sans Devanagari'",
            fonts.BENGALI: "'Noto Sans Bengali'",
            fonts.TAMIL: "'Noto Sans Tamil'",
            fonts.CJK: "'Droid Sans Fallback', 'Noto Sans CJK SC', 'Noto Sans CJK JP'",
            fonts.KOREAN: "'NanumSquare', 'Noto Sans CJK KR', 'Malgun Gothic'",
        }
        for family, members in fonts.FAMILIES.items():
            for i, member in enumerate(members):
                bold, italic = i in (1, 3), i in (2, 3)
                if family in (fonts.CJK, fonts.KOREAN):
                    bold = italic = False
                _CSS_FONTS.setdefault(
                    member,
                    (
                        f"{css_family[family]}, {family}, sans-serif",
                        "bold" if bold else "normal",
                        "italic" if italic and family == fonts.SANS else "normal",
                    ),
                )
    return _CSS_FONTS.get(name, ("'Noto Sans', sans-serif", "normal", "normal"))


_FONT_DECL = re.compile(r"font-family: ([^;\"]+);")
_TAG = re.compile(r"<[^<>]*>")  # user text is escaped (&lt;), so every < > pair is markup


def _fix_fonts(svg: str) -> str:
    """reportlab's font names -> CSS font families, in the markup only: a name typed as
    'font-family: Evil;' is text and stays as typed."""
    def repl(m: re.Match[str]) -> str:
        family, weight, style = _css_font(m.group(1).strip())
        return f"font-family: {family}; font-weight: {weight}; font-style: {style};"

    return _TAG.sub(lambda tag: _FONT_DECL.sub(repl, tag.group(0)), svg)


def _unshape(node: Any) -> None:
    """SVG viewers shape text themselves (Arabic joined and right to left, Indic conjuncts):
    give them the logical text."""
    for child in getattr(node, "contents", []):
        if hasattr(child, "logical") and (getattr(child, "rtl", False) or child.logical != child.text):
            child.text = child.logical
        _unshape(child)


def svg_text(doc: Document, redact: bool = False) -> str:
    """The map as an SVG document (text as text, so it can be searched and edited)."""
    from reportlab.graphics import renderSVG

    if redact:
        doc = redacted(doc)  # the title may name someone too
    title = fonts.clean_text(doc.meta.title).strip()
    drawing = map_drawing(doc, redact=redact, title=title)
    _unshape(drawing)
    svg = renderSVG.drawToString(drawing, useClip=True)  # a clip attribute: more viewers draw it
    svg = svg.replace("<title>...</title>", f"<title>{escape(title or 'Contract walk')}</title>", 1)
    svg = svg.replace("<desc>...</desc>", "<desc>Contract Walk map</desc>", 1)
    return _fix_fonts(svg)


def write_svg(doc: Document, path: Path | str, redact: bool = False) -> None:
    """Write the map as SVG (atomically). OSError if unwritable."""
    atomic_write_bytes(path, svg_text(doc, redact=redact).encode("utf-8"))
