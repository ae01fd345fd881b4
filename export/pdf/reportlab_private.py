"""Every use of reportlab's private API, in one place, with the version series it was tested on.

The playbook leans on four reportlab internals for speed and correct text: the whitespace set of
paragraph wrapping (`_wsc`, for the light paragraph in lines.py), the path renderer of
renderPDF (`_renderPath`, for the lean map renderer in render.py), and two hooks it wraps:
`PDFTextObject._formatText` (ActualText spans in actualtext.py, synthetic bold in embolden.py) and
`shapeFragWord` (the logical text of shaped words, actualtext.py); and the list measure of
KeepTogether (`_listWrapOn`, for the short-tail keeping in parts/keep.py). A reportlab release may change
any of them: pyproject.toml pins reportlab to TESTED_SERIES, tests/test_reportlab_private.py
fails on another series, and each wrapper is installed here, so there is one place to look.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import reportlab
from reportlab.graphics.shapes import _renderPath
from reportlab.platypus.flowables import _listWrapOn
from reportlab.platypus.paragraph import _wsc

log = logging.getLogger(__name__)

TESTED_SERIES = "5.1"  # keep in step with the reportlab pin in pyproject.toml

WHITESPACE: str = _wsc  # the characters reportlab's paragraphs break lines at
render_path: Callable[..., Any] = _renderPath  # adds a Path's operators to a PDF path object
# the height a list of flowables takes, spaces between them merged as a frame merges them
# (parts/keep.py measures a part's last sections with it, as KeepTogether does)
list_wrap_on: Callable[..., tuple[float, float]] = _listWrapOn


def version_series() -> str:
    """The installed reportlab's major.minor, e.g. '5.1'."""
    return ".".join(str(reportlab.Version).split(".")[:2])


if version_series() != TESTED_SERIES:  # pragma: no cover - only with an unpinned install
    log.warning("reportlab %s is not the tested %s series: check export/pdf/reportlab_private.py",
                reportlab.Version, TESTED_SERIES)


def wrap_format_text(make: Callable[[Callable[[Any, Any], str]], Callable[[Any, Any], str]]) -> None:
    """Wrap PDFTextObject._formatText (what a text object writes for a run of text):
    `make(original)` returns the replacement. Wrappers compose in the order installed."""
    from reportlab.pdfgen import textobject

    textobject.PDFTextObject._formatText = make(textobject.PDFTextObject._formatText)


def wrap_shape_frag_word(make: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    """Wrap ttfonts.shapeFragWord (the shaping of one word of a paragraph) where paragraphs call it."""
    from reportlab.pdfbase import ttfonts
    from reportlab.platypus import paragraph

    wrapped = make(ttfonts.shapeFragWord)
    ttfonts.shapeFragWord = wrapped
    paragraph.shapeFragWord = wrapped


def shape_data_type() -> type:
    """reportlab's per-glyph shaping record (ttfonts.ShapeData), to subclass."""
    from reportlab.pdfbase import ttfonts

    return ttfonts.ShapeData  # type: ignore[no-any-return]


def append_operator(text_object: Any, operator: str) -> None:
    """Write a raw content-stream operator into a text object (PDFTextObject._code): marked
    content (BDC/EMC) has no public method."""
    text_object._code.append(operator)
