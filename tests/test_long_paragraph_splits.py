"""A paragraph far longer than a page (a 30,000-character story, or a redacted map whose
long role labels stand in for every name) is set in time proportional to its length:
each page's split keeps the lines already broken and makes no markup it does not need.
Splitting it again from scratch after every page cost the square of its length (a redacted
map with 6,000-character titles ran for minutes and took gigabytes)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from export.pdf import markup_read
from export.pdf import styles as pdf_styles
from export.pdf.lines import FastPara, fast_para
from tests.pdftext import pdf_text

WORDS = [f"word{i}" for i in range(12_000)]  # ~90,000 characters: about 25 pages of body text


def _long(style: Any) -> FastPara:
    markup = " ".join(WORDS)
    para = fast_para(markup, style, lambda: Paragraph(markup, style), {})
    assert para is not None
    return para


def test_the_rest_of_a_split_has_the_lines_a_fresh_break_gives() -> None:
    style = pdf_styles.make_styles().body
    para = _long(style)
    para.wrap(300, 800)
    first, rest = para.split(300, 200)
    fresh = FastPara("", style, list(rest._words))
    assert rest.wrap(300, 800) == fresh.wrap(300, 800)
    assert rest._lines == fresh._lines and rest._starts == fresh._starts
    assert first.wrap(300, 800)[1] + rest.wrap(300, 800)[1] == para.wrap(300, 800)[1]
    assert rest.text == markup_read.markup_of(rest._words)  # made when asked for


def test_a_many_page_paragraph_is_broken_and_marked_up_in_linear_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    style = pdf_styles.make_styles().body
    broken: list[int] = []  # words looked at by each line breaking
    marked: list[int] = []  # words turned into markup
    real_break, real_markup = FastPara._break, markup_read.markup_of

    def counting_break(self: FastPara, width: float) -> Any:
        broken.append(len(self._words))
        return real_break(self, width)

    def counting_markup(words: list[Any]) -> str:
        marked.append(len(words))
        return real_markup(words)

    monkeypatch.setattr(FastPara, "_break", counting_break)
    monkeypatch.setattr(markup_read, "markup_of", counting_markup)
    out = tmp_path / "long.pdf"
    SimpleDocTemplate(str(out), pagesize=A4).build([_long(style)])
    pages = pdf_text(out).split("\f")
    assert len(pages) > 10, len(pages)
    # every page's part is broken once (plus the whole, once): about twice the words, where
    # breaking the rest again after every page looked at ~pages/2 times the words
    assert sum(broken) <= 3 * len(WORDS), (sum(broken), len(pages))
    assert sum(marked) == 0  # nobody asked for a part's markup
    text = " ".join(pages).split()
    assert [w for w in text if w.startswith("word")] == WORDS  # every word, in order
