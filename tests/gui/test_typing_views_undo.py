"""Typing a name in the inspector, then undoing it: every view updated edit by edit (the card,
the inspector, the roster row, the snapshot the insights and autosave read, the insights
themselves) shows what a window built afresh on the same map shows (issue 19, session 8)."""
from __future__ import annotations

from canvas_fixtures import open_window
from PySide6.QtCore import Qt
from test_stalls_insights import shown

from bench.mapgen import make_big_map
from model.storage import snapshot
from model.storage.serialize import from_data, to_data


def views(window, pid: str) -> dict:
    """What the window shows of `pid` and of the map, in words."""
    form = window.inspector.person_form
    return {
        "card": window.scene.cards[pid].face,
        "inspector": (form.title_label.text(), form.subtitle.text(), form.name.text(), form.title.text()),
        "roster": list(window.palette_panel.model.rows),
        "insights": shown(window.insights),
    }


def settled(qtbot, window) -> None:
    """The snapshot copies made in the pause, the insights analysed again and shown."""
    doc = window.document
    qtbot.waitUntil(lambda: snapshot.warm(doc, 0) == 0, timeout=10000)
    window.insights.refresh_now()
    window.insights.wait_for_idle()
    qtbot.waitUntil(lambda: window.insights.report is not None and not window.insights._running,
                    timeout=20000)
    qtbot.wait(50)


def afresh(qtbot, tmp_path, monkeypatch, window, pid: str) -> dict:
    """The same views from a new window on a copy of the map (everything built from scratch)."""
    fresh = open_window(qtbot, tmp_path / "fresh", monkeypatch, from_data(to_data(window.document)))
    fresh.scene.select_ids([pid], centre=False)
    qtbot.waitUntil(lambda: fresh.inspector.person_form.ids == [pid], timeout=5000)
    settled(qtbot, fresh)
    seen = views(fresh, pid)
    fresh.insights.set_document(None)
    fresh.close()
    return seen


def test_typing_a_name_then_undoing_it_shows_what_a_fresh_window_shows(qtbot, tmp_path, monkeypatch, boxes):
    doc = make_big_map(60, seed=31)
    window = open_window(qtbot, tmp_path, monkeypatch, doc)
    pid = max(window.scene.cards, key=lambda p: (len(window.scene.cards[p].handoffs), p))
    window.scene.select_ids([pid], centre=True)
    form = window.inspector.person_form
    qtbot.waitUntil(lambda: form.ids == [pid], timeout=5000)
    settled(qtbot, window)
    before = views(window, pid)
    original = doc.people[pid].name

    form.name.setFocus()
    form.name.end(False)
    qtbot.keyClicks(form.name, " Jr & <b>")
    form.name.insert(" 名前 ü")  # (keyClicks cannot type beyond ASCII)
    qtbot.wait(30)
    typed = f"{original} Jr & <b> 名前 ü"
    assert doc.people[pid].name == typed
    settled(qtbot, window)
    after_typing = views(window, pid)
    assert after_typing["card"].name == typed and after_typing["inspector"][0] == typed
    assert to_data(snapshot.snapshot_of(doc)) == to_data(doc)
    assert after_typing == afresh(qtbot, tmp_path, monkeypatch, window, pid)

    form.name.setFocus()
    for _ in range(40):  # Ctrl+Z in the field: the map's one history, until the name is back
        if doc.people[pid].name == original:
            break
        qtbot.keyClick(form.name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(30)
    settled(qtbot, window)
    undone = views(window, pid)
    assert undone == before
    assert form.name.text() == original
    assert to_data(snapshot.snapshot_of(doc)) == to_data(doc)
    assert undone == afresh(qtbot, tmp_path, monkeypatch, window, pid)
    window.insights.set_document(None)
