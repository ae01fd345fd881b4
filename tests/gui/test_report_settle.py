"""The insights report is kept out of the young generations once it is shown (issue 19): the first
young collection after a report arrived walked all of it (127-211 ms at 10,000 people, on the next
key typed). Freezing it must not keep old reports alive: memory stays flat over many reports."""
from __future__ import annotations

import datetime as dt
import gc

import pytest

from bench.mapgen import make_big_map
from gui.insights_panel import InsightsPanel
from gui.jobs import main_thread_gc

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def panel(qtbot, monkeypatch):
    qtbot.waitUntil(lambda: main_thread_gc.holders() == 0, timeout=10000)
    main_thread_gc.hold()  # as the app does for its life
    monkeypatch.setattr(main_thread_gc._Pin, "last_full", 1e18)  # no full collection thaws it meanwhile
    widget = InsightsPanel(today=TODAY)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.set_document(None)
    widget.wait_for_idle()
    qtbot.waitUntil(lambda: main_thread_gc.holders() == 1, timeout=10000)
    main_thread_gc.release()


def in_a_generation(obj: object) -> bool:
    """Whether a collection of some generation would walk `obj` (frozen objects are in none)."""
    return any(o is obj for o in gc.get_objects())


def idle(panel, qtbot) -> None:
    """Every job delivered: the old report was freed on the worker, only the app holds."""
    qtbot.waitUntil(lambda: not panel.jobs.busy and main_thread_gc.holders() == 1, timeout=10000)


def next_report(panel, qtbot, doc, name: str) -> None:
    with qtbot.waitSignal(panel.reportReady, timeout=30000):
        doc.update("person", next(iter(doc.people)), name=name)
        panel.refresh_now()
    idle(panel, qtbot)


def test_a_shown_report_is_frozen_not_left_young(panel, qtbot):
    doc = make_big_map(200, seed=3)
    with qtbot.waitSignal(panel.reportReady, timeout=30000):
        panel.set_document(doc)
    idle(panel, qtbot)
    report = panel.report
    assert report is not None and report.findings
    assert gc.is_tracked(report.findings)
    assert not in_a_generation(report.findings)  # frozen: no young (or full) collection walks it
    assert not in_a_generation(report.findings[0])
    assert not in_a_generation(panel.findings.shown)  # the rows made with it on the worker too


def test_many_reports_do_not_pile_up_when_frozen(panel, qtbot):
    doc = make_big_map(200, seed=3)
    with qtbot.waitSignal(panel.reportReady, timeout=30000):
        panel.set_document(doc)
    idle(panel, qtbot)
    settled = main_thread_gc._Pin.settles
    counts = []
    for step in range(6):
        next_report(panel, qtbot, doc, f"Renamed {step} <&> 契約")
        gc.collect(1)  # what a tick does: young garbage of the test itself goes
        counts.append(len(gc.get_objects()) + gc.get_freeze_count())
    assert main_thread_gc._Pin.settles >= settled + 6  # each report was frozen
    one_report = len(panel.report.findings)
    assert one_report > 100
    # a report kept alive per run would add thousands of objects each time; allow small noise
    assert counts[-1] - counts[1] < one_report, counts

