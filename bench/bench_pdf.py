"""Benchmark: the PDF playbook of a big map next to two bare reportlab floors.

Both floors are measured in the same run, on the same map, in the same embedded font:

1. issue 5, "a bare reportlab document setting the same stories in the same font":
   every person's name, title, story and notes as plain paragraphs, one build. It
   sets a fraction of what the playbook prints (no walk, insights, hand-offs,
   departments, map), so its ratio says how much more the playbook prints as much
   as how fast it is.
2. issue 7, "the same text in the same font": every paragraph and table text the
   playbook itself prints (same markup, same styles), set bare in one build: none of
   the playbook's own work (analysis, cards, timeline, tables, map drawing, contents,
   header and footer).

Target for both: the playbook within 2.5x of the floor.

    python bench/bench_pdf.py [--people 200 2000] [--seed 1] [--repeat 1] [--scripts] [--profile] [--rows]

Each size also prints one team's playbook (`--department`, issue 15): the largest
department's, its pages and time (target: tens of pages at 2,000 people, not a thousand).

`measure(sizes, repeat)` is what bench/run.py calls. A 2,000-person playbook takes
~15 s here, so sizes of 2,000 and more are timed once whatever `repeat` says.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import logging
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, format_rows
from bench.mapgen import make_big_map
from export import fonts
from export.playbook import write_playbook
from model.document import Document
from model.entities import Story

log = logging.getLogger(__name__)
TARGET = 2.5
ONCE_FROM = 2000  # maps this big are timed once (see the module docstring)
FLOOR_PEOPLE = "bare reportlab: people's texts"  # issue 5
FLOOR_SAME = "bare reportlab: same text"  # issue 7


# names and a story opening in other scripts, for every other person (--scripts)
SCRIPT_NAMES = (
    ("فاطمة الزهراء", "أرسل الفاتورة الصحيحة في الوقت المناسب."),
    ("王小明", "我负责采购客户需要的材料。"),
    ("שלום כהן", "אני כותב תנאים פשוטים ללקוח."),
    ("김민준", "고객에게 정확한 송장을 보냅니다."),
    ("Анна Кузнецова", "Я пишу простые условия для клиента."),
)


def with_scripts(doc: Document) -> Document:
    """Every other person renamed into Arabic, Chinese, Hebrew, Korean or Cyrillic (with a
    sentence in that script before their story): the playbook of a map in many languages."""
    import dataclasses

    for i, person in enumerate(list(doc.people.values())):
        if i % 2:
            continue
        name, sentence = SCRIPT_NAMES[(i // 2) % len(SCRIPT_NAMES)]
        story = dataclasses.replace(person.story, hand_on=f"{sentence} {person.story.hand_on}".strip())
        doc.update("person", person.id, name=f"{name} {i}", story=story)
    return doc


def bare_reportlab(doc: Document, path: Path) -> int:
    """Floor 1 (issue 5): the people's texts as plain paragraphs, Noto Sans 10/14, one build;
    returns pages."""
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


def _texts(flowables: list[Any], small: Any, out: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """(markup, style) of every text inside the playbook's flowables (paragraphs, panels,
    chip lines, tables), in order."""
    from reportlab.platypus import Paragraph

    from export.pdf.table import TextTable

    for f in flowables:
        if isinstance(f, Paragraph):
            out.append((f.text, f.style))
        elif isinstance(f, TextTable):
            out += [(escape(text), small) for text in f.texts()]
        for attr in ("content", "para"):
            inner = getattr(f, attr, None)
            if isinstance(inner, list):
                _texts(inner, small, out)
            elif inner is not None:
                _texts([inner], small, out)
    return out


def bare_same_text(doc: Document, path: Path) -> tuple[int, int, float]:
    """Floor 2 (issue 7): the playbook's own texts (same markup, same styles), set bare in
    one build. Returns (pages, paragraphs, seconds): only setting them is timed, not
    collecting them from the playbook's story."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from export import playbook
    from export.pdf.context import Ctx
    from export.pdf.doc import Contents
    from export.pdf.styles import make_styles
    from model.analysis.insights import analyse

    chosen = [s for s in playbook.SECTIONS if s not in ("map", "contents")]
    styles = make_styles()
    ctx = Ctx(doc, analyse(doc), False, styles, Contents(), A4, dt.date.today(), lambda: None)
    texts = _texts(playbook._story(ctx, chosen), styles.small, [])
    t0 = time.perf_counter()
    pdf = SimpleDocTemplate(str(path), pagesize=A4)
    pdf.build([Paragraph(text, style) for text, style in texts])
    return pdf.page, len(texts), time.perf_counter() - t0


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def run_once(doc: Document, folder: Path, profiler: cProfile.Profile | None = None) -> dict[str, float]:
    """One timing of the playbook and both floors on the same map."""
    fonts.register_fonts()
    t0 = time.perf_counter()
    bare_pages = bare_reportlab(doc, folder / "bare.pdf")
    bare = time.perf_counter() - t0
    same_pages, same_paras, same = bare_same_text(doc, folder / "same.pdf")
    book_path = folder / "playbook.pdf"
    t0 = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    write_playbook(doc, book_path)
    if profiler is not None:
        profiler.disable()
    book = time.perf_counter() - t0
    return {"bare": bare, "bare_pages": bare_pages, "same": same, "same_pages": same_pages,
            "same_paras": same_paras, "book": book, "book_pages": _pages(book_path),
            "book_mb": book_path.stat().st_size / 1e6}


