"""Benchmark: the PDF playbook of a big map next to a bare reportlab document.

The bare document sets the same texts (every person's name, title, story and
notes) as plain paragraphs in the same embedded font, in one build, with none
of the playbook's work (analysis, cards, timeline, map drawing, contents,
header and footer). The ratio is the playbook's overhead; the target is 2.5x.

    python bench/bench_pdf.py [--people 2000] [--seed 1] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import logging
import pstats
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.mapgen import make_big_map
from export import fonts
from export.playbook import write_playbook
from model.document import Document
from model.entities import Story

log = logging.getLogger(__name__)
TARGET = 2.5


def bare_reportlab(doc: Document, path: Path) -> int:
    """The same people's texts as plain paragraphs, Noto Sans 10/14, one build; returns pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    fonts.register_fonts()
    body = ParagraphStyle("bare", fontName=fonts.SANS, fontSize=10, leading=14, spaceAfter=5)
    head = ParagraphStyle("bare-h", parent=body, fontName=fonts.SANS_BOLD, fontSize=13, leading=16)
    story = []
    for p in doc.people.values():
        story.append(Paragraph(escape(p.name), head))
        texts = [p.title, *(getattr(p.story, key) for key, _ in Story.PROMPTS), p.what_they_do,
                 p.why_this_order, p.strengths]
        for text in texts:
            if text.strip():
                story.append(Paragraph(escape(text), body))
    pdf = SimpleDocTemplate(str(path), pagesize=A4)
    pdf.build(story)
    return pdf.page


def _paragraphs(flowables: list, out: list) -> list:
    """Every Paragraph inside the playbook's flowables (panels, chip lines), in order."""
    from reportlab.platypus import Paragraph

    for f in flowables:
        if isinstance(f, Paragraph):
            out.append(f)
        for attr in ("content", "para"):
            inner = getattr(f, attr, None)
            if isinstance(inner, list):
                _paragraphs(inner, out)
            elif isinstance(inner, Paragraph):
                out.append(inner)
    return out


def bare_same_text(doc: Document, path: Path) -> tuple[int, int]:
    """The playbook's own paragraphs (same markup, same styles), set bare: one build, no
    cards, timeline, map, contents, header or footer. Returns (pages, paragraphs)."""
    import datetime as dt

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from export import playbook
    from export.pdf_context import Ctx
    from export.pdf_doc import Contents
    from export.pdf_styles import make_styles
    from model.analysis import analyse

    chosen = [s for s in playbook.SECTIONS if s not in ("map", "contents")]
    ctx = Ctx(doc, analyse(doc), False, make_styles(), Contents(), A4, dt.date.today(), lambda: None)
    texts = [(p.text, p.style) for p in _paragraphs(playbook._story(ctx, chosen), [])]
    t0 = time.perf_counter()
    pdf = SimpleDocTemplate(str(path), pagesize=A4)
    pdf.build([Paragraph(text, style) for text, style in texts])
    return pdf.page, len(texts), time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print where the playbook's time goes")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    doc = make_big_map(args.people, args.seed)
    print(f"map: {len(doc.people)} people, {len(doc.handoffs)} hand-offs, {len(doc.departments)} departments "
          f"(generated in {time.perf_counter() - started:.2f} s)")
    fonts.register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        bare_path, book_path = Path(folder) / "bare.pdf", Path(folder) / "playbook.pdf"
        t0 = time.perf_counter()
        bare_pages = bare_reportlab(doc, bare_path)  # the brief's floor
        bare = time.perf_counter() - t0

        same_pages, same_paras, same = bare_same_text(doc, Path(folder) / "same.pdf")

        profiler = cProfile.Profile() if args.profile else None
        t0 = time.perf_counter()
        if profiler:
            profiler.enable()
        write_playbook(doc, book_path)
        if profiler:
            profiler.disable()
        book = time.perf_counter() - t0
        from pypdf import PdfReader

        book_pages = len(PdfReader(str(book_path)).pages)
        print(f"bare reportlab, the people's texts  : {bare:6.2f} s  {bare_pages:5d} pages")
        print(f"bare reportlab, the playbook's texts: {same:6.2f} s  {same_pages:5d} pages  ({same_paras} paragraphs)")
        print(f"playbook (all sections)             : {book:6.2f} s  {book_pages:5d} pages  "
              f"{book_path.stat().st_size / 1e6:.1f} MB")
        for label, floor in (("the people's texts", bare), ("the playbook's texts", same)):
            ratio = book / floor if floor else float("inf")
            verdict = "met" if ratio <= TARGET else "NOT met"
            print(f"ratio to {label:22s}: {ratio:6.2f}x  (target {TARGET}x: {verdict})")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
