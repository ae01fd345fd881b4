"""A burst of new objects (a map just opened) is frozen by the collector, not walked on the next
tick, which could land before the map's first frame; young objects are walked in small steps
(issue 19)."""
from __future__ import annotations

import gc
import time
import weakref

import pytest

from gui.jobs import main_thread_gc

# a burst far above the threshold: a window of an earlier test in this process may still be
# freeing its last report on its worker thread (a destroyed owner gives back its hold at once),
# and every object freed there lowers the young count these tests read
MARGIN = 200_000


@pytest.fixture
def held(qtbot, monkeypatch):
    qtbot.waitUntil(lambda: main_thread_gc.holders() == 0, timeout=10000)
    # an earlier test's idle slices may have asked for brisk looks a moment ago: not this test's
    monkeypatch.setattr(main_thread_gc._Pin, "brisk_until", 0.0)
    main_thread_gc.hold()  # as the app does: automatic collection off, the timer collects
    yield
    main_thread_gc.release()


def test_a_burst_of_new_objects_is_frozen_not_walked(held, monkeypatch):
    monkeypatch.setattr(main_thread_gc._Pin, "last_full", 1e18)  # no full collection due
    frozen = gc.get_freeze_count()
    burst = [[i] for i in range(main_thread_gc.BULK_OBJECTS + MARGIN)]
    assert gc.get_count()[0] > main_thread_gc.BULK_OBJECTS
    main_thread_gc._collect()
    assert gc.get_count()[0] < 1000 and len(burst) > 0
    assert gc.get_freeze_count() >= frozen + len(burst)  # moved aside, never walked
    assert main_thread_gc._Pin.watcher is None  # no input watched: nothing waits for a quiet moment


def test_a_burst_while_a_job_runs_is_walked_not_frozen(held, monkeypatch):
    monkeypatch.setattr(main_thread_gc._Pin, "last_full", 1e18)
    gc.collect(1)
    frozen = gc.get_freeze_count()
    main_thread_gc.hold()  # a background job runs: what it makes may be garbage in cycles
    try:
        burst = [[i] for i in range(main_thread_gc.BULK_OBJECTS + MARGIN)]
        main_thread_gc._collect()
        assert gc.get_count()[0] < 1000 and gc.get_freeze_count() == frozen and burst
    finally:
        main_thread_gc.release()


def test_a_full_collection_thaws_what_was_frozen(held, monkeypatch):
    class Node:
        me: object = None

    node = Node()
    node.me = node
    ref = weakref.ref(node)
    burst = [[i] for i in range(main_thread_gc.BULK_OBJECTS + MARGIN)]
    monkeypatch.setattr(main_thread_gc._Pin, "last_full", 1e18)
    main_thread_gc._collect()
    assert gc.get_freeze_count() > len(burst)
    del node  # a frozen cycle becomes garbage (a closed map's objects)
    monkeypatch.setattr(main_thread_gc._Pin, "last_full", 0.0)
    monkeypatch.setattr(main_thread_gc, "_user_busy", lambda: False)
    main_thread_gc._collect()
    assert ref() is None and gc.get_freeze_count() == 0


def test_young_objects_are_walked_in_steps(held, monkeypatch):
    monkeypatch.setattr(main_thread_gc._Pin, "last_full", 1e18)
    gc.collect(1)
    main_thread_gc._Pin.last_young = time.monotonic()
    few = [[i] for i in range(main_thread_gc.YOUNG_STEP // 2)]
    main_thread_gc._collect()  # not due yet: fewer than a step, within the interval
    assert gc.get_count()[0] > len(few) // 2  # still young, not walked
    more = [[i] for i in range(main_thread_gc.YOUNG_STEP)]
    main_thread_gc._collect()  # a step's worth: walked now, not a second later
    assert gc.get_count()[0] < 1000 and few and more


def test_the_timer_looks_often_while_a_job_runs(held):
    timer = main_thread_gc._Pin.timer
    assert timer is not None and timer.interval() == main_thread_gc.IDLE_TICK_MS
    main_thread_gc.hold()  # a background job starts
    assert timer.interval() == main_thread_gc.TICK_MS
    main_thread_gc.release()
    assert timer.interval() == main_thread_gc.IDLE_TICK_MS


def test_a_few_new_objects_are_walked_at_once(held, monkeypatch):
    monkeypatch.setattr(main_thread_gc._Pin, "last_full", 1e18)
    gc.collect(1)
    few = [[i] for i in range(main_thread_gc.YOUNG_STEP + 100)]
    main_thread_gc._collect()
    assert gc.get_count()[0] < 1000 and few
    assert main_thread_gc._Pin.watcher is None


def test_brisk_idle_work_is_looked_at_often_for_a_while(held, monkeypatch):
    """Idle slices that make many objects (arrows routed after a drop) are collected in small steps,
    as a job's are; then the timer goes back to its idle pace."""
    timer = main_thread_gc._Pin.timer
    assert timer is not None and timer.interval() == main_thread_gc.IDLE_TICK_MS
    main_thread_gc.brisk(0.05)
    assert timer.interval() == main_thread_gc.TICK_MS
    monkeypatch.setattr(main_thread_gc._Pin, "last_full", 1e18)
    time.sleep(0.06)
    main_thread_gc._collect()  # the tick after the brisk work: back to the idle pace
    assert timer.interval() == main_thread_gc.IDLE_TICK_MS
    main_thread_gc.hold()  # a job's pace is not undone by a brisk spell ending
    main_thread_gc.brisk(0.0)
    main_thread_gc._collect()
    assert timer.interval() == main_thread_gc.TICK_MS
    main_thread_gc.release()
    assert timer.interval() == main_thread_gc.IDLE_TICK_MS
