"""Benchmark: one paragraph many pages long (a 30,000-character story; a redacted map whose
long role labels stand in for every name), set alone, at growing lengths.

A split used to break the rest of the paragraph again after every page and make its markup,
so the time grew with the square of the length (8,000 words: ~10x the time of 2,000 per
word). Printed: CPU seconds (best of `--repeat`), pages, and the CPU per 1,000 words relative
to the shortest, which stays near 1 when the work is linear.

    python bench/bench_long_text.py [--words 2000 8000 32000] [--repeat 2]

On this machine (Dec 2026, CPU s at 2,000 / 8,000 / 32,000 words): before, 0.02 / 0.26 / 4.23
(per word 1 : 2.7 : 10.8); now 0.01 / 0.03 / 0.18 (1 : 0.8 : 1.2).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from export.pdf import styles as pdf_styles
from export.pdf.lines import fast_para


def build_once(words: int, folder: Path) -> tuple[float, int]:
    """CPU seconds to set `words` words as one paragraph, and the pages it took."""
    style = pdf_styles.make_styles().body
    markup = " ".join(f"word{i}" for i in range(words))
    para = fast_para(markup, style, lambda: Paragraph(markup, style), {})
    doc = SimpleDocTemplate(str(folder / "long.pdf"), pagesize=A4)
    start = time.process_time()
    doc.build([para])
    return time.process_time() - start, doc.page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[2000, 8000, 32000])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    first: float | None = None
    print(f"{'words':>8} {'pages':>6} {'cpu s':>8} {'per 1k words vs first':>22}")
    with tempfile.TemporaryDirectory() as folder:
        for words in args.words:
            runs = [build_once(words, Path(folder)) for _ in range(max(1, args.repeat))]
            cpu, pages = min(runs)
            per = cpu / words * 1000
            first = first or per
            print(f"{words:>8} {pages:>6} {cpu:>8.2f} {per / first:>22.2f}")


if __name__ == "__main__":
    main()
