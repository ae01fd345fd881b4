"""The same map gives the same findings, in the same order, every run.

Python salts string hashes per process (PYTHONHASHSEED), so anything that walks a set of
person ids, or networkx's order for a subgraph view (it iterates the set of kept nodes) or a
condensation, can come out in another order in another run. Users see that as the Insights
panel, the playbook's "Where the walk may lose the customer" and `main.py check` reordering
between runs of the same file. So each run here is a real process with its own hash seed.

The map: bench/mapgen.py's generated organisation at 2,000 people, seed 3, the smallest
generated map found on which two dead ends share their upstream colleagues (and so the same
first step): before the fix their order followed the hash seed (seed 5 swapped them).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.mapgen import make_big_map
from model.storage.store import save

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


@pytest.fixture(scope="module")
def big_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("determinism") / "org.cwalk"
    save(make_big_map(2000, seed=3), path)
    return path


def test_the_report_is_the_same_under_every_hash_seed(big_map: Path) -> None:
    outputs = {seed: run(["-c", DUMP, str(big_map)], seed) for seed in HASH_SEEDS}
    first = outputs[HASH_SEEDS[0]]
    assert '"kind": "dead_end"' in first  # the map has the findings that used to swap
    for seed, out in outputs.items():
        assert out == first, f"PYTHONHASHSEED={seed} gives another report than {HASH_SEEDS[0]}"


def test_check_json_is_the_same_under_every_hash_seed(big_map: Path) -> None:
    outputs = {seed: run([str(ROOT / "main.py"), "check", str(big_map), "--json"], seed)
               for seed in HASH_SEEDS[:3]}
    first = outputs[HASH_SEEDS[0]]
    assert '"dead_end"' in first
    for seed, out in outputs.items():
        assert out == first, f"PYTHONHASHSEED={seed}: check --json differs from {HASH_SEEDS[0]}"
