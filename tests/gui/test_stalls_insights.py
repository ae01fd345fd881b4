"""The insights panel fed by incremental snapshots (edited items copied ahead in idle slices)
shows the same as a panel that analyses a fresh copy of the map from scratch (issue 19)."""
from __future__ import annotations

import datetime as dt
import random

from PySide6.QtCore import QModelIndex, Qt

from bench.mapgen import make_big_map
from gui.insights_panel import InsightsPanel
from model.entities import Handoff, Person
from model.storage import snapshot
from model.storage.serialize import from_data, to_data

TODAY = dt.date(2026, 11, 23)


def shown(panel: InsightsPanel) -> tuple:
    """Everything the panel shows in words: status, tab titles, every row of the tree, the figures."""
    model = panel.tree.model()

    def rows(parent: QModelIndex) -> list:
        return [(model.index(i, 0, parent).data(Qt.ItemDataRole.DisplayRole), rows(model.index(i, 0, parent)))
                for i in range(model.rowCount(parent))]

    figures = [(panel.figures.topLevelItem(i).text(0), panel.figures.topLevelItem(i).text(1))
               for i in range(panel.figures.topLevelItemCount())]
    tabs = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    return panel.status.text(), tabs, rows(QModelIndex()), figures, panel.you_summary.text()


def make_panel(qtbot) -> InsightsPanel:
    panel = InsightsPanel(today=TODAY)
    qtbot.addWidget(panel)
    panel.resize(380, 600)
    return panel


def test_incremental_updates_show_what_a_full_rebuild_shows(qtbot):
    doc = make_big_map(150, seed=12)
    live = make_panel(qtbot)
    with qtbot.waitSignal(live.reportReady, timeout=20000):
        live.set_document(doc)
    rng = random.Random(5)
    for step in range(6):
        people = list(doc.people)
        with qtbot.waitSignal(live.reportReady, timeout=20000):
            doc.move_people({p: (float(step), 3.0) for p in rng.sample(people, 40)})
            doc.update("person", rng.choice(people), name=f"李 <&> {step}", stage=None)
            doc.remove("handoff", rng.choice(list(doc.handoffs)))
            doc.add("person", Person(name=f"Nobody {step}"))
            a, b = rng.sample(people, 2)
            doc.add("handoff", Handoff(source=a, target=b, what="contract", stage="build"))
            qtbot.wait(30)  # some slices copy ahead before the analysis snapshots
            live.refresh_now()
        assert snapshot.warm(doc, 0) == 0  # the snapshot took every edited item
        fresh = make_panel(qtbot)
        with qtbot.waitSignal(fresh.reportReady, timeout=20000):
            fresh.set_document(from_data(to_data(doc)))  # a new map object: everything analysed afresh
        assert shown(live) == shown(fresh), f"step {step}"
        fresh.set_document(None)
        fresh.wait_for_idle()
    live.set_document(None)
    live.wait_for_idle()


def test_the_warmer_copies_a_big_move_in_slices_before_any_snapshot(qtbot):
    doc = make_big_map(300, seed=13)
    panel = make_panel(qtbot)
    with qtbot.waitSignal(panel.reportReady, timeout=20000):
        panel.set_document(doc)
    snapshot.snapshot_of(doc)  # a snapshot was taken (the cache that follows edits exists)
    doc.move_people(dict.fromkeys(list(doc.people), (7.0, 8.0)))  # every card: more than one slice
    assert snapshot.warm(doc, 0) == len(doc.people)
    qtbot.waitUntil(lambda: snapshot.warm(doc, 0) == 0, timeout=5000)  # copied by the idle slices
    assert to_data(snapshot.snapshot_of(doc)) == to_data(doc)
    panel.set_document(None)
    panel.wait_for_idle()
