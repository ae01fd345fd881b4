"""File > Merge from File… and the offer to merge a cloud drive's conflicted copy: the review lists
changes and conflicts, the user picks per conflict, and the merge is one undo step."""
from __future__ import annotations

from pathlib import Path

from canvas_fixtures import sample_map
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from gui.commands import UpdateCommand
from gui.files.merge_dialog import OURS, THEIRS, MergeReview
from model.storage import store

LEFT = Qt.MouseButton.LeftButton


def click_check(qtbot, review: MergeReview, key: str, column: int) -> None:
    """Click the tick box in one cell of the review, where a person would."""
    tree = review.tree
    item = review.conflict_items[key]
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    left = tree.header().sectionPosition(column) - tree.header().offset()
    qtbot.mouseClick(tree.viewport(), LEFT, pos=QPoint(left + 12, rect.center().y()))


def two_copies(tmp_path: Path) -> tuple[Path, Path]:
    """team.cwalk (saved) and a copy a colleague edited: Ana's and Luc's titles, and Eli's name."""
    path = tmp_path / "team.cwalk"
    store.save(sample_map(), path)
    theirs = store.load(path)
    theirs.update("person", "ana", title="Theirs: sales lead")
    theirs.update("person", "luc", title="Theirs: counsel")
    theirs.update("person", "eli", name="Eli Engineer-Smith")
    copy = tmp_path / "team (conflicted copy).cwalk"
    store.save(theirs, copy)
    return path, copy


def test_merge_from_file_with_one_conflict_chosen_each_way(qtbot, window, tmp_path, monkeypatch) -> None:
    path, copy = two_copies(tmp_path)
    assert window.open_path(path)
    doc = window.document
    window.scene.push([UpdateCommand(doc, "person", "ana", {"title": "Ours: account lead"}),
                       UpdateCommand(doc, "person", "luc", {"title": "Ours: legal lead"})], "edits")
    steps_before = window.undo_stack.count()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy), ""))
    window.file.merging.merge_from.trigger()
    review = window.file.merging.review
    assert review is not None and review.isVisible()
    keys = {c.path[1]: c.key for c in review.result_of_merge().conflicts}
    assert set(keys) == {"ana", "luc"}  # Eli's new name is no conflict: only they changed it
    ana = review.conflict_items[keys["ana"]]
    assert (ana.text(OURS), ana.text(THEIRS)) == ("Ours: account lead", "Theirs: sales lead")
    assert "Ana Seller · title" in ana.text(0)
    listed = review.tree.topLevelItem(1)
    changes = [tuple(listed.child(i).text(n) for n in range(3)) for i in range(listed.childCount())]
    assert ("Eli Engineer-Smith · name", "Eli Engineer", "Eli Engineer-Smith") in changes

    click_check(qtbot, review, keys["ana"], THEIRS)  # take theirs for Ana
    chosen = {c.key: c.chosen for c in review.result_of_merge().conflicts}
    qtbot.waitUntil(lambda: {c.key: c.chosen for c in review.result_of_merge().conflicts} != chosen)
    assert review.conflict_items[keys["ana"]].checkState(THEIRS) == Qt.CheckState.Checked
    assert review.conflict_items[keys["ana"]].checkState(OURS) == Qt.CheckState.Unchecked
    assert review.conflict_items[keys["luc"]].checkState(OURS) == Qt.CheckState.Checked  # Luc: keep ours
    qtbot.mouseClick(review.apply_button, LEFT)

    people = window.document.people
    assert people["ana"].title == "Theirs: sales lead"
    assert people["luc"].title == "Ours: legal lead"
    assert people["eli"].name == "Eli Engineer-Smith"
    assert window.undo_stack.count() == steps_before + 1  # the whole merge is one undo step
    assert window.document.meta.conflicts == []  # every conflict was settled in the review
    assert window.scene.cards["eli"].isVisible()
    window.edit.undo.trigger()
    assert (people["ana"].title, people["eli"].name) == ("Ours: account lead", "Eli Engineer")
    window.edit.redo.trigger()
    assert people["ana"].title == "Theirs: sales lead"


