"""A fillable story form, filled in by a PDF program (pypdf here), comes back as the person's story."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from export.story_form import read_form
from model.document import Document
from model.entities import Department, Person, Story
from model.storage import store

MAIN = Path(__file__).resolve().parent.parent / "main.py"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(MAIN), *map(str, args)], capture_output=True, text=True,
                          check=False)


def fill(form: Path, out: Path, answers: dict[str, str]) -> None:
    """What a colleague's PDF reader does: type into the fields and save."""
    writer = PdfWriter(clone_from=PdfReader(form))
    writer.update_page_form_field_values(writer.pages[0], {f"story_{k}": v for k, v in answers.items()},
                                         auto_regenerate=False)
    with out.open("wb") as handle:
        writer.write(handle)


def team_map(path: Path) -> Path:
    doc = Document.with_standard_statements()
    legal = doc.add("department", Department(name="Legal", kpis=["Non-standard clauses", "Cycle time"]))
    doc.add("person", Person(name="Priya", title="Legal manager", department_id=legal.id,
                             story=Story(hand_on="Approved terms")))
    doc.add("person", Person(name="Tom"))
    store.save(doc, path, backups=0)
    return path


def test_a_filled_form_imports_back_as_the_persons_story(tmp_path: Path) -> None:
    path = team_map(tmp_path / "team.cwalk")
    form = tmp_path / "priya.pdf"
    done = run("story-form", path, "--person", "Priya", "-o", form)
    assert done.returncode == 0, done.stderr
    fields = PdfReader(form).get_fields() or {}
    assert {f"story_{k}" for k, _ in Story.PROMPTS} <= set(fields)
    assert fields["story_hand_on"]["/V"] == "Approved terms"  # prefilled with the current answer
    page_text = PdfReader(form).pages[0].extract_text()
    assert "Non-standard clauses" in page_text and "What I hand on" in page_text
    filled = tmp_path / "filled.pdf"
    answers = {"hand_on": "Approved terms, in plain words", "reaches_customer": "Buyers sign sooner",
               "why_good": "I research every angle <&> 日本語",
               "moment": "A lawyer read it in one sitting\nand signed"}
    fill(form, filled, answers)
    done = run("import-forms", path, filled)
    assert done.returncode == 0, done.stderr
    assert "filled.pdf: Priya: answered what I hand on" in done.stdout
    story = store.load(path).find_people("Priya")[0].story
    assert {k: getattr(story, k) for k in answers} == answers
    assert (tmp_path / "team.cwalk.bak1").exists()


def test_an_answer_changed_in_the_map_and_in_the_form_is_a_conflict(tmp_path: Path) -> None:
    path = team_map(tmp_path / "team.cwalk")
    form = tmp_path / "priya.pdf"
    assert run("story-form", path, "--person", "Priya", "-o", form).returncode == 0
    doc = store.load(path)
    pid = doc.find_people("Priya")[0].id
    doc.update("person", pid, story=Story(hand_on="Changed in the map"))
    store.save(doc, path)
    filled = tmp_path / "filled.pdf"
    fill(form, filled, {"hand_on": "Changed in the form", "moment": "New"})
    done = run("import-forms", path, filled)
    assert done.returncode == 1
    assert "conflict: Priya · story · what I hand on: ours Changed in the map / theirs Changed in the form" \
        in done.stdout
    story = store.load(path).people[pid].story
    assert (story.hand_on, story.moment) == ("Changed in the map", "New")


def test_forms_that_do_not_fit_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = team_map(tmp_path / "team.cwalk")
    other = team_map(tmp_path / "other.cwalk")
    form = tmp_path / "other.pdf"
    assert run("story-form", other, "--person", "Tom", "-o", form).returncode == 0
    assert read_form(form).person_id
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf")
    before = path.read_bytes()
    done = run("import-forms", path, form, junk, tmp_path / "missing.pdf")
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith("error: ") for line in lines)
    assert "not in this map" in lines[0]
    assert path.read_bytes() == before
    done = run("story-form", path, "--person", "Nobody", "-o", tmp_path / "x.pdf")
    assert done.returncode == 2 and "nobody in the map is called 'Nobody'" in done.stderr
    assert not (tmp_path / "x.pdf").exists()
    done = run("story-form", path, "--person", "Tom", "-o", tmp_path / "other.cwalk")
    assert done.returncode == 2 and other.read_bytes()
