"""Merge from File… with a colleague's `cp` of the saved map: the version both started from is found
(even when the file was saved without a revision, as the bundled example is), so only the field
both changed differently is a conflict; with no common version the review says so."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from canvas_fixtures import sample_map
from PySide6.QtWidgets import QFileDialog

from gui.commands import UpdateCommand
from model.merging.revision import content_revision
from model.storage import store


def colleague_window(qtbot, copy: Path):
    """The colleague's app: opens their copy, retitles Ana and Luc, saves."""
    from gui.main_window import MainWindow

    other = MainWindow(sample_map(), None)
    qtbot.addWidget(other)
    assert other.open_path(copy)
    doc = other.document
    other.scene.push([UpdateCommand(doc, "person", "ana", {"title": "Theirs: sales lead"}),
                      UpdateCommand(doc, "person", "luc", {"title": "Theirs: counsel"})], "their edits")
    assert other.save()
    other.session.window_closing()


def our_edits(window) -> None:
    doc = window.document
    window.scene.push([UpdateCommand(doc, "person", "eli", {"title": "Ours: engineering"}),
                       UpdateCommand(doc, "person", "luc", {"title": "Ours: legal lead"})], "our edits")


def merge_from(window, copy: Path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy), ""))
    window.file.merging.merge_from.trigger()
    review = window.file.merging.review
    assert review is not None and review.isVisible()
    return review


def check_only_luc_conflicts(window, review) -> None:
    conflicts = review.result_of_merge().conflicts
    assert [c.path[1:] for c in conflicts] == [("luc", "title")]
    assert review.tree.topLevelItem(0).text(0) == "Conflicts (1)"
    review.apply_button.click()
    people = window.document.people
    assert (people["ana"].title, people["eli"].title, people["luc"].title) == (
        "Theirs: sales lead", "Ours: engineering", "Ours: legal lead")


def test_a_copy_of_a_file_saved_without_a_revision_finds_it_as_the_common_version(
        qtbot, window, tmp_path, monkeypatch) -> None:
    ours = tmp_path / "team.cwalk"
    store.save(sample_map(), ours, stamp=False)  # like the bundled example: no revision in the file
    assert window.open_path(ours)
    copy = tmp_path / "team (Ben's copy).cwalk"
    shutil.copy(ours, copy)
    colleague_window(qtbot, copy)
    our_edits(window)
    assert window.save()  # saved, and saved again: the first version stays known
    window.scene.push([UpdateCommand(window.document, "person", "zed", {"title": "Clerk"})], "more")
    assert window.save()
    review = merge_from(window, copy, monkeypatch)
    assert [c.path[1] for c in review.result_of_merge().conflicts] == ["luc"]
    assert "started from" in review.findChild(type(review.summary), "merge-note").text()
    check_only_luc_conflicts(window, review)


def test_a_copy_of_a_copy_taken_before_we_reopened_finds_the_common_version(
        qtbot, window, tmp_path, monkeypatch) -> None:
    ours = tmp_path / "team.cwalk"
    store.save(sample_map(), ours, stamp=False)
    first = tmp_path / "first copy.cwalk"
    shutil.copy(ours, first)  # taken before the map was ever opened here
    copy = tmp_path / "copy of the copy.cwalk"
    shutil.copy(first, copy)
    assert window.open_path(ours)
    our_edits(window)  # not saved: merged into the open, edited map
    colleague_window(qtbot, copy)
    check_only_luc_conflicts(window, merge_from(window, copy, monkeypatch))


def test_with_no_common_version_the_review_says_so_and_lists_differences_not_conflicts(
        qtbot, window, tmp_path, monkeypatch) -> None:
    ours = tmp_path / "team.cwalk"
    assert window.save_as(ours)
    other = sample_map()
    other.update("person", "luc", title="Someone else's counsel")
    stranger = tmp_path / "started elsewhere.cwalk"
    store.save(other, stranger)  # the same ids, but no shared history
    review = merge_from(window, stranger, monkeypatch)
    note = review.findChild(type(review.summary), "merge-note").text()
    assert "No version both copies started from was found" in note
    assert review.tree.topLevelItem(0).text(0) == "Differences to pick (1)"
    assert "1 difference to pick" in review.summary.text() and "conflict" not in review.summary.text()
    review.apply_button.click()
    assert window.document.people["luc"].title == "Legal manager"  # ours kept until the other is picked


def test_the_autosave_of_an_edited_map_keeps_the_version_it_started_from(qtbot, window, tmp_path) -> None:
    """A crash restores the autosave: its copies' common version must survive in it."""
    ours = tmp_path / "team.cwalk"
    store.save(sample_map(), ours, stamp=False)
    assert window.open_path(ours)
    window.scene.push([UpdateCommand(window.document, "person", "eli", {"title": "Ours"})], "edit")
    assert window.session.guard.autosave_now()
    autosave = json.loads(window.session.guard.snapshot_file.read_text(encoding="utf-8"))
    [meta] = autosave["meta"].values()
    assert meta["revision"] == content_revision(ours.read_bytes())
