"""`main.py merge | setup-git | diff | show` as a user (and git) runs them: a real git repository
whose branches edit one map merges by meaning."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from model.document import Document
from model.entities import Person
from model.storage import store

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(MAIN), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, check=False)


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env,
                          check=False)


def edit(path: Path, who: str, **changes: str) -> None:
    doc = store.load(path)
    doc.update("person", doc.find_people(who)[0].id, **changes)
    store.save(doc, path, backups=0)


def on_two_branches(repo: Path, branch: str, theirs: tuple[str, str], ours: tuple[str, str]) -> None:
    """A new branch retitles one person in team.cwalk; main, meanwhile, retitles another (or the same)."""
    path = repo / "team.cwalk"
    git(repo, "checkout", "-qb", branch)
    edit(path, theirs[0], title=theirs[1])
    git(repo, "commit", "-qam", branch)
    git(repo, "checkout", "-q", "main")
    edit(path, ours[0], title=ours[1])
    git(repo, "commit", "-qam", f"main beside {branch}")


def small_map() -> Document:
    doc = Document.with_standard_statements()
    for name in ("Ana", "Ben", "Cy"):
        doc.add("person", Person(name=name, title="Clerk"))
    return doc


def test_git_merges_maps_by_meaning_with_the_driver_setup_git_installs(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    done = run("setup-git", repo, cwd=tmp_path)  # from another folder
    assert done.returncode == 0, done.stderr
    assert "*.cwalk merge=cwalk diff=cwalk" in (repo / ".gitattributes").read_text().splitlines()
    assert "main.py merge --no-backups %O %A %B" in git(repo, "config", "merge.cwalk.driver").stdout
    assert run("setup-git", repo).returncode == 0  # twice is fine: the line is not added again
    assert (repo / ".gitattributes").read_text().count("merge=cwalk") == 1
    path = repo / "team.cwalk"
    store.save(small_map(), path, backups=0)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "the map")

    # different people on two branches: a clean merge holding both edits
    on_two_branches(repo, "coach", ("Ana", "Coach's title"), ("Ben", "Lead's title"))
    assert "+  title: Lead's title" in git(repo, "diff", "HEAD~1").stdout  # textconv: a readable diff
    merged = git(repo, "merge", "-q", "coach", "-m", "merge")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    doc = store.load(path)
    assert [doc.find_people(n)[0].title for n in ("Ana", "Ben")] == ["Coach's title", "Lead's title"]
    assert not [p for p in repo.iterdir() if p.name.startswith(".merge_file")]  # nothing left behind

    # the same field on both: the conflict is reported and a valid map is left, keeping ours
    on_two_branches(repo, "coach2", ("Cy", "Theirs"), ("Cy", "Ours"))
    clash = git(repo, "merge", "coach2", "-m", "merge2")
    assert clash.returncode != 0 and "CONFLICT" in clash.stdout
    assert "conflict: Cy · title: ours Ours / theirs Theirs" in clash.stdout + clash.stderr
    doc = store.load(path)
    assert doc.find_people("Cy")[0].title == "Ours" and doc.problems() == []
    assert len(doc.meta.conflicts) == 1


def test_merge_verb_exit_codes_output_and_backups(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / f"{n}.cwalk" for n in ("base", "ours", "theirs"))
    store.save(small_map(), base, backups=0)
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    edit(ours, "Ana", title="A")
    edit(theirs, "Ben", title="B")
    done = run("merge", base, ours, theirs)
    assert done.returncode == 0, done.stderr
    assert "1 change from theirs.cwalk; no conflicts" in done.stdout
    assert (tmp_path / "ours.cwalk.bak1").exists()  # the version replaced is kept
    assert store.load(ours).find_people("Ben")[0].title == "B"
    edit(theirs, "Ana", title="Z")
    out = tmp_path / "out.cwalk"
    done = run("merge", base, ours, theirs, "-o", out)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == "conflict: Ana · title: ours A / theirs Z (kept: ours)"
    assert store.load(out).find_people("Ana")[0].title == "A"
    before = out.read_bytes()
    done = run("merge", base, ours, theirs, "-o", out)  # an existing other file needs --force
    assert done.returncode == 2 and done.stderr.startswith("error: ") and out.read_bytes() == before


def test_merge_verb_refuses_bad_input_and_writes_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.cwalk"
    store.save(small_map(), good, backups=0)
    damaged = tmp_path / "damaged.cwalk"
    damaged.write_text('{"meta": ', encoding="utf-8")
    before = good.read_bytes()
    done = run("merge", good, good, damaged)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert all(line.startswith("error: ") for line in done.stderr.splitlines())
    assert good.read_bytes() == before and not (tmp_path / "good.cwalk.bak1").exists()
    done = run("merge", tmp_path / "missing.cwalk", good, damaged)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 2  # both problems at once
    not_repo = tmp_path / "plain"
    not_repo.mkdir()
    done = run("setup-git", not_repo)
    assert done.returncode == 2 and done.stderr.startswith("error: ")
    assert not (not_repo / ".gitattributes").exists()


def test_diff_and_show_speak_in_words(tmp_path: Path) -> None:
    a, b = tmp_path / "a.cwalk", tmp_path / "b.cwalk"
    store.save(small_map(), a, backups=0)
    shutil.copy(a, b)
    edit(b, "Ana", name="Ana Lopez — مرحبا 😀")
    done = run("diff", a, b)
    assert done.returncode == 0
    assert "Ana renamed to Ana Lopez — مرحبا 😀" in done.stdout and "1 change" in done.stdout
    done = run("show", b)
    assert done.returncode == 0 and "Person: Ana Lopez — مرحبا 😀" in done.stdout
