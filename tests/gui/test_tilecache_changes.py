"""The tile cache never shows what the map no longer is: a rename, a move and its undo, a card
removed, each under tiles kept out of sight, show once scrolled back to; a missed invalidation
would be seen by these comparisons; the kept tiles stay within their memory budget; and the
tiles look like Qt's own paint of the scene."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication
from tilecache_fixtures import afresh, big, changed_pixels, grab, idle, into_middle, on_screen, same_as_afresh

from gui.canvas.layers import tiles
from gui.commands import MoveCommand, UpdateCommand

__all__ = ["big"]


def card_in_sight(window):
    """A card in the middle of the view (the view centred on one)."""
    view = window.view
    cards = sorted(window.scene.cards.values(), key=lambda c: (c.pos().y(), c.pos().x()))
    card = cards[len(cards) // 2]
    view.centerOn(card)
    QApplication.processEvents()
    return card


def away_and_back(view, change) -> None:
    """Scroll so the spot is out of sight (its tiles kept in the ring), `change`, scroll back."""
    bar = view.horizontalScrollBar()
    start = bar.value()
    bar.setValue(start + view.viewport().width() * 2 // 3)
    QApplication.processEvents()
    idle(view)
    change()
    QApplication.processEvents()
    bar.setValue(start)
    QApplication.processEvents()


def rename(window, card, name: str) -> None:
    window.undo_stack.push(UpdateCommand(window.document, "person", card.pid, {"name": name}, "Rename"))


def test_a_rename_under_kept_tiles_shows(big):
    view = big.view
    view.set_zoom(1.0)
    into_middle(view)
    card = card_in_sight(big)
    before = on_screen(view)
    away_and_back(view, lambda: rename(big, card, "Zuleika Quackenbush"))
    same_as_afresh(view)
    assert changed_pixels(before, grab(view)) > 50, "the new name shows"


def test_a_missed_invalidation_would_be_seen(big, monkeypatch):
    """The comparison above has teeth: with the tiles told nothing, the old name stays."""
    view = big.view
    view.set_zoom(1.0)
    into_middle(view)
    card = card_in_sight(big)
    idle(view)
    monkeypatch.setattr(tiles.TileStore, "invalidate", lambda *args, **kwargs: None)
    away_and_back(view, lambda: rename(big, card, "Zuleika Quackenbush"))
    idle(view)
    assert grab(view) != afresh(view)


def test_a_move_and_its_undo(big):
    view = big.view
    view.set_zoom(0.8)
    into_middle(view)
    card = card_in_sight(big)
    idle(view)
    doc = big.document
    old = {card.pid: doc.people[card.pid].pos}
    moved = {card.pid: (old[card.pid][0] + 60, old[card.pid][1] + 20)}
    away_and_back(view, lambda: big.undo_stack.push(MoveCommand(doc, moved, old)))
    same_as_afresh(view)
    away_and_back(view, big.undo_stack.undo)
    same_as_afresh(view)
    big.undo_stack.redo()
    same_as_afresh(view)


def test_a_card_removed_and_back(big):
    view = big.view
    view.set_zoom(0.8)
    into_middle(view)
    card = card_in_sight(big)
    idle(view)
    pid = card.pid
    big.scene.select_ids([pid], centre=False)
    QApplication.processEvents()
    away_and_back(view, lambda: big.document.remove("person", pid))
    assert pid not in big.scene.cards
    same_as_afresh(view)


def test_the_kept_tiles_stay_within_their_budget(big, monkeypatch):
    monkeypatch.setattr(tiles, "MAX_TILES", 40)
    view = big.view
    view.set_zoom(1.0)
    bar = view.verticalScrollBar()
    for value in range(bar.minimum(), bar.maximum(), max(1, (bar.maximum() - bar.minimum()) // 8)):
        bar.setValue(value)
        idle(view)
        store = view.tile_cache.store
        kept = len(store.tiles) + (len(store.stand_in[1]) if store.stand_in else 0)
        assert kept <= 40
    same_as_afresh(view)


def test_the_tiles_look_like_qts_own_paint(big):
    """Against QGraphicsView's own paint of the viewport: the same picture; Qt's stroker clips
    long curves to the paint device, so a few antialiased edge pixels differ by a few levels."""
    view = big.view
    view.set_zoom(1.0)
    into_middle(view)
    shown = on_screen(view)
    cache = view.tile_cache
    view.tile_cache = None  # QGraphicsView's paintEvent, with the pinned headers split off
    try:
        view.viewport().repaint()
        own = grab(view)
    finally:
        view.tile_cache = cache
    worst, differing = 0, 0
    for y in range(shown.height()):
        a, b = shown.constScanLine(y).tobytes(), own.constScanLine(y).tobytes()
        if a != b:
            diffs = [abs(p - q) for p, q in zip(a, b, strict=True)]
            worst = max(worst, max(diffs))
            differing += sum(1 for i in range(0, len(diffs), 4) if max(diffs[i:i + 3]) > 0)
    assert worst <= 16
    assert differing < shown.width() * shown.height() // 50
