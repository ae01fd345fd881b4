"""The insights dock after the memory cuts of issue 19 (a lazy findings model, memory handed
back after each analysis) shows exactly what a fresh analysis of the map shows."""
from __future__ import annotations

import datetime as dt
import sys

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QUndoStack

from bench.mapgen import make_big_map
from gui.commands import UpdateCommand
from gui.insights_panel import InsightsPanel
from gui.jobs import memory
from gui.lists.findings_tree import HANDOFFS_ROLE, KEY_ROLE, PEOPLE_ROLE, tree_rows
from model.analysis.insights import analyse
from model.storage import store
from model.storage.serialize import to_data

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def panel(qtbot):
    widget = InsightsPanel(today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    widget.show()
    yield widget
    widget.set_document(None)
    widget.wait_for_idle()


def shown(panel) -> list[tuple]:
    """Every row as the view reads it: text, tooltip, ids, and each finding under its group."""
    model = panel.tree.model()

    def row(index) -> tuple:
        return (index.data(), index.data(Qt.ItemDataRole.ToolTipRole), index.data(KEY_ROLE),
                index.data(PEOPLE_ROLE), index.data(HANDOFFS_ROLE),
                [row(model.index(j, 0, index)) for j in range(model.rowCount(index))])

    return [row(model.index(i, 0)) for i in range(model.rowCount())]


def test_after_edits_the_dock_shows_what_a_fresh_analysis_finds(panel, qtbot):
    doc = make_big_map(300, seed=5)
    with qtbot.waitSignal(panel.reportReady, timeout=20000):
        panel.set_document(doc)
    stack = QUndoStack()
    people = list(doc.people)
    for step, pid in enumerate(people[:3]):
        with qtbot.waitSignal(panel.reportReady, timeout=20000):
            stack.push(UpdateCommand(doc, "person", pid, {"name": f"Renamed <&> 契約 {step}"}))
            panel.refresh_now()
    fresh = analyse(doc, today=TODAY)
    assert panel.report == fresh
    assert panel.findings.shown == tree_rows(fresh)
    expected = InsightsPanel(today=TODAY)  # a dock that never saw the map before
    qtbot.addWidget(expected)
    expected.findings.fill(tree_rows(fresh))
    assert shown(panel) == shown(expected)
    assert any("Renamed <&> 契約 2" in child[0] for group in shown(panel) for child in group[5])


def test_memory_is_handed_back_after_each_analysis(panel, qtbot, monkeypatch):
    calls = []
    monkeypatch.setattr(memory, "release_free_memory", lambda: calls.append(1) or True)
    doc = make_big_map(60, seed=2)
    with qtbot.waitSignal(panel.reportReady, timeout=20000):
        panel.set_document(doc)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=2000)
    with qtbot.waitSignal(panel.reportReady, timeout=20000):
        doc.update("person", next(iter(doc.people)), name="Someone else")
        panel.refresh_now()
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=2000)


def test_freed_memory_can_be_handed_back_on_linux():
    assert memory.release_free_memory() is sys.platform.startswith("linux")  # elsewhere: nothing to do


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_an_opened_map_is_painted_before_its_analysis_starts(window, qtbot, tmp_path):
    path = tmp_path / "big.cwalk"
    store.save(make_big_map(400, seed=3), path, backups=0)
    panel = window.insights
    panel.wait_for_idle()
    paints = _Paints()
    window.view.viewport().installEventFilter(paints)
    started: list[int] = []
    submit = panel.jobs.submit
    panel.jobs.submit = lambda *args, **kwargs: (started.append(paints.count), submit(*args, **kwargs))[1]
    assert window.open_path(path, ask=False)
    assert not started  # not yet: the map is drawn first
    with qtbot.waitSignal(panel.reportReady, timeout=20000):
        pass
    assert started and started[0] >= 1  # the canvas had painted the map when the analysis began
    assert panel.report == analyse(window.document, today=panel.today)


def test_the_previous_report_is_freed_once_the_new_one_shows(panel, qtbot):
    import gc
    import weakref

    doc = make_big_map(60, seed=2)
    with qtbot.waitSignal(panel.reportReady, timeout=20000):
        panel.set_document(doc)
    first = weakref.ref(panel.report)
    with qtbot.waitSignal(panel.reportReady, timeout=20000):
        doc.update("person", next(iter(doc.people)), name="Someone else")
        panel.refresh_now()
    panel.wait_for_idle()
    qtbot.waitUntil(lambda: first() is None, timeout=5000)  # no edit needed to let it go
    gc.collect()
    assert panel.report is not None and first() is None


def test_a_map_only_looked_at_keeps_no_copies_and_an_edit_brings_them_back(panel, qtbot):
    from model.storage import snapshot

    doc = make_big_map(60, seed=2)
    with qtbot.waitSignal(panel.reportReady, timeout=20000):
        panel.set_document(doc)
    assert doc not in snapshot._SHARED  # analysed once, nobody edited: the copies are let go
    with qtbot.waitSignal(panel.reportReady, timeout=20000):
        doc.update("person", next(iter(doc.people)), name="Someone <&> else")
        panel.refresh_now()
    assert doc in snapshot._SHARED  # editing: the next snapshot copies only what changed
    assert panel.report == analyse(doc, today=TODAY)
    assert to_data(snapshot.snapshot_of(doc)) == to_data(doc)
