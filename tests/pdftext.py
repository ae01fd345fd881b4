"""The text layer of a PDF as a reader's search or copy sees it (PDFium, which honours ActualText).

Used instead of poppler's pdftotext so that the suite needs nothing outside its own virtual
environment (a fresh machine has no poppler-utils).
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium


def pdf_text(path: str | Path) -> str:
    """Every page's text, pages separated by a form feed, lines by '\\n'."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return "\f".join(page.get_textpage().get_text_range().replace("\r\n", "\n") for page in doc)
    finally:
        doc.close()


def page_chars(path: str | Path, find: str) -> list[tuple[str, float, float, float]]:
    """(character, x, baseline y, font size) of every character on the first page whose text
    holds `find` (generated characters, like the spaces PDFium adds, left out)."""
    import ctypes

    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(str(path))
    try:
        for page in doc:
            tp = page.get_textpage()
            if find not in tp.get_text_range():
                continue
            out = []
            for i in range(raw.FPDFText_CountChars(tp.raw)):
                if raw.FPDFText_IsGenerated(tp.raw, i):
                    continue
                x, y = ctypes.c_double(), ctypes.c_double()
                raw.FPDFText_GetCharOrigin(tp.raw, i, ctypes.byref(x), ctypes.byref(y))
                out.append((chr(raw.FPDFText_GetUnicode(tp.raw, i)), x.value, y.value,
                            raw.FPDFText_GetFontSize(tp.raw, i)))
            return out
    finally:
        doc.close()
    raise AssertionError(f"no page holds {find!r}")
