"""A process killed at any moment while saving leaves a map that opens: the old one or the new one."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from model.storage.atomic import STALE_TEMP_S
from model.storage.store import backups_of, load, save

ROOT = Path(__file__).resolve().parent.parent

# The child builds a 2,000-person map and saves it over and over, a new title each time.
CHILD = r"""
import sys
sys.path.insert(0, sys.argv[2])
from model.document import Document
from model.entities import Department, Handoff, Person, Story
from model.storage.store import save
doc = Document.with_standard_statements()
depts = [doc.add("department", Department(f"Department {d}")).id for d in range(12)]
people = []
for n in range(2000):
    p = Person(f"Person {n} — Zoë 李", title="Role", department_id=depts[n % 12], stage="build",
               pos=(float(n % 10) * 200, float(n // 10) * 80),
               story=Story(hand_on="what I hand on " * 20, moment="a moment " * 20))
    people.append(doc.add("person", p).id)
for n in range(1, 2000):
    doc.add("handoff", Handoff(people[n - 1], people[n], what="the order"))
n = 0
while True:
    doc.update_meta(title=f"save {n}")
    save(doc, sys.argv[1])
    print(n, flush=True)
    n += 1
"""


@pytest.mark.slow
def test_killing_a_saving_process_never_leaves_a_broken_map(tmp_path: Path) -> None:
    path = tmp_path / "big.cwalk"
    rng = random.Random(20261123)
    kills = 0
    last_seen = -1
    kept = 0  # backups seen so far: a kill may stop a save before it adds one, never lose one
    while kills < 20:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(ROOT)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        if not path.exists():
            first = child.stdout.readline()  # wait for a first complete map
            assert first.strip() == "0"
        # kill it somewhere inside the next save or two
        time.sleep(rng.uniform(0.0, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        kills += 1
        doc = load(path)  # must open, whole
        assert len(doc.people) == 2000 and len(doc.handoffs) == 1999
        assert doc.meta.title.startswith("save ")
        last_seen = int(doc.meta.title.split()[1])
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".cwalk-tmp")]
        # an interrupted save may leave its temp file behind, but never in place of the map
        assert all(name.startswith(".big.cwalk.") for name in leftovers)
        backups = backups_of(path)
        assert len(backups) >= kept  # every backup is still there (how many saves finished
        kept = len(backups)  # between two kills depends on the machine's speed)
    assert kills == 20 and last_seen >= 0
    for backup in backups_of(path):  # and each opens, whole
        old = load(backup)
        assert len(old.people) == 2000 and old.meta.title.startswith("save ")
    # the next clean save sweeps up what killed saves left behind, once old enough (a fresh one
    # may belong to a save under way in another process)
    fresh = tmp_path / ".big.cwalk.0123abcd.cwalk-tmp"
    fresh.write_bytes(b"a save under way")
    for left in tmp_path.glob(".big.cwalk.*.cwalk-tmp"):
        if left != fresh:
            os.utime(left, (time.time() - 2 * STALE_TEMP_S,) * 2)
    save(load(path), path)
    assert [p for p in tmp_path.iterdir() if p.name.endswith("-tmp")] == [fresh]
