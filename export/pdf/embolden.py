"""Bold Chinese, Japanese and Korean without a bold CJK or Hangul font.

The bundled CJK face (Droid Sans Fallback) and the Hangul face (NanumSquare Regular) have
no bold, so a name in 王小明 or 김민준 printed regular where every other name is bold. A
second font name for the same file marks bold text in either, and its glyphs are drawn
filled and stroked with a hairline in their own colour (text render mode 2): what word
processors call synthetic bold. The text stays text (searchable, copyable); only its weight changes.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from export.pdf.reportlab_private import wrap_format_text

log = logging.getLogger(__name__)

CJK_BOLD = "DroidSansFallback-Bold"
KOREAN_BOLD = "NanumSquare-Bold"
STROKE = 0.035  # of the font size: about the weight step from regular to bold

_installed = False


def _rg(color: Any) -> str:
    """A colour as a stroke-colour operator ('' for one that is not plain RGB)."""
    if hasattr(color, "red"):
        return f"{color.red:.3f} {color.green:.3f} {color.blue:.3f} RG "
    return ""


def _distinct_subset_tags() -> None:
    """Every font subset in a PDF gets its own six-letter tag, as the PDF standard asks
    (reportlab tags the first subset of every font AAAAAA, the second AAAAAB...); a
    checker or a viewer merging fonts by name no longer takes two subsets for one."""
    import itertools

    from reportlab.pdfbase import ttfonts

    counter = itertools.count()

    def tag(_n: int) -> bytes:
        k = next(counter) % 26**6
        letters = []
        for _ in range(6):
            k, r = divmod(k, 26)
            letters.append(chr(65 + r))
        return "".join(reversed(letters)).encode("ascii")

    ttfonts.SUBSETN = tag


def install() -> None:
    """Register a bold name (the same file) in the CJK and the Korean family and hook the text
    output (idempotent; called by export.fonts.register_fonts)."""
    global _installed
    if _installed:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from export import fonts

    for family, bold_name in ((fonts.CJK, CJK_BOLD), (fonts.KOREAN, KOREAN_BOLD)):
        regular: Any = pdfmetrics.getFont(family)
        if bold_name not in pdfmetrics.getRegisteredFontNames():
            bold = TTFont(bold_name, regular.face.filename)
            bold.face.name = bold_name.encode("ascii")  # its own /BaseFont, not the regular one's
            pdfmetrics.registerFont(bold)
        fonts.FAMILIES[family] = (family, bold_name, family, bold_name)
        pdfmetrics.registerFontFamily(family, normal=family, bold=bold_name, italic=family,
                                      boldItalic=bold_name)
    def wrap(original: Callable[[Any, Any], str]) -> Callable[[Any, Any], str]:
        def format_text(self: Any, text: Any) -> str:
            return _stroked_if_bold(self, original(self, text))

        return format_text

    wrap_format_text(wrap)
    _distinct_subset_tags()
    _installed = True
    log.debug("synthetic bold for %s and %s", fonts.CJK, fonts.KOREAN)


def _stroked_if_bold(self: Any, out: str) -> str:
    """A text object's output for one run, stroked as well as filled when set in the bold face."""
    if getattr(self, "_fontname", "") not in (CJK_BOLD, KOREAN_BOLD):
        return out
    canv = self._canvas
    color = getattr(self, "_fillColorObj", None) or getattr(canv, "_fillColorObj", None)
    width = STROKE * float(getattr(self, "_fontsize", 10.0))
    # q/Q are not allowed inside a text object: set the stroke for these glyphs, then put
    # back the canvas's own stroke colour and line width
    return (f"{_rg(color)}{width:.3f} w 2 Tr {out} 0 Tr "
            f"{_rg(getattr(canv, '_strokeColorObj', None))}{float(getattr(canv, '_lineWidth', 1)):.3f} w")
