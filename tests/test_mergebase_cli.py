"""Copies of a map saved without a revision (the bundled example, an older file, one built byte for
byte), edited and written by the command line, still find the version they started from: a merge
afterwards lists only the field changed differently on both sides as a conflict."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from model.document import Document
from model.entities import Person, Story
from model.merging.revision import KEPT_SAVES, content_revision, keep_save, merge_inputs
from model.merging.three_way import merge_data
from model.storage import store
from model.storage.serialize import to_data

MAIN = Path(__file__).resolve().parent.parent / "main.py"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(MAIN), *map(str, args)], capture_output=True, text=True,
                          check=False)


def unrevisioned_map(path: Path) -> Path:
    doc = Document.with_standard_statements()
    for name, title in (("Ana", "Clerk"), ("Ben", "Clerk"), ("Cy", "Clerk")):
        doc.add("person", Person(name=name, title=title, story=Story(hand_on="forms")))
    store.save(doc, path, backups=0, stamp=False)
    assert store.load(path).meta.revision == ""
    return path


def edit(path: Path, **titles: str) -> None:
    """Someone's app: open the copy, retitle people, save."""
    from model.merging.revision import adopt_revision

    doc = store.load(path)
    adopt_revision(doc.meta, path)  # what the app does on opening a map (gui/files/merge_offer.py)
    for name, title in titles.items():
        doc.update("person", doc.find_people(name)[0].id, title=title)
    store.save(doc, path)


def conflicts_merging(ours: Path, theirs: Path) -> list[str]:
    """File > Merge from File… of `theirs` into the map `ours` as saved: the fields in conflict."""
    data = to_data(store.load(ours))
    base, their_data, _note = merge_inputs(data, ours, theirs)
    assert base, "no common version found"
    result = merge_data(base, data, their_data)
    names = {p["id"]: p["name"] for p in result.data["people"]}
    return sorted(f"{names[c.path[1]]}.{c.path[2]}" for c in result.conflicts)


def story_by_form(copy: Path, name: str, answer: str) -> None:
    """A coach sends `name` a story form and reads the answer back into `copy` (main.py verbs)."""
    form, filled = copy.with_suffix(".form.pdf"), copy.with_suffix(".filled.pdf")
    assert run("story-form", copy, "--person", name, "-o", form).returncode == 0
    writer = PdfWriter(clone_from=PdfReader(form))
    writer.update_page_form_field_values(writer.pages[0], {"story_hand_on": answer}, auto_regenerate=False)
    with filled.open("wb") as handle:
        writer.write(handle)
    done = run("import-forms", copy, filled)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_map_merged_by_the_cli_still_finds_the_version_a_third_copy_started_from(tmp_path: Path) -> None:
    team = unrevisioned_map(tmp_path / "team.cwalk")
    original = tmp_path / "original.cwalk"
    ben, cara = tmp_path / "ben.cwalk", tmp_path / "cara.cwalk"
    for copy in (original, ben, cara):
        shutil.copy(team, copy)
    first = content_revision(team.read_bytes())
    story_by_form(ben, "Ben", "approved forms")
    assert first in store.load(ben).meta.ancestors
    done = run("merge", original, team, ben)  # our map, unchanged since the copies were taken
    assert done.returncode == 0, done.stdout + done.stderr
    assert first in store.load(team).meta.ancestors  # the merged map descends from the original
    edit(cara, Cy="Cara's: buyer", Ana="Cara's: lead")
    edit(team, Ana="Ours: lead")
    original.unlink()  # nobody kept the original: the merged map's history finds it (a backup)
    assert conflicts_merging(team, cara) == ["Ana.title"]
    assert store.load(team).find_people("Ben")[0].story.hand_on == "approved forms"


def test_a_copy_whose_stories_came_back_by_import_forms_merges_against_the_original(tmp_path: Path) -> None:
    team = unrevisioned_map(tmp_path / "team.cwalk")
    copy = tmp_path / "team (coach's copy).cwalk"
    shutil.copy(team, copy)
    story_by_form(copy, "Ana", "signed forms")
    edit(team, Ana="Ours: lead")
    data = to_data(store.load(team))
    base, theirs, note = merge_inputs(data, team, copy)
    assert "started from" in note
    result = merge_data(base, data, theirs)
    assert result.conflicts == []  # her story from the form, our title: both kept
    ana = next(p for p in result.data["people"] if p["name"] == "Ana")
    assert (ana["title"], ana["story"]["hand_on"]) == ("Ours: lead", "signed forms")


def test_a_version_opened_again_stays_among_the_kept_copies(tmp_path: Path) -> None:
    """The kept copies drop the oldest beyond KEPT_SAVES; the one a map was opened from just now
    is not old, however long ago it was first kept."""
    folder = tmp_path / "revisions"
    first = "0" * 32
    keep_save(b"the first version", first, folder)
    os.utime(folder / f"{first}.cwalk", (1, 1))  # kept long ago
    for n in range(1, KEPT_SAVES):
        keep_save(b"a later save", f"{n:032x}", folder)
    keep_save(b"the first version", first, folder)  # the map was opened again at that version
    keep_save(b"one more save", "f" * 32, folder)
    assert (folder / f"{first}.cwalk").read_bytes() == b"the first version"
    assert len(list(folder.glob("*.cwalk"))) == KEPT_SAVES


def test_a_roster_merged_into_a_copy_by_the_cli_keeps_the_version_it_started_from(tmp_path: Path) -> None:
    """import-csv --into a map saved without a revision: the colleague's copy taken before still
    finds that version as common, so only the field both changed differently conflicts."""
    team = unrevisioned_map(tmp_path / "team.cwalk")
    ours, theirs = tmp_path / "ours.cwalk", tmp_path / "theirs.cwalk"
    shutil.copy(team, ours)
    shutil.copy(team, theirs)
    first = content_revision(team.read_bytes())
    roster = tmp_path / "roster.csv"
    roster.write_text("name,title,department\nDia,Buyer,Procurement\n", encoding="utf-8")
    done = run("import-csv", roster, "--into", "-o", ours)
    assert done.returncode == 0, done.stdout + done.stderr
    assert first in store.load(ours).meta.ancestors
    edit(ours, Ana="Senior clerk", Cy="Head clerk")
    edit(theirs, Ben="Lead clerk", Cy="Chief clerk")
    assert conflicts_merging(ours, theirs) == ["Cy.title"]
