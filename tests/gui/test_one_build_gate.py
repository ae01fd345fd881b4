"""One gate between a half-made canvas and whatever needs the whole map (gui/canvas/mirror/
progressive.py, WholeMap): right after a big map opens only the cards near the view exist, and
every path that looks at all cards or arrows, or at one by id, meets the rest made first: the
keys, select-all, the coaching spotlight, the what-if marks, renaming a far person, a lookup
by id. No code outside the build calls `finish_build` itself any more. The threshold is
lowered so a 400-person map counts as big."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from bench.mapgen import make_big_map
from gui.canvas.items import handoff_lazy
from gui.canvas.keys import reading_order
from gui.canvas.mirror import progressive
from gui.coaching.menu import DIMMED, spotlight
from model.document import Document
from model.storage.store import save

ROOT = Path(__file__).resolve().parents[2]
N = 400


@pytest.fixture
def half_made(window, monkeypatch, tmp_path, qtbot):
    """The window right after a 400-person map opened: most cards not made yet, and the idle
    slices that would make them held back (the test acts before they would have run)."""
    monkeypatch.setattr(progressive, "BIG_FROM", 100)
    monkeypatch.setattr(handoff_lazy, "LAZY_FROM", 50)
    monkeypatch.setattr(progressive.ProgressiveBuild, "_slice", lambda self: None)
    path = tmp_path / "big.cwalk"
    save(make_big_map(N, seed=5), path, backups=0)
    assert window.open_path(path, ask=False)
    assert len(window.scene.cards) < len(placed(window.document)) / 4, "most cards wait"
    yield window
    window.undo_stack.setClean()


def placed(doc: Document) -> set[str]:
    return {pid for pid, person in doc.people.items() if person.placed}


def far_person(w) -> str:
    """A person in the walk whose card the open has not made."""
    return next(pid for pid in sorted(placed(w.document)) if pid not in w.scene.cards)


def whole(w) -> None:
    """Every placed person has a card and every hand-off between them an arrow."""
    doc, scene = w.document, w.scene
    assert not scene.progressive.active()
    assert set(scene.cards) == placed(doc)
    assert set(scene.handoff_items) == {h.id for h in doc.handoffs.values()
                                        if h.source in scene.cards and h.target in scene.cards}


def test_end_key_goes_to_the_last_card_of_the_whole_map(half_made, qtbot):
    w = half_made
    w.activateWindow()
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    whole(w)
    centres = {pid: card.scene_card_rect().center() for pid, card in w.scene.cards.items()}
    assert w.scene.selected_person_ids() == [reading_order(centres, w.scene.widths)[-1]]


def test_ctrl_a_selects_every_card_and_arrow(half_made, qtbot):
    w = half_made
    w.edit.select_all.trigger()
    whole(w)
    assert set(w.scene.selected_person_ids()) == placed(w.document)
    assert set(w.scene.selected_handoff_ids()) == set(w.scene.handoff_items)


def test_the_spotlight_dims_cards_the_open_had_not_made(half_made):
    w = half_made
    lit = far_person(w)
    spotlight(w.scene, {lit}, set())
    whole(w)
    dimmed = {pid for pid, card in w.scene.cards.items() if card.opacity() == DIMMED}
    assert dimmed == placed(w.document) - {lit}
    assert w.scene.cards[lit].opacity() == 1.0
    assert {item.opacity() for item in w.scene.handoff_items.values()} == {DIMMED}


def test_the_what_if_marks_reach_a_far_card(half_made):
    w = half_made
    far = far_person(w)
    w.scene.set_ghosted(people=[far])
    whole(w)
    assert w.scene.cards[far].opacity() < 1.0
    w.scene.set_ghosted()
    assert w.scene.cards[far].opacity() == 1.0


def test_renaming_a_far_person_opens_the_editor_on_their_card(half_made, qtbot):
    from gui.canvas.card_rename import rename_person_inline

    w = half_made
    far = far_person(w)
    editor = rename_person_inline(w, far)
    assert editor is not None, "the far card was made for the rename"
    assert w.scene.selected_person_ids() == [far]
    editor.setText("Zoë <&> 名前")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.document.people[far].name == "Zoë <&> 名前"


def test_lookups_by_id_make_the_rest_only_when_needed(half_made):
    scene, doc = half_made.scene, half_made.document
    near = next(iter(scene.cards))
    assert scene.whole.card(near) is scene.cards[near]
    assert scene.progressive.active(), "a card already made needs nothing more"
    roster_only = next((pid for pid, p in doc.people.items() if not p.placed), None)
    if roster_only is not None:
        assert scene.whole.card(roster_only) is None
        assert scene.progressive.active(), "a person with no card makes nothing"
    far = far_person(half_made)
    assert scene.whole.card(far) is scene.cards[far]
    whole(half_made)
    some = next(iter(doc.handoffs))
    assert scene.whole.arrow(some) is scene.handoff_items.get(some)
    assert scene.whole.arrow("no such hand-off") is None


def test_no_code_outside_the_build_calls_finish_build_itself():
    """The gate is the only way in: a new caller uses `scene.whole`, select_ids or select_all."""
    build = {Path("gui/canvas/scene.py"), Path("gui/canvas/mirror/progressive.py")}
    callers = [str(path.relative_to(ROOT)) for path in sorted((ROOT / "gui").rglob("*.py"))
               if path.relative_to(ROOT) not in build
               and re.search(r"\b(finish_build|progressive\.finish)\(", path.read_text(encoding="utf-8"))]
    assert callers in ([], ["gui/canvas/mirror/sync.py"]), callers  # sync: every edit meets the whole map
