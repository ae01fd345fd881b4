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