def department_run(doc: Document, folder: Path) -> tuple[str, int, int, float]:
    """The largest department's playbook: (its name, its people, pages, seconds)."""
    sizes: dict[str, int] = {}
    for p in doc.people.values():
        if p.department_id and not p.is_customer:
            sizes[p.department_id] = sizes.get(p.department_id, 0) + 1
    did = max(sizes, key=lambda d: sizes[d])
    path = folder / "department.pdf"
    t0 = time.perf_counter()
    write_playbook(doc, path, departments=[did])
    return doc.departments[did].name, sizes[did], _pages(path), time.perf_counter() - t0


def measure(sizes: list[int], repeat: int = 3, scripts: bool = False) -> list[Row]:
    """Rows for bench/run.py: the playbook against each floor, per map size (median of
    `repeat` runs; once for maps of ONCE_FROM people or more). scripts: names in many
    scripts (`with_scripts`)."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            doc = make_big_map(n, seed=1)
            if scripts:
                with_scripts(doc)
            runs = [run_once(doc, Path(tmp)) for _ in range(1 if n >= ONCE_FROM else max(1, repeat))]
            fig = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            note = "" if len(runs) > 1 else " (1 run)"
            what = f"PDF playbook{', scripts' if scripts else ''}, {int(fig['book_pages'])} p{note}"
            rows.append(Row(n, what, fig["book"], f"{FLOOR_PEOPLE} ({int(fig['bare_pages'])} p)", fig["bare"],
                            f"<={TARGET}x (issue 5)"))
            rows.append(Row(n, what, fig["book"], f"{FLOOR_SAME} ({int(fig['same_pages'])} p)", fig["same"],
                            f"<={TARGET}x (issue 7)"))
            _name, people, pages, seconds = department_run(doc, Path(tmp))
            rows.append(Row(n, f"PDF, one department ({people} people), {pages} p", seconds,
                            target="tens of pages (issue 15)"))
    return rows


def report(fig: dict[str, float]) -> str:
    """The figures of one run, both floors with their ratios, as text."""
    lines = [
        (f"floor 1, issue 5 (the people's texts, bare)   : {fig['bare']:6.2f} s  "
         f"{int(fig['bare_pages']):5d} pages"),
        (f"floor 2, issue 7 (the playbook's text, bare)  : {fig['same']:6.2f} s  "
         f"{int(fig['same_pages']):5d} pages  ({int(fig['same_paras'])} paragraphs)"),
        (f"playbook (all sections)                       : {fig['book']:6.2f} s  "
         f"{int(fig['book_pages']):5d} pages  {fig['book_mb']:.1f} MB"),
    ]
    for label, floor in (("floor 1 (issue 5)", fig["bare"]), ("floor 2 (issue 7)", fig["same"])):
        ratio = fig["book"] / floor if floor else float("inf")
        verdict = "met" if ratio <= TARGET else "NOT met"
        lines.append(f"ratio to {label}: {ratio:6.2f}x  (target {TARGET}x: {verdict})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[2000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (median); 1 for 2,000 and more")
    parser.add_argument("--profile", action="store_true", help="print where the playbook's time goes")
    parser.add_argument("--rows", action="store_true", help="print the rows bench/run.py prints")
    parser.add_argument("--scripts", action="store_true", help="every other name in another script")
    args = parser.parse_args(argv)
    if args.rows:
        print(format_rows(measure(args.people, args.repeat, args.scripts)))
        return 0
    profiler = cProfile.Profile() if args.profile else None
    for n in args.people:
        started = time.perf_counter()
        doc = make_big_map(n, args.seed)
        if args.scripts:
            with_scripts(doc)
        kind = " (names in many scripts)" if args.scripts else ""
        print(f"map{kind}: {len(doc.people)} people, {len(doc.handoffs)} hand-offs, "
              f"{len(doc.departments)} departments (generated in {time.perf_counter() - started:.2f} s)")
        with tempfile.TemporaryDirectory() as folder:
            times = 1 if n >= ONCE_FROM or profiler else max(1, args.repeat)
            runs = [run_once(doc, Path(folder), profiler) for _ in range(times)]
            name, people, pages, seconds = department_run(doc, Path(folder))
        fig = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(report(fig) + (f"\n(median of {times} runs)" if times > 1 else ""))
        print(f"one department's playbook ({name}, {people} people)   : {seconds:6.2f} s  {pages:5d} pages")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
