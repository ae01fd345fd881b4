"""The same map gives the same findings, in the same order, every run.

Python salts string hashes per process (PYTHONHASHSEED), so anything that walks a set of
person ids, or networkx's order for a subgraph view (it iterates the set of kept nodes) or a
condensation, can come out in another order in another run. Users see that as the Insights
panel, the playbook's "Where the walk may lose the customer" and `main.py check` reordering
between runs of the same file. So each run here is a real process with its own hash seed.

The maps: bench/mapgen.py's generated organisation. At 60 people (seed 2), the smallest found,
three dead ends share their first step (their upstream colleagues): before the fix the hash seeds
below gave four different orders. At 2,000 people (seed 3) two dead ends did the same (seed 5
swapped them), the case found at 10,000 people, at a size that keeps the test quick.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.mapgen import make_big_map
from model.storage.store import save
from tests.pdftext import pdf_text

ROOT = Path(__file__).resolve().parent.parent
HASH_SEEDS = ("0", "1", "5", "2026")

# Everything the analysis hands to the panel, the playbook and the CLI, ids included.
DUMP = """
import dataclasses, datetime as dt, json, sys
from model.analysis.insights import analyse, report_text
from model.storage.store import load
doc = load(sys.argv[1])
report = analyse(doc, today=dt.date(2026, 12, 1))
print(json.dumps(dataclasses.asdict(report), sort_keys=False, default=str))
print(report_text(doc, report))
"""


def run(args: list[str], hash_seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, encoding="utf-8",
        timeout=300, cwd=ROOT, env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def assert_same(outputs: dict[str, str], what: str) -> None:
    """Every hash seed's output is the first one's; else the first line where they part."""
    first_seed, first = next(iter(outputs.items()))
    for seed, out in outputs.items():
        if out != first:
            lines = list(zip(first.splitlines(), out.splitlines(), strict=False))
            at = next((i for i, (a, b) in enumerate(lines) if a != b), len(lines))
            pytest.fail(f"{what}: PYTHONHASHSEED={seed} differs from {first_seed} at line {at + 1}")


@pytest.fixture(scope="module", params=[(60, 2), (2000, 3)], ids=["60-people", "2000-people"])
def big_map(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    people, seed = request.param
    path = tmp_path_factory.mktemp("determinism") / f"org-{people}.cwalk"
    save(make_big_map(people, seed=seed), path)
    return path


def test_the_report_is_the_same_under_every_hash_seed(big_map: Path) -> None:
    outputs = {seed: run(["-c", DUMP, str(big_map)], seed) for seed in HASH_SEEDS}
    assert '"kind": "dead_end"' in outputs[HASH_SEEDS[0]]  # the map has the findings that used to swap
    assert_same(outputs, "the report")


def test_check_json_is_the_same_under_every_hash_seed(big_map: Path) -> None:
    outputs = {seed: run([str(ROOT / "main.py"), "check", str(big_map), "--json"], seed)
               for seed in HASH_SEEDS}
    assert '"dead_end"' in outputs[HASH_SEEDS[0]]
    assert_same(outputs, "check --json")


def test_the_playbook_insights_read_the_same_under_every_hash_seed(tmp_path: Path) -> None:
    """The playbook's "Where the walk may lose the customer", as a reader's copy sees it."""
    source = tmp_path / "org.cwalk"
    save(make_big_map(60, seed=2), source)
    outputs = {}
    for seed in HASH_SEEDS:
        pdf = tmp_path / f"insights-{seed}.pdf"
        run([str(ROOT / "main.py"), "export", str(source), "--pdf", str(pdf), "--sections", "insights"], seed)
        outputs[seed] = pdf_text(pdf)
    assert "Work stops at" in outputs[HASH_SEEDS[0]]
    assert_same(outputs, "the playbook's insights")