def test_a_conflicted_copy_beside_the_map_is_offered_without_asking(qtbot, window, tmp_path) -> None:
    path, copy = two_copies(tmp_path)
    assert window.open_path(path)
    offer = window.file.merging
    assert len(offer.offers) == 1 and copy.name in offer.offer_label.text()
    assert not offer.offers[0].isHidden()
    qtbot.mouseClick(offer.offer_button, LEFT)
    review = offer.review
    assert review is not None and review.result_of_merge().conflicts == []  # ours is unchanged
    qtbot.mouseClick(review.apply_button, LEFT)
    assert window.document.people["luc"].title == "Theirs: counsel"
    assert window.is_modified()  # merged, not yet saved


def test_cancelling_the_review_changes_nothing(qtbot, window, tmp_path, monkeypatch) -> None:
    path, copy = two_copies(tmp_path)
    assert window.open_path(path)
    window.file.merging.merge_from_file(copy)
    review = window.file.merging.review
    assert review is not None
    review.reject()
    assert window.document.people["luc"].title == "Legal manager"
    assert window.undo_stack.count() == 0 and not window.is_modified()


def test_conflicts_a_merge_left_in_the_map_are_offered_for_review(qtbot, window, tmp_path) -> None:
    """`main.py merge` (or git) kept ours and stored the conflict; the app lets the user pick later."""
    from model.merging.three_way import merge_documents

    base = sample_map()
    ours, theirs = base.clone(), base.clone()
    ours.update("person", "luc", title="Ours")
    theirs.update("person", "luc", title="Theirs")
    theirs.update("person", "eli", title="Theirs too")
    merged = merge_documents(base, ours, theirs).document()
    path = tmp_path / "merged.cwalk"
    store.save(merged, path)
    assert window.open_path(path)
    offers = window.file.merging
    assert "1 merge conflict from an earlier merge waits for review" in offers.offer_label.text()
    qtbot.mouseClick(offers.offer_button, LEFT)
    review = offers.review
    assert review is not None
    [key] = list(review.conflict_items)
    item = review.conflict_items[key]
    assert (item.text(OURS), item.text(THEIRS)) == ("Ours", "Theirs")
    click_check(qtbot, review, key, THEIRS)
    qtbot.waitUntil(lambda: review.result_of_merge().conflicts[0].chosen == "theirs")
    qtbot.mouseClick(review.apply_button, LEFT)
    doc = window.document
    assert doc.people["luc"].title == "Theirs" and doc.people["eli"].title == "Theirs too"
    assert doc.meta.conflicts == []
    window.edit.undo.trigger()
    assert doc.people["luc"].title == "Ours" and len(doc.meta.conflicts) == 1


def test_the_common_version_is_found_after_more_saves_than_the_backups_keep(qtbot, window, tmp_path) -> None:
    path, copy = two_copies(tmp_path)
    assert window.open_path(path)
    window.save()  # the version the copy started from is now map.cwalk.bak1 and in the data folder
    for n in range(4):  # more saves than the three backups keep
        window.scene.push(UpdateCommand(window.document, "person", "ana", {"title": f"Ours {n}"}))
        window.save()
    window.file.merging.merge_from_file(copy)
    review = window.file.merging.review
    assert review is not None
    keys = [c.path for c in review.result_of_merge().conflicts]
    assert keys == [("people", "ana", "title")]  # Luc's and Eli's changes come in cleanly


def test_importing_story_forms_goes_through_the_same_review(qtbot, window, tmp_path, monkeypatch) -> None:
    from pypdf import PdfReader, PdfWriter

    from export.story_form import write_story_form

    form, filled = tmp_path / "luc.pdf", tmp_path / "luc-filled.pdf"
    write_story_form(window.document, "luc", form)
    writer = PdfWriter(clone_from=PdfReader(form))
    writer.update_page_form_field_values(writer.pages[0], {"story_moment": "The day a buyer called back"},
                                         auto_regenerate=False)
    with filled.open("wb") as handle:
        writer.write(handle)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(filled)], ""))
    window.file.merging.import_forms.trigger()
    review = window.file.merging.review
    assert review is not None and "luc-filled.pdf" in review.windowTitle()
    listed = review.tree.topLevelItem(0)
    assert listed.child(0).text(THEIRS) == "The day a buyer called back"
    qtbot.mouseClick(review.apply_button, LEFT)
    assert window.document.people["luc"].story.moment == "The day a buyer called back"
    window.edit.undo.trigger()
    assert window.document.people["luc"].story.moment == ""
