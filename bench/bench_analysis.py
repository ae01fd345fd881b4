"""How long the insights take on a big map (target: under 1 s at 2,000 people and ~3,000 hand-offs).

    .venv/bin/python bench/bench_analysis.py [--people 2000] [--runs 7] [--seed 1]

Prints the median of several in-process runs of `analyse` (the map is built
once), the spread, and what was found, so a slow rule shows up as a figure.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import Counter
from functools import partial
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx

from bench.common import Row, median_time
from bench.mapgen import make_big_map
from model.analysis.insights import KIND_ORDER, analyse, report_text
from model.analysis.rules import EXACT_LIMIT, SAMPLES, SEED
from model.document import Document

TODAY = dt.date(2026, 11, 23)


def _floor(doc: Document) -> None:
    """The bare minimum any analysis pays: a DiGraph of the hand-offs and its betweenness
    (sampled the same way above EXACT_LIMIT)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(pid for pid, p in doc.people.items() if p.placed)
    graph.add_edges_from((h.source, h.target) for h in doc.handoffs.values())
    if graph.number_of_nodes() <= EXACT_LIMIT:
        nx.betweenness_centrality(graph)
    else:
        nx.betweenness_centrality(graph, k=SAMPLES, seed=SEED)


def measure(sizes: list[int], repeat: int = 5) -> list[Row]:
    """For bench/run.py: analyse, report_text and to_json per map size, next to the bare floor."""
    rows: list[Row] = []
    for n in sizes:
        doc = make_big_map(n, seed=1)
        floor_s = median_time(partial(_floor, doc), repeat)
        analyse_s = median_time(partial(analyse, doc, today=TODAY), repeat)
        report = analyse(doc, today=TODAY)
        text_s = median_time(partial(report_text, doc, report), repeat)
        json_s = median_time(report.to_json, repeat)
        target = "<1 s at 2,000 people" if n <= 2000 else ""
        rows.append(Row(n, "analyse (every finding)", analyse_s, "DiGraph + betweenness", floor_s, target))
        rows.append(Row(n, "report_text", text_s))
        rows.append(Row(n, "report.to_json", json_s))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    doc = make_big_map(args.people, args.seed)
    built = time.perf_counter() - started
    today = TODAY
    two_way = sum(1 for h in doc.handoffs.values() if h.two_way)
    print(f"map: {len(doc.people)} people, {len(doc.handoffs)} hand-offs ({two_way} two-way), "
          f"{len(doc.departments)} departments; built in {built:.2f} s")

    times = []
    report = None
    for _ in range(args.runs):
        t0 = time.perf_counter()
        report = analyse(doc, today=today)
        times.append(time.perf_counter() - t0)
    assert report is not None
    t0 = time.perf_counter()
    text = report_text(doc, report)
    text_time = time.perf_counter() - t0
    t0 = time.perf_counter()
    report.to_json()
    json_time = time.perf_counter() - t0

    print(f"analyse: median {statistics.median(times):.3f} s over {args.runs} runs "
          f"(min {min(times):.3f}, max {max(times):.3f})")
    print(f"report_text: {text_time:.3f} s ({len(text.splitlines())} lines); to_json: {json_time:.3f} s")
    counts = Counter(f.kind for f in report.findings)
    print(f"walk: {len(report.walk)} steps; findings: {len(report.findings)}")
    for kind in KIND_ORDER:
        if counts[kind]:
            print(f"  {kind:<26} {counts[kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
